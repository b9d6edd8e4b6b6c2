import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import fontkit from '@pdf-lib/fontkit';
import {
  PDFDocument,
  beginText,
  concatTransformationMatrix,
  drawObject,
  endText,
  moveText,
  popGraphicsState,
  pushGraphicsState,
  setFillingRgbColor,
  setFontAndSize,
  showText,
  type PDFFont,
  type PDFOperator,
} from 'pdf-lib';
import { AppError } from '../../errors';
import { PdfRef } from '../parser/objects';
import type { IncrementalUpdate } from '../writer/incremental';
import { layoutPerson, layoutSeal, type Box, type TextLine } from './layout';

export interface AppearanceSpec {
  kind: 'person' | 'organisation';
  width: number;
  height: number;
  /** PNG (transparent): the handwritten signature (person) or the red seal (organisation). */
  image?: Uint8Array;
  /** Text lines, already worded (see layout.ts for the Decree 30 rule). */
  lines: string[];
  /** TrueType font with Vietnamese glyphs (default: DejaVu Serif from dejavu-fonts-ttf). */
  fontPath?: string;
}

let fontCache: { path: string; bytes: Buffer } | undefined;

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
  const scratch = await PDFDocument.create({ updateMetadata: false });
  scratch.registerFontkit(fontkit);
  const ctx = scratch.context;
  const base = update.nextNumber - 1;
  const existing = new Set(ctx.enumerateIndirectObjects().map(([r]) => r.objectNumber));
  if ([...existing].some((n) => n > base)) throw new Error('scratch document numbering overlaps the target');
  ctx.largestObjectNumber = base;

  const font = await scratch.embedFont(fontBytes(spec.fontPath ?? defaultFontPath()), { subset: true });
  const image = spec.image ? await embedPng(scratch, spec.image) : undefined;
  const box: Box = { width: spec.width, height: spec.height };
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
  ops.push(...textOps(font, layout.lines));
  const resources = image ? { Font: { F1: font.ref }, XObject: { Im1: image.ref } } : { Font: { F1: font.ref } };
  const form = ctx.formXObject(ops, { BBox: [0, 0, spec.width, spec.height], Resources: resources });
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

function textOps(font: PDFFont, lines: TextLine[]): PDFOperator[] {
  if (lines.length === 0) return [];
  const ops: PDFOperator[] = [setFillingRgbColor(0, 0, 0)];
  for (const l of lines) {
    ops.push(beginText(), setFontAndSize('F1', l.size), moveText(l.x, l.y), showText(font.encodeText(l.text)), endText());
  }
  return ops;
}
