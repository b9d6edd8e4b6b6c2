// `npm run test:electron`: the Electron shell suite (security settings, preload surface, IPC sender
// checks in the real shell). It needs Electron's own binary, which build machines cannot download:
// without it this script says plainly that the suite did NOT run (exit code 0, nothing counted).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
process.chdir(root);
const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const dir = path.dirname(require.resolve('electron/package.json'));
    const pathFile = path.join(dir, 'path.txt');
    if (!existsSync(pathFile)) return undefined;
    const bin = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

const bin = electronBinary();
if (!bin) {
  console.log('Electron shell suite: NOT RUN — no Electron binary on this machine (node_modules/electron/dist is empty;');
  console.log('the binary cannot be downloaded here). Run `node node_modules/electron/install.js` where it can, then');
  console.log('`npm run test:electron`. Nothing was counted as passed or skipped.');
  process.exit(0);
}
for (const [cmd, args] of [
  [process.execPath, ['scripts/build.mjs']],
  [process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']],
]) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const r = spawnSync(path.join('node_modules', '.bin', 'playwright'), ['test', '--config', 'playwright.electron.config.ts'], { stdio: 'inherit', env: { ...process.env, HOSOKY_ELECTRON_BIN: bin } });
process.exit(r.status ?? 1);
