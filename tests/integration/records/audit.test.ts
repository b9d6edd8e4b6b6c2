import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, seedSchool, writePdf, type School, type TestStore } from './fixture';
import { auditEntries, entryHash, verifyAudit } from '../../../src/main/core/records/audit';

let t: TestStore;
let s: School;

beforeEach(async () => {
  t = openTestStore();
  s = seedSchool(t.db);
  for (let i = 1; i <= 3; i++) {
    const file = await writePdf(t.dir, `kh${i}.pdf`, [`Kế hoạch tuần ${i}`]);
    const { documentId } = await t.store.importFile({ file, folderId: s.folder('gv.ke_hoach_giao_duc'), ownerStaffId: s.staff.teacher });
    await t.store.transition(documentId, 'submit', s.staff.teacher);
  }
  t.close();
});
afterEach(() => t.cleanup());

/** What someone with a SQLite editor could do: drop the guards, then change the trail. */
function tamper(sql: string) {
  const raw = new Database(t.dbFile);
  raw.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
  raw.exec(sql);
  raw.close();
}

describe('hash-chained audit trail', () => {
  it('verifies an untouched trail', () => {
    t = t.reopen();
    expect(verifyAudit(t.db)).toEqual({ ok: true, entries: 6, problems: [] });
  });

  it('refuses edits and deletions through SQL while the guards are in place', () => {
    t = t.reopen();
    expect(() => t.db.prepare("UPDATE audit_log SET actor = 'x' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => t.db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
  });

  it('detects an edited entry', () => {
    tamper("UPDATE audit_log SET actor = 'Trần Văn Bình' WHERE seq = 2");
    t = t.reopen();
    expect(verifyAudit(t.db).problems).toEqual([{ seq: 2, problem: 'edited' }]);
  });

  it('detects an entry edited with its hash recomputed (the next link breaks)', () => {
    t = t.reopen();
    const e3 = auditEntries(t.db, { limit: 10 }).find((e) => e.seq === 3)!;
    const forged = { ...e3, actor: 'Lê Thị Hoà', details: {} };
    const hash = entryHash(forged);
    t.close();
    const raw = new Database(t.dbFile);
    raw.exec('DROP TRIGGER audit_no_update;');
    raw.prepare("UPDATE audit_log SET actor = ?, details = '{}', hash = ? WHERE seq = 3").run(forged.actor, hash);
    raw.close();
    t = t.reopen();
    expect(verifyAudit(t.db).problems).toEqual([{ seq: 4, problem: 'broken_link' }]);
  });

  it('detects a deleted entry in the middle', () => {
    tamper('DELETE FROM audit_log WHERE seq = 3');
    t = t.reopen();
    const v = verifyAudit(t.db);
    expect(v.ok).toBe(false);
    expect(v.problems).toContainEqual({ seq: 3, problem: 'missing' });
    expect(v.problems).toContainEqual({ seq: 4, problem: 'broken_link' });
  });

  it('detects deleted newest entries', () => {
    tamper('DELETE FROM audit_log WHERE seq >= 5');
    t = t.reopen();
    expect(verifyAudit(t.db).problems).toEqual([{ seq: 6, problem: 'head_mismatch' }]);
  });
});
