import zlib from 'node:zlib';
import type { PdfDocument } from '../parser/document';
import { PdfDict, PdfName, PdfRef, PdfStream, num, type PdfObject } from '../parser/objects';
import { ObjectWriter } from './serialize';

type Body = { kind: 'object'; value: PdfObject } | { kind: 'raw'; bytes: Uint8Array };

/** The bytes of one new revision, ready to append, and where its tagged placeholders are. */
export interface BuiltRevision {
  /** Everything to append after the input file (starts with an end-of-line if the input lacked one). */
  bytes: Buffer;
  /** The file offset where `bytes` start (= input size). */
  base: number;
  /** Absolute file offsets of tagged placeholders. */
  tags: Map<string, { offset: number; length: number }>;
  /** startxref of the new revision. */
  startxref: number;
}

/**
 * An incremental update (ISO 32000-1 §7.5.6): new and changed objects appended after the file as it
 * is, then a cross-reference section of the same kind as the previous one (classic table after a table,
 * xref stream after an xref stream) with /Prev to the previous startxref, the same /Root, /Info and /ID.
 */
export class IncrementalUpdate {
  private readonly objects = new Map<number, { gen: number; body: Body }>();
  private next: number;

  constructor(readonly doc: PdfDocument) {
    this.next = Math.max(1, doc.nextObjectNumber);
  }

  /** A new object number. */
  allocate(): PdfRef {
    return new PdfRef(this.next++, 0);
  }

  /** The number the next allocated object will get (pdf-lib objects are built from there). */
  get nextNumber(): number {
    return this.next;
  }

  /** Marks numbers below `n` as used (after objects were numbered elsewhere, e.g. by pdf-lib). */
  reserveBelow(n: number): void {
    this.next = Math.max(this.next, n);
  }

  /** Adds a new object, returning its reference. */
  add(value: PdfObject): PdfRef {
    const ref = this.allocate();
    this.set(ref, value);
    return ref;
  }

  /** Sets a new object or replaces an existing one (same number and generation) in this revision. */
  set(ref: PdfRef, value: PdfObject): void {
    this.objects.set(ref.num, { gen: ref.gen, body: { kind: 'object', value } });
  }

  /** An object already serialised elsewhere (its body between `obj` and `endobj`). */
  setRaw(ref: PdfRef, bytes: Uint8Array): void {
    this.objects.set(ref.num, { gen: ref.gen, body: { kind: 'raw', bytes } });
  }

  has(num: number): boolean {
    return this.objects.has(num);
  }

  /** Serialises the revision for appending to the input file. */
  build(): BuiltRevision {
    const doc = this.doc;
    const last = doc.reader.byteAt(doc.size - 1);
    const lead = last === 0x0a || last === 0x0d ? '' : '\n';
    const base = doc.size;
    const w = new ObjectWriter((s) => doc.rawStreamBytes(s));
    w.raw(lead);
    const offsets = new Map<number, { offset: number; gen: number }>();
    for (const [n, { gen, body }] of [...this.objects].sort((a, b) => a[0] - b[0])) {
      offsets.set(n, { offset: base + w.position, gen });
      if (body.kind === 'object') w.indirect(new PdfRef(n, gen), body.value);
      else {
        w.raw(`${n} ${gen} obj\n`);
        w.raw(body.bytes);
        w.raw('\nendobj\n');
      }
    }
    const prev = doc.latest;
    const trailer = new PdfDict();
    for (const key of ['Root', 'Info', 'ID']) {
      const v = prev.trailer.get(key);
      if (v !== undefined) trailer.set(key, v);
    }
    trailer.set('Prev', prev.startxref);
    const startxref = base + w.position;
    if (prev.xrefKind === 'stream' && !prev.hybrid) {
      const self = this.next++;
      offsets.set(self, { offset: startxref, gen: 0 });
      const size = Math.max(this.next, num(prev.trailer.get('Size')) ?? 0);
      trailer.set('Size', size);
      w.indirect(new PdfRef(self, 0), xrefStream(offsets, trailer));
    } else {
      trailer.set('Size', Math.max(this.next, num(prev.trailer.get('Size')) ?? 0));
      w.raw(xrefTable(offsets));
      w.raw('trailer\n');
      w.value(trailer);
      w.raw('\n');
    }
    w.raw(`startxref\n${startxref}\n%%EOF\n`);
    const tags = new Map<string, { offset: number; length: number }>();
    for (const [t, p] of w.tags) tags.set(t, { offset: base + p.offset, length: p.length });
    return { bytes: w.toBuffer(), base, tags, startxref };
  }
}

/** Consecutive numbers grouped into subsections: [[first, [entries…]], …]. */
function runs(offsets: Map<number, { offset: number; gen: number }>): [number, { offset: number; gen: number }[]][] {
  const nums = [...offsets.keys()].sort((a, b) => a - b);
  const out: [number, { offset: number; gen: number }[]][] = [];
  for (const n of nums) {
    const cur = out[out.length - 1];
    if (cur && cur[0] + cur[1].length === n) cur[1].push(offsets.get(n)!);
    else out.push([n, [offsets.get(n)!]]);
  }
  return out;
}

function xrefTable(offsets: Map<number, { offset: number; gen: number }>): string {
  let s = 'xref\n';
  for (const [first, entries] of runs(offsets)) {
    s += `${first} ${entries.length}\n`;
    for (const e of entries) s += `${String(e.offset).padStart(10, '0')} ${String(e.gen).padStart(5, '0')} n\r\n`;
  }
  return s;
}

function xrefStream(offsets: Map<number, { offset: number; gen: number }>, trailer: PdfDict): PdfStream {
  const maxOffset = Math.max(...[...offsets.values()].map((e) => e.offset));
  const w2 = Math.max(4, Math.ceil(Math.log2(maxOffset + 1) / 8));
  const rows: number[] = [];
  const index: number[] = [];
  for (const [first, entries] of runs(offsets)) {
    index.push(first, entries.length);
    for (const e of entries) {
      rows.push(1);
      for (let i = w2 - 1; i >= 0; i--) rows.push(Math.floor(e.offset / 2 ** (8 * i)) & 0xff);
      rows.push((e.gen >> 8) & 0xff, e.gen & 0xff);
    }
  }
  const dict = trailer.clone();
  dict.set('Type', PdfName.of('XRef'));
  dict.set('W', [1, w2, 2]);
  dict.set('Index', index);
  dict.set('Filter', PdfName.of('FlateDecode'));
  return PdfStream.ofData(dict, zlib.deflateSync(Uint8Array.from(rows)));
}
