import { afterAll, beforeAll, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { createTestPki, type TestPki } from '../../support/pki';
import { createSoftwareSigner } from '../../../src/main/core/signing/software-signer';
import { signPdf } from '../../../src/main/core/pdf/sign';
import { withTempFile } from '../../../src/main/infra/fs/atomic-write';
import { AppError } from '../../../src/main/core/errors';

let dir: string;
let pki: TestPki;
const seeds: Buffer[] = [];

beforeAll(async () => {
  pki = await createTestPki();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-pdfsign-fuzz-'));
  for (const useObjectStreams of [false, true]) {
    const d = await PDFDocument.create();
    const f = await d.embedFont(StandardFonts.Helvetica);
    d.addPage([595, 842]).drawText('Ke hoach', { x: 50, y: 700, font: f });
    d.getForm().createTextField('hoTen').addToPage(d.getPage(0), { x: 50, y: 600 });
    seeds.push(Buffer.from(await d.save({ useObjectStreams })));
  }
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A small deterministic PRNG so that a failing case can be replayed from its number. */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function mutate(src: Buffer, r: () => number): Buffer {
  const b = Buffer.from(src);
  const kind = Math.floor(r() * 5);
  const at = Math.floor(r() * b.length);
  if (kind === 0) for (let i = 0; i < 1 + r() * 8; i++) b[Math.floor(r() * b.length)] = Math.floor(r() * 256);
  else if (kind === 1) return b.subarray(0, at); // truncation
  else if (kind === 2) return Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + Math.floor(r() * 64)))]); // deletion
  else if (kind === 3) {
    // digits in the structure (offsets, lengths, counts) changed
    const digits = [...b.toString('latin1').matchAll(/\d+/g)];
    for (let k = 0; k < 3 && digits.length; k++) {
      const m = digits[Math.floor(r() * digits.length)]!;
      b.write(String(Math.floor(r() * 10 ** m[0].length)).padStart(m[0].length, '0').slice(0, m[0].length), m.index!, 'latin1');
    }
  } else b.fill(b[at] ?? 0x20, at, Math.min(b.length, at + Math.floor(r() * 200))); // smeared run
  return b;
}

it('600 mutated PDFs: signing either succeeds or fails with an AppError, never crashes or hangs, never leaves a file', async () => {
  const signer = createSoftwareSigner({ privateKey: pki.teacher.keys.privateKey, certificate: pki.teacher.der, chain: [], source: 'p12' });
  const codes = new Map<string, number>();
  const input = path.join(dir, 'in.pdf');
  const outDir = path.join(dir, 'out');
  fs.mkdirSync(outDir);
  for (let n = 0; n < 600; n++) {
    const r = rng(n + 1);
    fs.writeFileSync(input, mutate(seeds[n % seeds.length]!, r));
    const t = performance.now();
    try {
      await signPdf({ input, output: path.join(outDir, 'out.pdf'), signer, writeFile: withTempFile, placement: n % 3 === 0 ? { page: 1, rect: [10, 10, 100, 40] } : 'invisible' });
      codes.set('ok', (codes.get('ok') ?? 0) + 1);
      fs.rmSync(path.join(outDir, 'out.pdf'));
    } catch (e) {
      if (!(e instanceof AppError)) throw new Error(`case ${n}: not an AppError: ${String(e)}`, { cause: e });
      codes.set(e.code, (codes.get(e.code) ?? 0) + 1);
      expect(fs.readdirSync(outDir), `case ${n}`).toEqual([]);
    }
    expect(performance.now() - t, `case ${n} took too long`).toBeLessThan(5000);
  }
  // Both outcomes happen: the fuzzer reaches the signer and the refusals.
  expect(codes.get('ok') ?? 0).toBeGreaterThan(0);
  expect(codes.get('PDF_MALFORMED') ?? 0).toBeGreaterThan(0);
});
