import type { FileHandle } from 'node:fs/promises';
import type { PdfDocument } from '../parser/document';
import type { BuiltRevision } from './incremental';

/**
 * How the core writes an output file: temp file in the target's folder, fsync, rename (the API layer
 * passes infra/fs `withTempFile`). Injected so that core stays free of infra imports.
 */
export type AtomicFileWriter = <T>(target: string, fill: (fd: FileHandle, tempPath: string) => Promise<T>) => Promise<T>;

/**
 * Copies the input file into `fd` in chunks (the input is only read), feeding each chunk to `onChunk`
 * (the signer hashes the signed range while copying), then appends the revision.
 */
export async function copyAndAppend(doc: PdfDocument, fd: FileHandle, revision: BuiltRevision, onChunk?: (chunk: Buffer) => void): Promise<void> {
  let pos = 0;
  for (const chunk of doc.src.chunks(0, doc.size)) {
    onChunk?.(chunk);
    await writeAll(fd, chunk, pos);
    pos += chunk.length;
  }
  await writeAll(fd, revision.bytes, pos);
}

export async function writeAll(fd: FileHandle, data: Uint8Array, position: number): Promise<void> {
  let off = 0;
  while (off < data.length) off += (await fd.write(data, off, data.length - off, position + off)).bytesWritten;
}

/** Appends a revision with no signature in it (the DSS, form filling): copy, append, fsync, rename. */
export async function appendRevision(doc: PdfDocument, revision: BuiltRevision, output: string, writeFile: AtomicFileWriter): Promise<void> {
  await writeFile(output, (fd) => copyAndAppend(doc, fd, revision));
}
