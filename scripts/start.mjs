// `npm start`: installs dependencies when they are missing, builds, then opens Hồ Sơ Ký:
//   1. in Electron when its binary is present (one attempt is made to fetch it; build machines cannot);
//   2. otherwise in the browser dev host (loopback bridge), opened in Chromium's app mode when present;
//   3. otherwise it prints the address to open.
// With no token driver on the machine the app starts in its demo profile (system.info.demoProfile).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import readline from 'node:readline';
import { electronBinary } from './electron-binary.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
process.chdir(root);
const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    console.error(`Lỗi khi chạy / failed: ${cmd} ${args.join(' ')}`);
    process.exit(r.status ?? 1);
  }
};

if (!existsSync('node_modules')) {
  console.log('Đang cài các thư viện (npm ci)… / installing dependencies…');
  run('npm', ['ci', '--no-audit', '--no-fund'], { env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
}

console.log('Đang dựng ứng dụng… / building…');
run(process.execPath, ['scripts/build.mjs']);
run(process.execPath, [path.join('node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn']);


let electron = electronBinary();
if (!electron && existsSync(path.join('node_modules', 'electron', 'install.js'))) {
  console.log('Thử tải Electron một lần… / trying to fetch Electron once…');
  spawnSync(process.execPath, [path.join('node_modules', 'electron', 'install.js')], { stdio: 'ignore', timeout: 60_000 });
  electron = electronBinary();
}

if (electron) {
  console.log('Mở Hồ Sơ Ký (Electron)… / starting the desktop app…');
  const child = spawn(electron, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('Không có Electron trên máy này: mở Hồ Sơ Ký trong trình duyệt. / No Electron here: using the browser host.');
  const host = spawn(process.execPath, ['dist/dev-host.js'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const stop = () => host.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  host.on('exit', (code) => process.exit(code ?? 0));
  const lines = readline.createInterface({ input: host.stdout });
  lines.on('line', (line) => {
    const m = /^HOSOKY_URL=(.+)$/.exec(line);
    if (!m) return void console.log(line);
    const url = m[1];
    const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
    if (chromium && (process.env.DISPLAY || process.env.WAYLAND_DISPLAY)) {
      console.log('Mở cửa sổ Chromium… / opening Chromium…');
      spawn(chromium, [`--app=${url}`, '--no-first-run', `--user-data-dir=${path.join(root, '.tmp', 'chromium-profile')}`], { stdio: 'ignore', detached: true }).unref();
    } else {
      console.log(`Mở địa chỉ này trong trình duyệt / open this address in a browser:\n  ${url}`);
    }
  });
}
