import { useState } from 'react';
import { create } from 'zustand';
import type { FormResult } from '../../../shared/contract/forms';
import type { ApiError } from '../../../shared/result';
import { call } from '../../api/client';
import { useSystem } from '../../app/system-store';
import { useT } from '../../i18n';
import { ErrorBox, Field, PageHeader } from '../../ui/parts';
import { joinPath, todayIso } from '../../ui/paths';

type FormKind = 'request' | 'revocation';

interface FormsState {
  busy: FormKind | undefined;
  results: Partial<Record<FormKind, FormResult>>;
  errors: Partial<Record<FormKind, ApiError>>;
  make(kind: FormKind, opts: { outDir: string; place: string; unit: string }): Promise<void>;
}

const useForms = create<FormsState>((set, get) => ({
  busy: undefined,
  results: {},
  errors: {},
  async make(kind, { outDir, place, unit }) {
    set({ busy: kind, errors: { ...get().errors, [kind]: undefined } });
    const fileName = kind === 'request' ? `Bieu-mau-de-nghi-cap-chung-thu-so-${todayIso()}.docx` : `Danh-sach-thu-hoi-chung-thu-so-${todayIso()}.docx`;
    const input = { out: joinPath(outDir, fileName), ...(place.trim() ? { place: place.trim() } : {}), ...(unit.trim() ? { unit: unit.trim() } : {}) };
    const r = kind === 'request' ? await call('forms.request', input) : await call('forms.revocation', input);
    set({
      busy: undefined,
      ...(r.ok ? { results: { ...get().results, [kind]: r.value } } : { errors: { ...get().errors, [kind]: r.error } }),
    });
  },
}));

export function FormsScreen() {
  const t = useT();
  const exportDir = useSystem((s) => s.exportDir);
  const [outDir, setOutDir] = useState<string | undefined>();
  const [place, setPlace] = useState('Hải Phòng');
  const [unit, setUnit] = useState('');
  const f = useForms();
  const dir = outDir ?? exportDir ?? '';
  return (
    <section aria-labelledby="page-title">
      <PageHeader title={t.nav.forms} />
      <p>{t.forms.intro}</p>
      <div className="card grid2">
        <Field label={t.forms.outDir} id="forms-out" hint={t.forms.outDirHint}>
          <input id="forms-out" value={dir} onChange={(e) => setOutDir(e.target.value)} />
        </Field>
        <Field label={t.forms.place} id="forms-place">
          <input id="forms-place" value={place} onChange={(e) => setPlace(e.target.value)} />
        </Field>
        <Field label={t.forms.unit} id="forms-unit" hint={t.forms.unitHint}>
          <input id="forms-unit" value={unit} onChange={(e) => setUnit(e.target.value)} />
        </Field>
      </div>
      {(['request', 'revocation'] as const).map((kind) => (
        <article key={kind} className="card" aria-labelledby={`form-${kind}`} data-form={kind}>
          <h2 id={`form-${kind}`}>{t.forms[kind].title}</h2>
          <p className="hint">{t.forms[kind].what}</p>
          <button type="button" disabled={!dir || f.busy !== undefined} onClick={() => void f.make(kind, { outDir: dir, place, unit })}>
            {f.busy === kind ? t.forms.making : t.forms[kind].make}
          </button>
          <ErrorBox error={f.errors[kind]} />
          {f.results[kind] ? (
            <div className="banner" role="status" data-testid={`form-result-${kind}`}>
              {t.forms.written(f.results[kind]!.rows)} <span className="path">{f.results[kind]!.path}</span>
              {f.results[kind]!.names.length ? <div className="hint">{f.results[kind]!.names.join(', ')}</div> : null}
            </div>
          ) : null}
        </article>
      ))}
    </section>
  );
}
