import { FileSource } from './source';
import { Keyword, Lexer, MemoryReader, findBackward, findForward, type ByteReader } from './lexer';
import { PdfDict, PdfRef, PdfStream, num, type PdfObject } from './objects';
import { decodeStream } from './filters';
import { eofAfter, isXrefStreamDict, readXrefTable, xrefStreamEntries, type XrefEntry, type XrefSection } from './xref';
import { encrypted, malformed, notPdf } from './errors';
import { AppError } from '../../errors';

/**
 * One saved state of the file: the original, then one per incremental update (each signature adds
 * one). A linearized file's two xref sections (first-page and main) form one revision.
 */
export interface Revision {
  /** 0 = the original document. */
  index: number;
  /** The startxref value of this revision (what a later /Prev points to). */
  startxref: number;
  /** Byte after this revision's `%%EOF` (and its end-of-line): the file length when it was saved. */
  endOffset: number;
  xrefKind: 'table' | 'stream';
  hybrid: boolean;
  trailer: PdfDict;
  /** Object numbers this revision defines or changes (in-use or compressed entries). */
  objectNumbers: number[];
  /** Object numbers this revision marks free. */
  freedNumbers: number[];
  sections: XrefSection[];
}

/** Where an indirect object sits in the file. */
export type ObjectLocation =
  | { kind: 'file'; num: number; gen: number; start: number; end: number }
  | { kind: 'compressed'; num: number; stream: number; index: number };

const MAX_SECTIONS = 2000;
const MAX_RESOLVE_DEPTH = 32;
const CACHE_LIMIT = 4096;

/**
 * A lazy, file-backed PDF reader. It reads the cross-reference chain when opened and any object only
 * when asked, by position, so that memory does not grow with the file's size.
 */
export class PdfDocument {
  readonly revisions: Revision[];
  /** Sections newest first, as the /Prev chain runs. */
  private readonly chain: XrefSection[];
  private readonly cache = new Map<string, PdfObject>();
  private readonly objStreams = new Map<string, { reader: MemoryReader; offsets: Map<number, number>; first: number }>();
  private resolveDepth = 0;

  private constructor(
    readonly src: FileSource,
    readonly path: string,
    readonly headerOffset: number,
    readonly version: string,
  ) {
    this.chain = [];
    this.revisions = [];
  }

  static open(path: string): PdfDocument {
    let src: FileSource;
    try {
      src = FileSource.open(path);
    } catch (e) {
      throw new AppError('PDF_FILE_NOT_FOUND', `Không mở được tệp "${path}". Hãy kiểm tra lại đường dẫn và quyền đọc tệp.`, `Cannot open the file "${path}".`, { path }, { cause: e });
    }
    try {
      const head = src.read(0, 1024).toString('latin1');
      const h = head.indexOf('%PDF-');
      if (h < 0) throw notPdf();
      const doc = new PdfDocument(src, path, h, head.slice(h + 5, h + 8));
      doc.load();
      return doc;
    } catch (e) {
      src.close();
      throw e;
    }
  }

  close(): void {
    this.cache.clear();
    this.objStreams.clear();
    this.src.close();
  }

  get size(): number {
    return this.src.size;
  }
  get latest(): Revision {
    return this.revisions[this.revisions.length - 1]!;
  }
  /** The trailer /Size of the newest revision: the first free object number for an update. */
  get nextObjectNumber(): number {
    return num(this.latest.trailer.get('Size')) ?? 0;
  }

  private load(): void {
    const tailFrom = Math.max(0, this.src.size - 65536);
    const sx = findBackward(this.src, 'startxref', this.src.size, tailFrom);
    if (sx < 0) throw malformed('no startxref: the file is truncated or not finished');
    const lx = new Lexer(this.src, sx + 9);
    const start = lx.nextToken();
    if (typeof start !== 'number' || start < 0 || start >= this.src.size) throw malformed('bad startxref value', sx);
    const seen = new Set<number>();
    let offset: number | undefined = start;
    while (offset !== undefined) {
      if (seen.has(offset)) throw malformed('the /Prev chain loops', offset);
      if (this.chain.length >= MAX_SECTIONS) throw malformed('too many xref sections');
      seen.add(offset);
      const section = this.readSection(offset);
      this.chain.push(section);
      const prev = num(section.trailer.get('Prev'));
      offset = prev === undefined ? undefined : prev;
      if (offset !== undefined && (offset < 0 || offset >= this.src.size)) throw malformed('bad /Prev offset');
    }
    if (this.chain[0]!.trailer.has('Encrypt')) throw encrypted();
    this.groupRevisions();
    const root = this.latest.trailer.get('Root');
    if (!(root instanceof PdfRef)) throw malformed('trailer has no /Root');
    if (!(this.resolve(root) instanceof PdfDict)) throw malformed('the document catalog is missing');
  }

  private readSection(offset: number): XrefSection {
    const at = this.locateSection(offset);
    const lx = new Lexer(this.src, at);
    const t = lx.nextToken();
    if (t instanceof Keyword && t.word === 'xref') {
      const table = readXrefTable(this.src, at);
      const section: XrefSection = { offset, kind: 'table', hybrid: false, trailer: table.trailer, entries: table.entries, endOffset: eofAfter(this.src, table.end) };
      const stm = num(table.trailer.get('XRefStm'));
      if (stm !== undefined && stm > 0 && stm < this.src.size) {
        section.hybrid = true;
        const hidden = this.readXrefStream(stm).entries;
        for (const [n, e] of hidden) {
          const cur = section.entries.get(n);
          if (!cur || cur.type === 'free') section.entries.set(n, e);
        }
      }
      return section;
    }
    const xs = this.readXrefStream(at);
    return { offset, kind: 'stream', hybrid: false, trailer: xs.dict, entries: xs.entries, streamObject: xs.num, endOffset: eofAfter(this.src, xs.end) };
  }

  /** Tolerates a startxref counted from a header that is not at byte 0 (junk before %PDF-). */
  private locateSection(offset: number): number {
    const looksRight = (p: number) => {
      const s = this.src.read(p, p + 32).toString('latin1');
      return /^\s*(xref|\d+\s+\d+\s+obj)/.test(s);
    };
    if (looksRight(offset)) return offset;
    if (this.headerOffset > 0 && looksRight(offset + this.headerOffset)) return offset + this.headerOffset;
    throw malformed('startxref does not point to a cross-reference section', offset);
  }

  private readXrefStream(offset: number): { dict: PdfDict; entries: Map<number, XrefEntry>; num: number; end: number } {
    const { obj, num: n, end } = this.parseIndirectAt(offset);
    if (!isXrefStreamDict(obj)) throw malformed('cross-reference stream expected', offset);
    const data = decodeStream(obj.dict, this.src.read(obj.offset, obj.offset + obj.length), (o) => this.resolve(o));
    return { dict: obj.dict, entries: xrefStreamEntries(obj.dict, data), num: n, end };
  }

  private groupRevisions(): void {
    // Oldest first. A section whose /Prev points forward is a linearized first-page section: it belongs
    // to the same revision as the main section it points to.
    const oldestFirst = [...this.chain].reverse();
    const groups: XrefSection[][] = [];
    for (const s of oldestFirst) {
      const prevOffset = num(s.trailer.get('Prev'));
      const last = groups[groups.length - 1];
      if (last && prevOffset !== undefined && prevOffset > s.offset && last[0]!.offset === prevOffset) last.unshift(s);
      else groups.push([s]);
    }
    groups.forEach((sections, index) => {
      const newest = sections[0]!;
      const numbers = new Set<number>();
      const freed = new Set<number>();
      for (const s of sections) for (const [n, e] of s.entries) (e.type === 'free' ? freed : numbers).add(n);
      for (const n of numbers) freed.delete(n);
      if (newest.kind === 'stream' && newest.streamObject !== undefined) numbers.add(newest.streamObject);
      const endOffset = Math.max(...sections.map((s) => s.endOffset));
      this.revisions.push({
        index,
        startxref: newest.offset,
        endOffset: endOffset > 0 ? endOffset : index === groups.length - 1 ? this.src.size : -1,
        xrefKind: newest.kind,
        hybrid: newest.hybrid,
        trailer: newest.trailer,
        objectNumbers: [...numbers].sort((a, b) => a - b),
        freedNumbers: [...freed].sort((a, b) => a - b),
        sections,
      });
    });
  }

  /** The xref entry for an object as of a revision (newest section first). */
  entry(objNum: number, revision: Revision = this.latest): XrefEntry | undefined {
    const first = this.chain.indexOf(revision.sections[0]!);
    for (let i = first; i < this.chain.length; i++) {
      const e = this.chain[i]!.entries.get(objNum);
      if (e) return e;
    }
    return undefined;
  }

  /** Where object `objNum` lies as of `revision` (for ByteRange and change checks). */
  locate(objNum: number, revision: Revision = this.latest): ObjectLocation | undefined {
    const e = this.entry(objNum, revision);
    if (!e || e.type === 'free') return undefined;
    if (e.type === 'compressed') return { kind: 'compressed', num: objNum, stream: e.stream, index: e.index };
    const { end } = this.parseIndirectAt(e.offset, objNum);
    return { kind: 'file', num: objNum, gen: e.gen, start: e.offset, end };
  }

  /** Resolves a reference (following chains of references) as of a revision; other values pass through. */
  resolve(o: PdfObject | undefined, revision: Revision = this.latest): PdfObject | undefined {
    let cur = o;
    for (let hops = 0; cur instanceof PdfRef; hops++) {
      if (hops > MAX_RESOLVE_DEPTH) throw malformed('reference chain too long');
      cur = this.getObject(cur.num, revision);
    }
    return cur;
  }

  /** Resolves and checks the type: a dictionary (a stream's dictionary counts), else undefined. */
  dict(o: PdfObject | undefined, revision: Revision = this.latest): PdfDict | undefined {
    const v = this.resolve(o, revision);
    return v instanceof PdfDict ? v : v instanceof PdfStream ? v.dict : undefined;
  }

  /** The object with this number as of a revision; null when free or absent (as PDF says). */
  getObject(objNum: number, revision: Revision = this.latest): PdfObject {
    const key = `${revision.index}:${objNum}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    this.resolveDepth++;
    try {
      if (this.resolveDepth > MAX_RESOLVE_DEPTH) throw malformed('objects refer to each other too deeply');
      const e = this.entry(objNum, revision);
      let obj: PdfObject = null;
      if (e?.type === 'inuse') obj = this.parseIndirectAt(e.offset, objNum).obj;
      else if (e?.type === 'compressed') obj = this.fromObjectStream(e.stream, e.index, objNum, revision);
      if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(key, obj);
      return obj;
    } finally {
      this.resolveDepth--;
    }
  }

  /** Parses `N G obj … endobj` at a file offset; streams keep their data in the file. */
  parseIndirectAt(offset: number, expectNum?: number): { obj: PdfObject; num: number; gen: number; end: number } {
    const lx = new Lexer(this.src, offset);
    const n = lx.nextToken();
    const g = lx.nextToken();
    const kw = lx.nextToken();
    if (typeof n !== 'number' || typeof g !== 'number' || !(kw instanceof Keyword) || kw.word !== 'obj') throw malformed('cross-reference entry does not point to an object', offset);
    if (expectNum !== undefined && n !== expectNum) throw malformed(`cross-reference entry for object ${expectNum} points to object ${n}`, offset);
    let obj = lx.parseValue();
    const afterValue = lx.pos;
    const next = lx.nextToken();
    if (next instanceof Keyword && next.word === 'stream') {
      if (!(obj instanceof PdfDict)) throw malformed('stream without dictionary', offset);
      const start = lx.streamDataStart();
      const length = this.streamLength(obj, start);
      obj = new PdfStream(obj, start, length);
      const endAt = findForward(this.src, 'endobj', start + length, Math.min(this.src.size, start + length + 1024));
      return { obj, num: n, gen: g, end: endAt < 0 ? start + length : endAt + 6 };
    }
    if (next instanceof Keyword && next.word === 'endobj') return { obj, num: n, gen: g, end: lx.pos };
    // A missing endobj is common in damaged-but-readable files: the value itself is complete.
    return { obj, num: n, gen: g, end: afterValue };
  }

  private streamLength(dict: PdfDict, start: number): number {
    const declared = num(this.resolve(dict.get('Length')));
    if (declared !== undefined && declared >= 0 && start + declared <= this.src.size) {
      const tail = this.src.read(start + declared, start + declared + 32).toString('latin1');
      if (/^\s*endstream/.test(tail)) return declared;
    }
    // Wrong /Length: fall back to the endstream keyword, as readers do.
    const es = findForward(this.src, 'endstream', start, this.src.size);
    if (es < 0) throw malformed('stream without endstream', start);
    let end = es;
    if (this.src.byteAt(end - 1) === 0x0a) end--;
    if (this.src.byteAt(end - 1) === 0x0d) end--;
    return Math.max(0, end - start);
  }

  private fromObjectStream(streamNum: number, index: number, objNum: number, revision: Revision): PdfObject {
    const key = `${revision.index}:${streamNum}`;
    let os = this.objStreams.get(key);
    if (!os) {
      const e = this.entry(streamNum, revision);
      if (e?.type !== 'inuse') throw malformed(`object stream ${streamNum} is missing`);
      const s = this.parseIndirectAt(e.offset, streamNum).obj;
      if (!(s instanceof PdfStream)) throw malformed(`object ${streamNum} is not an object stream`);
      const data = this.streamBytes(s);
      const n = num(s.dict.get('N')) ?? 0;
      const first = num(s.dict.get('First')) ?? 0;
      if (n < 0 || first < 0 || first > data.length || n > data.length) throw malformed('bad object stream header');
      const reader = new MemoryReader(data);
      const lx = new Lexer(reader, 0);
      const offsets = new Map<number, number>();
      for (let i = 0; i < n; i++) {
        const on = lx.nextToken();
        const oo = lx.nextToken();
        if (typeof on !== 'number' || typeof oo !== 'number') throw malformed('bad object stream header');
        if (!offsets.has(on)) offsets.set(on, oo);
      }
      os = { reader, offsets, first };
      if (this.objStreams.size > 16) this.objStreams.delete(this.objStreams.keys().next().value as string);
      this.objStreams.set(key, os);
    }
    const rel = os.offsets.get(objNum);
    if (rel === undefined) return null;
    void index;
    return new Lexer(os.reader, os.first + rel).parseValue();
  }

  /** Raw (still encoded) bytes of a stream. */
  rawStreamBytes(s: PdfStream): Uint8Array {
    return s.data ?? this.src.read(s.offset, s.offset + s.length);
  }

  /** Decoded bytes of a stream whose filters the structure supports (Flate + predictors). */
  streamBytes(s: PdfStream): Uint8Array {
    return decodeStream(s.dict, this.rawStreamBytes(s), (o) => this.resolve(o));
  }

  /** The revision whose section starts at a startxref value (e.g. to compare with a ByteRange end). */
  revisionEndingAt(endOffset: number): Revision | undefined {
    return this.revisions.find((r) => r.endOffset === endOffset);
  }

  /** Reads raw bytes of the file (e.g. for ByteRange hashing). */
  get reader(): ByteReader {
    return this.src;
  }
}
