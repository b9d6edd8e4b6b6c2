/** The certificates the school trusts: the bundled national roots and the CAs the school added. */
import { useEffect, useState } from 'react';
import { create } from 'zustand';
import type { TrustAnchorInfo } from '../../../shared/contract/trust';
import type { ApiError } from '../../../shared/result';
import { call } from '../../api/client';
import { useLang, useT, formatDate } from '../../i18n';
import { ErrorBox } from '../../ui/parts';

interface TrustState {
  anchors: TrustAnchorInfo[];
  error: ApiError | undefined;
  added: string[];
  load(): Promise<void>;
  add(files: File[]): Promise<void>;
  remove(sha256: string): Promise<void>;
}

const bytesToBase64 = (bytes: Uint8Array) => {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
};

const useTrust = create<TrustState>((set, get) => ({
  anchors: [],
  error: undefined,
  added: [],
  async load() {
    const r = await call('trust.list', {});
    set(r.ok ? { anchors: r.value.anchors } : { error: r.error });
  },
  async add(files) {
    const added: string[] = [];
    for (const f of files) {
      const bytes = new Uint8Array(await f.arrayBuffer());
      const text = new TextDecoder().decode(bytes);
      const r = await call('trust.add', { certificate: text.includes('-----BEGIN') ? text : bytesToBase64(bytes) });
      if (!r.ok) return set({ error: r.error });
      added.push(...r.value.added.map((a) => a.subject), ...r.value.alreadyPresent.map((a) => a.subject));
    }
    set({ added, error: undefined });
    await get().load();
  },
  async remove(sha256) {
    const r = await call('trust.remove', { sha256 });
    if (!r.ok) return set({ error: r.error });
    await get().load();
  },
}));

export function TrustSection() {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const { anchors, error, added, load, add, remove } = useTrust();
  const [inputKey, setInputKey] = useState(0);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section className="card" aria-labelledby="set-trust">
      <h2 id="set-trust">{t.settings.trustTitle}</h2>
      <p className="hint">{t.settings.trustIntro}</p>
      <table data-testid="trust-table">
        <thead>
          <tr>
            <th scope="col">{t.settings.trustSubject}</th>
            <th scope="col">{t.settings.trustRole}</th>
            <th scope="col">{t.token.validUntil}</th>
            <th scope="col">
              <span className="sr-only">{t.staff.actions}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {anchors.map((a) => (
            <tr key={a.sha256}>
              <td>{a.publishedAs ?? a.subject}</td>
              <td>
                {a.role === 'anchor' ? t.settings.trustAnchor : t.settings.trustIntermediate} · {a.source === 'bundled' ? t.settings.trustBundled : t.settings.trustUser}
              </td>
              <td>{formatDate(a.notAfter, lang, false)}</td>
              <td>
                {a.source === 'user' ? (
                  <button type="button" className="secondary" onClick={() => void remove(a.sha256)}>
                    {t.settings.remove}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row" style={{ marginTop: '0.5rem' }}>
        <label htmlFor="trust-file">{t.settings.trustAdd}</label>
        <input
          key={inputKey}
          id="trust-file"
          type="file"
          multiple
          accept=".crt,.cer,.pem,.der,.p7b"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            void add(files).then(() => setInputKey((k) => k + 1));
          }}
        />
      </div>
      {added.length ? (
        <p className="verdict-valid" role="status">
          {t.settings.trustAdded(added.length)}
        </p>
      ) : null}
      <ErrorBox error={error} />
    </section>
  );
}
