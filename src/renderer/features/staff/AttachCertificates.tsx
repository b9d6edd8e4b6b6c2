/** Certificates on the tokens plugged in now, each attachable to the staff member it belongs to. */
import { useEffect, useState } from 'react';
import type { TokenCertificate } from '../../../shared/contract/tokens';
import type { ApiError } from '../../../shared/result';
import { useT } from '../../i18n';
import { ErrorBox } from '../../ui/parts';
import { useTokens, allTokens } from '../token/token-store';
import { useStaff } from './staff-store';

export function TokenCertificatesToAttach() {
  const t = useT();
  const { modules, refresh } = useTokens();
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const certs = allTokens(modules).flatMap((tk) => tk.certificates.map((c) => ({ token: tk.label, c })));
  if (certs.length === 0) return null;
  return (
    <section className="card" aria-labelledby="attach-title">
      <h2 id="attach-title">{t.staff.attachTitle}</h2>
      <ul style={{ listStyle: 'none', padding: 0 }}>
        {certs.map(({ token, c }) => (
          <AttachRow key={c.certificateId} token={token} c={c} />
        ))}
      </ul>
    </section>
  );
}

function AttachRow({ token, c }: { token: string; c: TokenCertificate }) {
  const t = useT();
  const { staff, attach } = useStaff();
  const [staffId, setStaffId] = useState<number | ''>('');
  const [error, setError] = useState<ApiError | undefined>();
  const [done, setDone] = useState(false);
  const id = `attach-${c.certificateId.slice(0, 12)}`;
  return (
    <li className="row" style={{ marginBottom: '0.4rem' }}>
      <span>
        <strong>{c.info.subjectCommonName}</strong> ({c.info.provider.name}, {token})
      </span>
      <label htmlFor={id}>{t.staff.attachTo}</label>
      <select id={id} value={staffId} onChange={(e) => setStaffId(Number(e.target.value) || '')}>
        <option value="">—</option>
        {staff.map((s) => (
          <option key={s.id} value={s.id}>
            {s.fullName}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="secondary"
        disabled={!staffId}
        onClick={async () => {
          const e = await attach(c.der, token, Number(staffId));
          setError(e);
          setDone(!e);
        }}
      >
        {t.staff.attach}
      </button>
      {done ? <span className="verdict-valid">{t.common.saved}</span> : null}
      <ErrorBox error={error} />
    </li>
  );
}
