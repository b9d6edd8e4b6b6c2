/**
 * The verifier's trust store for a context, kept between calls and read again only when one of its
 * folders or files changed (the office added or removed a CA, an update replaced the bundled anchors).
 * Parsing every anchor costs tens of milliseconds per verification; checking the folders costs a few
 * stat calls. Without this, a store cached for good would miss a CA added while the app runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineService, type AppContext } from '../context';
import { loadTrustStore, type TrustStore } from '../../core/pki/trust-store';

/**
 * The trust anchors shipped with the app: `resources/trust` next to the app (Electron's resources
 * folder when packaged, else the checkout or install folder the code runs from). HOSOKY_RESOURCES wins.
 */
export function bundledTrustDir(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.HOSOKY_RESOURCES) return path.join(env.HOSOKY_RESOURCES, 'trust');
  const starts: string[] = [];
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) starts.push(resourcesPath, path.join(resourcesPath, 'app'));
  try {
    starts.push(path.dirname(fileURLToPath(import.meta.url)));
  } catch {
    // CommonJS bundle (Electron main): import.meta.url is not available; the resources path serves.
  }
  if (process.argv[1]) starts.push(path.dirname(path.resolve(process.argv[1])));
  for (const start of starts) {
    for (let dir = start, i = 0; i < 8; i++, dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'resources', 'trust');
      if (fs.existsSync(candidate)) return candidate;
      const direct = path.join(dir, 'trust');
      if (dir === resourcesPath && fs.existsSync(direct)) return direct;
      if (path.dirname(dir) === dir) break;
    }
  }
  return null;
}

/** What the store was read from: every entry of the folders with its size and time, and the extra files. */
function fingerprint(paths: string[]): string {
  const parts: string[] = [];
  for (const p of paths) {
    let entries: fs.Dirent[] | null = null;
    try {
      entries = fs.readdirSync(p, { withFileTypes: true });
    } catch {
      // Not a folder (an explicit file) or absent: its own stat below says which.
    }
    const stat = (f: string) => {
      try {
        const s = fs.statSync(f);
        return `${f}:${s.size}:${s.mtimeMs}`;
      } catch {
        return `${f}:absent`;
      }
    };
    if (entries === null) parts.push(stat(p));
    else for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) parts.push(stat(path.join(p, e.name)));
  }
  return parts.join('|');
}

const KEEP = 4;

export const trustStores = defineService((ctx: AppContext) => {
  const cache = new Map<string, { fingerprint: string; store: TrustStore }>();
  return {
    /** The bundled and the school's anchors, plus any CA files given for this check only (CLI --trust). */
    get(explicitFiles: string[] = []): TrustStore {
      const bundledDir = bundledTrustDir();
      const userDir = path.join(ctx.options.dataDir, 'trust');
      const folders = [bundledDir, userDir].filter((d): d is string => !!d).flatMap((d) => [d, path.join(d, 'intermediates')]);
      const key = JSON.stringify(explicitFiles);
      const now = fingerprint([...folders, ...explicitFiles]);
      const hit = cache.get(key);
      if (hit && hit.fingerprint === now) return hit.store;
      const store = loadTrustStore({ bundledDir, userDir, explicitFiles });
      cache.delete(key);
      if (cache.size >= KEEP) cache.delete(cache.keys().next().value as string);
      cache.set(key, { fingerprint: now, store });
      return store;
    },
  };
});
