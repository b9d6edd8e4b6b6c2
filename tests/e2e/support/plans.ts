/** Makes a teacher's plan as a real PDF (pdf-lib, DejaVu Sans for the Vietnamese letters). */
import fs from 'node:fs';
import { PDFDocument, rgb } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';

const FONT = 'node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf';

export async function makePlanPdf(file: string, title: string, teacher: string, pages = 2): Promise<string> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(fs.readFileSync(FONT), { subset: true });
  doc.setTitle(title);
  doc.setAuthor(teacher);
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText('TRƯỜNG MẦM NON HOA SEN', { x: 50, y: 790, size: 11, font });
    page.drawText('CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM', { x: 300, y: 790, size: 11, font });
    page.drawText('Độc lập - Tự do - Hạnh phúc', { x: 345, y: 775, size: 11, font });
    page.drawText(title.toUpperCase(), { x: 50, y: 720, size: 16, font, color: rgb(0, 0, 0.5) });
    page.drawText(`Giáo viên: ${teacher} — Lớp Mẫu giáo lớn A1 — Năm học 2025-2026`, { x: 50, y: 695, size: 11, font });
    const lines = ['Thứ Hai: Hoạt động học — Làm quen chữ cái ư, ơ', 'Thứ Ba: Khám phá — Các loại rau củ quả', 'Thứ Tư: Âm nhạc — Bài hát "Quả gì?"', 'Thứ Năm: Tạo hình — Vẽ vườn cây ăn quả', 'Thứ Sáu: Văn học — Truyện "Sự tích hoa hồng"'];
    lines.forEach((l, j) => page.drawText(l, { x: 60, y: 650 - j * 22, size: 11, font }));
    page.drawText(`Trang ${i}/${pages}`, { x: 270, y: 40, size: 9, font });
  }
  fs.writeFileSync(file, await doc.save({ useObjectStreams: false }));
  return file;
}
