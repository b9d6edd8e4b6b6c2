/**
 * The durable upgrade queue. A file signed while offline is queued with the level it should reach;
 * each try runs the upgrade pipeline (which keeps whatever steps succeeded), and a transient failure
 * (no network, a TSA or OCSP responder that does not answer) schedules the next try with exponential
 * backoff (30 s doubling to 10 min). When one item succeeds the network is evidently back, so every
 * waiting item becomes due at once. Permanent failures (not a PDF, not signed, file gone) stop.
 */
import fs from 'node:fs';
import { AppError, isAppError } from '../errors';
import type { LevelNow, LtvQueueItem, PadesLevel, QueueState } from '../../../shared/contract/ltv';
import type { UpgradeOutcome } from './upgrade';

export interface UpgradeQueueStore {
  insert(item: Omit<LtvQueueItem, 'id'> & { documentId: number | null }): LtvQueueItem;
  update(id: number, patch: Partial<Omit<LtvQueueItem, 'id'>>): LtvQueueItem;
  get(id: number): LtvQueueItem | null;
  list(): LtvQueueItem[];
  /** Waiting items whose next try is at or before `nowIso` (all waiting items when null). */
  due(nowIso: string | null): LtvQueueItem[];
  /** The waiting/running item writing `output`, if any. */
  activeForOutput(output: string): LtvQueueItem | null;
}

export type UpgradeFn = (input: string, output: string, level: PadesLevel) => Promise<UpgradeOutcome>;

const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 10 * 60_000;
const PERMANENT = new Set(['LTV_NOT_SIGNED', 'PDF_NOT_PDF', 'PDF_MALFORMED', 'PDF_ENCRYPTED', 'PDF_UNSUPPORTED', 'LTV_SOURCE_MISSING']);

export const backoffMs = (attempts: number): number => Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));

export interface RunSummary {
  attempted: number;
  completed: number;
  stillWaiting: number;
  failed: number;
  items: LtvQueueItem[];
}

export class UpgradeQueue {
  private running: Promise<RunSummary> | null = null;

  constructor(
    private readonly store: UpgradeQueueStore,
    private readonly upgrade: UpgradeFn,
    private readonly onChange: (item: LtvQueueItem) => void,
    private readonly now: () => Date = () => new Date(),
    private readonly concurrency = 4,
  ) {}

  enqueue(source: string, output: string, wanted: PadesLevel, levelNow: LevelNow, documentId: number | null = null): LtvQueueItem {
    const existing = this.store.activeForOutput(output);
    const iso = this.now().toISOString();
    if (existing) {
      const item = this.store.update(existing.id, { wantedLevel: wanted, nextAttemptAt: iso, updatedAt: iso });
      this.onChange(item);
      return item;
    }
    const item = this.store.insert({ source, output, levelNow, wantedLevel: wanted, state: 'waiting', attempts: 0, nextAttemptAt: iso, lastError: null, createdAt: iso, updatedAt: iso, doneAt: null, documentId });
    this.onChange(item);
    return item;
  }

  /**
   * Tries the items that are due (all waiting ones with `force`). One run at a time: a second call while
   * a run is in progress gets that run's result.
   */
  run(opts: { force?: boolean } = {}): Promise<RunSummary> {
    if (!this.running) {
      this.running = this.runOnce(!!opts.force).finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private async runOnce(force: boolean): Promise<RunSummary> {
    const summary: RunSummary = { attempted: 0, completed: 0, stillWaiting: 0, failed: 0, items: [] };
    let pending = this.store.due(force ? null : this.now().toISOString());
    const done = new Set<number>();
    while (pending.length) {
      const batch = pending;
      pending = [];
      let anySuccess = false;
      const work = [...batch];
      const worker = async () => {
        for (let item = work.shift(); item; item = work.shift()) {
          done.add(item.id);
          summary.attempted++;
          const after = await this.tryItem(item);
          summary.items.push(after);
          if (after.state === 'done') {
            summary.completed++;
            anySuccess = true;
          } else if (after.state === 'failed') summary.failed++;
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.concurrency, work.length) }, worker));
      // The network is back: items still backing off need not wait for their timer.
      if (anySuccess && !force) pending = this.store.due(null).filter((i) => !done.has(i.id));
    }
    summary.stillWaiting = this.store.list().filter((i) => i.state === 'waiting').length;
    return summary;
  }

  private async tryItem(item: LtvQueueItem): Promise<LtvQueueItem> {
    const startIso = this.now().toISOString();
    this.onChange(this.store.update(item.id, { state: 'running', updatedAt: startIso }));
    let outcome: UpgradeOutcome | null = null;
    let error: AppError | null = null;
    try {
      // Progress already written is kept: continue from the output when it exists.
      const input = fs.existsSync(item.output) ? item.output : item.source;
      if (!fs.existsSync(input)) {
        throw new AppError('LTV_SOURCE_MISSING', `Không tìm thấy tệp đã ký "${item.source}". Tệp có thể đã bị xoá hoặc di chuyển.`, `The signed file "${item.source}" is missing; it may have been deleted or moved.`, { source: item.source });
      }
      outcome = await this.upgrade(input, item.output, item.wantedLevel);
      error = outcome.error;
    } catch (e) {
      error = isAppError(e) ? e : new AppError('LTV_UPGRADE_FAILED', `Lỗi khi nâng mức hiệu lực: ${e instanceof Error ? e.message : String(e)}`, `Upgrade error: ${e instanceof Error ? e.message : String(e)}`);
    }
    const iso = this.now().toISOString();
    const attempts = item.attempts + 1;
    const levelNow = outcome?.level ?? item.levelNow;
    const reached = !error && outcome !== null;
    const state: QueueState = reached ? 'done' : error && PERMANENT.has(error.code) ? 'failed' : 'waiting';
    const after = this.store.update(item.id, {
      state,
      attempts,
      levelNow,
      updatedAt: iso,
      nextAttemptAt: state === 'waiting' ? new Date(this.now().getTime() + backoffMs(attempts)).toISOString() : null,
      lastError: error ? { code: error.code, message: error.messageVi, messageEn: error.messageEn } : null,
      doneAt: state === 'done' ? iso : null,
    });
    this.onChange(after);
    return after;
  }
}
