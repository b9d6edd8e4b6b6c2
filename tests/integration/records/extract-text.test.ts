import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, writePdf } from './fixture';
import { pdftotextExtractor } from '../../../src/main/core/records/extract-text';

let dir: string;
let pdfs: string[];
let broken: string;

beforeAll(async () => {
  dir = tempDir('hosoky-text-test-');
  pdfs = await Promise.all(Array.from({ length: 11 }, (_, i) => writePdf(dir, `tuan ${i} – "kế hoạch".pdf`, [`Kế hoạch bài dạy tuần ${i}`, 'Môn Toán lớp 6A'])));
  broken = path.join(dir, 'hong.pdf');
  fs.writeFileSync(broken, '%PDF-1.7\nnot really a PDF\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('PDF text for the search index (pdftotext)', () => {
  it('gives each file its own text when many are asked for at once; a broken file gives null and stops none of the others', async () => {
    const grouped = pdftotextExtractor('pdftotext', { parallel: 2, group: 4 });
    const files = [...pdfs.slice(0, 5), broken, ...pdfs.slice(5)];
    const texts = await Promise.all(files.map((f) => grouped(f)));
    expect(texts[5]).toBeNull();
    const expected = [...pdfs.slice(0, 5).map((_, i) => i), null, ...pdfs.slice(5).map((_, i) => i + 5)];
    expected.forEach((n, k) => n !== null && expect(texts[k]).toBe(`Kế hoạch bài dạy tuần ${n} Môn Toán lớp 6A`));
    // The same texts as one pdftotext started directly per file (what Windows does).
    const direct = pdftotextExtractor('pdftotext', { direct: true });
    expect(await Promise.all(files.map((f) => direct(f)))).toEqual(texts);
  });

  it('gives null for every file when pdftotext is not installed', async () => {
    for (const direct of [false, true]) {
      const missing = pdftotextExtractor(path.join(dir, 'khong-co-pdftotext'), { direct });
      expect(await Promise.all(pdfs.slice(0, 3).map((f) => missing(f)))).toEqual([null, null, null]);
    }
  });
});
