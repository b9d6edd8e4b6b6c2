/**
 * Long-term validation for one application context: the upgrade queue (in the records database), the
 * revocation checker and timestamp validator the verifier uses, and the signature-timestamp hook the
 * signer uses. Settings decide the TSA (`tsaUrl`), the default level (`signatureLevel`) and whether the
 * verifier may go online for revocation (`onlineChecks`); upgrading always needs the network.
 */
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { defineService, type AppContext } from '../context';
import { recordsService } from './records';
import { settingsService } from './settings';
import { levelOf, verificationParts } from './ltv-verification';
export { levelOf, levelReport } from './ltv-verification';
import { AppError } from '../../core/errors';
import type { TrustStore } from '../../core/pki/trust-store';
import { levelRank } from '../../core/ltv/pdf-signatures';
import { renewalDue, upgradePdf, type UpgradeDeps } from '../../core/ltv/upgrade';
import { UpgradeQueue } from '../../core/ltv/queue';
import { sha256 } from '../../core/ltv/der';
import { DEFAULT_TIMEOUTS, type LtvNetwork, type ValidationCache } from '../../core/ltv/ports';
import type { RevocationChecker, TimestampValidator } from '../../core/pdf/verify/extensions';
import { createHttpNetwork } from '../../infra/net/http';
import { createValidationCache } from '../../infra/net/validation-cache';
import { createTimestampAuthority } from '../../infra/net/tsa-client';
import { createQueueStore } from '../../infra/ltv/queue-store';
import { withTempFile } from '../../infra/fs/atomic-write';
import type { LtvAfterSign, LtvQueueItem, LtvStatus, LtvUpgradeResult, PadesLevel, QueueState } from '../../../shared/contract/ltv';

/** Re-timestamp an archive whose TSA certificate expires within this many days. */
const RENEW_WITHIN_DAYS = 180;
/** How often the queue looks for due items while the app runs (ms). */
const AUTO_RUN_INTERVAL_MS = 15_000;

/** `plan.pdf` → `plan.B-LTA.pdf` beside it. */
export const defaultUpgradeOutput = (input: string, level: PadesLevel) => path.join(path.dirname(input), `${path.basename(input, path.extname(input))}.${level}.pdf`);

export class LtvService {
  readonly network: LtvNetwork = createHttpNetwork();
  readonly cache: ValidationCache;
  private queueInstance: UpgradeQueue | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly ctx: AppContext) {
    this.cache = createValidationCache(ctx.options.dataDir);
  }

  trustStore(): TrustStore {
    return verificationParts(this.ctx, this.network, this.cache).trustStore();
  }

  async upgradeDeps(): Promise<UpgradeDeps> {
    const settings = await settingsService(this.ctx).get();
    return {
      trustStore: this.trustStore(),
      network: this.network,
      cache: this.cache,
      tsa: settings.tsaUrl ? createTimestampAuthority(this.network, settings.tsaUrl) : null,
      writeFile: withTempFile,
      renewWithinDays: RENEW_WITHIN_DAYS,
    };
  }

  get queue(): UpgradeQueue {
    if (!this.queueInstance) {
      const store = createQueueStore(recordsService(this.ctx).db);
      // An item left 'running' by a crash or a closed app is tried again.
      const iso = new Date().toISOString();
      for (const item of store.list().filter((i) => i.state === 'running')) store.update(item.id, { state: 'waiting', nextAttemptAt: iso, updatedAt: iso });
      this.queueInstance = new UpgradeQueue(
        store,
        async (input, output, level) => upgradePdf(input, output, level, await this.upgradeDeps()),
        (item) => this.ctx.events.emit('ltv.queueChanged', { item }),
      );
    }
    return this.queueInstance;
  }

  /** Starts trying due items in the background (the app and the bridge; the command line runs on demand). */
  startAutoRun(): void {
    if (this.timer || this.ctx.options.host === 'cli') return;
    this.timer = setInterval(() => void this.queue.run().catch(() => undefined), AUTO_RUN_INTERVAL_MS);
    this.timer.unref();
    void this.queue.run().catch(() => undefined);
  }

  async upgrade(input: string, output: string | undefined, level: PadesLevel | undefined, queueOnFailure: boolean): Promise<LtvUpgradeResult> {
    const src = path.resolve(input);
    if (!fs.existsSync(src)) {
      throw new AppError('LTV_SOURCE_MISSING', `Không tìm thấy tệp "${input}". Hãy kiểm tra lại đường dẫn.`, `File "${input}" not found. Check the path.`, { input });
    }
    const wanted = level ?? (await this.defaultLevel());
    const out = path.resolve(output ?? defaultUpgradeOutput(src, wanted));
    if (out === src) {
      throw new AppError('LTV_OUTPUT_IS_INPUT', 'Tệp kết quả phải khác tệp đã ký (tệp đã ký không bao giờ bị sửa). Hãy chọn tên tệp khác.', 'The output must differ from the signed input (signed files are never modified). Choose another name.');
    }
    const outcome = await upgradePdf(src, out, wanted, await this.upgradeDeps());
    const error = outcome.error ? { code: outcome.error.code, message: outcome.error.messageVi, messageEn: outcome.error.messageEn } : null;
    if (outcome.level === 'none' && outcome.error) throw outcome.error;
    let queued: LtvQueueItem | null = null;
    if (outcome.error && queueOnFailure && levelRank(outcome.level) < levelRank(wanted) && outcome.error.code !== 'LTV_NOT_SIGNED') {
      queued = this.queue.enqueue(src, out, wanted, outcome.level);
      this.startAutoRun();
    }
    return { output: outcome.written ? out : src, levelBefore: outcome.levelBefore, level: outcome.level, wantedLevel: wanted, steps: outcome.steps, queued, error };
  }

  /**
   * Tries every waiting item now. Files already at B-LTA whose archive timestamp's TSA certificate
   * expires within the renewal window go back to the queue first (re-timestamping).
   */
  async run() {
    const store = createQueueStore(recordsService(this.ctx).db);
    const now = new Date();
    for (const item of store.list().filter((i) => i.state === 'done' && i.wantedLevel === 'B-LTA' && fs.existsSync(i.output))) {
      let due = false;
      try {
        due = renewalDue(levelOf(item.output), now, RENEW_WITHIN_DAYS);
      } catch {
        due = false;
      }
      if (due) this.ctx.events.emit('ltv.queueChanged', { item: store.update(item.id, { state: 'waiting', nextAttemptAt: now.toISOString(), updatedAt: now.toISOString(), doneAt: null }) });
    }
    return this.queue.run({ force: true });
  }

  async defaultLevel(): Promise<PadesLevel> {
    const s = await settingsService(this.ctx).get();
    return s.signatureLevel;
  }

  enqueue(input: string, output: string | undefined, level: PadesLevel, documentId: number | null): LtvQueueItem {
    const src = path.resolve(input);
    const state = levelOf(src);
    const out = path.resolve(output ?? defaultUpgradeOutput(src, level));
    const item = this.queue.enqueue(src, out, level, state.level, documentId);
    this.startAutoRun();
    return item;
  }

  async status(): Promise<LtvStatus> {
    const items = createQueueStore(recordsService(this.ctx).db).list();
    const counts: Record<QueueState, number> = { waiting: 0, running: 0, done: 0, failed: 0 };
    for (const i of items) counts[i.state]++;
    const settings = await settingsService(this.ctx).get();
    return { items, counts, tsaUrl: settings.tsaUrl ?? null };
  }

  /**
   * Signs at a PAdES level: `sign` writes the signed file (with the signature-timestamp hook when the
   * level asks for a time), then the file is raised to the level right away when the services answer;
   * otherwise it is written at the level reached (B-B offline) and queued, to `NAME.<level>.pdf`.
   * Level and TSA default to Settings.
   */
  async signAtLevel<T>(
    output: string,
    level: PadesLevel | undefined,
    tsaUrl: string | undefined,
    sign: (out: string, timestamp?: (signatureValue: Uint8Array) => Promise<Uint8Array | null>) => Promise<T>,
    opts: { queue?: boolean } = {},
  ): Promise<{ result: T; ltv: LtvAfterSign }> {
    const settings = await settingsService(this.ctx).get();
    const wanted = level ?? settings.signatureLevel;
    const url = tsaUrl ?? settings.tsaUrl;
    if (wanted === 'B-B') return { result: await sign(output), ltv: { wantedLevel: wanted, level: 'B-B', queued: null, error: null } };
    const out = path.resolve(output);
    const signed = path.join(path.dirname(out), `.${path.basename(out)}.${randomBytes(4).toString('hex')}.signed.pdf`);
    const stamper = this.signatureTimestamper(url ?? undefined);
    try {
      const result = await sign(signed, stamper.hook);
      let reached = levelOf(signed).level;
      let error: AppError | null = stamper.lastFailure() ?? (url ? null : noTsaConfigured());
      let written = false;
      const offline = error !== null && error.code.startsWith('NET_');
      if (levelRank(reached) < levelRank(wanted) && !offline && url) {
        const deps = { ...(await this.upgradeDeps()), tsa: createTimestampAuthority(this.network, url) };
        const outcome = await upgradePdf(signed, out, wanted, deps);
        written = outcome.written;
        if (written) reached = outcome.level;
        error = outcome.error;
      }
      if (!written) fs.renameSync(signed, out);
      const queued = levelRank(reached) < levelRank(wanted) && opts.queue !== false ? this.enqueue(out, defaultUpgradeOutput(out, wanted), wanted, null) : null;
      return {
        result,
        ltv: { wantedLevel: wanted, level: reached, queued, error: error && levelRank(reached) < levelRank(wanted) ? { code: error.code, message: error.messageVi, messageEn: error.messageEn } : null },
      };
    } finally {
      fs.rmSync(signed, { force: true });
    }
  }

  /** The verifier's revocation checker: embedded → cache → online when Settings allow it. */
  revocation(): RevocationChecker {
    return verificationParts(this.ctx, this.network, this.cache).revocation;
  }

  timestamps(): TimestampValidator {
    return verificationParts(this.ctx, this.network, this.cache).timestamps;
  }

  /**
   * The signer's `timestamp` hook: a signature timestamp from `tsaUrl` (default: Settings) when it answers
   * within a short timeout, else null — the file is then signed at B-B and the caller queues the upgrade.
   * `lastFailure` says why the last call returned null.
   */
  signatureTimestamper(tsaUrl?: string, timeoutMs: number = DEFAULT_TIMEOUTS.tsa): { hook: (signatureValue: Uint8Array) => Promise<Uint8Array | null>; lastFailure: () => AppError | null } {
    let failure: AppError | null = null;
    return {
      hook: async (signatureValue) => {
        const url = tsaUrl ?? (await settingsService(this.ctx).get()).tsaUrl;
        if (!url) return null;
        try {
          return await createTimestampAuthority(this.network, url, timeoutMs).stamp(sha256(signatureValue));
        } catch (e) {
          failure = e instanceof AppError ? e : new AppError('LTV_TSA_FAILED', 'Không lấy được dấu thời gian.', 'Could not get a timestamp.', undefined, { cause: e });
          return null;
        }
      },
      lastFailure: () => failure,
    };
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

const noTsaConfigured = () =>
  new AppError(
    'LTV_NO_TSA',
    'Chưa cấu hình dịch vụ cấp dấu thời gian nên tệp chỉ được ký ở mức B-B. Hãy nhập địa chỉ dịch vụ (ví dụ http://ca.gov.vn/tsa) trong Cài đặt; tệp đã được đưa vào hàng đợi.',
    'No timestamp service is configured, so the file is signed at B-B only. Enter its address (for example http://ca.gov.vn/tsa) in Settings; the file has been queued.',
  );

export const ltvService = defineService((ctx: AppContext) => new LtvService(ctx), (s) => s.close());
