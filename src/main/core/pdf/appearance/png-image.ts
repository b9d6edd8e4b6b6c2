import { createHash } from 'node:crypto';
import zlib from 'node:zlib';

/** A PNG turned into PDF image data: colour samples and, when it has transparency, a soft mask. */
export interface ImageData {
  width: number;
  height: number;
  colorSpace: 'DeviceRGB' | 'DeviceGray';
  /** Flate-compressed 8-bit samples. */
  color: Buffer;
  /** Flate-compressed 8-bit alpha (the /SMask), when the PNG has an alpha channel. */
  alpha?: Buffer;
}

const cache = new Map<string, ImageData | null>();
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/**
 * Decodes an 8-bit, non-interlaced grey/RGB PNG (with or without alpha) with the native zlib and keeps
 * the result per image: a batch signs with the same signature image every time, and pdf-lib's own PNG
 * path (pure JavaScript inflate/deflate) costs ~0.1 s per signature. Other PNGs return null and go
 * through pdf-lib.
 */
export function pngToImageData(png: Uint8Array): ImageData | null {
  const key = createHash('sha256').update(png).digest('hex');
  if (cache.has(key)) return cache.get(key)!;
  let result: ImageData | null = null;
  try {
    result = decode(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
  } catch {
    result = null;
  }
  if (cache.size > 16) cache.delete(cache.keys().next().value as string);
  cache.set(key, result);
  return result;
}

function decode(b: Buffer): ImageData | null {
  if (b.length < 33 || b.readUInt32BE(0) !== 0x89504e47) return null;
  let pos = 8;
  let width = 0, height = 0, depth = 0, type = -1, interlace = 0;
  const idat: Buffer[] = [];
  while (pos + 8 <= b.length) {
    const len = b.readUInt32BE(pos);
    const kind = b.toString('latin1', pos + 4, pos + 8);
    const data = b.subarray(pos + 8, pos + 8 + len);
    if (kind === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      depth = data[8]!;
      type = data[9]!;
      interlace = data[12]!;
    } else if (kind === 'IDAT') idat.push(data);
    else if (kind === 'IEND') break;
    pos += 12 + len;
  }
  const channels = CHANNELS[type];
  if (!channels || depth !== 8 || interlace !== 0 || width <= 0 || height <= 0 || width * height > 16_000_000) return null;
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length < (stride + 1) * height) return null;
  const px = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1;
    const cur = y * stride;
    const prev = cur - stride;
    for (let i = 0; i < stride; i++) {
      const x = raw[src + i]!;
      const a = i >= channels ? px[cur + i - channels]! : 0;
      const up = y > 0 ? px[prev + i]! : 0;
      const c = y > 0 && i >= channels ? px[prev + i - channels]! : 0;
      let v: number;
      if (f === 0) v = x;
      else if (f === 1) v = x + a;
      else if (f === 2) v = x + up;
      else if (f === 3) v = x + ((a + up) >> 1);
      else if (f === 4) {
        const p = a + up - c;
        const pa = Math.abs(p - a), pb = Math.abs(p - up), pc = Math.abs(p - c);
        v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? up : c);
      } else return null;
      px[cur + i] = v & 0xff;
    }
  }
  const colorChannels = type === 2 || type === 6 ? 3 : 1;
  const hasAlpha = type === 4 || type === 6;
  const color = Buffer.alloc(width * height * colorChannels);
  const alpha = hasAlpha ? Buffer.alloc(width * height) : undefined;
  for (let i = 0, n = width * height; i < n; i++) {
    for (let k = 0; k < colorChannels; k++) color[i * colorChannels + k] = px[i * channels + k]!;
    if (alpha) alpha[i] = px[i * channels + colorChannels]!;
  }
  return {
    width,
    height,
    colorSpace: colorChannels === 3 ? 'DeviceRGB' : 'DeviceGray',
    color: zlib.deflateSync(color),
    ...(alpha ? { alpha: zlib.deflateSync(alpha) } : {}),
  };
}
