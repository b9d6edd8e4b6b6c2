import { describe, it, expect, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../../src/main/infra/db/connection';
import { createQueueStore } from '../../../src/main/infra/ltv/queue-store';
import { UpgradeQueue, backoffMs } from '../../../src/main/core/ltv/queue';
import { AppError } from '../../../src/main/core/errors';
import type { UpgradeOutcome } from '../../../src/main/core/ltv/upgrade';
import type { LtvQueueItem } from '../../../src/shared/contract/ltv';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-ltv-queue-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const offline = new AppError('NET_UNREACHABLE', 'Không kết nối được tới máy chủ.', 'Cannot reach the server.');

describe('the upgrade queue in the records database', () => {
  it('survives a restart, backs off while offline, runs everything once one item succeeds, stops on permanent errors', async () => {
    const dbFile = path.join(dir, 'hosoky.sqlite');
    const files = ['a', 'b', 'c', 'not-signed'].map((n) => {
      const f = path.join(dir, `${n}.pdf`);
      fs.writeFileSync(f, '%PDF-1.7\n');
      return f;
    });
    let clock = new Date('2026-11-28T08:00:00Z');
    let online = false;
    const upgrade = async (input: string): Promise<UpgradeOutcome> => {
      if (input.includes('not-signed')) return { levelBefore: 'none', level: 'none', steps: [], written: false, error: new AppError('LTV_NOT_SIGNED', 'Tệp chưa có chữ ký.', 'Not signed.') };
      return online
        ? { levelBefore: 'B-B', level: 'B-LTA', steps: ['document-timestamp', 'dss', 'archive-timestamp'], written: true, error: null }
        : { levelBefore: 'B-B', level: 'B-B', steps: [], written: false, error: offline };
    };
    const events: LtvQueueItem[] = [];
    let db = openDatabase(dbFile).db;
    let queue = new UpgradeQueue(createQueueStore(db), upgrade, (i) => events.push(i), () => clock);
    for (const f of files) queue.enqueue(f, f.replace('.pdf', '.B-LTA.pdf'), 'B-LTA', 'B-B');

    const first = await queue.run();
    expect(first).toMatchObject({ attempted: 4, completed: 0, failed: 1, stillWaiting: 3 });
    const waiting = createQueueStore(db).list().filter((i) => i.state === 'waiting');
    expect(waiting.every((i) => i.attempts === 1 && i.lastError?.code === 'NET_UNREACHABLE' && i.nextAttemptAt === new Date(clock.getTime() + 30_000).toISOString())).toBe(true);
    expect(createQueueStore(db).list().find((i) => i.source.includes('not-signed'))).toMatchObject({ state: 'failed', levelNow: 'none', lastError: { code: 'LTV_NOT_SIGNED' } });

    // Nothing is due before the backoff ends.
    expect((await queue.run()).attempted).toBe(0);
    clock = new Date(clock.getTime() + 30_000);
    expect((await queue.run()).attempted).toBe(3);
    expect(createQueueStore(db).list()[0]!.nextAttemptAt).toBe(new Date(clock.getTime() + 60_000).toISOString());
    expect([1, 2, 3, 4, 5, 6, 7].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 600_000, 600_000]);

    // The app closes and opens again: the queue is still there.
    db.close();
    db = openDatabase(dbFile).db;
    queue = new UpgradeQueue(createQueueStore(db), upgrade, (i) => events.push(i), () => clock);
    expect(createQueueStore(db).list().filter((i) => i.state === 'waiting')).toHaveLength(3);

    // The network returns: the first due item succeeds and the others, still backing off, follow at once.
    online = true;
    const store = createQueueStore(db);
    const [one] = store.list();
    store.update(one!.id, { nextAttemptAt: clock.toISOString() });
    const back = await queue.run();
    expect(back).toMatchObject({ attempted: 3, completed: 3, stillWaiting: 0 });
    expect(store.list().filter((i) => i.state === 'done').every((i) => i.levelNow === 'B-LTA' && i.lastError === null && i.doneAt)).toBe(true);
    expect(events.filter((e) => e.state === 'done')).toHaveLength(3);
    db.close();
  });
});
