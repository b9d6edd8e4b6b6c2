import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, seedSchool, tempDir, writePdf } from './fixture';
import { checkBackup, listBackups } from '../../../src/main/infra/db/backup';
import { verifyAudit } from '../../../src/main/core/records/audit';
import { hashFile } from '../../../src/main/infra/fs/blob-store';

let root: string;
let sample: string;
const child = path.join(import.meta.dirname, 'crash-child.ts');

beforeAll(async () => {
  root = tempDir('hosoky-crash-');
  sample = await writePdf(root, 'mau.pdf', ['Kế hoạch bài dạy tuần 5', 'Môn Toán lớp 6A']);
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Starts the child, lets it work `afterMs` past READY, kills it with SIGKILL; returns what it reported. */
function runAndKill(mode: string, dataDir: string, afterMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    // Its own temp folder, to see that a kill leaves nothing there.
    const tmp = path.join(dataDir, 'tmp');
    fs.mkdirSync(tmp, { recursive: true });
    const p = spawn(process.execPath, ['--import', 'tsx', child, mode, dataDir, sample], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TMPDIR: tmp } });
    let out = '';
    let err = '';
    p.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.startsWith('READY') && !timer) timer = setTimeout(() => p.kill('SIGKILL'), afterMs);
    });
    p.stderr.on('data', (c: Buffer) => (err += c.toString()));
    let timer: NodeJS.Timeout | undefined;
    p.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`child ended by itself (${code}): ${err}`));
      resolve(out.split('\n').filter((l) => l && l !== 'READY'));
    });
  });
}

async function assertConsistent(dataDir: string, committed: string[]) {
  const t = openTestStore(dataDir);
  try {
    expect(t.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // Every promised document is there, with the promised file intact.
    for (const line of committed.filter((l) => l.startsWith('COMMITTED'))) {
      const [, uid, sha] = line.split(' ');
      const row = t.db.prepare('SELECT v.sha256 FROM versions v JOIN documents d ON d.id = v.document_id WHERE d.uid = ? AND v.sha256 = ?').get(uid, sha);
      expect(row, `committed ${uid}`).toBeDefined();
    }
    // Nothing half-written is visible: every version names a complete file; every document has a version.
    const check = await t.store.check();
    expect(check.missing).toEqual([]);
    expect(check.altered).toEqual([]);
    expect(check.audit.ok).toBe(true);
    expect(t.db.prepare('SELECT COUNT(*) AS n FROM documents d WHERE NOT EXISTS (SELECT 1 FROM versions v WHERE v.document_id = d.id)').get()).toEqual({ n: 0 });
    for (const sub of fs.readdirSync(t.blobs.root)) {
      for (const name of fs.readdirSync(path.join(t.blobs.root, sub))) {
        if (name.endsWith('.tmp')) continue; // leftover temp: never under a blob name, removed at the next start
        expect(await hashFile(path.join(t.blobs.root, sub, name))).toBe(name);
      }
    }
    for (const b of listBackups(path.join(dataDir, 'backups'))) expect((await checkBackup(b.file, null)).problems).toEqual([]);
    expect(verifyAudit(t.db).ok).toBe(true);
    // Nothing of ours is left in the temp folder (text extraction passes the texts through a pipe).
    expect(fs.readdirSync(path.join(dataDir, 'tmp')).filter((n) => n.startsWith('hosoky-'))).toEqual([]);
  } finally {
    t.close();
  }
}

describe('crash safety (SIGKILL at many points)', () => {
  for (const mode of ['import', 'sign', 'backup']) {
    it(`keeps the store whole when killed during ${mode}`, async () => {
      const dataDir = path.join(root, mode);
      fs.mkdirSync(dataDir);
      const t = openTestStore(dataDir);
      seedSchool(t.db);
      t.close();
      let total = 0;
      // Kill points spread over the work loop (ms after the child is ready), including very early ones.
      for (const afterMs of [0, 11, 41, 97, 199, 353]) {
        const committed = await runAndKill(mode, dataDir, afterMs);
        total += committed.length;
        await assertConsistent(dataDir, committed);
      }
      expect(total).toBeGreaterThan(0);
    }, 120_000);
  }
});
