import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

/**
 * Writes a file so that a crash, a pulled USB disk or a full disk never leaves a half-written file
 * under the final name: write to a temp file in the same folder, fsync it, rename over the target,
 * then fsync the folder so the rename itself is durable.
 */
export async function writeFileAtomic(target: string, data: Uint8Array | string): Promise<void> {
  await withTempFile(target, async (fd) => {
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < buf.length) off += (await fd.write(buf, off, buf.length - off)).bytesWritten;
  });
}

/**
 * The general form: `fill` writes the content through the open handle (streaming, positioned writes),
 * then the file is fsynced and renamed into place. On any failure the temp file is removed and the
 * target is untouched.
 */
export async function withTempFile<T>(target: string, fill: (fd: fs.promises.FileHandle, tempPath: string) => Promise<T>): Promise<T> {
  const dir = path.dirname(path.resolve(target));
  const temp = path.join(dir, `.${path.basename(target)}.${crypto.randomBytes(6).toString('hex')}.tmp`);
  const fd = await fs.promises.open(temp, 'wx', 0o644);
  let result: T;
  try {
    result = await fill(fd, temp);
    await fd.sync();
    await fd.close();
  } catch (e) {
    await fd.close().catch(() => undefined);
    await fs.promises.rm(temp, { force: true });
    throw e;
  }
  try {
    await fs.promises.rename(temp, target);
  } catch (e) {
    await fs.promises.rm(temp, { force: true });
    throw e;
  }
  await fsyncDir(dir);
  return result;
}

/**
 * For an intermediate file that only this process reads back and then deletes: the same writer shape
 * as withTempFile, without the fsyncs and the rename that durability needs.
 */
export async function withScratchFile<T>(target: string, fill: (fd: fs.promises.FileHandle, tempPath: string) => Promise<T>): Promise<T> {
  const fd = await fs.promises.open(target, 'w', 0o600);
  try {
    return await fill(fd, target);
  } finally {
    await fd.close();
  }
}

async function fsyncDir(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; NTFS rename is journaled there.
  if (process.platform === 'win32') return;
  const d = await fs.promises.open(dir, 'r');
  try {
    await d.sync();
  } finally {
    await d.close();
  }
}
