/**
 * PINs on the command line come only from standard input (`--pin-stdin`) or an environment variable
 * named by `--pin-env NAME`, never from an argument (arguments are visible to every user in the
 * process list and end up in shell history). Used by `hosoky tokens` and by `hosoky sign`.
 */
import type { CliIo } from './io';

export const PIN_OPTIONS = {
  'pin-stdin': { type: 'boolean' },
  'pin-env': { type: 'string' },
} as const;

export class PinSourceError extends Error {}

/** The PIN, or undefined when neither option is given (a PIN pad token needs none). */
export async function readPin(io: CliIo, values: { 'pin-stdin'?: boolean | undefined; 'pin-env'?: string | undefined }): Promise<string | undefined> {
  if (values['pin-stdin'] && values['pin-env']) throw new PinSourceError('Chỉ dùng một trong hai: --pin-stdin hoặc --pin-env / use only one of --pin-stdin, --pin-env');
  if (values['pin-stdin']) {
    // One line: a trailing newline from `echo` or a here-string is not part of the PIN.
    const pin = (await io.readStdin()).replace(/\r?\n$/, '');
    if (!pin) throw new PinSourceError('Không đọc được mã PIN từ đầu vào chuẩn / no PIN on standard input');
    return pin;
  }
  const name = values['pin-env'];
  if (name !== undefined) {
    const pin = io.env[name];
    if (!pin) throw new PinSourceError(`Biến môi trường ${name} không có mã PIN / environment variable ${name} holds no PIN`);
    return pin;
  }
  return undefined;
}
