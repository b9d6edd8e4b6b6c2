/** Small shared pieces: error box, empty state, busy indicator, page header. */
import type { ReactNode } from 'react';
import type { ApiError } from '../../shared/result';
import { errorText, useLang, useT } from '../i18n';

export function ErrorBox({ error, onRetry }: { error: ApiError | undefined; onRetry?: () => void }) {
  const lang = useLang((s) => s.lang);
  const t = useT();
  if (!error) return null;
  return (
    <div className="error-box" role="alert" data-code={error.code}>
      <strong>{t.common.error}: </strong>
      {errorText(error, lang)}
      {onRetry ? (
        <button type="button" className="link" onClick={onRetry}>
          {t.common.retry}
        </button>
      ) : null}
    </div>
  );
}

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="page-header">
      <h1 tabIndex={-1} id="page-title">
        {title}
      </h1>
      <div className="page-actions">{children}</div>
    </header>
  );
}

export function Busy({ label }: { label?: string }) {
  const t = useT();
  return (
    <p className="busy" role="status" aria-live="polite">
      {label ?? t.common.loading}
    </p>
  );
}

export function Empty({ children }: { children?: ReactNode }) {
  const t = useT();
  return <p className="empty">{children ?? t.common.none}</p>;
}

export function Field({ label, id, hint, children }: { label: string; id: string; hint?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      ) : null}
    </div>
  );
}
