import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../../src/main/cli/index';
import type { CliIo } from '../../../src/main/cli/io';

const COMMANDS = ['info', 'tokens', 'records', 'staff', 'forms', 'report', 'sign', 'verify', 'ltv', 'trust'];

async function hosoky(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-cli-help-'));
  const io: CliIo = { out: (t) => void out.push(t), err: (t) => void err.push(t), readStdin: async () => '', env: { HOSOKY_DATA: dataDir } };
  try {
    const code = await main(args, io);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('every command explains itself', () => {
  it('hosoky --help lists every command', async () => {
    const { code, out } = await hosoky(['--help']);
    expect(code).toBe(0);
    for (const c of COMMANDS) expect(out).toContain(`  ${c}`);
  });

  it.each(COMMANDS)('hosoky %s --help prints its usage and exits 0', async (command) => {
    const { code, out } = await hosoky([command, '--help']);
    expect(code).toBe(0);
    expect(out).toContain(`hosoky ${command}`);
    expect(out).toContain('Cách dùng / usage');
  });

  it.each(COMMANDS)('hosoky %s with an unknown option says so in Vietnamese and exits 2', async (command) => {
    const { code, err } = await hosoky([command, '--khong-co']);
    expect(code).toBe(2);
    expect(err).toMatch(/^Lỗi: .*--khong-co/);
  });
});
