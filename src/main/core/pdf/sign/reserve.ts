import { createHash } from 'node:crypto';
import { AppError } from '../../errors';
import type { HashAlgorithm } from '../../signing/signer';
import type { PdfDocument } from '../parser/document';
import { PdfRaw } from '../parser/objects';
import type { IncrementalUpdate } from '../writer/incremental';
import { copyAndAppend, type AtomicFileWriter } from '../writer/append';
import { nodeHashName } from './cms';

const BYTERANGE_TAG = 'sig:byterange';
const CONTENTS_TAG = 'sig:contents';
const BYTERANGE_WIDTH = 10;

/**
 * The /ByteRange and /Contents placeholders of a signature-like dictionary (/Sig or /DocTimeStamp).
 * /Contents is a hex string of `contentsBytes` zero bytes; /ByteRange has fixed-width numbers so it can
 * be filled in without moving anything.
 */
export function signaturePlaceholders(contentsBytes: number): { byteRange: PdfRaw; contents: PdfRaw } {
  const zeros = '0'.repeat(BYTERANGE_WIDTH);
  return {
    byteRange: new PdfRaw(Buffer.from(`[0 ${zeros} ${zeros} ${zeros}]`, 'latin1'), BYTERANGE_TAG),
    contents: new PdfRaw(Buffer.from(`<${'0'.repeat(contentsBytes * 2)}>`, 'latin1'), CONTENTS_TAG),
  };
}

export interface SignedRevisionResult {
  byteRange: [number, number, number, number];
  /** Bytes reserved for /Contents and bytes used by the CMS. */
  contentsReserved: number;
  contentsUsed: number;
  timings: { hashMs: number; signMs: number; writeMs: number };
}

/**
 * Stages 2–4 of signing, shared by PAdES signatures and document timestamps: lay out the new revision,
 * fill /ByteRange, digest the signed ranges (while the input is copied into the temp file), have
 * `produce` make the CMS from the digest, embed it in /Contents, then fsync and rename.
 * The update must hold a dictionary with the placeholders from `signaturePlaceholders`.
 */
export async function writeSignedRevision(opts: {
  doc: PdfDocument;
  update: IncrementalUpdate;
  output: string;
  writeFile: AtomicFileWriter;
  hash: HashAlgorithm;
  produce: (digest: Uint8Array) => Promise<Uint8Array>;
}): Promise<SignedRevisionResult> {
  const { doc } = opts;
  const built = opts.update.build();
  const br = built.tags.get(BYTERANGE_TAG);
  const ct = built.tags.get(CONTENTS_TAG);
  if (!br || !ct) throw new Error('the update holds no signature placeholders');
  const fileEnd = built.base + built.bytes.length;
  const afterContents = ct.offset + ct.length;
  const byteRange: [number, number, number, number] = [0, ct.offset, afterContents, fileEnd - afterContents];
  const brText = `[${byteRange.join(' ')}]`.padEnd(br.length, ' ');
  if (brText.length > br.length) throw new Error('ByteRange placeholder too small');
  built.bytes.write(brText, br.offset - built.base, 'latin1');

  const timings = { hashMs: 0, signMs: 0, writeMs: 0 };
  const contentsReserved = (ct.length - 2) / 2;
  let contentsUsed = 0;
  const started = performance.now();
  await opts.writeFile(opts.output, async (fd) => {
    let t = performance.now();
    const hasher = createHash(nodeHashName(opts.hash));
    await copyAndAppend(doc, fd, { ...built, bytes: Buffer.alloc(0) }, (chunk) => hasher.update(chunk));
    hasher.update(built.bytes.subarray(0, ct.offset - built.base));
    hasher.update(built.bytes.subarray(afterContents - built.base));
    const digest = hasher.digest();
    timings.hashMs = performance.now() - t;
    t = performance.now();
    const cms = await opts.produce(digest);
    timings.signMs = performance.now() - t;
    contentsUsed = cms.length;
    if (cms.length > contentsReserved)
      throw new AppError(
        'SIGN_CONTENTS_TOO_SMALL',
        'Chữ ký lớn hơn chỗ đã dành sẵn trong tệp. Hãy thử ký lại; nếu vẫn lỗi, hãy báo cho bộ phận hỗ trợ.',
        `The signature (${cms.length} bytes) is larger than the space reserved (${contentsReserved} bytes).`,
      );
    built.bytes.write(Buffer.from(cms).toString('hex'), ct.offset - built.base + 1, 'latin1');
    let off = 0;
    while (off < built.bytes.length) off += (await fd.write(built.bytes, off, built.bytes.length - off, built.base + off)).bytesWritten;
  });
  // Write = the append plus fsync, rename and the folder's fsync (everything but hashing and signing).
  timings.writeMs = performance.now() - started - timings.hashMs - timings.signMs;
  return { byteRange, contentsReserved, contentsUsed, timings };
}
