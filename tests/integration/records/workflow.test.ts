import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, seedSchool, writePdf, type School, type TestStore } from './fixture';
import { verifyAudit } from '../../../src/main/core/records/audit';
import type { AppError } from '../../../src/main/core/errors';

let t: TestStore;
let s: School;
let planId: number;

async function importPlan(owner: number, groupId: number | null, title = 'Kế hoạch giáo dục tuần 5') {
  const file = await writePdf(t.dir, `${title}-${owner}.pdf`, [title, `Người lập: ${owner}`]);
  const r = await t.store.importFile({ file, folderId: s.folder('gv.ke_hoach_giao_duc'), title, kind: 'ke_hoach_giao_duc_tuan', ownerStaffId: owner, subjectGroupId: groupId });
  return r.documentId;
}

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return (e as AppError).code;
  }
  return 'no error';
};

beforeEach(async () => {
  t = openTestStore();
  s = seedSchool(t.db);
  planId = await importPlan(s.staff.teacher, s.groups.toan);
});
afterEach(() => t.cleanup());

describe('plan workflow', () => {
  it('goes draft → submitted → returned (with reason) → submitted → approved, each step recorded', async () => {
    expect((await t.store.transition(planId, 'submit', s.staff.teacher)).status).toBe('submitted');
    expect((await t.store.transition(planId, 'return', s.staff.groupHeadToan, { reason: 'Bổ sung mục tiêu tuần 5' })).status).toBe('returned');
    const rev = await writePdf(t.dir, 'sua.pdf', ['Kế hoạch giáo dục tuần 5 (đã sửa)']);
    expect((await t.store.addRevision(planId, rev, s.staff.teacher)).versionNumber).toBe(2);
    await t.store.transition(planId, 'submit', s.staff.teacher);
    expect((await t.store.transition(planId, 'approve', s.staff.principal)).status).toBe('approved');
    const d = t.store.document(planId);
    expect(d.status).toBe('approved');
    expect(d.transitions.map((x) => `${x.from}>${x.to}`)).toEqual(['draft>submitted', 'submitted>returned', 'returned>submitted', 'submitted>approved']);
    expect(d.transitions[1]!.reason).toBe('Bổ sung mục tiêu tuần 5');
    expect(d.versions.map((v) => v.origin)).toEqual(['import', 'revision']);
    const actions = (t.db.prepare('SELECT action FROM audit_log ORDER BY seq').all() as Array<{ action: string }>).map((r) => r.action);
    expect(actions).toEqual(['document.import', 'plan.submit', 'plan.return', 'document.revision', 'plan.submit', 'plan.approve']);
    expect(verifyAudit(t.db).ok).toBe(true);
  });

  it('lets the group head approve plans of their own group, and the vice-principal any plan', async () => {
    await t.store.transition(planId, 'submit', s.staff.teacher);
    expect((await t.store.transition(planId, 'approve', s.staff.groupHeadToan)).status).toBe('approved');
    const other = await importPlan(s.staff.teacherVan, s.groups.van, 'Kế hoạch bài dạy tuần 3');
    await t.store.transition(other, 'submit', s.staff.teacherVan);
    expect((await t.store.transition(other, 'approve', s.staff.vicePrincipal)).status).toBe('approved');
  });

  it('refuses transitions that are not allowed, with a Vietnamese reason, and changes nothing', async () => {
    expect(await codeOf(t.store.transition(planId, 'approve', s.staff.principal))).toBe('RECORDS_WORKFLOW_INVALID_STATE');
    expect(await codeOf(t.store.transition(planId, 'submit', s.staff.groupHeadToan))).toBe('RECORDS_WORKFLOW_NOT_AUTHOR');
    await t.store.transition(planId, 'submit', s.staff.teacher);
    expect(await codeOf(t.store.transition(planId, 'submit', s.staff.teacher))).toBe('RECORDS_WORKFLOW_INVALID_STATE');
    expect(await codeOf(t.store.transition(planId, 'approve', s.staff.clerk))).toBe('RECORDS_WORKFLOW_NOT_APPROVER');
    expect(await codeOf(t.store.transition(planId, 'return', s.staff.principal, { reason: '   ' }))).toBe('RECORDS_WORKFLOW_REASON_REQUIRED');
    const rev = await writePdf(t.dir, 'x.pdf', ['x']);
    expect(await codeOf(t.store.addRevision(planId, rev, s.staff.teacher))).toBe('RECORDS_REVISION_LOCKED');
    // A group head may not approve another group's plan.
    const van = await importPlan(s.staff.teacherVan, s.groups.van, 'Kế hoạch tổ Văn');
    await t.store.transition(van, 'submit', s.staff.teacherVan);
    expect(await codeOf(t.store.transition(van, 'approve', s.staff.groupHeadToan))).toBe('RECORDS_WORKFLOW_OTHER_GROUP');
    await t.store.transition(planId, 'approve', s.staff.principal);
    expect(await codeOf(t.store.transition(planId, 'return', s.staff.principal, { reason: 'muộn' }))).toBe('RECORDS_WORKFLOW_INVALID_STATE');
    expect(t.store.document(planId).transitions).toHaveLength(2);
  });

  it('never lets anyone approve their own plan, not even the principal', async () => {
    const own = await importPlan(s.staff.principal, null, 'Kế hoạch giáo dục của nhà trường');
    await t.store.transition(own, 'submit', s.staff.principal);
    try {
      await t.store.transition(own, 'approve', s.staff.principal);
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).code).toBe('RECORDS_WORKFLOW_OWN_PLAN');
      expect((e as AppError).messageVi).toContain('không thể tự duyệt');
    }
    const headPlan = await importPlan(s.staff.groupHeadToan, s.groups.toan, 'Kế hoạch tổ Toán');
    await t.store.transition(headPlan, 'submit', s.staff.groupHeadToan);
    expect(await codeOf(t.store.transition(headPlan, 'approve', s.staff.groupHeadToan))).toBe('RECORDS_WORKFLOW_OWN_PLAN');
    expect((await t.store.transition(headPlan, 'approve', s.staff.vicePrincipal)).status).toBe('approved');
  });

  it('stores a signed result as a new version and keeps the earlier file untouched', async () => {
    const before = t.store.document(planId).versions[0]!;
    const r = await t.store.transition(planId, 'submit', s.staff.teacher, {
      sign: async ({ pdf }) => ({ pdf: Buffer.concat([Buffer.from(pdf), Buffer.from('\n% incremental update\n')]) }),
    });
    expect(r.versionNumber).toBe(2);
    const d = t.store.document(planId);
    expect(d.versions.map((v) => v.origin)).toEqual(['import', 'submit']);
    expect(d.versions[0]!.sha256).toBe(before.sha256);
    expect(await t.blobs.check(before.sha256)).toBe('ok');
    expect(d.versions[1]!.fileName).toMatch(/\.da-trinh\.pdf$/);
    expect(() => t.db.prepare('UPDATE versions SET sha256 = ? WHERE id = ?').run(d.versions[1]!.sha256, before.id)).toThrow(/immutable/);
  });
});
