import { useEffect, useState } from 'react';
import type { TokenCertificate } from '../../../shared/contract/tokens';
import { useActor, useActorView } from '../../app/actor-store';
import { useNav } from '../../app/nav';
import { useLang, useT, formatDate } from '../../i18n';
import { Empty, ErrorBox, PageHeader } from '../../ui/parts';
import { useDocument } from '../document/document-store';
import { PdfPreview, type PdfRect } from '../document/PdfPreview';
import { call } from '../../api/client';
import { StatusBadge } from '../records/StatusBadge';
import { useRecords } from '../records/records-store';
import { useTokens } from '../token/token-store';
import { QuickLogin } from './QuickLogin';
import { useSign } from './sign-store';

/** The plan's empty signature fields (from pdf.inspect), as boxes on their pages. */
function useFields(path: string | undefined): Array<{ name: string; rect: PdfRect }> {
  const [fields, setFields] = useState<Array<{ name: string; rect: PdfRect }>>([]);
  useEffect(() => {
    setFields([]);
    if (!path) return;
    let live = true;
    void call('pdf.inspect', { path }).then((r) => {
      if (!live || !r.ok) return;
      setFields(
        r.value.signatureFields
          .filter((f) => !f.signed && f.page !== null && f.rect.length === 4)
          .map((f) => {
            const [x1, y1, x2, y2] = f.rect as [number, number, number, number];
            return { name: f.name, rect: { page: f.page!, x: Math.min(x1, x2), y: Math.min(y1, y2), width: Math.abs(x2 - x1), height: Math.abs(y2 - y1) } };
          }),
      );
    });
    return () => {
      live = false;
    };
  }, [path]);
  return fields;
}

export function SignScreen() {
  const t = useT();
  const actor = useActorView();
  const documentId = useNav((s) => s.documentId);
  const { session } = useTokens();
  const reset = useSign((s) => s.reset);
  useEffect(() => reset(), [documentId, reset]);
  return (
    <section aria-labelledby="page-title">
      <PageHeader title={t.nav.sign} />
      {!actor ? <p className="banner warning">{t.actor.needed}</p> : null}
      {!session ? <QuickLogin /> : <CertificateChoice />}
      {documentId ? <OneDocument documentId={Number(documentId)} /> : <p className="hint">{t.sign.pickDocument}</p>}
      <BatchApproval />
    </section>
  );
}

/** Which certificate signs (personal) and which seals (the school's organisation certificate). */
export const useCertChoice = () => {
  const session = useTokens((s) => s.session);
  const certs = session?.certificates.filter((c) => c.status === 'valid') ?? [];
  return {
    personal: certs.filter((c) => c.info.holder === 'personal'),
    seals: certs.filter((c) => c.info.holder === 'organisation'),
  };
};

/** The chosen certificates (the first valid ones unless the user picks others). */
function useChoice() {
  const { personal, seals } = useCertChoice();
  const { personalId, sealId } = useSign();
  return {
    personal: personal.find((c) => c.certificateId === personalId) ?? personal[0],
    seal: sealId === '' ? undefined : (seals.find((c) => c.certificateId === sealId) ?? seals[0]),
  };
}

function CertificateChoice() {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const session = useTokens((s) => s.session)!;
  const { personal, seals } = useCertChoice();
  const chosen = useChoice();
  const label = (c: TokenCertificate) => `${c.info.subjectCommonName} — ${c.info.provider.name} (${t.token.validUntil.toLowerCase()} ${formatDate(c.info.notAfter, lang, false)})`;
  return (
    <section className="card" aria-labelledby="sign-cert">
      <h2 id="sign-cert">{t.sign.certificate}</h2>
      <p className="hint">{t.token.loggedInAs(session.tokenLabel)}</p>
      <div className="grid2">
        <label className="field">
          {t.sign.personal}
          <select value={chosen.personal?.certificateId ?? ''} onChange={(e) => useSign.setState({ personalId: e.target.value })} data-testid="personal-cert">
            {personal.length === 0 ? <option value="">{t.sign.noPersonal}</option> : null}
            {personal.map((c) => (
              <option key={c.certificateId} value={c.certificateId}>
                {label(c)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t.sign.seal}
          <select value={chosen.seal?.certificateId ?? ''} onChange={(e) => useSign.setState({ sealId: e.target.value })} data-testid="seal-cert">
            <option value="">{seals.length ? t.sign.noSealChosen : t.sign.noSeal}</option>
            {seals.map((c) => (
              <option key={c.certificateId} value={c.certificateId}>
                {label(c)}
              </option>
            ))}
          </select>
        </label>
      </div>
    </section>
  );
}

function OneDocument({ documentId }: { documentId: number }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const d = useDocument();
  const actorId = useActor((s) => s.actorId);
  const session = useTokens((s) => s.session);
  const sign = useSign();
  const chosen = useChoice();
  const { open } = d;
  const [page, setPage] = useState(1);
  const [pages, setPages] = useState(1);
  const [reason, setReason] = useState('');
  useEffect(() => {
    if (d.documentId !== documentId) void open(documentId);
  }, [documentId, d.documentId, open]);
  const fields = useFields(d.documentId === documentId ? d.file?.path : undefined);
  const detail = d.detail;
  if (!detail) return <ErrorBox error={d.error} />;
  const canSubmit = detail.status === 'draft' || detail.status === 'returned';
  const canApprove = detail.status === 'submitted';
  const ready = !!actorId && !!session && !!chosen.personal && !sign.busy;
  const after = () => void open(documentId).then(() => useRecords.getState().reloadTree());
  const box = sign.placement?.rect;
  return (
    <section className="card" aria-labelledby="sign-doc">
      <h2 id="sign-doc" className="row">
        {detail.title} <StatusBadge status={detail.status} />
      </h2>
      <div className="grid2" style={{ gridTemplateColumns: 'minmax(0, 560px) 1fr' }}>
        <div>
          <p className="hint">{t.sign.placeHint}</p>
          {d.bytes ? (
            <div style={{ position: 'relative' }}>
              <PdfPreview data={d.bytes} page={page} onPageCount={setPages} box={box} onPlace={(rect) => sign.setPlacement({ kind: 'box', rect })} label={t.sign.placeLabel(page, pages)} maxWidth={540} />
            </div>
          ) : null}
          <div className="row" style={{ marginTop: '0.4rem' }}>
            <button type="button" className="secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              {t.document.prevPage}
            </button>
            <span>{t.document.pageOf(page, pages)}</span>
            <button type="button" className="secondary" disabled={page >= pages} onClick={() => setPage(page + 1)}>
              {t.document.nextPage}
            </button>
          </div>
        </div>
        <div>
          {fields.length ? (
            <fieldset>
              <legend>{t.sign.fields}</legend>
              {fields.map((f) => (
                <label key={f.name} className="row">
                  <input
                    type="radio"
                    name="sig-field"
                    checked={sign.placement?.kind === 'field' && sign.placement.name === f.name}
                    onChange={() => {
                      sign.setPlacement({ kind: 'field', name: f.name, rect: f.rect });
                      setPage(f.rect.page);
                    }}
                  />
                  {t.sign.fieldLabel(f.name, f.rect.page)}
                </label>
              ))}
            </fieldset>
          ) : null}
          <h3>{t.sign.appearance}</h3>
          {box ? (
            <div className="card" data-testid="appearance-preview" style={{ borderColor: 'var(--brand)' }}>
              <div>{t.sign.signedBy(chosen.personal?.info.subjectCommonName ?? '—')}</div>
              <div className="hint">{t.sign.signedOn(formatDate(new Date().toISOString(), lang))}</div>
              {canApprove && chosen.seal ? <div className="hint">{t.sign.withSeal(chosen.seal.info.subjectCommonName)}</div> : null}
              <div className="hint">{t.sign.at(box.page, Math.round(box.x), Math.round(box.y))}</div>
              <button type="button" className="link" onClick={() => sign.setPlacement(undefined)}>
                {t.sign.clearPlacement}
              </button>
            </div>
          ) : (
            <p className="hint">{t.sign.noPlacement}</p>
          )}
          <ErrorBox error={sign.error} />
          {sign.done ? (
            <p className="banner" role="status" data-testid="sign-done">
              {t.sign.done[sign.done as 'submitted' | 'approved' | 'returned']}
            </p>
          ) : null}
          {canSubmit ? (
            <button type="button" disabled={!ready} onClick={() => void sign.submit(documentId, actorId!, { session: session!, personal: chosen.personal! }).then((ok) => ok && after())}>
              {sign.busy ? t.sign.signing : t.sign.submit}
            </button>
          ) : null}
          {canApprove ? (
            <>
              <button type="button" disabled={!ready} onClick={() => void sign.approve([documentId], actorId!, { session: session!, personal: chosen.personal!, seal: chosen.seal }).then((ok) => ok && after())}>
                {sign.busy ? t.sign.signing : chosen.seal ? t.sign.approveWithSeal : t.sign.approve}
              </button>
              <div className="field" style={{ marginTop: '1rem' }}>
                <label htmlFor="return-reason">{t.sign.returnReason}</label>
                <textarea id="return-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
                <button type="button" className="danger" disabled={!actorId || !reason.trim() || sign.busy} onClick={() => void sign.returnWithReason(documentId, actorId!, reason).then((ok) => ok && (setReason(''), after()))}>
                  {t.sign.return}
                </button>
              </div>
            </>
          ) : null}
          {!canSubmit && !canApprove ? <p className="hint">{t.sign.nothingToDo}</p> : null}
        </div>
      </div>
    </section>
  );
}

function BatchApproval() {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const s = useSign();
  const yearId = useRecords((r) => r.yearId);
  const loadYears = useRecords((r) => r.load);
  const actorId = useActor((a) => a.actorId);
  const session = useTokens((x) => x.session);
  const chosen = useChoice();
  const { loadWaiting } = s;
  useEffect(() => {
    if (yearId === undefined) void loadYears();
    else void loadWaiting(yearId);
  }, [yearId, loadWaiting, loadYears]);
  const ids = [...s.selected];
  return (
    <section className="card" aria-labelledby="batch-title">
      <h2 id="batch-title">{t.sign.batchTitle(s.waiting.length)}</h2>
      {s.waiting.length === 0 ? (
        <Empty>{t.sign.noneWaiting}</Empty>
      ) : (
        <>
          <label className="row">
            <input type="checkbox" checked={s.selected.size === s.waiting.length} onChange={(e) => s.selectAll(e.target.checked)} /> {t.sign.selectAll}
          </label>
          <ul style={{ listStyle: 'none', paddingLeft: 0, maxHeight: 220, overflow: 'auto' }} data-testid="waiting">
            {s.waiting.map((w) => (
              <li key={w.id}>
                <label className="row">
                  <input type="checkbox" checked={s.selected.has(w.id)} onChange={() => s.toggle(w.id)} /> {w.title} <span className="hint">{w.ownerName ?? ''}</span>
                </label>
              </li>
            ))}
          </ul>
          <button
            type="button"
            disabled={!actorId || !session || !chosen.personal || ids.length === 0 || s.busy}
            onClick={() => void s.approve(ids, actorId!, { session: session!, personal: chosen.personal!, seal: chosen.seal }).then(() => s.loadWaiting(yearId))}
          >
            {t.sign.approveSelected(ids.length)}
          </button>
        </>
      )}
      {s.progress && s.progress.total > 1 ? (
        <div role="status">
          <label>
            {t.sign.progress(s.progress.done, s.progress.total)}
            <progress max={s.progress.total} value={s.progress.done} />
          </label>
        </div>
      ) : null}
      {s.results && s.results.length > 1 ? (
        <ul aria-label={t.sign.results} data-testid="batch-results">
          {s.results.map((r) => (
            <li key={r.documentId} className={r.ok ? 'verdict-valid' : 'verdict-invalid'}>
              {r.title}: {r.ok ? t.sign.approvedOne : lang === 'en' ? r.error?.messageEn : r.error?.message}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
