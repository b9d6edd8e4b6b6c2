import { PdfDict, PdfName, PdfStream, num, type PdfObject } from './objects';
import { Keyword, Lexer, findForward, type ByteReader } from './lexer';
import { malformed } from './errors';

export type XrefEntry =
  | { type: 'free'; gen: number }
  | { type: 'inuse'; offset: number; gen: number }
  | { type: 'compressed'; stream: number; index: number };

/** One cross-reference section as found in the file (one step of the /Prev chain). */
export interface XrefSection {
  /** Byte offset the startxref / Prev value points to. */
  offset: number;
  kind: 'table' | 'stream';
  /** A classic table whose trailer also points to a cross-reference stream (/XRefStm). */
  hybrid: boolean;
  trailer: PdfDict;
  entries: Map<number, XrefEntry>;
  /** The object number of the xref stream itself (kind 'stream'). */
  streamObject?: number;
  /** Byte after the `%%EOF` that closes this section (and its end-of-line), or -1 if none was found. */
  endOffset: number;
}

const MAX_ENTRIES = 10_000_000;

/** Reads the classic table at `offset` (which starts with the keyword `xref`). */
export function readXrefTable(src: ByteReader, offset: number): { entries: Map<number, XrefEntry>; trailer: PdfDict; end: number } {
  const lx = new Lexer(src, offset);
  lx.expectKeyword('xref');
  const entries = new Map<number, XrefEntry>();
  for (;;) {
    const t = lx.nextToken();
    if (t instanceof Keyword && t.word === 'trailer') break;
    if (typeof t !== 'number') throw malformed('bad xref subsection header', lx.pos);
    const count = lx.nextToken();
    if (typeof count !== 'number' || count < 0 || t < 0 || count > MAX_ENTRIES || count * 18 > src.size) throw malformed('bad xref subsection count', lx.pos);
    for (let i = 0; i < count; i++) {
      const off = lx.nextToken();
      const gen = lx.nextToken();
      const kind = lx.nextToken();
      if (typeof off !== 'number' || typeof gen !== 'number' || !(kind instanceof Keyword)) throw malformed('bad xref entry', lx.pos);
      const n = t + i;
      if (n === 0) continue;
      if (kind.word === 'n' && off > 0) entries.set(n, { type: 'inuse', offset: off, gen });
      else if (kind.word === 'n' || kind.word === 'f') entries.set(n, { type: 'free', gen });
      else throw malformed('bad xref entry type', lx.pos);
    }
  }
  const trailer = lx.parseObject();
  if (!(trailer instanceof PdfDict)) throw malformed('trailer is not a dictionary', lx.pos);
  return { entries, trailer, end: lx.pos };
}

/** Decodes the entries of a cross-reference stream (ISO 32000-1 §7.5.8). */
export function xrefStreamEntries(dict: PdfDict, data: Uint8Array): Map<number, XrefEntry> {
  const w = dict.get('W');
  if (!Array.isArray(w) || w.length < 3) throw malformed('xref stream without /W');
  const ws = w.slice(0, 3).map((x) => num(x as PdfObject) ?? -1);
  if (ws.some((x) => !Number.isInteger(x) || x < 0 || x > 8)) throw malformed('bad xref stream /W');
  const [w1, w2, w3] = ws as [number, number, number];
  const rowLen = w1 + w2 + w3;
  if (rowLen === 0) throw malformed('bad xref stream /W');
  const size = num(dict.get('Size'));
  if (size === undefined || size < 0) throw malformed('xref stream without /Size');
  const idx = dict.get('Index');
  const ranges: number[] = Array.isArray(idx) ? idx.map((x) => num(x) ?? -1) : [0, size];
  const entries = new Map<number, XrefEntry>();
  const field = (pos: number, width: number): number => {
    let v = 0;
    for (let i = 0; i < width; i++) v = v * 256 + data[pos + i]!;
    return v;
  };
  let pos = 0;
  for (let r = 0; r + 1 < ranges.length; r += 2) {
    const first = ranges[r]!;
    const count = ranges[r + 1]!;
    if (first < 0 || count < 0 || count > MAX_ENTRIES) throw malformed('bad xref stream /Index');
    for (let i = 0; i < count; i++) {
      if (pos + rowLen > data.length) return entries; // short stream: keep what is there
      const type = w1 === 0 ? 1 : field(pos, w1);
      const f2 = field(pos + w1, w2);
      const f3 = field(pos + w1 + w2, w3);
      pos += rowLen;
      const n = first + i;
      if (n === 0) continue;
      if (type === 0) entries.set(n, { type: 'free', gen: f3 });
      else if (type === 1) entries.set(n, f2 > 0 ? { type: 'inuse', offset: f2, gen: w3 === 0 ? 0 : f3 } : { type: 'free', gen: 0 });
      else if (type === 2) entries.set(n, { type: 'compressed', stream: f2, index: f3 });
      // other types are reserved: readers must ignore them
    }
  }
  return entries;
}

/**
 * Finds the `%%EOF` closing a section that ends at `from`, and returns the byte after it and after one
 * end-of-line — the length the file had when that revision was saved.
 */
export function eofAfter(src: ByteReader, from: number): number {
  const at = findForward(src, '%%EOF', from, Math.min(src.size, from + 4096));
  if (at < 0) return -1;
  let end = at + 5;
  if (src.byteAt(end) === 0x0d) end++;
  if (src.byteAt(end) === 0x0a) end++;
  return end;
}

export const isXrefStreamDict = (s: PdfObject): s is PdfStream => s instanceof PdfStream && s.dict.get('Type') instanceof PdfName && s.dict.nameOf('Type') === 'XRef';
