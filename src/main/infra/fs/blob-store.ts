import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { withTempFile } from './atomic-write';
import type { BlobStore, StoredBlob } from '../../core/records/ports';

/**
 * Document files stored once, named by the SHA-256 of their content (`ab/abcdef….pdf`). A file is
 * written to a temp name, fsynced and renamed, so a name that exists always holds the complete
 * content; storing the same content twice costs nothing. Files are never modified after they land.
 */
export class FileBlobStore implements BlobStore {
  constructor(readonly root: string) {
    fs.mkdirSync(root, { recursive: true });
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  has(sha256: string): boolean {
    return fs.existsSync(this.pathOf(sha256));
  }

  private readonly unsyncedDirs = new Set<string>();

  /**
   * Stores `bytes` under their hash. With `deferDirSync` (batch import) the file itself is fsynced but
   * the folder's fsync, which makes the rename durable, waits for `syncDirs()`: call it before the
   * database transaction that names these files commits.
   */
  async putBytes(bytes: Uint8Array, opts: { deferDirSync?: boolean } = {}): Promise<StoredBlob> {
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    const target = this.pathOf(sha256);
    if (!(await this.intact(target, sha256))) {
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      const write = async (fd: fs.promises.FileHandle) => {
        let off = 0;
        while (off < bytes.length) off += (await fd.write(bytes, off, bytes.length - off)).bytesWritten;
      };
      if (opts.deferDirSync) {
        const temp = path.join(path.dirname(target), `.${sha256}.${crypto.randomBytes(6).toString('hex')}.tmp`);
        const fd = await fs.promises.open(temp, 'wx', 0o644);
        try {
          await write(fd);
          await fd.sync();
        } finally {
          await fd.close();
        }
        await fs.promises.rename(temp, target);
        this.unsyncedDirs.add(path.dirname(target));
      } else await withTempFile(target, write);
    }
    return { sha256, size: bytes.length };
  }

  /** Makes the renames of deferred writes durable (one fsync per touched folder). */
  async syncDirs(): Promise<void> {
    const dirs = [...this.unsyncedDirs];
    this.unsyncedDirs.clear();
    if (process.platform === 'win32') return;
    for (const dir of dirs) {
      const d = await fs.promises.open(dir, 'r');
      try {
        await d.sync();
      } finally {
        await d.close();
      }
    }
  }

  async putFile(source: string): Promise<StoredBlob> {
    // Documents are small (plans are a few MB): reading once avoids hashing and copying separately.
    return this.putBytes(await fs.promises.readFile(source));
  }

  async read(sha256: string): Promise<Buffer> {
    return fs.promises.readFile(this.pathOf(sha256));
  }

  /** Checks one file against its name. */
  async check(sha256: string): Promise<'ok' | 'missing' | 'altered'> {
    const p = this.pathOf(sha256);
    if (!fs.existsSync(p)) return 'missing';
    return (await hashFile(p)) === sha256 ? 'ok' : 'altered';
  }

  /** Removes temp files a crash left behind (never visible under a blob name). */
  removeLeftoverTemps(): number {
    let removed = 0;
    for (const sub of fs.readdirSync(this.root)) {
      const dir = path.join(this.root, sub);
      if (!fs.statSync(dir).isDirectory()) continue;
      for (const name of fs.readdirSync(dir)) {
        if (name.startsWith('.') && name.endsWith('.tmp')) {
          fs.rmSync(path.join(dir, name), { force: true });
          removed++;
        }
      }
    }
    return removed;
  }

  private async intact(p: string, sha256: string): Promise<boolean> {
    // An existing file is trusted only if its content still matches: an altered file is replaced.
    return fs.existsSync(p) && (await hashFile(p)) === sha256;
  }
}

export async function hashFile(p: string): Promise<string> {
  const h = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(p)) h.update(chunk as Buffer);
  return h.digest('hex');
}
