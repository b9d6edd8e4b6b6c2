/**
 * Before the end-to-end tests: builds the app, makes a test PKI, puts the teacher's certificate on one
 * SoftHSM2 token and the principal's personal certificate + the school's seal on another, makes the
 * PDF plans, then starts the dev host (real core, temporary store) with SOFTHSM2_CONF pointing at the
 * test tokens and the SoftHSM2 module added to the settings.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { build as esbuild } from 'esbuild';
import { STATE_FILE, type E2eState } from './state';

function build(): void {
  if (process.env.HOSOKY_E2E_SKIP_BUILD === '1') return;
  for (const [cmd, args] of [
    [process.execPath, ['scripts/build.mjs']],
    [process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']],
  ] as const) {
    const r = spawnSync(cmd, args, { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`build failed: ${args.join(' ')}`);
  }
}

export default async function globalSetup(): Promise<void> {
  build();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-e2e-'));
  // Bundled as CommonJS: under Node's ESM loader, `import * as pkcs11js` (tests/support/softhsm.ts)
  // sees none of pkcs11js's constants, and Playwright's loader is the same.
  const prepareBundle = path.resolve('.tmp/e2e-prepare.cjs');
  await esbuild({ entryPoints: ['tests/e2e/support/prepare.ts'], outfile: prepareBundle, bundle: true, platform: 'node', format: 'cjs', packages: 'external', logLevel: 'warning' });
  const prepared = spawnSync(process.execPath, [prepareBundle, workDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (prepared.status !== 0) throw new Error('preparing the test tokens failed');
  const prep = JSON.parse(prepared.stdout.trim().split('\n').pop() ?? '{}') as Pick<E2eState, 'dataDir' | 'pkiDir' | 'plans' | 'hsm' | 'tokens'>;
  const { dataDir } = prep;

  const host = spawn(process.execPath, ['dist/dev-host.js'], {
    env: { ...process.env, SOFTHSM2_CONF: prep.hsm.confPath, HOSOKY_DATA: dataDir, TZ: 'Asia/Ho_Chi_Minh' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: false,
  });
  const logFile = fs.createWriteStream(path.join(workDir, 'dev-host.log'));
  host.stderr.pipe(logFile);
  const pageUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('dev host did not start within 30 s')), 30_000);
    host.once('exit', (code) => reject(new Error(`dev host exited (${code}); see ${path.join(workDir, 'dev-host.log')}`)));
    readline.createInterface({ input: host.stdout }).on('line', (line) => {
      logFile.write(`${line}\n`);
      const m = /^HOSOKY_URL=(.+)$/.exec(line);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  const url = new URL(pageUrl);
  const secret = /bridge=([0-9a-f]+)/.exec(url.hash)?.[1] ?? '';
  const state: E2eState = {
    pageUrl,
    apiUrl: url.origin,
    secret,
    hostPid: host.pid ?? 0,
    workDir,
    ...prep,
  };
  fs.mkdirSync(path.dirname(STATE_FILE), { recursive: true });
  fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
  fs.mkdirSync('test-results/screens', { recursive: true });

  const res = await fetch(`${url.origin}/api/settings.update`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hosoky-secret': secret },
    body: JSON.stringify({ tokenModulePaths: [prep.hsm.modulePath] }),
  });
  const r = (await res.json()) as { ok: boolean; error?: { code: string; messageEn: string } };
  if (!r.ok) {
    host.kill('SIGTERM');
    throw new Error(`settings.update: ${r.error?.code} ${r.error?.messageEn}`);
  }
}
