import { useEffect, useState, type FormEvent } from 'react';
import type { TokenCertificate, TokenSummary } from '../../../shared/contract/tokens';
import { useLang, useT, formatDate, errorText } from '../../i18n';
import { Busy, Empty, ErrorBox, PageHeader } from '../../ui/parts';
import { useTokens, allTokens } from './token-store';

export function TokenScreen() {
  const t = useT();
  const { modules, loading, error, refresh, session, sessionEnded, logout } = useTokens();
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const tokens = allTokens(modules);
  const moduleProblems = modules.filter((m) => m.error || m.module.problem);
  return (
    <section aria-labelledby="page-title">
      <PageHeader title={t.nav.token}>
        <button type="button" className="secondary" onClick={() => void refresh()}>
          {t.token.refresh}
        </button>
      </PageHeader>
      {sessionEnded ? <p className="banner warning" role="status">{t.token.sessionEnded[sessionEnded]}</p> : null}
      {session ? (
        <p className="banner" role="status" data-testid="session">
          {t.token.loggedInAs(session.tokenLabel)}{' '}
          <button type="button" className="link" onClick={() => void logout()}>
            {t.token.logout}
          </button>
        </p>
      ) : null}
      <ErrorBox error={error} onRetry={() => void refresh()} />
      {loading && tokens.length === 0 ? <Busy /> : null}
      {!loading && tokens.length === 0 ? <Empty>{t.token.noToken}</Empty> : null}
      <div aria-live="polite">
        {tokens.map((tk) => (
          <TokenCard key={tk.tokenId} token={tk} />
        ))}
      </div>
      {moduleProblems.length > 0 ? (
        <details className="card">
          <summary>{t.token.driverProblems(moduleProblems.length)}</summary>
          <ul>
            {moduleProblems.map((m) => (
              <ModuleProblem key={m.module.path} path={m.module.path} message={m.error ?? m.module.problem} />
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

function ModuleProblem({ path, message }: { path: string; message: Parameters<typeof errorText>[0] | undefined }) {
  const lang = useLang((s) => s.lang);
  return (
    <li>
      <span className="path">{path}</span>: {message ? errorText(message, lang) : ''}
    </li>
  );
}

function TokenCard({ token }: { token: TokenSummary }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const { login, loginErrors, busyToken, session } = useTokens();
  const [pin, setPin] = useState('');
  const [confirmFinal, setConfirmFinal] = useState(false);
  const loginError = loginErrors[token.tokenId];
  const needsFinalConfirm = token.flags.pinFinalTry || loginError?.code === 'TOKEN_PIN_FINAL_TRY';
  const pinId = `pin-${token.tokenId}`;
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await login(token.tokenId, pin, confirmFinal || undefined);
    setPin('');
    if (ok) setConfirmFinal(false);
  };
  const active = session?.tokenId === token.tokenId;
  return (
    <article className="card" aria-label={`${t.token.token} ${token.label}`} data-token={token.label}>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h2 style={{ margin: 0 }}>
          {token.label} <span className="badge">{token.moduleLabel}</span>
        </h2>
        <span className={`badge ${active ? 'ok' : ''}`}>{active ? t.token.loggedIn : t.token.notLoggedIn}</span>
      </div>
      <p className="hint">
        {token.manufacturer} · {token.model} · {t.token.serial} {token.serialNumber}
      </p>
      {token.flags.pinLocked ? <p className="error-box">{t.token.locked}</p> : null}
      {token.flags.pinCountLow && !token.flags.pinFinalTry ? <p className="banner warning">{t.token.pinCountLow}</p> : null}
      <CertificateTable certificates={token.certificates} lang={lang} />
      {!active && !token.flags.pinLocked ? (
        <form className="row" onSubmit={(e) => void onSubmit(e)} aria-label={t.token.loginForm(token.label)}>
          {token.flags.protectedAuthPath ? (
            <p className="hint">{t.token.pinPad}</p>
          ) : (
            <>
              <label htmlFor={pinId}>{t.token.pin}</label>
              <input id={pinId} type="password" autoComplete="off" inputMode="text" value={pin} onChange={(e) => setPin(e.target.value)} aria-describedby={loginError ? `${pinId}-err` : undefined} required />
            </>
          )}
          {needsFinalConfirm ? (
            <label className="row">
              <input type="checkbox" checked={confirmFinal} onChange={(e) => setConfirmFinal(e.target.checked)} /> {t.token.confirmFinal}
            </label>
          ) : null}
          <button type="submit" disabled={busyToken === token.tokenId}>
            {busyToken === token.tokenId ? t.token.loggingIn : t.token.login}
          </button>
        </form>
      ) : null}
      {loginError ? (
        <div id={`${pinId}-err`}>
          <ErrorBox error={loginError} />
          {loginError.code.startsWith('TOKEN_PIN') ? (
            <p className="tries" data-testid="pin-tries">
              {t.token.triesLeft}: {token.flags.pinLocked ? t.token.tries.none : token.flags.pinFinalTry ? t.token.tries.one : token.flags.pinCountLow ? t.token.tries.few : t.token.tries.notReduced}
            </p>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}

function CertificateTable({ certificates, lang }: { certificates: TokenCertificate[]; lang: 'vi' | 'en' }) {
  const t = useT();
  if (certificates.length === 0) return <Empty>{t.token.noCertificate}</Empty>;
  return (
    <table>
      <caption className="sr-only">{t.token.certificates}</caption>
      <thead>
        <tr>
          <th scope="col">{t.token.holder}</th>
          <th scope="col">{t.token.kind}</th>
          <th scope="col">{t.token.issuer}</th>
          <th scope="col">{t.token.validUntil}</th>
        </tr>
      </thead>
      <tbody>
        {certificates.map((c) => (
          <tr key={c.certificateId}>
            <td>{c.info.subjectCommonName}</td>
            <td>{c.info.holder === 'organisation' ? t.token.organisation : t.token.personal}</td>
            <td>{c.info.provider.name}</td>
            <td>
              {formatDate(c.info.notAfter, lang, false)}{' '}
              {c.status === 'expired' ? (
                <span className="badge bad">{t.token.expired}</span>
              ) : c.status === 'not_yet_valid' ? (
                <span className="badge warn">{t.token.notYetValid}</span>
              ) : c.daysToExpiry <= 30 ? (
                <span className="badge warn">{t.token.expiresIn(c.daysToExpiry)}</span>
              ) : (
                <span className="badge ok">{t.token.valid}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
