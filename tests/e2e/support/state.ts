/**
 * What the global setup hands to the tests: the dev host's page URL and secret, the SoftHSM2 folder
 * (to pull and re-insert a token), the data folder, the PINs and the test PKI's PEM folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

export const STATE_FILE = path.resolve('.tmp/e2e-state.json');

export interface E2eState {
  pageUrl: string;
  apiUrl: string;
  secret: string;
  hostPid: number;
  dataDir: string;
  workDir: string;
  hsm: { dir: string; confPath: string; modulePath: string };
  tokens: { teacher: { label: string; pin: string }; principal: { label: string; pin: string } };
  /** PDF plans made for the tests (paths). */
  plans: string[];
  pkiDir: string;
}

export const readState = (): E2eState => JSON.parse(fs.readFileSync(STATE_FILE, 'utf8')) as E2eState;

/** Calls the API over the bridge (for preconditions and for checking what the UI did). */
export async function api<T = unknown>(method: string, input: unknown = {}): Promise<T> {
  const s = readState();
  const res = await fetch(`${s.apiUrl}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hosoky-secret': s.secret },
    body: JSON.stringify(input),
  });
  const r = (await res.json()) as { ok: boolean; value?: T; error?: { code: string; messageEn: string } };
  if (!r.ok) throw new Error(`${method}: ${r.error?.code} ${r.error?.messageEn}`);
  return r.value as T;
}

/** SoftHSM2's command-line tool against the test's own token folder. */
export function softhsmUtil(args: string[]): string {
  const s = readState();
  return execFileSync('softhsm2-util', args, { env: { ...process.env, SOFTHSM2_CONF: s.hsm.confPath }, stdio: 'pipe' }).toString();
}

/** Moves a token's folder aside (the token is "pulled") and returns the function that puts it back. */
export function pullToken(label: string): () => void {
  const s = readState();
  const tokenDir = path.join(s.hsm.dir, 'tokens');
  const folder = fs
    .readdirSync(tokenDir)
    .map((e) => path.join(tokenDir, e))
    .find((f) => fs.existsSync(path.join(f, 'token.object')) && fs.readFileSync(path.join(f, 'token.object')).includes(Buffer.from(label)));
  if (!folder) throw new Error(`token ${label} not found`);
  const aside = path.join(s.hsm.dir, `pulled-${path.basename(folder)}`);
  fs.renameSync(folder, aside);
  return () => fs.renameSync(aside, folder);
}
