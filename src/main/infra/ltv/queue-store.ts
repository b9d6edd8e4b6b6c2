/** The upgrade queue's table (migration 20) over the records database connection. */
import type Database from 'better-sqlite3';
import type { LtvQueueItem } from '../../../shared/contract/ltv';
import type { UpgradeQueueStore } from '../../core/ltv/queue';

interface Row {
  id: number;
  source_path: string;
  output_path: string;
  document_id: number | null;
  level_now: LtvQueueItem['levelNow'];
  wanted_level: LtvQueueItem['wantedLevel'];
  state: LtvQueueItem['state'];
  attempts: number;
  next_attempt_at: string | null;
  last_error_code: string | null;
  last_error: string | null;
  last_error_en: string | null;
  created_at: string;
  updated_at: string;
  done_at: string | null;
}

const toItem = (r: Row): LtvQueueItem => ({
  id: r.id,
  source: r.source_path,
  output: r.output_path,
  levelNow: r.level_now,
  wantedLevel: r.wanted_level,
  state: r.state,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error_code ? { code: r.last_error_code, message: r.last_error ?? '', messageEn: r.last_error_en ?? '' } : null,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  doneAt: r.done_at,
});

const COLUMNS: Record<string, (v: unknown) => [string, unknown][]> = {
  source: (v) => [['source_path', v]],
  output: (v) => [['output_path', v]],
  levelNow: (v) => [['level_now', v]],
  wantedLevel: (v) => [['wanted_level', v]],
  state: (v) => [['state', v]],
  attempts: (v) => [['attempts', v]],
  nextAttemptAt: (v) => [['next_attempt_at', v]],
  lastError: (v) => {
    const e = v as LtvQueueItem['lastError'];
    return [
      ['last_error_code', e?.code ?? null],
      ['last_error', e?.message ?? null],
      ['last_error_en', e?.messageEn ?? null],
    ];
  },
  createdAt: (v) => [['created_at', v]],
  updatedAt: (v) => [['updated_at', v]],
  doneAt: (v) => [['done_at', v]],
};

export function createQueueStore(db: Database.Database): UpgradeQueueStore {
  const byId = db.prepare<[number], Row>('SELECT * FROM ltv_queue WHERE id = ?');
  const get = (id: number) => {
    const r = byId.get(id);
    return r ? toItem(r) : null;
  };
  return {
    insert(item) {
      const info = db
        .prepare(
          `INSERT INTO ltv_queue (source_path, output_path, document_id, level_now, wanted_level, state, attempts, next_attempt_at, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(item.source, item.output, item.documentId, item.levelNow, item.wantedLevel, item.state, item.attempts, item.nextAttemptAt, item.createdAt, item.updatedAt);
      return get(Number(info.lastInsertRowid))!;
    },
    update(id, patch) {
      const sets: [string, unknown][] = Object.entries(patch).flatMap(([k, v]) => COLUMNS[k]?.(v) ?? []);
      if (sets.length) db.prepare(`UPDATE ltv_queue SET ${sets.map(([c]) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...sets.map(([, v]) => v), id);
      return get(id)!;
    },
    get,
    list: () => db.prepare<[], Row>('SELECT * FROM ltv_queue ORDER BY id').all().map(toItem),
    due: (nowIso) =>
      (nowIso === null
        ? db.prepare<[], Row>("SELECT * FROM ltv_queue WHERE state = 'waiting' ORDER BY id").all()
        : db.prepare<[string], Row>("SELECT * FROM ltv_queue WHERE state = 'waiting' AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id").all(nowIso)
      ).map(toItem),
    activeForOutput: (output) => {
      const r = db.prepare<[string], Row>("SELECT * FROM ltv_queue WHERE output_path = ? AND state IN ('waiting','running') ORDER BY id DESC LIMIT 1").get(output);
      return r ? toItem(r) : null;
    },
  };
}
