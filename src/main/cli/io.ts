import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Result } from '../../shared/result';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Reads all of standard input (used for --pin-stdin; never echoed, never logged). */
  readStdin(): Promise<string>;
  env: NodeJS.ProcessEnv;
}

export const processIo: CliIo = {
  out: (t) => void process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
  err: (t) => void process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
  readStdin: () =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      process.stdin.on('data', (c: Buffer) => chunks.push(c));
      process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      process.stdin.on('error', reject);
    }),
  env: process.env,
};

/**
 * Prints a Result the way every command does: JSON as is with --json, otherwise the Vietnamese
 * message on failure. Returns the exit code (0 success, 1 failure).
 */
export function printResult<T>(io: CliIo, result: Result<T>, json: boolean, human: (value: T) => string): number {
  if (json) {
    io.out(JSON.stringify(result, null, 2));
    return result.ok ? 0 : 1;
  }
  if (result.ok) {
    io.out(human(result.value));
    return 0;
  }
  io.err(`Lỗi: ${result.error.message}`);
  return 1;
}

/**
 * A command's options, parsed the same way by every command: a wrong option prints the error and the
 * usage (exit code 2 returned), --help prints the usage (0 returned); otherwise the parsed options.
 */
export function parseCommandLine<T extends ParseArgsConfig>(io: CliIo, usage: string, config: T): ReturnType<typeof parseArgs<T>> | number {
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs(config);
  } catch (e) {
    io.err(`Lỗi: ${e instanceof Error ? e.message : String(e)}\n\n${usage}`);
    return 2;
  }
  if ((parsed.values as { help?: unknown }).help) {
    io.out(usage);
    return 0;
  }
  return parsed;
}
