import { useEffect, useRef, type ComponentType } from 'react';
import { useNav, type Screen } from './nav';
import { useSystem } from './system-store';
import { useLang, useT, errorText } from '../i18n';
import { transport } from '../api/client';
import { ErrorBox } from '../ui/parts';
import { screens } from './screens';
import { useActor } from './actor-store';
import { ScreenErrorBoundary } from './ErrorBoundary';

const NAV_ORDER: Exclude<Screen, 'document'>[] = ['token', 'records', 'sign', 'staff', 'forms', 'report', 'settings'];

export function App() {
  const t = useT();
  const { lang, setLang } = useLang();
  const { screen, go } = useNav();
  const { info, error, load, notices, dismiss } = useSystem();
  const mainRef = useRef<HTMLElement>(null);
  const actor = useActor();
  const loadStaff = actor.load;
  useEffect(() => {
    void loadStaff();
  }, [loadStaff, screen]);

  useEffect(() => {
    document.documentElement.lang = lang;
    void load();
  }, [lang, load]);

  // Moving to another screen puts the keyboard focus on its title, so screen readers announce it.
  const firstScreen = useRef(true);
  useEffect(() => {
    if (firstScreen.current) {
      firstScreen.current = false;
      return;
    }
    document.getElementById('page-title')?.focus();
  }, [screen]);

  const Current: ComponentType = screens[screen];
  return (
    <div className="shell">
      <a className="skip" href="#main">
        {t.skipToContent}
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            HSK
          </span>
          <div>
            <div className="brand-name">{t.appName}</div>
            <div className="brand-tagline">{t.appTagline}</div>
          </div>
        </div>
        <div className="topbar-right">
          <label className="row actor">
            {t.actor.label}
            <select value={actor.actorId ?? ''} onChange={(e) => actor.setActor(Number(e.target.value) || undefined)} data-testid="actor">
              <option value="">{t.actor.none}</option>
              {actor.staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.fullName}
                  {s.position ? ` — ${s.position}` : ''}
                </option>
              ))}
            </select>
          </label>
          <span className="connection" data-kind={transport.kind}>
            {t.common.connection[transport.kind]}
            {info ? ` · ${t.common.version} ${info.version}` : ''}
          </span>
          <button type="button" className="ghost" onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')} aria-label={`${t.language}: ${t.switchLanguage}`}>
            {t.switchLanguage}
          </button>
        </div>
      </header>
      <nav className="sidebar" aria-label={t.nav.label}>
        <ul>
          {NAV_ORDER.map((s) => (
            <li key={s}>
              <button type="button" data-screen={s} aria-current={screen === s || (s === 'records' && screen === 'document') ? 'page' : undefined} onClick={() => go(s)}>
                {t.nav[s]}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" ref={mainRef} className="content">
        {info?.demoProfile ? <p className="banner warning">{t.common.demoProfile}</p> : null}
        <ErrorBox error={error} onRetry={() => void load()} />
        <ScreenErrorBoundary resetKey={screen} title={t.common.screenFailed} retry={t.common.retry}>
          <Current />
        </ScreenErrorBoundary>
      </main>
      <div className="notices" aria-live="polite">
        {notices.map((n) => (
          <div key={n.id} className={`notice ${n.level}`} role={n.level === 'error' ? 'alert' : 'status'}>
            <span>{errorText({ code: '', message: n.message, messageEn: n.messageEn }, lang)}</span>
            <button type="button" className="link" onClick={() => dismiss(n.id)} aria-label={t.common.close}>
              ×
            </button>
          </div>
        ))}
      </div>
    </div>
  );
}
