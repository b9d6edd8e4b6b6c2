import { PdfDict, PdfName, PdfRaw, PdfReal, PdfRef, PdfStream, PdfString, type PdfObject } from '../parser/objects';

/**
 * Serialises PDF objects to bytes. `PdfRaw` values are copied verbatim and, when tagged, their byte
 * position (relative to the start of the output) is recorded — that is how placeholders are found.
 */
export class ObjectWriter {
  private readonly parts: Buffer[] = [];
  private length = 0;
  readonly tags = new Map<string, { offset: number; length: number }>();

  constructor(private readonly streamBytes: (s: PdfStream) => Uint8Array = (s) => s.data ?? new Uint8Array()) {}

  get position(): number {
    return this.length;
  }

  raw(b: Uint8Array | string): void {
    const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
    this.parts.push(buf);
    this.length += buf.length;
  }

  value(o: PdfObject): void {
    if (o === null) this.raw('null');
    else if (typeof o === 'boolean') this.raw(o ? 'true' : 'false');
    else if (typeof o === 'number') this.raw(formatNumber(o));
    else if (o instanceof PdfReal) this.raw(o.text);
    else if (o instanceof PdfName) this.raw(formatName(o.name));
    else if (o instanceof PdfString) this.raw(formatString(o));
    else if (o instanceof PdfRef) this.raw(`${o.num} ${o.gen} R`);
    else if (o instanceof PdfRaw) {
      if (o.tag) this.tags.set(o.tag, { offset: this.length, length: o.bytes.length });
      this.raw(o.bytes);
    } else if (Array.isArray(o)) {
      this.raw('[');
      o.forEach((x, i) => {
        if (i) this.raw(' ');
        this.value(x);
      });
      this.raw(']');
    } else if (o instanceof PdfDict) this.dict(o);
    else if (o instanceof PdfStream) {
      const data = this.streamBytes(o);
      const d = o.dict.clone().set('Length', data.length);
      this.dict(d);
      this.raw('\nstream\n');
      this.raw(data);
      this.raw('\nendstream');
    }
  }

  private dict(d: PdfDict): void {
    this.raw('<<');
    for (const [k, v] of d.map) {
      this.raw(formatName(k));
      // A name, string, array or dictionary delimits itself; anything else needs a space.
      if (!(v instanceof PdfName || v instanceof PdfString || Array.isArray(v) || v instanceof PdfDict)) this.raw(' ');
      this.value(v);
    }
    this.raw('>>');
  }

  /** `N G obj … endobj` */
  indirect(ref: PdfRef, o: PdfObject): void {
    this.raw(`${ref.num} ${ref.gen} obj\n`);
    this.value(o);
    this.raw('\nendobj\n');
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.parts, this.length);
  }
}

export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return '0';
  if (Number.isInteger(n)) return String(n);
  const s = n.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

export function formatName(name: string): string {
  let out = '/';
  for (const b of Buffer.from(name, 'latin1')) {
    const regular = b > 0x20 && b < 0x7f && !'()<>[]{}/%#'.includes(String.fromCharCode(b));
    out += regular ? String.fromCharCode(b) : `#${b.toString(16).padStart(2, '0')}`;
  }
  return out;
}

function formatString(s: PdfString): string {
  const b = s.bytes;
  const printable = !s.hex && b.every((c) => c >= 0x20 && c < 0x7f);
  if (!printable) return `<${Buffer.from(b).toString('hex')}>`;
  return `(${Buffer.from(b).toString('latin1').replace(/[\\()]/g, (m) => `\\${m}`)})`;
}
