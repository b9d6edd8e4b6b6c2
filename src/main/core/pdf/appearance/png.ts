import zlib from 'node:zlib';

/** Encodes an RGBA image (8 bits per channel) as PNG: signature, IHDR, one IDAT, IEND. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A canvas that paints anti-aliased discs (pen strokes) in one colour onto a transparent background. */
class Canvas {
  readonly alpha: Float32Array;
  constructor(
    readonly w: number,
    readonly h: number,
  ) {
    this.alpha = new Float32Array(w * h);
  }
  disc(cx: number, cy: number, r: number): void {
    for (let y = Math.max(0, Math.floor(cy - r - 1)); y <= Math.min(this.h - 1, Math.ceil(cy + r + 1)); y++)
      for (let x = Math.max(0, Math.floor(cx - r - 1)); x <= Math.min(this.w - 1, Math.ceil(cx + r + 1)); x++) {
        const a = Math.min(1, Math.max(0, r + 0.5 - Math.hypot(x - cx, y - cy)));
        const i = y * this.w + x;
        this.alpha[i] = Math.max(this.alpha[i]!, a);
      }
  }
  ring(cx: number, cy: number, radius: number, width: number): void {
    for (let y = 0; y < this.h; y++)
      for (let x = 0; x < this.w; x++) {
        const d = Math.abs(Math.hypot(x - cx, y - cy) - radius);
        const a = Math.min(1, Math.max(0, width / 2 + 0.5 - d));
        const i = y * this.w + x;
        this.alpha[i] = Math.max(this.alpha[i]!, a);
      }
  }
  /** Fills a polygon (even-odd) by sampling pixel centres. */
  polygon(pts: [number, number][]): void {
    for (let y = 0; y < this.h; y++)
      for (let x = 0; x < this.w; x++) {
        let inside = false;
        for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
          const [xi, yi] = pts[i]!;
          const [xj, yj] = pts[j]!;
          if (yi > y + 0.5 !== yj > y + 0.5 && x + 0.5 < ((xj - xi) * (y + 0.5 - yi)) / (yj - yi) + xi) inside = !inside;
        }
        if (inside) this.alpha[y * this.w + x] = 1;
      }
  }
  png(rgb: [number, number, number]): Buffer {
    const out = new Uint8Array(this.w * this.h * 4);
    for (let i = 0; i < this.w * this.h; i++) {
      out.set(rgb, i * 4);
      out[i * 4 + 3] = Math.round(this.alpha[i]! * 255);
    }
    return encodePng(this.w, this.h, out);
  }
}

/**
 * A sample handwritten signature: a blue pen scribble on a transparent background (Decree 30 asks for
 * the signer's own signature image in blue; this one is for the demo profile and the tests only).
 */
export function sampleSignaturePng(seed = 1): Buffer {
  const c = new Canvas(360, 140);
  for (let t = 0; t <= 1; t += 0.0008) {
    const x = 20 + t * 320;
    const y = 70 + 38 * Math.sin(t * 6 * Math.PI + seed) * Math.cos(t * 2.3 * Math.PI) + 18 * Math.sin(t * 17 * Math.PI + seed * 0.7);
    c.disc(x + 14 * Math.sin(t * 29 * Math.PI), y, 2.4);
  }
  for (let t = 0; t <= 1; t += 0.002) c.disc(40 + t * 290, 112 - 10 * t, 1.8); // underline flourish
  return c.png([0x1a, 0x3a, 0xb0]);
}

/**
 * A sample round seal: red double ring with a five-pointed star, transparent background — the shape of a
 * Vietnamese organisation seal, for the demo profile and tests (a school uses the image of its own seal).
 */
export function sampleSealPng(size = 300): Buffer {
  const c = new Canvas(size, size);
  const m = size / 2;
  c.ring(m, m, m * 0.94, size * 0.035);
  c.ring(m, m, m * 0.7, size * 0.012);
  c.ring(m, m, m * 0.64, size * 0.012);
  const star: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? m * 0.42 : m * 0.17;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    star.push([m + r * Math.cos(a), m + r * Math.sin(a)]);
  }
  c.polygon(star);
  // Text band marks (the band where the seal carries the organisation's name on a real seal).
  for (let k = 0; k < 36; k++) {
    if (k % 9 === 0) continue;
    const a = (k * 2 * Math.PI) / 36;
    c.disc(m + m * 0.82 * Math.cos(a), m + m * 0.82 * Math.sin(a), size * 0.022);
  }
  return c.png([0xd7, 0x10, 0x10]);
}
