// `npm run test:electron`: the Electron shell suite (security settings, preload surface, IPC sender
// checks in the real shell). It needs Electron's own binary, which build machines cannot download:
// without it this script says plainly that the suite did NOT run (exit code 0, nothing counted).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { electronBinary } from './electron-binary.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
process.chdir(root);

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
