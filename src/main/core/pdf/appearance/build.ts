import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { PDFDocument } from 'pdf-lib';
import { AppError } from '../../errors';
import { PdfDict, PdfName, PdfRef, PdfStream } from '../parser/objects';
import { pngToImageData, type ImageData } from './png-image';
import type { IncrementalUpdate } from '../writer/incremental';
import { layoutPerson, layoutSeal, type Box } from './layout';
import { AppearanceFont, type Fontkit } from './font-subset';
import { formatNumber } from '../writer/serialize';

export interface AppearanceSpec {
  kind: 'person' | 'organisation';
  width: number;
  height: number;
  /** PNG (transparent): the handwritten signature (person) or the red seal (organisation). */
  image?: Uint8Array;
  /** Text lines, already worded (see layout.ts for the Decree 30 rule). */
  lines: string[];
  /**
   * The page's /Rotate (0, 90, 180, 270): the appearance is drawn upright for the reader, in a box of the
   * rotated size, and turned back by the form's /Matrix (the viewer fits the turned box into /Rect).
   */
  rotate?: number;
  /** TrueType font with Vietnamese glyphs (default: DejaVu Serif from dejavu-fonts-ttf). */
  fontPath?: string;
}

let fontCache: { path: string; bytes: Buffer } | undefined;

let fontkitLib: Promise<Fontkit> | undefined;
let pdfLibLib: Promise<typeof import('pdf-lib')> | undefined;

/**
 * fontkit (and pdf-lib, only for PNGs our decoder does not take) take about a second to load on a slow
 * machine: they are loaded on the first visible signature only, so that the command line and invisible
 * signing do not wait for them.
 */
function loadFontkit(): Promise<Fontkit> {
  fontkitLib ??= import('@pdf-lib/fontkit').then((fk) => ((fk as { default?: Fontkit }).default ?? fk) as Fontkit);
  return fontkitLib;
}

/**
 * Loads fontkit and parses the signature font ahead of the first visible signature. The app calls it
 * when a token is logged in (the user is about to sign), so the first file does not pay for it.
 */
export async function preloadAppearance(fontPath = defaultFontPath()): Promise<void> {
  AppearanceFont.of(await loadFontkit(), fontBytes(fontPath), fontPath);
}

export function defaultFontPath(): string {
  const base = import.meta?.url ? import.meta.url : pathToFileURL(path.join(process.cwd(), 'index.js')).href;
  return createRequire(base).resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf');
}

function fontBytes(p: string): Buffer {
  if (fontCache?.path !== p) fontCache = { path: p, bytes: fs.readFileSync(p) };
  return fontCache.bytes;
}

/**
 * Builds the widget's appearance (a form XObject) as new objects of the update: the content stream, the
 * image (with its soft mask) and a subset of the font holding the glyphs used. The costly parts — the
 * font subset (made with fontkit and compressed), the shaped lines, the decoded image — are kept between
 * signatures, keyed by the glyph set and the image bytes; every file still gets objects of its own.
 */
export async function buildAppearance(update: IncrementalUpdate, spec: AppearanceSpec): Promise<PdfRef> {
  const fontPath = spec.fontPath ?? defaultFontPath();
  const font = AppearanceFont.of(await loadFontkit(), fontBytes(fontPath), fontPath);
  const decoded = spec.image ? pngToImageData(spec.image) : null;
  const image = decoded
    ? { width: decoded.width, height: decoded.height, ref: addImage(update, decoded) }
    : spec.image
      ? await embedPngWithPdfLib(update, spec.image)
      : undefined;
  const rotate = (((spec.rotate ?? 0) % 360) + 360) % 360;
  const quarter = rotate === 90 || rotate === 270;
  const box: Box = quarter ? { width: spec.height, height: spec.width } : { width: spec.width, height: spec.height };
  const shaped = new Map(spec.lines.map((l) => [l, font.shape(l)]));
  const measure = (text: string, size: number) => (shaped.get(text) ?? font.shape(text)).width * size;
  const layout =
    spec.kind === 'person'
      ? layoutPerson(box, spec.lines, image ? { width: image.width, height: image.height } : undefined, measure)
      : layoutSeal(box, spec.lines, image ? { width: image.width, height: image.height } : undefined, measure);
  const { ref: fontRef, encode } = await font.embed(update, [...shaped.values()]);

  const n = formatNumber;
  let content = '';
  if (image && layout.image) {
    const r = layout.image;
    content += `q\n${n(r.width)} 0 0 ${n(r.height)} ${n(r.x)} ${n(r.y)} cm\n/Im1 Do\nQ\n`;
  }
  if (layout.lines.length > 0) content += '0 0 0 rg\n';
  for (const l of layout.lines) content += `BT\n/F1 ${n(l.size)} Tf\n${n(l.x)} ${n(l.y)} Td\n<${encode(shaped.get(l.text) ?? font.shape(l.text))}> Tj\nET\n`;
  const resources = new PdfDict({ Font: new PdfDict({ F1: fontRef }) });
  if (image) resources.set('XObject', new PdfDict({ Im1: image.ref }));
  const form = new PdfDict({ Type: PdfName.of('XObject'), Subtype: PdfName.of('Form'), BBox: [0, 0, box.width, box.height], Resources: resources });
  const matrix = ROTATION_MATRIX[rotate];
  if (matrix) form.set('Matrix', matrix);
  return update.add(PdfStream.ofData(form, Buffer.from(content, 'latin1')));
}

/** Counter-clockwise turns that undo the page's clockwise /Rotate. */
const ROTATION_MATRIX: Record<number, number[]> = { 90: [0, 1, -1, 0, 0, 0], 180: [-1, 0, 0, -1, 0, 0], 270: [0, -1, 1, 0, 0, 0] };

function addImage(update: IncrementalUpdate, img: ImageData): PdfRef {
  const common = { Type: PdfName.of('XObject'), Subtype: PdfName.of('Image'), Width: img.width, Height: img.height, BitsPerComponent: 8, Filter: PdfName.of('FlateDecode') };
  const dict = new PdfDict({ ...common, ColorSpace: PdfName.of(img.colorSpace) });
  if (img.alpha) dict.set('SMask', update.add(PdfStream.ofData(new PdfDict({ ...common, ColorSpace: PdfName.of('DeviceGray') }), img.alpha)));
  return update.add(PdfStream.ofData(dict, img.color));
}

/**
 * PNGs our decoder does not take (palette, 16-bit, interlaced) go through pdf-lib: embedded in a scratch
 * document numbered from the update's next free number, then moved into the update as raw objects.
 */
async function embedPngWithPdfLib(update: IncrementalUpdate, png: Uint8Array): Promise<{ width: number; height: number; ref: PdfRef }> {
  pdfLibLib ??= import('pdf-lib');
  const pdfLib = await pdfLibLib;
  const scratch = await pdfLib.PDFDocument.create({ updateMetadata: false });
  const ctx = scratch.context;
  const base = update.nextNumber - 1;
  if (ctx.enumerateIndirectObjects().some(([r]) => r.objectNumber > base)) throw new Error('scratch document numbering overlaps the target');
  ctx.largestObjectNumber = base;
  let image: Awaited<ReturnType<PDFDocument['embedPng']>>;
  try {
    image = await scratch.embedPng(png);
  } catch (e) {
    throw new AppError(
      'SIGN_IMAGE_INVALID',
      'Ảnh chữ ký hoặc ảnh con dấu không phải tệp PNG hợp lệ. Hãy chọn ảnh PNG nền trong suốt.',
      'The signature or seal image is not a valid PNG file. Choose a PNG with a transparent background.',
      undefined,
      { cause: e },
    );
  }
  await scratch.flush();
  for (const [ref, obj] of ctx.enumerateIndirectObjects()) {
    if (ref.objectNumber <= base) continue;
    const bytes = new Uint8Array(obj.sizeInBytes());
    obj.copyBytesInto(bytes, 0);
    update.setRaw(new PdfRef(ref.objectNumber, ref.generationNumber), bytes);
  }
  update.reserveBelow(ctx.largestObjectNumber + 1);
  return { width: image.width, height: image.height, ref: new PdfRef(image.ref.objectNumber, 0) };
}
