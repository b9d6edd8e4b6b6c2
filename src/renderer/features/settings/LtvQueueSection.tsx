/** The long-term-validation queue: what waits for the network, what is done, the last error of each file. */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { LtvStatus } from '../../../shared/contract/ltv';
import type { ApiError } from '../../../shared/result';
import { call, onEvent, transport } from '../../api/client';
import { useLang, useT, formatDate } from '../../i18n';
import { ErrorBox } from '../../ui/parts';

interface QueueState {
  status: LtvStatus | undefined;
  error: ApiError | undefined;
  running: boolean;
  load(): Promise<void>;
  runNow(): Promise<void>;
}

const useQueue = create<QueueState>((set, get) => ({
  status: undefined,
  error: undefined,
  running: false,
  async load() {
    const r = await call('ltv.status', {});
    set(r.ok ? { status: r.value, error: undefined } : { error: r.error });
  },
  async runNow() {
    set({ running: true });
    const r = await call('ltv.run', {});
    set({ running: false, ...(r.ok ? {} : { error: r.error }) });
    await get().load();
  },
}));

if (transport.kind !== 'none') onEvent('ltv.queueChanged', () => void useQueue.getState().load());

const fileName = (p: string) => p.split(/[\\/]/).pop() ?? p;

export function LtvQueueSection() {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const { status, error, running, load, runNow } = useQueue();
  useEffect(() => {
    void load();
  }, [load]);
  const c = status?.counts;
  return (
    <section className="card" aria-labelledby="set-ltv">
      <h2 id="set-ltv">{t.settings.queueTitle}</h2>
      <p className="hint">{t.settings.queueIntro}</p>
      {c ? (
        <p role="status" data-testid="ltv-counts">
          {t.settings.queueCounts(c.waiting, c.running, c.done, c.failed)}
        </p>
      ) : null}
      {status && status.items.length === 0 ? <p>{t.settings.queueEmpty}</p> : null}
      {status && status.items.length > 0 ? (
        <table data-testid="ltv-queue">
          <thead>
            <tr>
              <th scope="col">{t.settings.queueFile}</th>
              <th scope="col">{t.settings.queueLevel}</th>
              <th scope="col">{t.settings.queueState}</th>
              <th scope="col">{t.settings.queueNext}</th>
            </tr>
          </thead>
          <tbody>
            {status.items.map((item) => (
              <tr key={item.id}>
                <td title={item.output}>{fileName(item.source)}</td>
                <td>
                  {item.levelNow} → {item.wantedLevel}
                </td>
                <td>
                  {t.settings.queueStates[item.state] ?? item.state}
                  {item.lastError ? <div className="hint">{lang === 'vi' ? item.lastError.message : item.lastError.messageEn}</div> : null}
                </td>
                <td>{item.nextAttemptAt ? formatDate(item.nextAttemptAt, lang, true) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <button type="button" className="secondary" disabled={running} onClick={() => void runNow()}>
        {t.settings.queueRun}
      </button>
      <ErrorBox error={error} />
    </section>
  );
}
