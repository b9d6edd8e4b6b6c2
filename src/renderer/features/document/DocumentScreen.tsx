import { useEffect, useState } from 'react';
import { useNav } from '../../app/nav';
import { useLang, useT, formatDate } from '../../i18n';
import { Busy, ErrorBox, PageHeader } from '../../ui/parts';
import { StatusBadge } from '../records/StatusBadge';
import { useDocument } from './document-store';
import { PdfPreview } from './PdfPreview';
import { SignaturesPanel } from './SignaturesPanel';

export function DocumentScreen() {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const { documentId, go } = useNav();
  const d = useDocument();
  const { open } = d;
  const [page, setPage] = useState(1);
  const [pages, setPages] = useState(1);
  useEffect(() => {
    if (documentId) void open(Number(documentId));
    setPage(1);
  }, [documentId, open]);
  if (!documentId) return <PageHeader title={t.document.title} />;
  const detail = d.detail;
  return (
    <section aria-labelledby="page-title">
      <PageHeader title={detail?.title ?? t.document.title}>
        <button type="button" className="secondary" onClick={() => go('records')}>
          {t.common.back}
        </button>
        {detail ? (
          <button type="button" onClick={() => go('sign')}>
            {t.document.toSign}
          </button>
        ) : null}
      </PageHeader>
      <ErrorBox error={d.error} />
      {!detail && !d.error ? <Busy /> : null}
      {detail ? (
        <p className="row">
          <StatusBadge status={detail.status} />
          <span className="hint">{detail.folderPath.map((f) => f.name).join(' › ')}</span>
          {detail.ownerName ? <span className="hint">· {detail.ownerName}</span> : null}
          <span className="hint">
            · {t.document.version} {detail.versions.length}
          </span>
        </p>
      ) : null}
      <div className="grid2" style={{ gridTemplateColumns: 'minmax(0, 640px) 1fr' }}>
        <div>
          {d.bytes ? (
            <>
              <PdfPreview data={d.bytes} page={page} onPageCount={setPages} label={t.document.pageOf(page, pages)} />
              <div className="row" style={{ marginTop: '0.4rem' }}>
                <button type="button" className="secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                  {t.document.prevPage}
                </button>
                <span aria-live="polite">{t.document.pageOf(page, pages)}</span>
                <button type="button" className="secondary" disabled={page >= pages} onClick={() => setPage(page + 1)}>
                  {t.document.nextPage}
                </button>
              </div>
            </>
          ) : null}
        </div>
        <div>
          <SignaturesPanel report={d.report} verifying={d.verifying} />
          {detail ? (
            <section className="card" aria-labelledby="history-title">
              <h2 id="history-title">{t.document.history}</h2>
              <ol data-testid="history">
                {detail.transitions.map((tr, i) => (
                  <li key={i}>
                    {formatDate(tr.at, lang)}: {t.status[tr.from]} → <strong>{t.status[tr.to]}</strong>
                    {tr.actorName ? ` (${tr.actorName})` : ''}
                    {tr.reason ? (
                      <div className="banner warning" data-testid="return-reason">
                        {t.document.reason}: {tr.reason}
                      </div>
                    ) : null}
                  </li>
                ))}
                {detail.transitions.length === 0 ? <li>{t.document.noHistory}</li> : null}
              </ol>
              <h3>{t.document.versions}</h3>
              <ul>
                {detail.versions.map((v) => (
                  <li key={v.id}>
                    {t.document.version} {v.number} · {t.document.origin[v.origin]} · {formatDate(v.createdAt, lang)} · {t.document.signatureCount(v.signatures.length)}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {d.audit.length ? (
            <details className="card">
              <summary>{t.document.audit(d.audit.length)}</summary>
              <ol>
                {d.audit.map((a) => (
                  <li key={a.seq}>
                    {formatDate(a.at, lang)} · {a.actor ?? '—'} · {a.action}
                  </li>
                ))}
              </ol>
            </details>
          ) : null}
        </div>
      </div>
    </section>
  );
}
