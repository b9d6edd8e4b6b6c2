import fs from 'node:fs';
import { STATE_FILE, readState } from './state';

export default async function globalTeardown(): Promise<void> {
  if (!fs.existsSync(STATE_FILE)) return;
  const s = readState();
  try {
    if (s.hostPid) process.kill(s.hostPid, 'SIGTERM');
  } catch {
    // already gone
  }
  await new Promise((r) => setTimeout(r, 300));
  fs.rmSync(s.hsm.dir, { recursive: true, force: true });
  if (process.env.HOSOKY_E2E_KEEP !== '1') fs.rmSync(s.workDir, { recursive: true, force: true });
  fs.rmSync(STATE_FILE, { force: true });
}
