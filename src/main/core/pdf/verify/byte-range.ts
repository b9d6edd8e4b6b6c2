/**
 * The ByteRange of a signature must describe exactly "the whole file as it was when signed, minus the
 * signature value": [0, a, b, c] with the gap [a, b) being precisely this dictionary's /Contents hex
 * string (delimiters included) at its real position, no overlap, and a + … ending at the %%EOF of a
 * revision. Anything else is how the universal-signature-forgery and signature-wrapping attacks work.
 */
import { createHash, type Hash } from 'node:crypto';
import { PdfString, type PdfDict, type PdfDocument, type PdfObject } from '../parser';
import type { Check } from '../../../../shared/contract/verify';
import { failed, passed } from './checks';
import type { SignedContent } from './cms';

export interface ByteRangeResult {
  check: Check;
  /** [offset, length, offset, length] when readable and inside the file. */
  ranges: [number, number, number, number] | null;
  /** Index (0-based) of the revision the signature closes, when its end is a revision's end. */
  revision: number | null;
  coversWholeFile: boolean;
  /** The decoded /Contents, when it is a hex string. */
  contents: Uint8Array | null;
}

const isWhitespace = (b: Buffer) => /^[\s\0]*$/.test(b.toString('latin1'));

function readRanges(o: PdfObject | undefined): [number, number, number, number] | null {
  if (!Array.isArray(o) || o.length !== 4) return null;
  const v = o.map((x) => (typeof x === 'number' ? x : NaN));
  if (v.some((x) => !Number.isSafeInteger(x) || x < 0)) return null;
  return v as [number, number, number, number];
}

export function checkByteRange(doc: PdfDocument, sig: PdfDict): ByteRangeResult {
  const rawContents = sig.get('Contents');
  const contents = rawContents instanceof PdfString && rawContents.hex ? rawContents.bytes : null;
  const base = { ranges: null, revision: null, coversWholeFile: false, contents };
  const fail = (code: string, vi: string, en: string): ByteRangeResult => ({ ...base, check: failed(code, vi, en) });

  const br = sig.get('ByteRange');
  if (br === undefined || br === null) return fail('BYTE_RANGE_MISSING', 'Chữ ký không có /ByteRange (phạm vi dữ liệu được ký).', 'The signature has no /ByteRange.');
  const ranges = readRanges(br);
  if (!ranges) return fail('BYTE_RANGE_MALFORMED', '/ByteRange của chữ ký không hợp lệ (phải gồm đúng 4 số nguyên không âm).', '/ByteRange is malformed (it must be exactly four non-negative integers).');
  if (!(rawContents instanceof PdfString)) return fail('CONTENTS_MISSING', 'Chữ ký không có giá trị chữ ký (/Contents) hợp lệ.', 'The signature has no valid /Contents string.');
  if (!rawContents.hex) return fail('CONTENTS_NOT_HEX', '/Contents của chữ ký phải là chuỗi hệ 16 (hex).', '/Contents must be a hexadecimal string.');
  const [a, b, c, d] = ranges;
  const inFile = { ...base, ranges: c + d <= doc.size ? ranges : null };
  const bad = (code: string, vi: string, en: string): ByteRangeResult => ({ ...inFile, check: failed(code, vi, en) });
  if (a !== 0) return bad('BYTE_RANGE_NOT_FROM_START', 'Phạm vi được ký không bắt đầu từ đầu tệp: phần đầu tệp không được bảo vệ.', 'The signed range does not start at the beginning of the file.');
  if (b <= 0 || c < a + b) return bad('BYTE_RANGE_OVERLAP', 'Hai phần của phạm vi được ký chồng lên nhau.', 'The two signed ranges overlap.');
  if (c + d > doc.size) return bad('BYTE_RANGE_BEYOND_FILE', 'Phạm vi được ký vượt quá kích thước tệp: tệp đã bị cắt bớt.', 'The signed range goes past the end of the file: the file was truncated.');
  if (rawContents.offset === undefined || rawContents.end === undefined) {
    return bad('CONTENTS_NOT_IN_FILE', 'Không xác định được vị trí của giá trị chữ ký trong tệp.', 'The position of /Contents in the file cannot be established.');
  }
  if (rawContents.offset !== b || rawContents.end !== c) {
    return bad(
      'BYTE_RANGE_GAP_MISMATCH',
      `Khoảng trống trong phạm vi được ký (byte ${b}–${c}) không đúng là giá trị chữ ký (byte ${rawContents.offset}–${rawContents.end}): có dữ liệu không được ký xen vào.`,
      `The ByteRange gap (${b}–${c}) is not exactly the /Contents string (${rawContents.offset}–${rawContents.end}): unsigned data is hidden in it.`,
    );
  }
  const end = c + d;
  const revision = doc.revisions.find((r) => r.endOffset >= end && r.endOffset - end <= 2 && isWhitespace(doc.src.read(end, r.endOffset)));
  const coversWholeFile = end === doc.size || isWhitespace(doc.src.read(end, doc.size));
  if (!revision) {
    return {
      ...inFile,
      coversWholeFile,
      check: failed('BYTE_RANGE_NOT_REVISION', 'Phạm vi được ký không kết thúc ở cuối một lần lưu (%%EOF) của tệp.', 'The signed range does not end at the end of a saved revision (%%EOF).'),
    };
  }
  const previous = doc.revisions[revision.index - 1];
  if (previous && previous.endOffset > b) {
    return { ...inFile, coversWholeFile, revision: revision.index, check: failed('BYTE_RANGE_OLD_CONTENTS', 'Giá trị chữ ký nằm trong phần tệp của một lần lưu trước.', 'The signature value lies in an earlier revision.') };
  }
  return {
    ...inFile,
    revision: revision.index,
    coversWholeFile,
    check: passed(
      'BYTE_RANGE_OK',
      coversWholeFile ? 'Phạm vi được ký bao trùm toàn bộ tệp (trừ giá trị chữ ký).' : `Phạm vi được ký bao trùm đúng phiên bản thứ ${revision.index + 1} của tệp (trừ giá trị chữ ký).`,
      coversWholeFile ? 'The signed range covers the whole file except the signature value.' : `The signed range covers exactly revision ${revision.index + 1} except the signature value.`,
    ),
  };
}

/**
 * Hashes signed ranges straight from the file, in chunks. Every signature of a file starts with the
 * bytes before the first signature's /Contents, so that prefix is hashed once and its state copied
 * (a 4-signature plan costs about one pass over the file, not four). The report's SHA-256 of the whole
 * file is fed from the same pass, so the file is read once, not twice (half the time for a 50 MB plan).
 */
export class RangeHasher {
  private readonly prefixes = new Map<string, Hash>();
  /** SHA-256 of [0, prefixEnd), made while the first prefix was read. */
  private filePrefix: Hash | undefined;
  constructor(
    private readonly doc: PdfDocument,
    /** Bytes [0, prefixEnd) are the start of every signature's first range. */
    private readonly prefixEnd: number,
  ) {}

  private prefix(alg: string): Hash {
    let h = this.prefixes.get(alg);
    if (!h) {
      h = createHash(alg);
      const file = this.filePrefix ? undefined : createHash('sha256');
      for (const chunk of this.doc.src.chunks(0, this.prefixEnd)) {
        h.update(chunk);
        file?.update(chunk);
      }
      this.filePrefix ??= file;
      this.prefixes.set(alg, h);
    }
    return h.copy();
  }

  /** SHA-256 of the whole file, upper-case hex; continues from the prefix pass when there was one. */
  fileSha256(): string {
    const h = this.filePrefix?.copy() ?? createHash('sha256');
    for (const chunk of this.doc.src.chunks(this.filePrefix ? this.prefixEnd : 0, this.doc.size)) h.update(chunk);
    return h.digest('hex').toUpperCase();
  }

  contentOf(ranges: [number, number, number, number]): SignedContent {
    const cache = new Map<string, Uint8Array>();
    return {
      digest: (alg) => {
        let hit = cache.get(alg);
        if (!hit) {
          const shared = ranges[0] === 0 && ranges[1] >= this.prefixEnd;
          const h = shared ? this.prefix(alg) : createHash(alg);
          const parts: Array<[number, number]> = [
            [shared ? this.prefixEnd : ranges[0], ranges[0] + ranges[1]],
            [ranges[2], ranges[2] + ranges[3]],
          ];
          for (const [start, end] of parts) for (const chunk of this.doc.src.chunks(start, end)) h.update(chunk);
          hit = new Uint8Array(h.digest());
          cache.set(alg, hit);
        }
        return hit;
      },
    };
  }
}
