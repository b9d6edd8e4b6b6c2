import { z } from 'zod';
import { method, event } from './define';

/** PAdES baseline levels (ETSI EN 319 142-1): B-B signed; B-T + trusted time; B-LT + validation data; B-LTA + archive timestamp. */
export const padesLevels = ['B-B', 'B-T', 'B-LT', 'B-LTA'] as const;
export type PadesLevel = (typeof padesLevels)[number];
export type LevelNow = PadesLevel | 'none';

export type QueueState = 'waiting' | 'running' | 'done' | 'failed';

/** One file waiting to be (or already) raised to a higher level. */
export interface LtvQueueItem {
  id: number;
  /** The signed file as it was handed over (never modified). */
  source: string;
  /** Where the upgraded file is written (a new file; every step appends an incremental revision). */
  output: string;
  levelNow: LevelNow;
  wantedLevel: PadesLevel;
  state: QueueState;
  attempts: number;
  /** ISO time of the next automatic try (waiting items). */
  nextAttemptAt: string | null;
  lastError: { code: string; message: string; messageEn: string } | null;
  createdAt: string;
  updatedAt: string;
  doneAt: string | null;
}

export interface LtvStatus {
  items: LtvQueueItem[];
  counts: Record<QueueState, number>;
  tsaUrl: string | null;
}

export interface LtvRunSummary {
  attempted: number;
  completed: number;
  stillWaiting: number;
  failed: number;
  items: LtvQueueItem[];
}

export interface LtvUpgradeResult {
  output: string;
  levelBefore: LevelNow;
  level: LevelNow;
  wantedLevel: PadesLevel;
  steps: Array<'document-timestamp' | 'dss' | 'archive-timestamp'>;
  /** Set when the wanted level was not reached now and the file was put in the queue. */
  queued: LtvQueueItem | null;
  error: { code: string; message: string; messageEn: string } | null;
}

/** What signing at a level gave (pdf.sign with `level`): reached now, or queued for later. */
export interface LtvAfterSign {
  wantedLevel: PadesLevel;
  level: LevelNow;
  /** The queue item that will raise the file to the wanted level when the network answers. */
  queued: LtvQueueItem | null;
  /** Why the wanted level was not reached now (no network, no TSA configured, …). */
  error: { code: string; message: string; messageEn: string } | null;
}

export interface LtvLevelReport {
  path: string;
  level: LevelNow;
  signatures: number;
  documentTimestamps: number;
  signatureTimestamps: number;
  hasDss: boolean;
  /** When the newest archive timestamp's TSA certificate expires (re-timestamp before). */
  archiveValidUntil: string | null;
}

const level = z.enum(padesLevels);
const enqueueInput = z.object({ input: z.string().min(1), output: z.string().min(1).optional(), level: level.optional(), documentId: z.number().int().positive().optional() }).strict();
const upgradeInput = z.object({ input: z.string().min(1), output: z.string().min(1).optional(), level: level.optional(), queueOnFailure: z.boolean().default(true) }).strict();

export const ltvMethods = {
  'ltv.status': method<z.ZodObject<Record<string, never>>, LtvStatus>(z.object({}).strict()),
  /** Tries every waiting item now (not waiting for its backoff). */
  'ltv.run': method<z.ZodObject<Record<string, never>>, LtvRunSummary>(z.object({}).strict(), { timeoutMs: 300_000 }),
  'ltv.enqueue': method<typeof enqueueInput, LtvQueueItem>(enqueueInput),
  /** Upgrades a signed file now; when the network fails it is queued (unless queueOnFailure is false). */
  'ltv.upgrade': method<typeof upgradeInput, LtvUpgradeResult>(upgradeInput, { timeoutMs: 120_000 }),
  'ltv.level': method<z.ZodObject<{ path: z.ZodString }>, LtvLevelReport>(z.object({ path: z.string().min(1) }).strict()),
};

export const ltvEvents = {
  /** A queue item changed state (queued, tried, done, failed): the UI refreshes its list. */
  'ltv.queueChanged': event<{ item: LtvQueueItem }>(),
};
