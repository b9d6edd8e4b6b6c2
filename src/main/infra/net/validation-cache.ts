/**
 * The local cache of validation data under `<dataDir>/cache/`: OCSP responses (per certificate), CRLs
 * and issuer certificates (per URL), so a file can be upgraded or verified offline with what was
 * fetched before. One file per entry, named by the SHA-256 of its key, written atomically.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import type { CacheKind, ValidationCache } from '../../core/ltv/ports';

export function createValidationCache(dataDir: string): ValidationCache {
  const root = path.join(dataDir, 'cache');
  const fileOf = (kind: CacheKind, key: string) => path.join(root, kind, `${createHash('sha256').update(key).digest('hex')}.der`);
  return {
    get(kind, key) {
      try {
        return new Uint8Array(fs.readFileSync(fileOf(kind, key)));
      } catch {
        return null;
      }
    },
    put(kind, key, der) {
      const file = fileOf(kind, key);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      // A cache entry is re-fetchable: temp + rename is enough (no fsync on the hot path of a batch).
      const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
      fs.writeFileSync(temp, der);
      fs.renameSync(temp, file);
    },
  };
}
