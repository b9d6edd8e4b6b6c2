import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { PDFDocument, PDFOperator } from 'pdf-lib';
import { AppError } from '../../errors';
import { PdfDict, PdfName, PdfRef, PdfStream } from '../parser/objects';
import { pngToImageData, type ImageData } from './png-image';
import type { IncrementalUpdate } from '../writer/incremental';
import { layoutPerson, layoutSeal, type Box } from './layout';

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

/**
 * fontkit parses the whole TrueType font on every embed (≈ 0.2–1 s for DejaVu Serif); a parsed font is
 * only read afterwards (each subset is a new object), so it is kept for the same bytes.
 */
type Fontkit = { create: typeof import('@pdf-lib/fontkit').create };
const parsedFonts = new WeakMap<Uint8Array, ReturnType<Fontkit['create']>>();
let libs: Promise<{ pdfLib: typeof import('pdf-lib'); fontkit: Fontkit }> | undefined;

/**
 * pdf-lib and fontkit take about a second to load on a slow machine: they are loaded on the first visible
 * signature only, so that the command line and invisible signing do not wait for them.
 */
function loadLibs() {
  libs ??= (async () => {
    const [pdfLib, fk] = await Promise.all([import('pdf-lib'), import('@pdf-lib/fontkit')]);
    const raw = ((fk as { default?: Fontkit }).default ?? fk) as Fontkit;
    const fontkit: Fontkit = {
      ...raw,
      create(buffer: Uint8Array, postscriptName?: string) {
        if (postscriptName) return raw.create(buffer, postscriptName);
        let f = parsedFonts.get(buffer);
        if (!f) parsedFonts.set(buffer, (f = raw.create(buffer)));
        return f;
      },
    };
    return { pdfLib, fontkit };
  })();
  return libs;
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
 * Builds the widget's appearance (a form XObject) with pdf-lib in a scratch document whose object
 * numbers start at the update's next free number, then moves those objects into the increment as raw
 * objects. pdf-lib never saves the user's file. The font is embedded as a subset of the glyphs used.
 */
export async function buildAppearance(update: IncrementalUpdate, spec: AppearanceSpec): Promise<PdfRef> {
  const { pdfLib, fontkit } = await loadLibs();
  const { beginText, concatTransformationMatrix, drawObject, endText, moveText, popGraphicsState, pushGraphicsState, setFillingRgbColor, setFontAndSize, showText } = pdfLib;
  // The image goes straight into the update when we can decode it natively (cached per image).
  const decoded = spec.image ? pngToImageData(spec.image) : null;
  const direct = decoded ? addImage(update, decoded) : undefined;
  const scratch = await pdfLib.PDFDocument.create({ updateMetadata: false });
  scratch.registerFontkit(fontkit);
  const ctx = scratch.context;
  const base = update.nextNumber - 1;
  const existing = new Set(ctx.enumerateIndirectObjects().map(([r]) => r.objectNumber));
  if ([...existing].some((n) => n > base)) throw new Error('scratch document numbering overlaps the target');
  ctx.largestObjectNumber = base;

  const font = await scratch.embedFont(fontBytes(spec.fontPath ?? defaultFontPath()), { subset: true });
  const image = direct
    ? { width: decoded!.width, height: decoded!.height, ref: pdfLib.PDFRef.of(direct.num, 0) }
    : spec.image
      ? await embedPng(scratch, spec.image)
      : undefined;
  const rotate = (((spec.rotate ?? 0) % 360) + 360) % 360;
  const quarter = rotate === 90 || rotate === 270;
  const box: Box = quarter ? { width: spec.height, height: spec.width } : { width: spec.width, height: spec.height };
  const measure = (text: string, size: number) => font.widthOfTextAtSize(text, size);
  const layout =
    spec.kind === 'person'
      ? layoutPerson(box, spec.lines, image ? { width: image.width, height: image.height } : undefined, measure)
      : layoutSeal(box, spec.lines, image ? { width: image.width, height: image.height } : undefined, measure);

  const ops: PDFOperator[] = [];
  if (image && layout.image) {
    const r = layout.image;
    ops.push(pushGraphicsState(), concatTransformationMatrix(r.width, 0, 0, r.height, r.x, r.y), drawObject('Im1'), popGraphicsState());
  }
  if (layout.lines.length > 0) ops.push(setFillingRgbColor(0, 0, 0));
  for (const l of layout.lines) ops.push(beginText(), setFontAndSize('F1', l.size), moveText(l.x, l.y), showText(font.encodeText(l.text)), endText());
  const resources = image ? { Font: { F1: font.ref }, XObject: { Im1: image.ref } } : { Font: { F1: font.ref } };
  const matrix = ROTATION_MATRIX[rotate];
  const form = ctx.formXObject(ops, { BBox: [0, 0, box.width, box.height], Resources: resources, ...(matrix ? { Matrix: matrix } : {}) });
  const formRef = ctx.register(form);
  await scratch.flush();

  for (const [ref, obj] of ctx.enumerateIndirectObjects()) {
    if (ref.objectNumber <= base) continue;
    const bytes = new Uint8Array(obj.sizeInBytes());
    obj.copyBytesInto(bytes, 0);
    update.setRaw(new PdfRef(ref.objectNumber, ref.generationNumber), bytes);
  }
  update.reserveBelow(ctx.largestObjectNumber + 1);
  return new PdfRef(formRef.objectNumber, 0);
}

/** Counter-clockwise turns that undo the page's clockwise /Rotate. */
const ROTATION_MATRIX: Record<number, number[]> = { 90: [0, 1, -1, 0, 0, 0], 180: [-1, 0, 0, -1, 0, 0], 270: [0, -1, 1, 0, 0, 0] };

function addImage(update: IncrementalUpdate, img: ImageData): PdfRef {
  const common = { Type: PdfName.of('XObject'), Subtype: PdfName.of('Image'), Width: img.width, Height: img.height, BitsPerComponent: 8, Filter: PdfName.of('FlateDecode') };
  const dict = new PdfDict({ ...common, ColorSpace: PdfName.of(img.colorSpace) });
  if (img.alpha) dict.set('SMask', update.add(PdfStream.ofData(new PdfDict({ ...common, ColorSpace: PdfName.of('DeviceGray') }), img.alpha)));
  return update.add(PdfStream.ofData(dict, img.color));
}

async function embedPng(doc: PDFDocument, png: Uint8Array) {
  try {
    return await doc.embedPng(png);
  } catch (e) {
    throw new AppError(
      'SIGN_IMAGE_INVALID',
      'Ảnh chữ ký hoặc ảnh con dấu không phải tệp PNG hợp lệ. Hãy chọn ảnh PNG nền trong suốt.',
      'The signature or seal image is not a valid PNG file. Choose a PNG with a transparent background.',
      undefined,
      { cause: e },
    );
  }
}
