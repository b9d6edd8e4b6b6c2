import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import type { Font, Glyph } from '@pdf-lib/fontkit';
import { PdfDict, PdfName, PdfString, PdfStream, type PdfRef } from '../parser/objects';
import type { IncrementalUpdate } from '../writer/incremental';

/** What is used of fontkit's module (loaded on the first visible signature, see build.ts). */
export type Fontkit = { create: (buffer: Uint8Array) => Font };

/**
 * Glyphs put in every subset whatever the text: the digits and the punctuation of an ISO 8601 time. The
 * signing time is the only text that changes from one file to the next in a batch by one signer, so with
 * these always present the batch's files share one subset (one cache entry) instead of one per minute.
 */
const TIME_CHARACTERS = '0123456789:-+T ';

/**
 * A TrueType subset ready to embed as a Type0 / CIDFontType2 font (Identity-H, CID = glyph id in the
 * subset): the compressed font program, widths, ToUnicode CMap and descriptor values. Built once per font
 * and glyph set; each file then gets its own objects holding these bytes.
 */
interface FontSubset {
  baseFont: string;
  /** Original glyph id → glyph id in the subset (1…n; 0 is .notdef). */
  ids: Map<number, number>;
  fontFile: Buffer;
  length1: number;
  toUnicode: Buffer;
  /** Widths in glyph space (1000 units per em) of subset glyphs 1…n. */
  widths: number[];
  descriptor: { flags: number; bbox: number[]; italicAngle: number; ascent: number; descent: number; capHeight: number; xHeight: number };
}

/** A line shaped with the font: its glyphs (ligatures and kerning-free advances, as the PDF shows them). */
export interface ShapedLine {
  text: string;
  glyphs: Glyph[];
  /** Advance of the line at size 1 (PDF units). */
  width: number;
}

const subsets = new Map<string, Promise<FontSubset>>();
const shaped = new Map<string, ShapedLine>();
const MAX_SUBSETS = 16;
const MAX_SHAPED = 256;

/** The embeddable font for one appearance: shapes text, measures it and adds the font objects to a file. */
export class AppearanceFont {
  private constructor(
    private readonly font: Font,
    private readonly fontKey: string,
  ) {}

  static of(fontkit: Fontkit, bytes: Uint8Array, fontKey: string): AppearanceFont {
    return new AppearanceFont(parsedFont(fontkit, bytes), fontKey);
  }

  private get scale(): number {
    return 1000 / this.font.unitsPerEm;
  }

  /** Shapes a line (kept for lines that repeat across files: the signer's name and organisation). */
  shape(text: string): ShapedLine {
    const key = `${this.fontKey}\0${text}`;
    let line = shaped.get(key);
    if (line) {
      // Most recently used last: each file's time line must not push out the signer's name.
      shaped.delete(key);
    } else {
      const glyphs = this.font.layout(text).glyphs;
      line = { text, glyphs, width: glyphs.reduce((w, g) => w + g.advanceWidth, 0) * (this.scale / 1000) };
      if (shaped.size >= MAX_SHAPED) shaped.delete(shaped.keys().next().value as string);
    }
    shaped.set(key, line);
    return line;
  }

  /**
   * Embeds the subset holding every glyph of `lines` (plus the time characters) as new objects of the
   * update; returns the Type0 font's reference and how to write each line as a hex string of CIDs.
   */
  async embed(update: IncrementalUpdate, lines: ShapedLine[]): Promise<{ ref: PdfRef; encode: (line: ShapedLine) => string }> {
    const glyphs = new Map<number, Glyph>();
    // Glyph 0 (.notdef, a character the font lacks) is always in a subset and keeps CID 0.
    for (const l of [this.shape(TIME_CHARACTERS), ...lines]) for (const g of l.glyphs) if (g.id !== 0) glyphs.set(g.id, g);
    const ordered = [...glyphs.values()].sort((a, b) => a.id - b.id);
    const key = `${this.fontKey}\0${ordered.map((g) => g.id).join(',')}`;
    let pending = subsets.get(key);
    if (pending) subsets.delete(key);
    else {
      pending = buildSubset(this.font, ordered, this.unicodeOf(ordered, lines), this.scale);
      if (subsets.size >= MAX_SUBSETS) subsets.delete(subsets.keys().next().value as string);
      pending.catch(() => subsets.delete(key));
    }
    subsets.set(key, pending);
    const subset = await pending;
    return { ref: addFontObjects(update, subset), encode: (line) => line.glyphs.map((g) => hex4(subset.ids.get(g.id) ?? 0)).join('') };
  }

  /**
   * The text each glyph stands for (the ToUnicode CMap, so that copying and searching the signature's
   * text works). From the characters of the lines first: fontkit caches glyph objects by id, and a glyph
   * first met as a component of an accented glyph (y in ý) comes back from later layouts with no code
   * points. A glyph made by substitution (a ligature) keeps the code points fontkit gives it.
   */
  private unicodeOf(glyphs: Glyph[], lines: ShapedLine[]): Map<number, number[]> {
    const out = new Map<number, number[]>();
    for (const l of lines)
      for (const ch of l.text) {
        const cp = ch.codePointAt(0)!;
        const id = this.font.glyphForCodePoint(cp).id;
        if (id !== 0 && !out.has(id)) out.set(id, [cp]);
      }
    for (const ch of TIME_CHARACTERS) {
      const id = this.font.glyphForCodePoint(ch.codePointAt(0)!).id;
      if (!out.has(id)) out.set(id, [ch.codePointAt(0)!]);
    }
    for (const g of glyphs) if (!out.has(g.id) && g.codePoints.length > 0) out.set(g.id, g.codePoints);
    return out;
  }
}

/** fontkit parses the whole font file (≈ 0.2–1 s for DejaVu Serif); a parsed font is only read afterwards. */
const parsedFonts = new WeakMap<Uint8Array, Font>();
function parsedFont(fontkit: Fontkit, bytes: Uint8Array): Font {
  let f = parsedFonts.get(bytes);
  if (!f) parsedFonts.set(bytes, (f = fontkit.create(bytes)));
  return f;
}

async function buildSubset(font: Font, glyphs: Glyph[], unicode: Map<number, number[]>, scale: number): Promise<FontSubset> {
  const subset = font.createSubset();
  const ids = new Map<number, number>();
  for (const g of glyphs) ids.set(g.id, subset.includeGlyph(g));
  const program = await new Promise<Buffer>((resolve, reject) => {
    const parts: Uint8Array[] = [];
    const stream = subset.encodeStream() as unknown as NodeJS.EventEmitter;
    stream.on('data', (b: Uint8Array) => parts.push(b));
    stream.on('end', () => resolve(Buffer.concat(parts)));
    stream.on('error', reject);
  });
  // The tag (six capital letters, ISO 32000-1 §9.6.4) names this glyph set, so two different subsets in
  // one file never share a name.
  const digest = createHash('sha256').update(program).digest();
  const tag = Array.from(digest.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
  const bfchars = glyphs.filter((g) => unicode.has(g.id)).map((g) => `<${hex4(ids.get(g.id)!)}> <${unicode.get(g.id)!.map(utf16Hex).join('')}>`);
  const cmap =
    '/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n' +
    '/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <ffff>\nendcodespacerange\n' +
    chunks(bfchars, 100).map((c) => `${c.length} beginbfchar\n${c.join('\n')}\nendbfchar\n`).join('') +
    'endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend';
  const familyClass = font['OS/2']?.sFamilyClass ?? 0;
  // PDF font flags (ISO 32000-1 §9.8.2): FixedPitch 1, Serif 2, Symbolic 3 (set: glyphs are addressed by
  // CID, not by a standard encoding), Script 4, Italic 7.
  const flags =
    (font.post.isFixedPitch ? 1 : 0) | (familyClass >= 1 && familyClass <= 7 ? 2 : 0) | 4 | (familyClass === 10 ? 8 : 0) | (font.head.macStyle.italic ? 64 : 0);
  const { minX, minY, maxX, maxY } = font.bbox;
  return {
    baseFont: `${tag}+${(font.postscriptName ?? 'Font').replace(/[^\x21-\x7e]|[()<>[\]{}/%#]/g, '')}`,
    ids,
    fontFile: zlib.deflateSync(program),
    length1: program.length,
    toUnicode: zlib.deflateSync(Buffer.from(cmap, 'latin1')),
    widths: glyphs.map((g) => round(g.advanceWidth * scale)),
    descriptor: {
      flags,
      bbox: [minX, minY, maxX, maxY].map((v) => round(v * scale)),
      italicAngle: font.italicAngle,
      ascent: round(font.ascent * scale),
      descent: round(font.descent * scale),
      capHeight: round((font.capHeight || font.ascent) * scale),
      xHeight: round((font.xHeight || 0) * scale),
    },
  };
}

/** The font's five objects, new in this file (nothing is shared between files or revisions). */
function addFontObjects(update: IncrementalUpdate, s: FontSubset): PdfRef {
  const flate = PdfName.of('FlateDecode');
  const fontFile = update.add(PdfStream.ofData(new PdfDict({ Filter: flate, Length1: s.length1 }), s.fontFile));
  const d = s.descriptor;
  const descriptor = update.add(
    new PdfDict({
      Type: PdfName.of('FontDescriptor'),
      FontName: PdfName.of(s.baseFont),
      Flags: d.flags,
      FontBBox: d.bbox,
      ItalicAngle: d.italicAngle,
      Ascent: d.ascent,
      Descent: d.descent,
      CapHeight: d.capHeight,
      XHeight: d.xHeight,
      StemV: 0,
      FontFile2: fontFile,
    }),
  );
  const cidFont = update.add(
    new PdfDict({
      Type: PdfName.of('Font'),
      Subtype: PdfName.of('CIDFontType2'),
      BaseFont: PdfName.of(s.baseFont),
      CIDSystemInfo: new PdfDict({ Registry: new PdfString(Buffer.from('Adobe')), Ordering: new PdfString(Buffer.from('Identity')), Supplement: 0 }),
      FontDescriptor: descriptor,
      CIDToGIDMap: PdfName.of('Identity'),
      W: [1, s.widths],
    }),
  );
  const toUnicode = update.add(PdfStream.ofData(new PdfDict({ Filter: flate }), s.toUnicode));
  return update.add(
    new PdfDict({
      Type: PdfName.of('Font'),
      Subtype: PdfName.of('Type0'),
      BaseFont: PdfName.of(s.baseFont),
      Encoding: PdfName.of('Identity-H'),
      DescendantFonts: [cidFont],
      ToUnicode: toUnicode,
    }),
  );
}

const round = (v: number) => Math.round(v * 1000) / 1000;
const hex4 = (n: number) => n.toString(16).padStart(4, '0');
function utf16Hex(cp: number): string {
  if (cp < 0x10000) return hex4(cp);
  const v = cp - 0x10000;
  return hex4(0xd800 + (v >> 10)) + hex4(0xdc00 + (v & 0x3ff));
}
function chunks<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}
