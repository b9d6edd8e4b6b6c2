import { useEffect, useState, type FormEvent } from 'react';
import type { StaffView } from '../../../shared/contract/staff';
import { useLang, useT, formatDate } from '../../i18n';
import { Empty, ErrorBox, Field, PageHeader } from '../../ui/parts';
import { useStaff, type StaffDraft } from './staff-store';
import { TokenCertificatesToAttach } from './AttachCertificates';

const ROLES: StaffView['roles'] = ['teacher', 'group_head', 'vice_principal', 'principal', 'clerk', 'admin'];
const STATUSES: Array<StaffView['status']> = ['working', 'moved_province', 'left_sector', 'other'];

export function StaffScreen() {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const s = useStaff();
  const { load } = s;
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section aria-labelledby="page-title">
      <PageHeader title={t.nav.staff}>
        <button type="button" onClick={() => s.edit()}>
          {t.staff.add}
        </button>
      </PageHeader>
      <ErrorBox error={s.error} onRetry={() => void load()} />
      {s.expiring.length ? (
        <div className="banner warning" role="status">
          <strong>{t.staff.expiringTitle}</strong>
          <ul>
            {s.expiring.map((e) => (
              <li key={e.certificate.id}>
                {e.fullName}: {lang === 'en' ? e.certificate.stateLabelEn : e.certificate.stateLabel} ({formatDate(e.certificate.validTo, lang, false)})
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {s.editing ? <StaffForm key={s.editing.id ?? 'new'} /> : null}
      {s.staff.length === 0 ? (
        <Empty>{t.staff.none}</Empty>
      ) : (
        <table data-testid="staff-table">
          <thead>
            <tr>
              <th scope="col">{t.staff.fullName}</th>
              <th scope="col">{t.staff.position}</th>
              <th scope="col">{t.staff.cccd}</th>
              <th scope="col">{t.staff.phone}</th>
              <th scope="col">{t.staff.certificates}</th>
              <th scope="col">
                <span className="sr-only">{t.staff.actions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {s.staff.map((p) => (
              <tr key={p.id}>
                <td>
                  {p.fullName}
                  {p.status !== 'working' ? <div className="hint">{t.staff.status[p.status]}</div> : null}
                </td>
                <td>
                  {p.position ?? ''}
                  <div className="hint">{p.roles.map((r) => t.staff.roles[r]).join(', ')}</div>
                </td>
                <td>{p.cccd ?? ''}</td>
                <td>{p.phone ?? ''}</td>
                <td>
                  {p.certificates.length === 0 ? <span className="hint">{t.staff.noCertificate}</span> : null}
                  {p.certificates.map((c) => (
                    <div key={c.id}>
                      {c.providerName} · {c.holder === 'organisation' ? t.token.organisation : t.token.personal} ·{' '}
                      <span className={`badge ${c.state === 'valid' ? 'ok' : c.state === 'expired' ? 'bad' : 'warn'}`}>{lang === 'en' ? c.stateLabelEn : c.stateLabel}</span>
                    </div>
                  ))}
                </td>
                <td>
                  <button type="button" className="secondary" onClick={() => s.edit(p)} aria-label={`${t.staff.edit}: ${p.fullName}`}>
                    {t.staff.edit}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <TokenCertificatesToAttach />
    </section>
  );
}

function StaffForm() {
  const t = useT();
  const { editing, save, cancel, saveError } = useStaff();
  const [d, setD] = useState<StaffDraft>(editing!.draft);
  const bind = (k: keyof Omit<StaffDraft, 'roles' | 'status'>) => ({ id: `staff-${k}`, value: d[k], onChange: (e: { target: { value: string } }) => setD({ ...d, [k]: e.target.value }) });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save(d);
  };
  return (
    <form className="card" onSubmit={onSubmit} aria-label={editing?.id ? t.staff.edit : t.staff.add}>
      <h2>{editing?.id ? t.staff.edit : t.staff.add}</h2>
      <div className="grid2">
        <Field label={t.staff.fullName} id="staff-fullName">
          <input {...bind('fullName')} required />
        </Field>
        <Field label={t.staff.dateOfBirth} id="staff-dateOfBirth" hint={t.staff.dateHint}>
          <input {...bind('dateOfBirth')} />
        </Field>
        <Field label={t.staff.position} id="staff-position">
          <input {...bind('position')} />
        </Field>
        <Field label={t.staff.unit} id="staff-unit">
          <input {...bind('unit')} />
        </Field>
        <Field label={t.staff.cccd} id="staff-cccd" hint={t.staff.cccdHint}>
          <input {...bind('cccd')} inputMode="numeric" />
        </Field>
        <Field label={t.staff.cccdIssuedOn} id="staff-cccdIssuedOn" hint={t.staff.dateHint}>
          <input {...bind('cccdIssuedOn')} />
        </Field>
        <Field label={t.staff.phone} id="staff-phone">
          <input {...bind('phone')} inputMode="tel" />
        </Field>
        <Field label={t.staff.statusLabel} id="staff-status">
          <select id="staff-status" value={d.status} onChange={(e) => setD({ ...d, status: e.target.value as StaffDraft['status'] })}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t.staff.status[s]}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <fieldset>
        <legend>{t.staff.rolesLabel}</legend>
        {ROLES.map((r) => (
          <label key={r} className="row" style={{ display: 'inline-flex', marginRight: '1rem' }}>
            <input type="checkbox" checked={d.roles.includes(r)} onChange={(e) => setD({ ...d, roles: e.target.checked ? [...d.roles, r] : d.roles.filter((x) => x !== r) })} />
            {t.staff.roles[r]}
          </label>
        ))}
      </fieldset>
      {d.status !== 'working' ? (
        <Field label={t.staff.statusNote} id="staff-statusNote">
          <input {...bind('statusNote')} />
        </Field>
      ) : null}
      <ErrorBox error={saveError} />
      <div className="row">
        <button type="submit">{t.common.save}</button>
        <button type="button" className="secondary" onClick={cancel}>
          {t.common.cancel}
        </button>
      </div>
    </form>
  );
}
