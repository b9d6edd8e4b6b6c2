/**
 * Where things go in a visible signature (Decree 30/2020/NĐ-CP, Appendix I, as far as public sources
 * state it — see docs/pdf-signing.md):
 * - person: the handwritten signature image (blue, transparent PNG) in the upper part of the box, kept
 *   to the left; under it the text lines (signer, organisation, signing time ISO 8601 +07:00);
 * - organisation (seal): the red seal image, real proportions, in a square box laid over about the left
 *   third of the leader's signature; the organisation's name and the time in two lines under it.
 */
export interface Box {
  width: number;
  height: number;
}
export interface TextLine {
  text: string;
  x: number;
  y: number;
  size: number;
}
export interface Layout {
  image?: { x: number; y: number; width: number; height: number };
  lines: TextLine[];
}
type Measure = (text: string, size: number) => number;

const PAD = 2;
const LEADING = 1.2;
const MAX_FONT = 9;
const MIN_FONT = 3;

/** The largest font size (≤ MAX_FONT) at which every line fits the width and the lines fit `maxHeight`. */
function fitSize(lines: string[], width: number, maxHeight: number, measure: Measure): number {
  let size = Math.min(MAX_FONT, maxHeight / Math.max(1, lines.length * LEADING));
  for (const l of lines) {
    const w = measure(l, 1);
    if (w > 0) size = Math.min(size, (width - 2 * PAD) / w);
  }
  return Math.max(MIN_FONT, size);
}

function stack(lines: string[], size: number, x: number, top: number): TextLine[] {
  return lines.map((text, i) => ({ text, size, x, y: top - size * (i + 1) * LEADING + size * 0.25 }));
}

function fitImage(img: Box, room: { x: number; y: number; width: number; height: number }, align: 'left' | 'center') {
  const scale = Math.min(room.width / img.width, room.height / img.height);
  const width = img.width * scale;
  const height = img.height * scale;
  const x = align === 'left' ? room.x : room.x + (room.width - width) / 2;
  return { x, y: room.y + (room.height - height) / 2, width, height };
}

export function layoutPerson(box: Box, lines: string[], img: Box | undefined, measure: Measure): Layout {
  if (!img) {
    const size = fitSize(lines, box.width, box.height - 2 * PAD, measure);
    const blockH = lines.length * size * LEADING;
    return { lines: stack(lines, size, PAD, box.height - (box.height - blockH) / 2) };
  }
  const size = fitSize(lines, box.width, box.height * 0.45, measure);
  const blockH = lines.length * size * LEADING + PAD;
  const room = { x: PAD, y: blockH, width: box.width - 2 * PAD, height: box.height - blockH - PAD };
  return { image: fitImage(img, room, 'left'), lines: stack(lines, size, PAD, blockH) };
}

export function layoutSeal(box: Box, lines: string[], img: Box | undefined, measure: Measure): Layout {
  const size = fitSize(lines, box.width, box.height * 0.3, measure);
  const blockH = lines.length * size * LEADING + PAD;
  // The seal sits at the top of its box (over the leader's signature); the text band is under it.
  const side = Math.min(box.width, box.height - blockH);
  const room = { x: (box.width - side) / 2, y: box.height - side, width: side, height: side };
  return { ...(img ? { image: fitImage(img, room, 'center') } : {}), lines: stack(lines, size, PAD, blockH) };
}

/**
 * The seal's rectangle for a leader's signature box [x, y, w, h]: the seal, of diameter
 * d = min(0.9·h, 0.45·w), centred on the left third of the box (x + w/6, y + 0.55·h) — Decree 30's "trùm
 * lên khoảng 1/3 chữ ký về phía bên trái" — and under the box a text band for the organisation's name
 * and the time, so that they do not cover the leader's own text lines.
 */
export function sealRectOver(leader: [number, number, number, number], textBand = 18): [number, number, number, number] {
  const [x, y, w, h] = leader;
  const d = Math.min(0.9 * h, 0.45 * w);
  const cx = x + w / 6;
  const top = y + h * 0.55 + d / 2;
  const width = Math.max(d, 0.5 * w);
  const bottom = Math.max(0, y - textBand);
  return [Math.max(0, cx - width / 2), bottom, width, top - bottom];
}
