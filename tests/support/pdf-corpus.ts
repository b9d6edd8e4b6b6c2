/**
 * The corpus of real producers' PDFs, made on this machine (nothing committed): LibreOffice, Chromium's
 * print to PDF, qpdf with object streams (xref streams), qpdf linearized, a pdf-lib form with an empty
 * signature field, a scanned-image-only PDF and a 200-page file. Built once into a fixed folder under
 * os.tmpdir() keyed by a hash of this generator, then reused by every test file (and by the verifier).
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { encodePng } from '../../src/main/core/pdf/appearance/png';

export type CorpusName = 'libreoffice' | 'chromium' | 'objstreams' | 'linearized' | 'acroform' | 'scanned' | 'pages200';
export const CORPUS_NAMES: CorpusName[] = ['libreoffice', 'chromium', 'objstreams', 'linearized', 'acroform', 'scanned', 'pages200'];

const PLAN_HTML = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Kế hoạch giáo dục</title>
<style>body{font-family:'DejaVu Serif',serif;font-size:13pt;margin:2cm} h1{font-size:16pt;text-align:center}</style></head><body>
<p>PHÒNG GIÁO DỤC VÀ ĐÀO TẠO QUẬN LÊ CHÂN<br><b>TRƯỜNG MẦM NON HOA SEN</b></p>
<p style="text-align:center"><b>CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br>Độc lập - Tự do - Hạnh phúc</p>
<h1>KẾ HOẠCH GIÁO DỤC NĂM HỌC 2026 – 2027</h1>
<p>Căn cứ Thông tư số 27/2016/TT-BGDĐT; căn cứ tình hình thực tế của nhà trường, tổ chuyên môn xây dựng kế hoạch giáo dục như sau:</p>
<ol><li>Mục tiêu: phát triển toàn diện cho trẻ về thể chất, nhận thức, ngôn ngữ, tình cảm – kỹ năng xã hội.</li>
<li>Nội dung: hoạt động học, hoạt động vui chơi, lễ hội; đảm bảo an toàn, chăm sóc nuôi dưỡng.</li>
<li>Tổ chức thực hiện: giáo viên trình, tổ trưởng xem xét, hiệu trưởng phê duyệt.</li></ol>
<p style="text-align:right"><i>Hải Phòng, ngày 28 tháng 11 năm 2026</i><br><b>NGƯỜI LẬP KẾ HOẠCH</b><br><br><br><br>Nguyễn Thị Hoa</p>
</body></html>`;

function corpusDir(): string {
  const self = fs.readFileSync(fileURLToPath(import.meta.url));
  const key = crypto.createHash('sha256').update(self).digest('hex').slice(0, 12);
  return path.join(os.tmpdir(), `hosoky-pdf-corpus-${key}`);
}

const run = (cmd: string, args: string[], cwd: string, timeout = 120_000) => execFileSync(cmd, args, { cwd, stdio: 'pipe', timeout });

async function build(dir: string): Promise<void> {
  fs.writeFileSync(path.join(dir, 'plan.html'), PLAN_HTML);
  // LibreOffice with a profile of its own, so parallel runs and other users' soffice do not collide.
  const profile = path.join(dir, 'lo-profile');
  run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf:writer_web_pdf_Export', '--outdir', path.join(dir, 'lo'), 'plan.html'], dir);
  fs.renameSync(path.join(dir, 'lo', 'plan.pdf'), path.join(dir, 'libreoffice.pdf'));
  run('chromium', ['--headless', '--no-sandbox', '--disable-gpu', `--user-data-dir=${path.join(dir, 'chrome-profile')}`, `--print-to-pdf=${path.join(dir, 'chromium.pdf')}`, '--no-pdf-header-footer', `file://${path.join(dir, 'plan.html')}`], dir);
  run('qpdf', ['--object-streams=generate', 'libreoffice.pdf', 'objstreams.pdf'], dir);
  run('qpdf', ['--linearize', 'chromium.pdf', 'linearized.pdf'], dir);
  fs.writeFileSync(path.join(dir, 'acroform.pdf'), await acroFormPdf());
  fs.writeFileSync(path.join(dir, 'scanned.pdf'), await scannedPdf());
  fs.writeFileSync(path.join(dir, 'pages200.pdf'), await manyPagesPdf(200));
  for (const junk of ['lo', 'lo-profile', 'chrome-profile']) fs.rmSync(path.join(dir, junk), { recursive: true, force: true });
}

/** A form with a text field and an empty signature field "ChuKyHieuTruong" (pdf-lib, classic xref). */
async function acroFormPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  page.drawText('Bieu mau de nghi cap chung thu so', { x: 60, y: 780, size: 14, font });
  const form = doc.getForm();
  form.createTextField('hoTen').addToPage(page, { x: 60, y: 700, width: 250, height: 20 });
  const ctx = doc.context;
  const widget = ctx.obj({ Type: 'Annot', Subtype: 'Widget', FT: 'Sig', T: PDFString.of('ChuKyHieuTruong'), Rect: [330, 80, 540, 170], F: 4, P: page.ref });
  const widgetRef = ctx.register(widget);
  page.node.addAnnot(widgetRef);
  form.acroForm.addField(widgetRef);
  void PDFName;
  return doc.save({ useObjectStreams: false });
}

/** One page holding only an image, as a scanner makes it. */
async function scannedPdf(): Promise<Uint8Array> {
  const w = 620, h = 877;
  const px = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const ink = y % 24 < 3 && x > 60 && x < w - 60 && (x * 7 + y) % 97 > 10;
      const v = ink ? 40 : 235 + ((x * 31 + y * 17) % 13);
      px.set([v, v, v, 255], (y * w + x) * 4);
    }
  const doc = await PDFDocument.create();
  const img = await doc.embedPng(encodePng(w, h, px));
  const page = doc.addPage([595, 842]);
  page.drawImage(img, { x: 0, y: 0, width: 595, height: 842 });
  return doc.save({ useObjectStreams: false });
}

async function manyPagesPdf(n: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  for (let i = 1; i <= n; i++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`Ke hoach bai day - tuan ${i}`, { x: 60, y: 780, size: 14, font });
    for (let l = 0; l < 30; l++) page.drawText(`Hoat dong ${l + 1}: noi dung, muc tieu, chuan bi, tien hanh.`, { x: 60, y: 740 - l * 22, size: 11, font });
  }
  return doc.save({ useObjectStreams: true });
}

let pending: Promise<Record<CorpusName, string>> | undefined;

/** The corpus files by name (built on first call per machine/generator version, then reused). */
export function getCorpus(): Promise<Record<CorpusName, string>> {
  pending ??= (async () => {
    const dir = corpusDir();
    const paths = Object.fromEntries(CORPUS_NAMES.map((n) => [n, path.join(dir, `${n}.pdf`)])) as Record<CorpusName, string>;
    if (CORPUS_NAMES.every((n) => fs.existsSync(paths[n]))) return paths;
    const work = fs.mkdtempSync(`${dir}.build-`);
    try {
      await build(work);
      try {
        fs.renameSync(work, dir);
      } catch {
        // Another test file finished first: its corpus is the same.
      }
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
    return paths;
  })();
  return pending;
}
