// Draws the app icon by code (a blue rounded square, a white page with a signature stroke and a red
// seal) and writes resources/icons/icon.png (512), 256x256.png, and icon.ico (PNG inside ICO).
// Run once: node scripts/make-icons.mjs (the outputs are committed).
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};

function draw(size) {
  const px = Buffer.alloc(size * size * 4);
  const s = size / 256;
  const set = (x, y, [r, g, b, a]) => {
    const i = (y * size + x) * 4;
    const fa = a / 255;
    px[i] = Math.round(r * fa + px[i] * (1 - fa));
    px[i + 1] = Math.round(g * fa + px[i + 1] * (1 - fa));
    px[i + 2] = Math.round(b * fa + px[i + 2] * (1 - fa));
    px[i + 3] = Math.max(px[i + 3], a);
  };
  const inRounded = (x, y, x0, y0, x1, y1, r) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const u = x / s, v = y / s;
      if (inRounded(u, v, 8, 8, 248, 248, 44)) set(x, y, [11, 92, 173, 255]);
      if (inRounded(u, v, 64, 40, 192, 216, 10)) set(x, y, [255, 255, 255, 255]);
      for (const ly of [76, 100, 124]) if (u >= 84 && u <= 172 && v >= ly && v <= ly + 7) set(x, y, [160, 176, 196, 255]);
      // signature stroke: a sine wave
      const sy = 162 + 10 * Math.sin((u - 84) / 12);
      if (u >= 84 && u <= 150 && Math.abs(v - sy) <= 3.2) set(x, y, [11, 92, 173, 255]);
      // the seal: a red ring
      const d = Math.hypot(u - 170, v - 178);
      if (d <= 26 && d >= 18) set(x, y, [200, 30, 30, 235]);
      if (d <= 6) set(x, y, [200, 30, 30, 235]);
    }
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) px.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

function ico(pngs) {
  const header = Buffer.alloc(6 + 16 * pngs.length);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach(([size, png], i) => {
    const e = 6 + i * 16;
    header[e] = size >= 256 ? 0 : size;
    header[e + 1] = size >= 256 ? 0 : size;
    header.writeUInt16LE(1, e + 4);
    header.writeUInt16LE(32, e + 6);
    header.writeUInt32LE(png.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...pngs.map(([, p]) => p)]);
}

mkdirSync('resources/icons', { recursive: true });
writeFileSync('resources/icons/icon.png', draw(512));
writeFileSync('resources/icons/256x256.png', draw(256));
writeFileSync('resources/icons/icon.ico', ico([16, 32, 48, 256].map((n) => [n, draw(n)])));
console.log('icons written to resources/icons/');
