import { AppError } from '../errors';
import type { SqlDb } from './ports';
import { staffById, type StaffMember } from './school';
import type { DocumentStatus } from './documents';

export type WorkflowAction = 'submit' | 'approve' | 'return';

/** The plan workflow: draft → submitted → approved | returned → submitted again. */
export const TRANSITIONS: Record<WorkflowAction, { from: DocumentStatus[]; to: DocumentStatus }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  return: { from: ['submitted'], to: 'returned' },
};

export const STATUS_LABELS: Record<DocumentStatus, string> = {
  draft: 'bản nháp',
  submitted: 'đã trình',
  approved: 'đã duyệt',
  returned: 'bị trả lại',
};

export interface WorkflowDocument {
  id: number;
  title: string;
  status: DocumentStatus;
  ownerStaffId: number | null;
  subjectGroupId: number | null;
}

export function workflowDocument(db: SqlDb, id: number): WorkflowDocument {
  const r = db.prepare('SELECT id, title, status, owner_staff_id, subject_group_id FROM documents WHERE id = ?').get(id) as { id: number; title: string; status: DocumentStatus; owner_staff_id: number | null; subject_group_id: number | null } | undefined;
  if (!r) throw new AppError('RECORDS_DOCUMENT_NOT_FOUND', 'Không tìm thấy hồ sơ này (có thể đã bị xoá). Hãy tải lại danh sách.', 'Document not found. Reload the list.', { id });
  return { id: r.id, title: r.title, status: r.status, ownerStaffId: r.owner_staff_id, subjectGroupId: r.subject_group_id };
}

/**
 * Who may approve (or return) a plan: the principal and vice-principals any plan; a subject-group head
 * the plans of their own group (the document's group, or its author's group); nobody their own plan.
 */
export function approverScope(approver: StaffMember, doc: WorkflowDocument, author: StaffMember | null): 'allowed' | 'own_plan' | 'no_role' | 'other_group' {
  if (doc.ownerStaffId !== null && doc.ownerStaffId === approver.id) return 'own_plan';
  if (approver.roles.includes('principal') || approver.roles.includes('vice_principal')) return 'allowed';
  if (approver.roles.includes('group_head')) {
    const group = doc.subjectGroupId ?? author?.subjectGroupId ?? null;
    return group !== null && group === approver.subjectGroupId ? 'allowed' : 'other_group';
  }
  return 'no_role';
}

/** Throws the reason, in plain Vietnamese, when `actor` may not do `action` on `doc` now. */
export function checkTransition(db: SqlDb, doc: WorkflowDocument, action: WorkflowAction, actorStaffId: number, reason?: string): { actor: StaffMember; to: DocumentStatus } {
  const actor = staffById(db, actorStaffId);
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(doc.status)) {
    const verb = action === 'submit' ? 'trình' : action === 'approve' ? 'duyệt' : 'trả lại';
    throw new AppError(
      'RECORDS_WORKFLOW_INVALID_STATE',
      `Không thể ${verb} "${doc.title}" vì hồ sơ đang ở trạng thái "${STATUS_LABELS[doc.status]}".`,
      `Cannot ${action} "${doc.title}": it is ${doc.status}.`,
      { status: doc.status, action },
    );
  }
  if (action === 'submit') {
    if (doc.ownerStaffId === null) throw new AppError('RECORDS_WORKFLOW_NO_AUTHOR', `Hồ sơ "${doc.title}" chưa có người lập. Hãy chọn người lập trước khi trình.`, `"${doc.title}" has no author; set one before submitting.`);
    if (doc.ownerStaffId !== actor.id) throw new AppError('RECORDS_WORKFLOW_NOT_AUTHOR', `Chỉ người lập kế hoạch mới được trình "${doc.title}". Mỗi người dùng tài khoản và chữ ký số của chính mình, không làm thay.`, `Only the author may submit "${doc.title}".`);
    return { actor, to: rule.to };
  }
  if (action === 'return' && !reason?.trim()) throw new AppError('RECORDS_WORKFLOW_REASON_REQUIRED', 'Hãy ghi lý do trả lại để người lập biết cần sửa gì.', 'Give a reason for returning the plan so its author knows what to change.');
  const author = doc.ownerStaffId === null ? null : staffById(db, doc.ownerStaffId);
  const scope = approverScope(actor, doc, author);
  if (scope === 'own_plan') throw new AppError('RECORDS_WORKFLOW_OWN_PLAN', `${actor.fullName} là người lập "${doc.title}" nên không thể tự duyệt. Hãy chuyển cho hiệu trưởng, phó hiệu trưởng hoặc tổ trưởng khác.`, `${actor.fullName} wrote "${doc.title}" and cannot approve their own plan.`);
  if (scope === 'other_group') throw new AppError('RECORDS_WORKFLOW_OTHER_GROUP', `Tổ trưởng chỉ duyệt kế hoạch của tổ mình; "${doc.title}" thuộc tổ khác. Hãy chuyển cho tổ trưởng của tổ đó hoặc ban giám hiệu.`, `A group head approves only their own group's plans; "${doc.title}" belongs to another group.`);
  if (scope === 'no_role') throw new AppError('RECORDS_WORKFLOW_NOT_APPROVER', `${actor.fullName} không có quyền duyệt kế hoạch. Người duyệt là hiệu trưởng, phó hiệu trưởng hoặc tổ trưởng chuyên môn.`, `${actor.fullName} may not approve plans (principal, vice-principal or group head only).`);
  return { actor, to: rule.to };
}
