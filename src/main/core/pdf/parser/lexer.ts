import { PdfDict, PdfName, PdfReal, PdfRef, PdfString, type PdfObject } from './objects';
import { malformed } from './errors';

/** What the lexer reads from: the file (FileSource) or a decoded object stream in memory. */
export interface ByteReader {
  readonly size: number;
  byteAt(pos: number): number;
  read(start: number, end: number): Uint8Array;
}

export class MemoryReader implements ByteReader {
  constructor(private readonly buf: Uint8Array) {}
  get size(): number {
    return this.buf.length;
  }
  byteAt(pos: number): number {
    return pos >= 0 && pos < this.buf.length ? this.buf[pos]! : -1;
  }
  read(start: number, end: number): Uint8Array {
    return this.buf.subarray(Math.max(0, start), Math.min(end, this.buf.length));
  }
}

const MAX_DEPTH = 64;
const MAX_STRING = 64 * 1024 * 1024;
const HEX_CHUNK = 64 * 1024;
const NOT_HEX_OR_WHITE = /[^0-9A-Fa-f \n\r\t\f\0]/;
const HEX_WHITE = /[ \n\r\t\f\0]/;
const HEX_WHITE_ALL = /[ \n\r\t\f\0]/g;

export const isWhite = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
export const isDelim = (c: number) =>
  c === 0x28 || c === 0x29 || c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x2f || c === 0x25;
const isRegular = (c: number) => c !== -1 && !isWhite(c) && !isDelim(c);
const hexVal = (c: number) => (c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 55 : c >= 0x61 && c <= 0x66 ? c - 87 : -1);

/** A keyword or operator token (obj, endobj, stream, R, true, xref, trailer …). */
export class Keyword {
  constructor(readonly word: string) {}
}

/**
 * Tokenizer and object parser for PDF syntax (ISO 32000-1 §7.2–7.3). Every loop is bounded by the data
 * and every nesting by MAX_DEPTH, so a hostile file ends in an error, never a hang or a stack overflow.
 */
export class Lexer {
  pos: number;
  constructor(
    readonly src: ByteReader,
    pos = 0,
  ) {
    this.pos = pos;
  }

  skipWhite(): void {
    for (;;) {
      const c = this.src.byteAt(this.pos);
      if (c === -1) return;
      if (isWhite(c)) this.pos++;
      else if (c === 0x25) {
        // comment to end of line
        while (this.pos < this.src.size) {
          const d = this.src.byteAt(this.pos);
          if (d === 0x0a || d === 0x0d) break;
          this.pos++;
        }
      } else return;
    }
  }

  /** Reads a run of regular characters (a number or keyword), or '' at a delimiter / end. */
  private regularRun(): string {
    const start = this.pos;
    let s = '';
    while (isRegular(this.src.byteAt(this.pos))) {
      s += String.fromCharCode(this.src.byteAt(this.pos));
      this.pos++;
      if (this.pos - start > 255) throw malformed('token too long', start);
    }
    return s;
  }

  /** Next token: a primitive object, a Keyword, or a structural marker ('[', ']', '<<', '>>'). */
  nextToken(): PdfObject | Keyword | '[' | ']' | '<<' | '>>' | '{' | '}' | undefined {
    this.skipWhite();
    const start = this.pos;
    const c = this.src.byteAt(this.pos);
    if (c === -1) return undefined;
    switch (c) {
      case 0x5b: this.pos++; return '[';
      case 0x5d: this.pos++; return ']';
      case 0x7b: this.pos++; return '{';
      case 0x7d: this.pos++; return '}';
      case 0x2f: return this.readName();
      case 0x28: return this.readLiteralString(start);
      case 0x3c:
        if (this.src.byteAt(this.pos + 1) === 0x3c) {
          this.pos += 2;
          return '<<';
        }
        return this.readHexString(start);
      case 0x3e:
        if (this.src.byteAt(this.pos + 1) === 0x3e) {
          this.pos += 2;
          return '>>';
        }
        throw malformed('unexpected >', start);
      case 0x29:
        throw malformed('unexpected )', start);
    }
    const word = this.regularRun();
    if (word === '') throw malformed(`unexpected byte 0x${c.toString(16)}`, start);
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) {
      const v = Number(word);
      return word.includes('.') ? new PdfReal(v, word) : v;
    }
    if (/^[+-]?\d*\.?\d*[+-]\d*$/.test(word) || word === '-' || word === '+' || word === '.') return 0; // malformed numbers like 0.00-1 that readers treat as 0
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    return new Keyword(word);
  }

  private readName(): PdfName {
    this.pos++;
    const bytes: number[] = [];
    for (;;) {
      const c = this.src.byteAt(this.pos);
      if (!isRegular(c)) break;
      if (c === 0x23) {
        const h = hexVal(this.src.byteAt(this.pos + 1));
        const l = hexVal(this.src.byteAt(this.pos + 2));
        if (h >= 0 && l >= 0) {
          bytes.push(h * 16 + l);
          this.pos += 3;
          continue;
        }
      }
      bytes.push(c);
      this.pos++;
      if (bytes.length > 1024) throw malformed('name too long', this.pos);
    }
    return PdfName.of(Buffer.from(bytes).toString('latin1'));
  }

  private readLiteralString(start: number): PdfString {
    this.pos++;
    let depth = 1;
    const out: number[] = [];
    for (;;) {
      const c = this.src.byteAt(this.pos++);
      if (c === -1) throw malformed('unterminated string', start);
      if (out.length > MAX_STRING) throw malformed('string too long', start);
      if (c === 0x5c) {
        const d = this.src.byteAt(this.pos++);
        switch (d) {
          case 0x6e: out.push(0x0a); break;
          case 0x72: out.push(0x0d); break;
          case 0x74: out.push(0x09); break;
          case 0x62: out.push(0x08); break;
          case 0x66: out.push(0x0c); break;
          case 0x0d:
            if (this.src.byteAt(this.pos) === 0x0a) this.pos++;
            break;
          case 0x0a: break;
          case -1: throw malformed('unterminated string', start);
          default:
            if (d >= 0x30 && d <= 0x37) {
              let v = d - 0x30;
              for (let k = 0; k < 2; k++) {
                const e = this.src.byteAt(this.pos);
                if (e < 0x30 || e > 0x37) break;
                v = v * 8 + (e - 0x30);
                this.pos++;
              }
              out.push(v & 0xff);
            } else out.push(d);
        }
        continue;
      }
      if (c === 0x28) depth++;
      else if (c === 0x29 && --depth === 0) break;
      out.push(c);
    }
    return new PdfString(Uint8Array.from(out), false, start, this.pos);
  }

  /**
   * Hex strings are read a chunk at a time with native search and decoding: a signature's /Contents is
   * tens of kilobytes of hex, and byte-by-byte reading was most of the time spent opening a signed file.
   */
  private readHexString(start: number): PdfString {
    const digits: string[] = [];
    let count = 0;
    for (let p = start + 1; ; ) {
      const view = this.src.read(p, p + HEX_CHUNK);
      if (view.length === 0) throw malformed('unterminated hex string', start);
      const chunk = Buffer.from(view.buffer, view.byteOffset, view.byteLength);
      const close = chunk.indexOf(0x3e);
      let body = chunk.toString('latin1', 0, close < 0 ? chunk.length : close);
      const bad = NOT_HEX_OR_WHITE.exec(body);
      if (bad) throw malformed('bad hex digit', p + bad.index);
      if (HEX_WHITE.test(body)) body = body.replace(HEX_WHITE_ALL, '');
      count += body.length;
      if (count > 2 * MAX_STRING) throw malformed('hex string too long', start);
      digits.push(body);
      if (close >= 0) {
        this.pos = p + close + 1;
        break;
      }
      p += chunk.length;
    }
    const out = new Uint8Array((count + 1) >> 1);
    const hex = digits.join('') + (count % 2 ? '0' : '');
    Buffer.from(out.buffer).write(hex, 'hex');
    return new PdfString(out, true, start, this.pos);
  }

  /**
   * Parses one object. References `a b R` are recognised by looking ahead, so a plain integer stays an
   * integer. Streams are not handled here (the document reader knows /Length and offsets).
   */
  parseObject(depth = 0): PdfObject {
    const t = this.nextToken();
    return this.fromToken(t, depth);
  }

  private fromToken(t: ReturnType<Lexer['nextToken']>, depth: number): PdfObject {
    if (depth > MAX_DEPTH) throw malformed('objects nested too deeply', this.pos);
    if (t === undefined) throw malformed('unexpected end of data', this.pos);
    if (t === '[') {
      const arr: PdfObject[] = [];
      for (;;) {
        const n = this.nextToken();
        if (n === ']') return arr;
        if (n === undefined) throw malformed('unterminated array', this.pos);
        arr.push(this.withRef(this.fromToken(n, depth + 1)));
      }
    }
    if (t === '<<') {
      const dict = new PdfDict();
      for (;;) {
        const k = this.nextToken();
        if (k === '>>') return dict;
        if (!(k instanceof PdfName)) {
          if (k === undefined) throw malformed('unterminated dictionary', this.pos);
          throw malformed('dictionary key is not a name', this.pos);
        }
        const vt = this.nextToken();
        if (vt === '>>') {
          // A key without value: treat as null, as most readers do.
          return dict;
        }
        const v = this.withRef(this.fromToken(vt, depth + 1));
        if (v !== null) dict.set(k.name, v);
      }
    }
    if (t === ']' || t === '>>' || t === '{' || t === '}') throw malformed(`unexpected ${t}`, this.pos);
    if (t instanceof Keyword) throw malformed(`unexpected keyword ${t.word}`, this.pos);
    return t;
  }

  /** After an integer, looks ahead for `gen R` and returns a reference if found. */
  private withRef(o: PdfObject): PdfObject {
    if (typeof o !== 'number' || !Number.isInteger(o) || o < 0) return o;
    const save = this.pos;
    const g = this.nextToken();
    if (typeof g === 'number' && Number.isInteger(g) && g >= 0) {
      const r = this.nextToken();
      if (r instanceof Keyword && r.word === 'R') return new PdfRef(o, g);
    }
    this.pos = save;
    return o;
  }

  /** Parses a top-level value (withRef for an integer at top level too). */
  parseValue(): PdfObject {
    return this.withRef(this.parseObject());
  }

  expectKeyword(word: string): void {
    const t = this.nextToken();
    if (!(t instanceof Keyword) || t.word !== word) throw malformed(`expected ${word}`, this.pos);
  }

  /** Position just after the EOL following the `stream` keyword. */
  streamDataStart(): number {
    let p = this.pos;
    if (this.src.byteAt(p) === 0x0d) p++;
    if (this.src.byteAt(p) === 0x0a) p++;
    return p;
  }
}

/** Searches [from, to) of a reader for an ASCII marker; -1 when absent. Bounded by `to`. */
export function findForward(src: ByteReader, marker: string, from: number, to: number): number {
  const m = Buffer.from(marker, 'latin1');
  const CH = 65536;
  for (let p = from; p < to; p += CH - m.length) {
    const chunk = Buffer.from(src.read(p, Math.min(to, p + CH)));
    const i = chunk.indexOf(m);
    if (i >= 0) return p + i;
    if (p + CH >= to) break;
  }
  return -1;
}

/** Searches backwards for the last occurrence of marker that starts before `to`. */
export function findBackward(src: ByteReader, marker: string, to: number, from = 0): number {
  const m = Buffer.from(marker, 'latin1');
  const CH = 65536;
  for (let end = to; end > from; end -= CH - m.length) {
    const start = Math.max(from, end - CH);
    const chunk = Buffer.from(src.read(start, end));
    const i = chunk.lastIndexOf(m);
    if (i >= 0) return start + i;
    if (start === from) break;
  }
  return -1;
}
