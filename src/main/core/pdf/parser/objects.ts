/**
 * The PDF object model shared by the parser, the writer and the verifier. Arrays are plain JS arrays;
 * numbers are JS numbers (`PdfReal` keeps a real's text when it must be written back unchanged).
 */
export class PdfName {
  private static readonly interned = new Map<string, PdfName>();
  private constructor(readonly name: string) {}
  static of(name: string): PdfName {
    let n = PdfName.interned.get(name);
    if (!n) {
      n = new PdfName(name);
      if (PdfName.interned.size < 100_000) PdfName.interned.set(name, n);
    }
    return n;
  }
  toString(): string {
    return `/${this.name}`;
  }
}

export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
  get key(): string {
    return `${this.num} ${this.gen}`;
  }
  equals(o: unknown): boolean {
    return o instanceof PdfRef && o.num === this.num && o.gen === this.gen;
  }
  toString(): string {
    return `${this.num} ${this.gen} R`;
  }
}

export class PdfString {
  /**
   * `offset`/`end`: where the string's token (incl. delimiters) lies in the file, when it was read
   * directly from the file (not from an object stream) — the verifier checks /Contents with them.
   */
  constructor(
    readonly bytes: Uint8Array,
    readonly hex = false,
    readonly offset?: number,
    readonly end?: number,
  ) {}
  /** Text strings: UTF-16BE with BOM, UTF-8 with BOM, else PDFDocEncoding (Latin-1 approximation). */
  text(): string {
    const b = this.bytes;
    if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
      let s = '';
      for (let i = 2; i + 1 < b.length; i += 2) s += String.fromCharCode((b[i]! << 8) | b[i + 1]!);
      return s;
    }
    if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return Buffer.from(b.subarray(3)).toString('utf8');
    return Buffer.from(b).toString('latin1');
  }
  static fromText(s: string): PdfString {
    // ASCII stays readable; anything else is UTF-16BE with BOM, as PDF text strings allow.
    if (/^[\x20-\x7e]*$/.test(s)) return new PdfString(Buffer.from(s, 'latin1'));
    const out = Buffer.alloc(2 + s.length * 2);
    out[0] = 0xfe;
    out[1] = 0xff;
    for (let i = 0; i < s.length; i++) out.writeUInt16BE(s.charCodeAt(i), 2 + i * 2);
    return new PdfString(out, true);
  }
}

/** A real number as written in the file, so that re-serialising a parsed dictionary keeps it. */
export class PdfReal {
  constructor(
    readonly value: number,
    readonly text: string,
  ) {}
}

export class PdfDict {
  readonly map: Map<string, PdfObject>;
  constructor(entries?: Iterable<[string, PdfObject]> | Record<string, PdfObject>) {
    if (!entries) this.map = new Map();
    else if (Symbol.iterator in Object(entries)) this.map = new Map(entries as Iterable<[string, PdfObject]>);
    else this.map = new Map(Object.entries(entries as Record<string, PdfObject>));
  }
  get(key: string): PdfObject | undefined {
    return this.map.get(key);
  }
  set(key: string, value: PdfObject): this {
    this.map.set(key, value);
    return this;
  }
  has(key: string): boolean {
    return this.map.has(key);
  }
  delete(key: string): void {
    this.map.delete(key);
  }
  clone(): PdfDict {
    return new PdfDict(this.map);
  }
  /** The /Type (or another name-valued key) as a string. */
  nameOf(key = 'Type'): string | undefined {
    const v = this.map.get(key);
    return v instanceof PdfName ? v.name : undefined;
  }
}

/**
 * A stream: its dictionary and where its raw (still encoded) data is — in the file (`offset`, `length`)
 * for a parsed stream, or in memory (`data`) for a stream made by the writer.
 */
export class PdfStream {
  constructor(
    readonly dict: PdfDict,
    readonly offset: number,
    readonly length: number,
    readonly data?: Uint8Array,
  ) {}
  static ofData(dict: PdfDict, data: Uint8Array): PdfStream {
    const d = dict.clone();
    d.set('Length', data.length);
    return new PdfStream(d, -1, data.length, data);
  }
}

/**
 * Bytes written verbatim by the writer, with an optional tag whose position the writer reports: the
 * signer reserves /Contents and /ByteRange this way and patches them in place afterwards.
 */
export class PdfRaw {
  constructor(
    readonly bytes: Uint8Array,
    readonly tag?: string,
  ) {}
}

export type PdfObject = PdfRaw | null | boolean | number | PdfReal | PdfName | PdfString | PdfRef | PdfDict | PdfStream | PdfObject[];

export const name = PdfName.of;
export const isDict = (o: unknown): o is PdfDict => o instanceof PdfDict;
export const num = (o: PdfObject | undefined): number | undefined => (typeof o === 'number' ? o : o instanceof PdfReal ? o.value : undefined);
