import type { PdfVerificationReport, SignatureReport, Verdict } from '../../../shared/contract/verify';
import { useLang, useT, formatDate } from '../../i18n';
import { Busy, Empty } from '../../ui/parts';

const verdictClass: Record<Verdict, string> = { valid: 'verdict-valid', invalid: 'verdict-invalid', indeterminate: 'verdict-warning' };

export function SignaturesPanel({ report, verifying }: { report: PdfVerificationReport | undefined; verifying: boolean }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  if (verifying) return <Busy label={t.document.verifying} />;
  if (!report) return null;
  return (
    <section aria-labelledby="sig-title" className="card">
      <h2 id="sig-title">{t.document.signatures(report.signatures.length)}</h2>
      <p className={verdictClass[report.verdict]} data-testid="verification-summary">
        {lang === 'en' ? report.summaryEn : report.summaryVi}
      </p>
      {report.signatures.length === 0 ? <Empty>{t.document.noSignature}</Empty> : null}
      <ol className="signatures" style={{ paddingLeft: '1.2rem' }}>
        {report.signatures.map((s) => (
          <SignatureItem key={s.index} s={s} lang={lang} />
        ))}
      </ol>
      {report.notes.length ? (
        <ul className="hint">
          {report.notes.map((n) => (
            <li key={n.code}>{lang === 'en' ? n.en : n.vi}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function SignatureItem({ s, lang }: { s: SignatureReport; lang: 'vi' | 'en' }) {
  const t = useT();
  const name = s.signer?.subjectCommonName ?? s.nameInDictionary ?? t.document.unknownSigner;
  const time = s.signingTime?.usedForValidation ?? s.signingTime?.claimed ?? null;
  const later = s.modifications.filter((m) => m.revision > (s.revision ?? 0));
  return (
    <li className="signature" data-verdict={s.verdict} data-signer={name} style={{ marginBottom: '0.7rem' }}>
      <div className="row">
        <strong>{name}</strong>
        {s.signer?.holder === 'organisation' ? <span className="badge">{t.document.seal}</span> : null}
        <span className={verdictClass[s.verdict]}>{t.document.verdict[s.verdict]}</span>
      </div>
      <div className="hint">
        {t.document.signedAt} {formatDate(time, lang)}
        {s.signingTime?.usedSource === 'timestamp' ? ` (${t.document.byTimestamp})` : ''}
        {s.issuingCa ? ` · ${t.document.issuedBy} ${s.issuingCa}` : ''}
        {s.managingUnit ? ` · ${s.managingUnit}` : ''}
      </div>
      {s.reasons.length ? (
        <ul>
          {s.reasons.map((r) => (
            <li key={r.code}>{lang === 'en' ? r.en : r.vi}</li>
          ))}
        </ul>
      ) : null}
      <div className="hint">
        {later.length === 0 ? (
          s.coversWholeFile ? t.document.noChangeAfter : null
        ) : (
          <>
            {t.document.changesAfter}
            <ul>
              {later.map((m, i) => (
                <li key={i} className={m.allowed ? '' : 'verdict-invalid'}>
                  {lang === 'en' ? m.en : m.vi}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </li>
  );
}
