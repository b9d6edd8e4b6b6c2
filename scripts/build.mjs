// Builds the main-process bundles with esbuild: the command line, the token worker, the browser/dev
// host, the Electron main process and the preload. The preload is bundled whole because a sandboxed
// preload cannot require.
import { build } from 'esbuild';
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const r = (p) => path.join(root, p);

const node = { platform: 'node', target: 'node20', bundle: true, sourcemap: true, logLevel: 'warning' };

// The Node entries share one split build: a command loads only the chunks (and so only the npm
// packages) it imports, which keeps `hosoky tokens` from paying for the PDF, database and Word code.
// The pure-JS packages are bundled into those chunks: a process started for one command then does not
// resolve hundreds of files in node_modules, read their package.json files, or run Node's CommonJS
// export lexer on them (loading `hosoky verify`'s modules: 560 → 250 ms CPU). Where a package ships an
// ES module build (@peculiar/*, pdf-lib, tsyringe) that build is taken: esbuild drops what is not used
// and no CommonJS wrappers run at start-up (@peculiar/x509's stack: 650 → 440 KB).
// Bundled CommonJS packages still call require() (node:crypto, …): each chunk gets its own.
const esmEntries = {
  cli: 'src/main/cli/main.ts',
  'dev-host': 'src/main/transports/dev-host.ts',
};
const targets = [
  {
    ...node,
    // Native modules are loaded from node_modules at run time.
    external: ['pkcs11js', 'better-sqlite3', 'electron'],
    mainFields: ['module', 'main'],
    banner: { js: "import { createRequire as __hosokyCreateRequire } from 'node:module'; const require = __hosokyCreateRequire(import.meta.url);" },
    entryPoints: Object.fromEntries(Object.entries(esmEntries).map(([name, file]) => [name, r(file)])),
    outdir: r('dist'),
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    format: 'esm',
  },
  {
    ...node,
    // The token worker is one file of its own (pkcs11js aside): it loads nothing else, and the packaged
    // app unpacks just this file from the asar archive (electron-builder.yml).
    entryPoints: [r('src/main/infra/pkcs11/worker-main.ts')],
    outfile: r('dist/token-worker.js'),
    format: 'esm',
    external: ['pkcs11js'],
  },
  {
    ...node,
    entryPoints: [r('src/main/electron/main.ts')],
    outfile: r('dist/electron/main.cjs'),
    format: 'cjs',
    // The Electron main process starts once per session: its npm packages stay in node_modules.
    packages: 'external',
    external: ['electron'],
    // Code that finds its files from import.meta.url (fonts, trust anchors, the token worker) works
    // in the CommonJS bundle of the Electron main process too.
    banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__importMetaUrl' },
  },
  {
    platform: 'node', target: 'node20', bundle: true, sourcemap: false, logLevel: 'warning',
    entryPoints: [r('src/preload/index.ts')], outfile: r('dist/preload.cjs'), format: 'cjs', external: ['electron'],
  },
];

const entryFiles = (t) => (Array.isArray(t.entryPoints) ? t.entryPoints : Object.values(t.entryPoints));
const missing = targets.flatMap(entryFiles).filter((f) => !existsSync(f));
if (missing.length) throw new Error(`build: entry points missing: ${missing.map((f) => path.relative(root, f)).join(', ')}`);
rmSync(r('dist/chunks'), { recursive: true, force: true });
await Promise.all(targets.map((t) => build(t)));
