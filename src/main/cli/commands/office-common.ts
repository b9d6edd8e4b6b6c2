/** What the office commands (staff, forms, report) share: options, dates typed the Vietnamese way, usage errors. */
import { parseDate } from '../../core/people/dates';
import type { CliIo } from '../io';

export const COMMON_OPTIONS = { json: { type: 'boolean' }, db: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

/** Accepts 31/05/2024 as well as 2024-05-31. */
export function cliDate(text: string | undefined, name: string): string | undefined {
  if (text === undefined) return undefined;
  const iso = parseDate(text);
  if (!iso) throw new UsageError(`--${name} "${text}" không phải ngày có thật. Ghi dạng 31/05/2024 hoặc 2024-05-31.`);
  return iso;
}

export class UsageError extends Error {}

export async function withUsage(io: CliIo, usage: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof UsageError || (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))) {
      io.err(`Lỗi: ${e.message}\n\n${usage}`);
      return 2;
    }
    throw e;
  }
}
