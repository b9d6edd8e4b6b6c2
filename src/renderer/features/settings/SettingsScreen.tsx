import { useEffect, useState, type FormEvent } from 'react';
import type { SchoolInfo, SchoolLevel } from '../../../shared/contract/records';
import { call } from '../../api/client';
import { useSystem } from '../../app/system-store';
import { useLang, useT, formatDate, errorText } from '../../i18n';
import { ErrorBox, Field, PageHeader } from '../../ui/parts';
import { useSettings } from './settings-store';
import { TrustSection } from './TrustSection';
import { LtvQueueSection } from './LtvQueueSection';

const LEVELS: SchoolLevel[] = ['mam_non', 'tieu_hoc', 'thcs', 'thpt', 'lien_cap'];

export function SettingsScreen() {
  const t = useT();
  const info = useSystem((s) => s.info);
  const st = useSettings();
  const { load } = st;
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section aria-labelledby="page-title">
      <PageHeader title={t.nav.settings} />
      <ErrorBox error={st.error} />
      {st.school !== undefined ? <SchoolSection key={st.school?.name ?? 'none'} /> : null}
      <YearsSection />
      <DriversSection />
      <TrustSection />
      {st.settings ? <SigningSection key={JSON.stringify(st.settings)} /> : null}
      <LtvQueueSection />
      <section className="card" aria-labelledby="set-data">
        <h2 id="set-data">{t.settings.dataTitle}</h2>
        <dl className="facts">
          <dt>{t.common.version}</dt>
          <dd>{info?.version ?? '—'}</dd>
          <dt>{t.common.dataFolder}</dt>
          <dd className="path">{info?.dataDir ?? '—'}</dd>
        </dl>
        <BackupsPart />
      </section>
    </section>
  );
}

const Saved = ({ section }: { section: string }) => {
  const t = useT();
  return useSettings((s) => s.saved) === section ? (
    <span className="verdict-valid" role="status">
      {t.common.saved}
    </span>
  ) : null;
};

function SchoolSection() {
  const t = useT();
  const { school, saveSchool } = useSettings();
  const [s, setS] = useState<SchoolInfo>(school ?? { name: '', managingUnit: '', level: 'mam_non' });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void saveSchool({ ...s, managingUnit: s.managingUnit?.trim() ? s.managingUnit.trim() : null });
  };
  return (
    <form className="card" onSubmit={onSubmit} aria-labelledby="set-school">
      <h2 id="set-school">{t.settings.schoolTitle}</h2>
      <div className="grid2">
        <Field label={t.settings.schoolName} id="school-name">
          <input id="school-name" value={s.name} onChange={(e) => setS({ ...s, name: e.target.value })} required />
        </Field>
        <Field label={t.settings.managingUnit} id="school-unit">
          <input id="school-unit" value={s.managingUnit ?? ''} onChange={(e) => setS({ ...s, managingUnit: e.target.value })} />
        </Field>
        <Field label={t.settings.level} id="school-level">
          <select id="school-level" value={s.level} onChange={(e) => setS({ ...s, level: e.target.value as SchoolLevel })}>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {t.settings.levels[l]}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="row">
        <button type="submit">{t.settings.saveSchool}</button>
        <Saved section="school" />
      </div>
    </form>
  );
}

function YearsSection() {
  const t = useT();
  const { years, addYear, school } = useSettings();
  const now = new Date();
  const startYear = now.getMonth() >= 7 ? now.getFullYear() : now.getFullYear() - 1;
  const [name, setName] = useState(`${startYear}-${startYear + 1}`);
  return (
    <form
      className="card"
      aria-labelledby="set-years"
      onSubmit={(e) => {
        e.preventDefault();
        void addYear(name);
      }}
    >
      <h2 id="set-years">{t.settings.yearsTitle}</h2>
      <p>{years.length ? years.map((y) => y.name).join(', ') : t.settings.noYear}</p>
      <div className="row">
        <label htmlFor="year-name">{t.settings.yearName}</label>
        <input id="year-name" value={name} onChange={(e) => setName(e.target.value)} pattern="\d{4}-\d{4}" />
        <button type="submit" disabled={!school}>
          {t.settings.addYear}
        </button>
        <Saved section="years" />
      </div>
      {!school ? <p className="hint">{t.settings.schoolFirst}</p> : null}
    </form>
  );
}

function DriversSection() {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const { modules, addModule, removeModule } = useSettings();
  const [path, setPath] = useState('');
  return (
    <section className="card" aria-labelledby="set-drivers">
      <h2 id="set-drivers">{t.settings.driversTitle}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t.settings.driver}</th>
            <th scope="col">{t.settings.driverFile}</th>
            <th scope="col">{t.settings.driverState}</th>
            <th scope="col">
              <span className="sr-only">{t.staff.actions}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {modules.map((m) => (
            <tr key={m.path}>
              <td>{m.label}</td>
              <td className="path">{m.path}</td>
              <td>{m.problem ? <span className="verdict-invalid">{errorText(m.problem, lang)}</span> : m.present ? t.settings.found : <span className="hint">{t.settings.notFound}</span>}</td>
              <td>
                {m.source === 'settings' ? (
                  <button type="button" className="secondary" onClick={() => void removeModule(m.path)}>
                    {t.settings.remove}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="row"
        style={{ marginTop: '0.5rem' }}
        onSubmit={(e) => {
          e.preventDefault();
          void addModule(path.trim()).then((ok) => ok && setPath(''));
        }}
      >
        <label htmlFor="driver-path">{t.settings.addDriver}</label>
        <input id="driver-path" value={path} onChange={(e) => setPath(e.target.value)} style={{ flex: 1 }} placeholder="C:\Windows\System32\…dll" />
        <button type="submit" disabled={!path.trim()}>
          {t.settings.add}
        </button>
        <Saved section="drivers" />
      </form>
    </section>
  );
}

async function stageImage(file: File): Promise<string | undefined> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const r = await call('files.stage', { fileName: file.name, contentBase64: btoa(bin), purpose: 'image' });
  if (!r.ok) {
    useSettings.setState({ error: r.error });
    return undefined;
  }
  return r.value.path;
}

function SigningSection() {
  const t = useT();
  const { settings, update } = useSettings();
  const [tsaUrl, setTsaUrl] = useState(settings?.tsaUrl ?? '');
  const [level, setLevel] = useState(settings?.signatureLevel ?? 'B-B');
  const [online, setOnline] = useState(settings?.onlineChecks ?? true);
  const image = async (key: 'signatureImagePath' | 'sealImagePath', file: File | undefined) => {
    if (!file) return;
    const path = await stageImage(file);
    if (path) await update({ [key]: path }, key);
  };
  return (
    <form
      className="card"
      aria-labelledby="set-signing"
      onSubmit={(e) => {
        e.preventDefault();
        void update({ tsaUrl: tsaUrl.trim() ? tsaUrl.trim() : null, signatureLevel: level, onlineChecks: online }, 'signing');
      }}
    >
      <h2 id="set-signing">{t.settings.signingTitle}</h2>
      <div className="grid2">
        <Field label={t.settings.signatureImage} id="sig-image" hint={settings?.signatureImagePath ?? t.settings.noImage}>
          <input id="sig-image" type="file" accept="image/png,image/jpeg" onChange={(e) => void image('signatureImagePath', e.target.files?.[0])} />
        </Field>
        <Field label={t.settings.sealImage} id="seal-image" hint={settings?.sealImagePath ?? t.settings.noImage}>
          <input id="seal-image" type="file" accept="image/png,image/jpeg" onChange={(e) => void image('sealImagePath', e.target.files?.[0])} />
        </Field>
        <Field label={t.settings.tsa} id="tsa-url" hint={t.settings.tsaHint}>
          <input id="tsa-url" type="url" value={tsaUrl} onChange={(e) => setTsaUrl(e.target.value)} placeholder="http://ca.gov.vn/tsa" />
        </Field>
        <Field label={t.settings.level2} id="sig-level">
          <select id="sig-level" value={level} onChange={(e) => setLevel(e.target.value as typeof level)}>
            {(['B-B', 'B-T', 'B-LT', 'B-LTA'] as const).map((l) => (
              <option key={l} value={l}>
                {t.settings.levelNames[l]}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <label className="row">
        <input type="checkbox" checked={online} onChange={(e) => setOnline(e.target.checked)} /> {t.settings.online}
      </label>
      <div className="row" style={{ marginTop: '0.5rem' }}>
        <button type="submit">{t.common.save}</button>
        <Saved section="signing" />
        <Saved section="signatureImagePath" />
        <Saved section="sealImagePath" />
      </div>
    </form>
  );
}

function BackupsPart() {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const { backups, backupNow } = useSettings();
  return (
    <>
      <h3>{t.settings.backups}</h3>
      <div className="row">
        <button type="button" onClick={() => void backupNow()}>
          {t.settings.backupNow}
        </button>
        <Saved section="backup" />
      </div>
      <ul>
        {backups.map((b) => (
          <li key={b.file}>
            <span className="path">{b.file}</span> · {formatDate(b.modified, lang)} · {(b.size / 1024 / 1024).toFixed(1)} MB
          </li>
        ))}
      </ul>
    </>
  );
}
