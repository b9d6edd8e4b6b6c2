import type { Check, CheckStatus } from '../../../../shared/contract/verify';

export const check = (status: CheckStatus, code: string, vi: string, en: string): Check => ({ status, code, vi, en });
export const passed = (code: string, vi: string, en: string): Check => check('passed', code, vi, en);
export const failed = (code: string, vi: string, en: string): Check => check('failed', code, vi, en);
export const unknown = (code: string, vi: string, en: string): Check => check('unknown', code, vi, en);
export const notApplicable = (vi: string, en: string): Check => check('not_applicable', 'NOT_APPLICABLE', vi, en);

/** Formats a date the way the report shows it to a Vietnamese reader: ISO 8601 with the +07:00 offset. */
export function vnTime(d: Date): string {
  const local = new Date(d.getTime() + 7 * 3600_000);
  return `${local.toISOString().slice(0, 19)}+07:00`;
}
