// `npm test`: installs what the tests need (system packages too, via setup-test-env.sh), then runs the
// static checks, the unit and integration tests (vitest: real SoftHSM2 token, real SQLite, pdfsig,
// qpdf, LibreOffice) and the renderer end-to-end tests (Playwright on Debian's Chromium).
// Ends with one line "Tests: N passed, N failed" summing every suite.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
process.chdir(root);
const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function step(title, cmd, args, { allowFail = false } = {}) {
  const started = Date.now();
  console.log(`\n=== ${title}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  console.log(`=== ${title}: ${r.status === 0 ? 'ok' : `exit ${r.status ?? r.signal}`} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (r.status !== 0 && !allowFail) {
    console.log('Tests: 0 passed, 1 failed');
    process.exit(r.status ?? 1);
  }
  return r.status === 0;
}

step('setup (system packages, npm ci)', 'bash', ['scripts/setup-test-env.sh']);
step('lint (layer boundaries)', bin('eslint'), ['.']);
step('typecheck', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
step('build', process.execPath, ['scripts/build.mjs']);
if (existsSync('vite.config.ts')) step('build renderer', bin('vite'), ['build', '--logLevel', 'warn']);

mkdirSync('.tmp', { recursive: true });
const counts = { passed: 0, failed: 0 };
const vitestJson = path.join('.tmp', 'vitest-results.json');
rmSync(vitestJson, { force: true });
const vitestOk = step('unit and integration tests (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`], { allowFail: true });
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
  counts.passed += r.numPassedTests;
  counts.failed += r.numFailedTests + (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  if (!vitestOk && r.numFailedTests === 0) counts.failed += 1; // a suite that failed to load
} else counts.failed += 1;

let e2eOk = true;
if (existsSync('playwright.config.ts')) {
  const pwJson = path.join('.tmp', 'playwright-results.json');
  rmSync(pwJson, { force: true });
  e2eOk = step('end-to-end tests (Playwright, Chromium)', bin('playwright'), ['test'], { allowFail: true });
  if (existsSync(pwJson)) {
    const s = JSON.parse(readFileSync(pwJson, 'utf8')).stats;
    counts.passed += s.expected;
    counts.failed += s.unexpected + s.flaky + s.skipped;
  } else counts.failed += 1;
}

console.log(`\nTests: ${counts.passed} passed, ${counts.failed} failed`);
process.exit(vitestOk && e2eOk && counts.failed === 0 ? 0 : 1);
