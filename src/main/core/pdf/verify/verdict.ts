/**
 * Verdicts in EU DSS's terms: a failed check makes a signature invalid (TOTAL_FAILED), a check that
 * could not decide makes it indeterminate (what is missing is said), otherwise it is valid. Checks
 * that were not run (revocation offline) are said in the report but do not change the verdict.
 */
import type { Check, SignatureReport, Verdict } from '../../../../shared/contract/verify';

/** Most important first: integrity, then what changed, then the signer. */
const ORDER: Array<keyof SignatureReport['checks']> = [
  'byteRange',
  'digest',
  'signature',
  'signedAttributes',
  'modifications',
  'algorithms',
  'validityAtSigningTime',
  'chain',
  'keyUsage',
  'revocation',
  'timestamp',
];

export function composeVerdict(checks: SignatureReport['checks']): { verdict: Verdict; reasons: Check[] } {
  const list = ORDER.map((k) => checks[k]);
  const dedupe = (cs: Check[]) => cs.filter((c, i) => cs.findIndex((d) => d.code === c.code && d.vi === c.vi) === i);
  const failures = dedupe(list.filter((c) => c.status === 'failed'));
  if (failures.length > 0) return { verdict: 'invalid', reasons: failures };
  const unsure = dedupe(list.filter((c) => c.status === 'unknown'));
  if (unsure.length > 0) return { verdict: 'indeterminate', reasons: unsure };
  return { verdict: 'valid', reasons: [] };
}

export function documentSummary(signatures: SignatureReport[]): { verdict: Verdict; vi: string; en: string } {
  const n = signatures.length;
  if (n === 0) return { verdict: 'indeterminate', vi: 'Tài liệu không có chữ ký số nào.', en: 'The document has no digital signature.' };
  const invalid = signatures.filter((s) => s.verdict === 'invalid').length;
  const unsure = signatures.filter((s) => s.verdict === 'indeterminate').length;
  if (invalid > 0) {
    return { verdict: 'invalid', vi: `KHÔNG HỢP LỆ: ${invalid}/${n} chữ ký không hợp lệ.`, en: `NOT VALID: ${invalid} of ${n} signature(s) are invalid.` };
  }
  if (unsure > 0) {
    return { verdict: 'indeterminate', vi: `CHƯA XÁC ĐỊNH: ${unsure}/${n} chữ ký chưa đủ thông tin để kết luận.`, en: `INDETERMINATE: ${unsure} of ${n} signature(s) cannot be decided.` };
  }
  return { verdict: 'valid', vi: `HỢP LỆ: cả ${n} chữ ký đều hợp lệ.`, en: `VALID: all ${n} signature(s) are valid.` };
}
