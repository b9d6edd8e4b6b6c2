import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, degrees } from 'pdf-lib';
import { createTestPki, type TestPki } from '../../support/pki';
import { createSoftwareSigner } from '../../../src/main/core/signing/software-signer';
import { signPdf } from '../../../src/main/core/pdf/sign';
import { decree30Appearance, defaultFontPath, sampleSealPng, sampleSignaturePng, sealRectOver, layoutPerson } from '../../../src/main/core/pdf/appearance';
import { withTempFile } from '../../../src/main/infra/fs/atomic-write';

let dir: string;
let pki: TestPki;
beforeAll(async () => {
  pki = await createTestPki();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-pdfsign-ap-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const VIETNAMESE = 'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ';

describe('Decree 30 appearance', () => {
  it('the embedded font (DejaVu Serif) has a glyph for every Vietnamese letter, lower and upper case', () => {
    const font = fontkit.create(fs.readFileSync(defaultFontPath()));
    const missing = [...(VIETNAMESE + VIETNAMESE.toUpperCase())].filter((c) => !font.hasGlyphForCodePoint(c.codePointAt(0)!));
    expect(missing).toEqual([]);
  });

  it('the seal covers the left third of the leader’s box and its text band lies below the box', () => {
    const [x, y, w, h] = sealRectOver([330, 60, 240, 90]);
    const cx = x + w / 2;
    expect(cx).toBeCloseTo(330 + 240 / 6, 5);
    expect(y).toBeLessThan(60);
    expect(y + h).toBeLessThanOrEqual(60 + 90 + 0.001);
  });

  it('text lines fit inside the box', () => {
    const measure = (t: string, size: number) => t.length * size * 0.55;
    const l = layoutPerson({ width: 160, height: 70 }, ['Ký bởi: Nguyễn Thị Hoa', 'Cơ quan: Trường Mầm non Hoa Sen', 'Thời gian ký: 2026-11-28T09:15:00+07:00'], { width: 360, height: 140 }, measure);
    for (const line of l.lines) {
      expect(line.x + measure(line.text, line.size)).toBeLessThanOrEqual(160 + 0.001);
      expect(line.y).toBeGreaterThanOrEqual(0);
    }
    expect(l.image!.y).toBeGreaterThanOrEqual(l.lines[0]!.y);
  });

  it('sample images are transparent PNGs: a blue signature and a red seal', () => {
    for (const [png, isColour] of [
      [sampleSignaturePng(), (r: number, _g: number, b: number) => b > r + 80],
      [sampleSealPng(), (r: number, g: number, b: number) => r > g + 120 && r > b + 120],
    ] as const) {
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png[25]).toBe(6); // colour type 6: RGBA
      const width = png.readUInt32BE(16);
      const idatLen = png.readUInt32BE(33);
      const raw = zlib.inflateSync(png.subarray(41, 41 + idatLen));
      let transparent = 0;
      let inked = 0;
      for (let row = 0; row * (width * 4 + 1) < raw.length; row++)
        for (let x = 0; x < width; x++) {
          const i = row * (width * 4 + 1) + 1 + x * 4;
          if (raw[i + 3] === 0) transparent++;
          else if (isColour(raw[i]!, raw[i + 1]!, raw[i + 2]!)) inked++;
        }
      expect(transparent).toBeGreaterThan(inked); // a transparent background
      expect(inked).toBeGreaterThan(500);
    }
  });

  it('a signed page renders the blue signature and the red seal where they were placed', async () => {
    const input = path.join(dir, 'in.pdf');
    const d = await PDFDocument.create();
    d.addPage([595, 842]);
    fs.writeFileSync(input, await d.save());
    const leader: [number, number, number, number] = [330, 60, 220, 90];
    const t = new Date('2026-11-28T02:15:00Z');
    const signer = (k: 'principal' | 'seal') => createSoftwareSigner({ privateKey: pki[k].keys.privateKey, certificate: pki[k].der, chain: [pki.caGov.der], source: 'p12' });
    const one = path.join(dir, 'one.pdf');
    await signPdf({ input, output: one, signer: signer('principal'), writeFile: withTempFile, placement: { page: 1, rect: leader }, signingTime: t, appearance: decree30Appearance({ certificate: pki.principal.der, kind: 'person', image: sampleSignaturePng() }) });
    const two = path.join(dir, 'two.pdf');
    await signPdf({ input: one, output: two, signer: signer('seal'), writeFile: withTempFile, placement: { page: 1, rect: sealRectOver(leader) }, signingTime: t, appearance: decree30Appearance({ certificate: pki.seal.der, kind: 'organisation', image: sampleSealPng() }) });
    // Render at 72 dpi (1 px = 1 pt) as PPM and count pixels by colour in the two areas.
    execFileSync('pdftoppm', ['-r', '72', '-f', '1', '-l', '1', two, path.join(dir, 'page')]);
    const ppm = fs.readFileSync(fs.readdirSync(dir).filter((f) => f.startsWith('page')).map((f) => path.join(dir, f))[0]!);
    const header = ppm.toString('latin1', 0, 20).split(/\s+/);
    const [wpx, hpx] = [Number(header[1]), Number(header[2])];
    const dataStart = ppm.length - wpx * hpx * 3;
    const count = (x0: number, y0: number, x1: number, y1: number, test: (r: number, g: number, b: number) => boolean) => {
      let n = 0;
      for (let y = Math.round(842 - y1); y < Math.round(842 - y0); y++)
        for (let x = Math.round(x0); x < Math.round(x1); x++) {
          const i = dataStart + (y * wpx + x) * 3;
          if (test(ppm[i]!, ppm[i + 1]!, ppm[i + 2]!)) n++;
        }
      return n;
    };
    const red = (r: number, g: number, b: number) => r > 150 && g < 90 && b < 90;
    const blue = (r: number, g: number, b: number) => b > 120 && r < 100;
    // Red seal over the left third of the leader's box; none in the right third.
    expect(count(330, 60, 330 + 220 / 3, 150, red)).toBeGreaterThan(100);
    expect(count(330 + (2 * 220) / 3, 60, 550, 150, red)).toBe(0);
    // Blue signature strokes inside the leader's box.
    expect(count(330, 60, 550, 150, blue)).toBeGreaterThan(100);
    // Nothing drawn outside the boxes.
    expect(count(0, 300, 595, 842, (r, g, b) => r + g + b < 600)).toBe(0);
  });

  it('on a page with /Rotate 90 the appearance is drawn upright for the reader', async () => {
    const d = await PDFDocument.create();
    d.addPage([595, 842]).setRotation(degrees(90));
    const input = path.join(dir, 'rotated.pdf');
    fs.writeFileSync(input, await d.save());
    const out = path.join(dir, 'rotated-signed.pdf');
    const signer = createSoftwareSigner({ privateKey: pki.principal.keys.privateKey, certificate: pki.principal.der, chain: [pki.caGov.der], source: 'p12' });
    // User space: 90 wide, 220 tall; the reader sees it 220 wide and 90 tall at (100, 100) from the top left.
    await signPdf({ input, output: out, signer, writeFile: withTempFile, placement: { page: 1, rect: [100, 100, 90, 220] }, appearance: decree30Appearance({ certificate: pki.principal.der, kind: 'person', image: sampleSignaturePng() }) });
    execFileSync('pdftoppm', ['-r', '72', '-f', '1', '-l', '1', out, path.join(dir, 'rot')]);
    const ppm = fs.readFileSync(fs.readdirSync(dir).filter((f) => f.startsWith('rot') && f.endsWith('.ppm')).map((f) => path.join(dir, f))[0]!);
    const [, w, h] = ppm.toString('latin1', 0, 20).split(/\s+/).map(Number) as [number, number, number];
    expect([w, h]).toEqual([842, 595]);
    const start = ppm.length - w * h * 3;
    let minX = w, maxX = 0, minY = h, maxY = 0;
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const i = start + (y * w + x) * 3;
        if (ppm[i]! + ppm[i + 1]! + ppm[i + 2]! < 600) {
          minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
        }
      }
    // Ink stays in the displayed box, and is laid out wide (text lines upright), not tall.
    expect(minX).toBeGreaterThanOrEqual(99);
    expect(maxX).toBeLessThanOrEqual(321);
    expect(minY).toBeGreaterThanOrEqual(99);
    expect(maxY).toBeLessThanOrEqual(191);
    expect(maxX - minX).toBeGreaterThan(2 * (maxY - minY));
  });
});
