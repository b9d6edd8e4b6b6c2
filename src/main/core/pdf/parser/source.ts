import fs from 'node:fs';

const BLOCK = 64 * 1024;
const MAX_BLOCKS = 32;

/**
 * Random access to a file by position, through a small block cache: the parser reads only the parts
 * it needs (trailer, xref, the objects asked for), so memory stays flat whatever the file size.
 */
export class FileSource {
  readonly size: number;
  private readonly blocks = new Map<number, Buffer>();
  /** The block the lexer is reading, byte after byte: no map lookup or recency update per byte. */
  private current: { index: number; bytes: Buffer } | undefined;

  private constructor(
    private readonly fd: number,
    size: number,
  ) {
    this.size = size;
  }

  static open(path: string): FileSource {
    const fd = fs.openSync(path, 'r');
    try {
      return new FileSource(fd, fs.fstatSync(fd).size);
    } catch (e) {
      fs.closeSync(fd);
      throw e;
    }
  }

  close(): void {
    this.blocks.clear();
    this.current = undefined;
    fs.closeSync(this.fd);
  }

  private block(index: number): Buffer {
    let b = this.blocks.get(index);
    if (b) {
      // Refresh recency: Map keeps insertion order, so re-insert.
      this.blocks.delete(index);
      this.blocks.set(index, b);
      return b;
    }
    const start = index * BLOCK;
    const len = Math.min(BLOCK, this.size - start);
    b = Buffer.allocUnsafe(Math.max(0, len));
    let done = 0;
    while (done < len) {
      const n = fs.readSync(this.fd, b, done, len - done, start + done);
      if (n === 0) break;
      done += n;
    }
    if (this.blocks.size >= MAX_BLOCKS) this.blocks.delete(this.blocks.keys().next().value as number);
    this.blocks.set(index, b);
    return b;
  }

  /** The byte at pos, or -1 past the end. */
  byteAt(pos: number): number {
    if (pos < 0 || pos >= this.size) return -1;
    const index = Math.floor(pos / BLOCK);
    let cur = this.current;
    if (cur?.index !== index) this.current = cur = { index, bytes: this.block(index) };
    return cur.bytes[pos - index * BLOCK] as number;
  }

  /** Bytes [start, end) clamped to the file (a copy). */
  read(start: number, end: number): Buffer {
    start = Math.max(0, start);
    end = Math.min(this.size, end);
    if (end <= start) return Buffer.alloc(0);
    const out = Buffer.allocUnsafe(end - start);
    if (end - start > BLOCK * 4) {
      let done = 0;
      while (done < out.length) {
        const n = fs.readSync(this.fd, out, done, out.length - done, start + done);
        if (n === 0) break;
        done += n;
      }
      return out;
    }
    let pos = start;
    while (pos < end) {
      const bi = Math.floor(pos / BLOCK);
      const b = this.block(bi);
      const from = pos - bi * BLOCK;
      const n = Math.min(b.length - from, end - pos);
      if (n <= 0) break;
      b.copy(out, pos - start, from, from + n);
      pos += n;
    }
    return out;
  }

  /** Streams [start, end) in chunks (for hashing and copying big files). */
  *chunks(start: number, end: number, chunkSize = 1024 * 1024): Generator<Buffer> {
    const buf = Buffer.allocUnsafe(chunkSize);
    let pos = start;
    while (pos < end) {
      const n = fs.readSync(this.fd, buf, 0, Math.min(chunkSize, end - pos), pos);
      if (n === 0) break;
      yield buf.subarray(0, n);
      pos += n;
    }
  }
}
