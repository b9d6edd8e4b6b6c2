import { useState, type FormEvent } from 'react';
import { create } from 'zustand';
import type { InspectionFiguresView } from '../../../shared/contract/reports';
import type { ApiError } from '../../../shared/result';
import { call } from '../../api/client';
import { useSystem } from '../../app/system-store';
import { useLang, useT, formatDate, formatNumber } from '../../i18n';
import { Busy, ErrorBox, Field, PageHeader } from '../../ui/parts';
import { joinPath, todayIso } from '../../ui/paths';

interface ReportState {
  figures: InspectionFiguresView | undefined;
  busy: boolean;
  exported: string | undefined;
  error: ApiError | undefined;
  load(from: string, to: string, requireSeal: boolean): Promise<void>;
  exportWord(out: string, from: string, to: string, requireSeal: boolean): Promise<void>;
}

const period = (from: string, to: string) => ({ ...(from ? { from } : {}), ...(to ? { to } : {}) });

const useReport = create<ReportState>((set) => ({
  figures: undefined,
  busy: false,
  exported: undefined,
  error: undefined,
  async load(from, to, requireSeal) {
    set({ busy: true, error: undefined });
    const r = await call('reports.inspection', { ...period(from, to), requireSeal });
    set({ busy: false, ...(r.ok ? { figures: r.value } : { error: r.error }) });
  },
  async exportWord(out, from, to, requireSeal) {
    const r = await call('reports.exportInspection', { out, ...period(from, to), requireSeal });
    set(r.ok ? { exported: r.value.path, error: undefined } : { error: r.error });
  },
}));

export function ReportScreen() {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const exportDir = useSystem((s) => s.exportDir);
  const year = new Date().getFullYear();
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(todayIso());
  const [requireSeal, setRequireSeal] = useState(true);
  const r = useReport();
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void r.load(from, to, requireSeal);
  };
  const f = r.figures;
  const n = (x: number) => formatNumber(x, lang);
  return (
    <section aria-labelledby="page-title">
      <PageHeader title={t.nav.report} />
      <form className="card row" onSubmit={onSubmit} aria-label={t.report.periodLabel}>
        <Field label={t.report.from} id="report-from">
          <input id="report-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </Field>
        <Field label={t.report.to} id="report-to">
          <input id="report-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </Field>
        <label className="row">
          <input type="checkbox" checked={requireSeal} onChange={(e) => setRequireSeal(e.target.checked)} /> {t.report.requireSeal}
        </label>
        <button type="submit">{t.report.show}</button>
        {f && exportDir ? (
          <button type="button" className="secondary" onClick={() => void r.exportWord(joinPath(exportDir, `Bao-cao-kiem-tra-chu-ky-so-${todayIso()}.docx`), from, to, requireSeal)}>
            {t.report.exportWord}
          </button>
        ) : null}
      </form>
      <ErrorBox error={r.error} />
      {r.busy ? <Busy /> : null}
      {r.exported ? (
        <p className="banner" role="status">
          {t.report.exported} <span className="path">{r.exported}</span>
        </p>
      ) : null}
      {f ? (
        <div data-testid="inspection-figures">
          <dl className="facts card">
            <dt>{t.report.period}</dt>
            <dd>
              {formatDate(f.period.from, lang, false)} – {formatDate(f.period.to, lang, false)}
            </dd>
            <dt>{t.report.signingStarted}</dt>
            <dd>{f.signingStartedOn ? formatDate(f.signingStartedOn, lang, false) : t.report.notYet}</dd>
            <dt>{t.report.staffSigned}</dt>
            <dd data-figure="staffSigned">
              {n(f.staffSigned)} / {n(f.staffWorking)}
            </dd>
            <dt>{t.report.documentsSigned}</dt>
            <dd data-figure="documentsSigned">
              {n(f.documentsSigned)} / {n(f.documentsInPeriod)} ({t.report.validly(n(f.documentsValidlySigned))})
            </dd>
            <dt>{t.report.approvedPlans}</dt>
            <dd data-figure="approvedPlans">
              {n(f.approvedPlans)} ({t.report.conforming(n(f.approvedPlansConforming))})
            </dd>
            <dt>{t.report.categories}</dt>
            <dd data-figure="categories">
              {n(f.categoriesWithDocuments)} / {n(f.categoriesTotal)}
            </dd>
          </dl>
          <h2>{t.report.byCategory}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{t.report.category}</th>
                <th scope="col">{t.report.docs}</th>
                <th scope="col">{t.report.signed}</th>
              </tr>
            </thead>
            <tbody>
              {f.byCategory.map((c) => (
                <tr key={c.code}>
                  <td>{c.name}</td>
                  <td>{n(c.documents)}</td>
                  <td>{n(c.signed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {f.plans.length ? (
            <>
              <h2>{t.report.plans}</h2>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t.report.plan}</th>
                    <th scope="col">{t.report.conformingCol}</th>
                  </tr>
                </thead>
                <tbody>
                  {f.plans.map((p) => (
                    <tr key={p.uid}>
                      <td>{p.title}</td>
                      <td className={p.conforming ? 'verdict-valid' : 'verdict-invalid'}>
                        {p.conforming ? t.common.yes : `${t.common.no}: ${p.problems.join('; ')}`}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
