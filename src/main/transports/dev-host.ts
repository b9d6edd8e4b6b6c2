/**
 * The browser dev host: the real application behind the loopback bridge, serving the built renderer.
 * Used by the end-to-end tests and by `npm start` when no Electron binary is available. It prints the
 * page URL, which carries the per-run secret in its fragment (never sent to a server, never in logs of
 * a proxy); the packaged Electron app never starts it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type App } from '../api';
import { startBridge, type Bridge } from './bridge';
import { defaultDataDir } from '../infra/fs/app-data';

export interface DevHostOptions {
  dataDir?: string;
  /** Folder of the built renderer (default: dist-renderer/ of the app root). */
  staticDir?: string;
  port?: number;
}

export interface DevHost {
  app: App;
  bridge: Bridge;
  /** The page to open: the bridge URL with the secret in the fragment. */
  pageUrl: string;
  close(): Promise<void>;
}

/** The folder holding package.json of Hồ Sơ Ký (works from src/ under tsx and from dist/). */
export function findAppRoot(start = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = start;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'hosoky') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json of hosoky not found');
    dir = parent;
  }
}

export const pageUrlOf = (bridge: Pick<Bridge, 'url' | 'secret'>) => `${bridge.url}/#bridge=${bridge.secret}`;

export async function startDevHost(opts: DevHostOptions = {}): Promise<DevHost> {
  const root = findAppRoot();
  const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version as string;
  const dataDir = opts.dataDir ?? defaultDataDir();
  fs.mkdirSync(dataDir, { recursive: true });
  const app = createApp({ dataDir, host: 'bridge', version });
  const bridge = await startBridge(app.server, { staticDir: opts.staticDir ?? path.join(root, 'dist-renderer'), ...(opts.port ? { port: opts.port } : {}) });
  return {
    app,
    bridge,
    pageUrl: pageUrlOf(bridge),
    async close() {
      await bridge.close();
      await app.ctx.close();
    },
  };
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const port = process.env.HOSOKY_PORT ? Number(process.env.HOSOKY_PORT) : undefined;
  startDevHost({ ...(port ? { port } : {}) }).then(
    (host) => {
      // One machine-readable line first (scripts and tests read it), then the words for a person.
      console.log(`HOSOKY_URL=${host.pageUrl}`);
      console.log(`Hồ Sơ Ký đang chạy trong trình duyệt tại địa chỉ trên (chỉ máy này truy cập được). Nhấn Ctrl+C để dừng.`);
      const stop = () => void host.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (e: unknown) => {
      console.error(`Không khởi động được Hồ Sơ Ký: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
