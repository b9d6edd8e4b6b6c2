/** Logging in to a token from the signing screen: pick the token, enter the PIN once. */
import { useEffect, useState, type FormEvent } from 'react';
import { useT } from '../../i18n';
import { ErrorBox } from '../../ui/parts';
import { allTokens, useTokens } from '../token/token-store';

export function QuickLogin() {
  const t = useT();
  const { modules, refresh, login, loginErrors, busyToken, sessionEnded } = useTokens();
  const [tokenId, setTokenId] = useState('');
  const [pin, setPin] = useState('');
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const tokens = allTokens(modules);
  const chosen = tokens.find((x) => x.tokenId === tokenId) ?? tokens[0];
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    await login(chosen.tokenId, pin);
    setPin('');
  };
  return (
    <form className="card" onSubmit={(e) => void onSubmit(e)} aria-labelledby="quick-login">
      <h2 id="quick-login">{t.sign.loginTitle}</h2>
      {sessionEnded ? <p className="banner warning">{t.token.sessionEnded[sessionEnded]}</p> : null}
      {tokens.length === 0 ? (
        <p>{t.token.noToken}</p>
      ) : (
        <div className="row">
          <label htmlFor="ql-token">{t.token.token}</label>
          <select id="ql-token" value={chosen?.tokenId ?? ''} onChange={(e) => setTokenId(e.target.value)}>
            {tokens.map((x) => (
              <option key={x.tokenId} value={x.tokenId}>
                {x.label} ({x.certificates.map((c) => c.info.subjectCommonName).join(', ')})
              </option>
            ))}
          </select>
          <label htmlFor="ql-pin">{t.token.pin}</label>
          <input id="ql-pin" type="password" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} required />
          <button type="submit" disabled={!chosen || busyToken !== undefined}>
            {busyToken ? t.token.loggingIn : t.token.login}
          </button>
        </div>
      )}
      {chosen ? <ErrorBox error={loginErrors[chosen.tokenId]} /> : null}
    </form>
  );
}
