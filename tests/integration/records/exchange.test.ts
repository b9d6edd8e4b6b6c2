import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, seedSchool, tempDir, writePdf, type School, type TestStore } from './fixture';
import { buildExchangePackage, importExchangePackage } from '../../../src/main/core/records/exchange';
import { verifyAudit } from '../../../src/main/core/records/audit';
import { documentIdByUid } from '../../../src/main/core/records/documents';
import { searchDocuments } from '../../../src/main/core/records/search';
import type { AppError } from '../../../src/main/core/errors';

let teacherPc: TestStore;
let principalPc: TestStore;
let a: School;
let b: School;
let scratch: string;

beforeEach(() => {
  teacherPc = openTestStore();
  principalPc = openTestStore();
  a = seedSchool(teacherPc.db);
  b = seedSchool(principalPc.db);
  scratch = tempDir('hosoky-xchg-');
});
afterEach(() => {
  teacherPc.cleanup();
  principalPc.cleanup();
  fs.rmSync(scratch, { recursive: true, force: true });
});

async function pack(from: TestStore, ids: number[]): Promise<Buffer> {
  return Buffer.concat((await buildExchangePackage(from.store, ids)).chunks);
}

const counts = (t: TestStore) =>
  Object.fromEntries(['documents', 'versions', 'signatures', 'workflow_transitions', 'audit_log', 'blobs', 'folders'].map((tb) => [tb, (t.db.prepare(`SELECT COUNT(*) AS n FROM ${tb}`).get() as { n: number }).n]));

describe('exchange package between PCs without network', () => {
  it('carries plans, versions, workflow state and audit entries there and back; importing twice changes nothing', async () => {
    const ids: number[] = [];
    for (const w of [5, 6]) {
      const file = await writePdf(scratch, `tuan${w}.pdf`, [`Kế hoạch bài dạy tuần ${w}`, 'Môn Toán lớp 6A']);
      const { documentId } = await teacherPc.store.importFile({ file, folderId: a.folder('gv.ke_hoach_bai_day'), ownerStaffId: a.staff.teacher, subjectGroupId: a.groups.toan, kind: 'ke_hoach_bai_day_tuan', meta: { tuần: w } });
      await teacherPc.store.transition(documentId, 'submit', a.staff.teacher);
      ids.push(documentId);
    }
    const sub = principalPc.db.prepare('SELECT COUNT(*) AS n FROM folders').get();
    // The teacher's PC → the principal's PC.
    const first = await importExchangePackage(principalPc.store, await pack(teacherPc, ids));
    expect(first).toMatchObject({ documentsAdded: 2, versionsAdded: 2, auditEntriesAdded: 4, conflicts: [] });
    const uid = teacherPc.store.uidOf(ids[0]!);
    const there = documentIdByUid(principalPc.db, uid)!;
    const doc = principalPc.store.document(there);
    expect(doc).toMatchObject({ title: 'tuan5', status: 'submitted', ownerName: 'Nguyễn Thị Hương' });
    expect(doc.folderPath.map((f) => f.code)).toEqual(['gv', 'gv.ke_hoach_bai_day']);
    expect(doc.versions[0]!.sha256).toBe(teacherPc.store.document(ids[0]!).versions[0]!.sha256);
    expect(await principalPc.blobs.check(doc.versions[0]!.sha256)).toBe('ok');
    expect(searchDocuments(principalPc.db, 'ke hoach bai day tuan 5').map((h) => h.id)).toContain(there);
    expect(principalPc.db.prepare('SELECT COUNT(*) AS n FROM folders').get()).toEqual(sub);
    expect(verifyAudit(principalPc.db).ok).toBe(true);

    const before = counts(principalPc);
    expect(await importExchangePackage(principalPc.store, await pack(teacherPc, ids))).toEqual({ documentsAdded: 0, versionsAdded: 0, statusesUpdated: 0, auditEntriesAdded: 0, conflicts: [] });
    expect(counts(principalPc)).toEqual(before);

    // The principal approves one, returns the other; the package goes back.
    await principalPc.store.transition(there, 'approve', b.staff.principal);
    const other = documentIdByUid(principalPc.db, teacherPc.store.uidOf(ids[1]!))!;
    await principalPc.store.transition(other, 'return', b.staff.principal, { reason: 'Thiếu phần đánh giá' });
    const back = await importExchangePackage(teacherPc.store, await pack(principalPc, [there, other]));
    expect(back).toMatchObject({ documentsAdded: 0, statusesUpdated: 2, conflicts: [] });
    expect(teacherPc.store.document(ids[0]!).status).toBe('approved');
    const returned = teacherPc.store.document(ids[1]!);
    expect(returned.status).toBe('returned');
    expect(returned.transitions.at(-1)).toMatchObject({ to: 'returned', reason: 'Thiếu phần đánh giá', actorName: 'Lê Thị Hoà' });
    // Entries that came from the teacher's PC are not copied back a second time.
    expect(back.auditEntriesAdded).toBe(2);
    expect(verifyAudit(teacherPc.db).ok).toBe(true);
    // The search vocabulary followed every added document and status change on both PCs.
    for (const pc of [teacherPc, principalPc]) {
      pc.db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.v USING fts5vocab(main, documents_fts, 'row')");
      expect(pc.db.prepare('SELECT term, docs FROM search_terms ORDER BY term').all()).toEqual(pc.db.prepare('SELECT term, doc AS docs FROM temp.v ORDER BY term').all());
    }
    // The teacher can go on: revise and submit again.
    const rev = await writePdf(scratch, 'tuan6b.pdf', ['Kế hoạch bài dạy tuần 6 (bổ sung đánh giá)']);
    await teacherPc.store.addRevision(ids[1]!, rev, a.staff.teacher);
    expect((await teacherPc.store.transition(ids[1]!, 'submit', a.staff.teacher)).status).toBe('submitted');
  });

  it('refuses a damaged or altered package and changes nothing', async () => {
    const file = await writePdf(scratch, 'kh.pdf', ['Kế hoạch giáo dục năm học']);
    const { documentId } = await teacherPc.store.importFile({ file, folderId: a.folder('gv.ke_hoach_giao_duc'), ownerStaffId: a.staff.teacher });
    const good = await pack(teacherPc, [documentId]);
    const before = counts(principalPc);
    const flipped = Buffer.from(good);
    flipped.writeUInt8(flipped.readUInt8(flipped.length - 100) ^ 0x01, flipped.length - 100);
    const codes: string[] = [];
    for (const bad of [flipped, good.subarray(0, good.length - 10), Buffer.from('not a package at all, just text')]) {
      try {
        await importExchangePackage(principalPc.store, bad);
      } catch (e) {
        codes.push((e as AppError).code);
      }
    }
    expect(codes).toEqual(['RECORDS_EXCHANGE_DAMAGED', 'RECORDS_EXCHANGE_DAMAGED', 'RECORDS_EXCHANGE_NOT_PACKAGE']);
    expect(counts(principalPc)).toEqual(before);
    fs.writeFileSync(path.join(scratch, 'ok.hsk'), good);
    expect((await importExchangePackage(principalPc.store, fs.readFileSync(path.join(scratch, 'ok.hsk')))).documentsAdded).toBe(1);
  });
});
