// Builds the main-process bundles with esbuild: the command line, the token worker, the browser/dev
// host, the Electron main process and the preload. npm's dependencies stay external (native modules
// are loaded from node_modules); the preload is bundled whole because a sandboxed preload cannot require.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const r = (p) => path.join(root, p);

const node = { platform: 'node', target: 'node20', bundle: true, sourcemap: true, logLevel: 'warning', packages: 'external' };

const targets = [
  { ...node, entryPoints: [r('src/main/cli/main.ts')], outfile: r('dist/cli.js'), format: 'esm' },
  { ...node, entryPoints: [r('src/main/infra/pkcs11/worker-main.ts')], outfile: r('dist/token-worker.js'), format: 'esm' },
  { ...node, entryPoints: [r('src/main/transports/dev-host.ts')], outfile: r('dist/dev-host.js'), format: 'esm' },
  { ...node, entryPoints: [r('src/main/electron/main.ts')], outfile: r('dist/electron/main.cjs'), format: 'cjs', external: ['electron'] },
  {
    platform: 'node', target: 'node20', bundle: true, sourcemap: false, logLevel: 'warning',
    entryPoints: [r('src/preload/index.ts')], outfile: r('dist/preload.cjs'), format: 'cjs', external: ['electron'],
  },
];

// An entry that does not exist yet is a build error once the app is complete; while the skeleton
// grows, say which entries were skipped.
const present = targets.filter((t) => existsSync(t.entryPoints[0]));
for (const t of targets) if (!present.includes(t)) console.warn(`build: skipped ${path.relative(root, t.entryPoints[0])} (not present)`);
await Promise.all(present.map((t) => build(t)));
