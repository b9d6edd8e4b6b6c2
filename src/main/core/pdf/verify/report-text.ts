/**
 * The verification report as plain Vietnamese text (the command line; the same facts as the JSON),
 * with the items the Vietnamese rules ask a verifier to show (vn-domain.md §7).
 */
import type { Check, PdfVerificationReport, SignatureReport, Verdict } from '../../../../shared/contract/verify';
import { vnTime } from './checks';

const VERDICT_VI: Record<Verdict, string> = { valid: 'HỢP LỆ', invalid: 'KHÔNG HỢP LỆ', indeterminate: 'CHƯA XÁC ĐỊNH' };
const MARK: Record<Check['status'], string> = { passed: '✓', failed: '✗', unknown: '?', not_checked: '–', not_applicable: '·' };
const KIND_VI: Record<SignatureReport['kind'], string> = { approval: 'chữ ký phê duyệt', certification: 'chữ ký chứng nhận tài liệu', 'document-timestamp': 'dấu thời gian tài liệu' };

const time = (iso: string | null | undefined) => (iso ? vnTime(new Date(iso)) : '—');

function signingTimeLine(s: SignatureReport): string {
  const t = s.signingTime;
  if (!t) return '—';
  if (t.timestamp) return `${time(t.timestamp)} (dấu thời gian${t.timestampValidated ? ' đã xác thực' : ', chưa xác thực'})${t.claimed ? `; người ký khai: ${time(t.claimed)}` : ''}`;
  if (t.claimed) return `${time(t.claimed)} (do phần mềm ký ghi, không có dấu thời gian)`;
  if (t.cmsSigningTime) return `${time(t.cmsSigningTime)} (ghi trong chữ ký, không có dấu thời gian)`;
  return 'không có';
}

export function formatSignature(s: SignatureReport): string {
  const lines: string[] = [];
  lines.push(`Chữ ký ${s.index}${s.fieldName ? ` (ô "${s.fieldName}")` : ''} — ${KIND_VI[s.kind]}: ${VERDICT_VI[s.verdict]}`);
  for (const r of s.reasons) lines.push(`   Lý do: ${r.vi}`);
  const signer = s.signer;
  lines.push(`   Người ký:            ${signer?.subjectCommonName ?? signer?.subject ?? '—'}${signer ? (signer.holder === 'organisation' ? ' (chứng thư tổ chức — con dấu điện tử)' : ' (chứng thư cá nhân)') : ''}`);
  lines.push(`   Đơn vị quản lý:      ${s.managingUnit ?? '—'}`);
  lines.push(`   CA cấp chứng thư:    ${s.issuingCa ?? '—'}${signer?.provider ? ` — ${signer.provider.name}` : ''}`);
  lines.push(`   Hiệu lực chứng thư:  ${signer ? `${time(signer.notBefore)} → ${time(signer.notAfter)}` : '—'}`);
  lines.push(`   Thời điểm ký:        ${signingTimeLine(s)}`);
  if (s.reason || s.location) lines.push(`   Lý do / nơi ký:      ${[s.reason, s.location].filter(Boolean).join(' — ')}`);
  if (s.trustAnchor) lines.push(`   CA gốc tin cậy:      ${s.trustAnchor.subject} (SHA-256 ${s.trustAnchor.sha256Fingerprint.slice(0, 16)}…, nguồn: ${s.trustAnchor.source})`);
  const c = s.checks;
  const rows: Array<[string, Check]> = [
    ['Toàn vẹn: phạm vi ký', c.byteRange],
    ['Toàn vẹn: giá trị băm', c.digest],
    ['Chữ ký số', c.signature],
    ['Thuộc tính được ký', c.signedAttributes],
    ['Thuật toán', c.algorithms],
    ['Chuỗi chứng thư', c.chain],
    ['Hiệu lực lúc ký', c.validityAtSigningTime],
    ['Mục đích sử dụng khóa', c.keyUsage],
    ['Thu hồi', c.revocation],
    ['Dấu thời gian', c.timestamp],
    ['Thay đổi sau khi ký', c.modifications],
  ];
  for (const [label, check] of rows) lines.push(`   ${MARK[check.status]} ${label.padEnd(22)} ${check.vi}`);
  for (const m of s.modifications) lines.push(`      ${m.allowed ? (m.informational ? 'ℹ' : '+') : '✗'} Lần lưu ${m.revision}: ${m.vi}`);
  return lines.join('\n');
}

export function formatReport(r: PdfVerificationReport): string {
  const out = [`Tệp: ${r.file} (${r.fileSize} byte, ${r.revisions} lần lưu)`, `Kết luận: ${r.summaryVi}`, ''];
  for (const s of r.signatures) out.push(formatSignature(s), '');
  for (const n of r.notes) out.push(`Ghi chú: ${n.vi}`);
  return out.join('\n').trimEnd();
}
