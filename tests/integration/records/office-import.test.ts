import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph } from 'docx';
import { openTestStore, seedSchool, type School, type TestStore } from './fixture';
import { pdftotextExtractor } from '../../../src/main/core/records/extract-text';
import { findLibreOffice, libreOfficeConverter } from '../../../src/main/core/records/convert-office';
import { searchDocuments } from '../../../src/main/core/records/search';

let t: TestStore;
let s: School;
const soffice = findLibreOffice();

beforeAll(() => {
  if (!soffice) throw new Error('LibreOffice (soffice) is required for this test: scripts/setup-test-env.sh installs it');
  t = openTestStore(undefined, { extractText: pdftotextExtractor(), convertToPdf: libreOfficeConverter(soffice) });
  s = seedSchool(t.db);
});
afterAll(() => t.cleanup());

describe('importing a Word file', () => {
  it('converts it to PDF with LibreOffice, stores the PDF and indexes its text', async () => {
    const doc = new Document({ sections: [{ children: [new Paragraph('KẾ HOẠCH GIÁO DỤC CỦA TỔ CHUYÊN MÔN'), new Paragraph('Năm học 2024-2025, tổ Toán – Tin')] }] });
    const file = path.join(t.dir, 'Kế hoạch tổ Toán.docx');
    fs.writeFileSync(file, await Packer.toBuffer(doc));
    const r = await t.store.importFile({ file, folderId: s.folder('tcm.ke_hoach_giao_duc'), ownerStaffId: s.staff.groupHeadToan });
    expect(r).toMatchObject({ convertedFrom: 'Kế hoạch tổ Toán.docx', textIndexed: true });
    const stored = await t.blobs.read(r.sha256);
    expect(stored.subarray(0, 5).toString()).toBe('%PDF-');
    const d = t.store.document(r.documentId);
    expect(d.title).toBe('Kế hoạch tổ Toán');
    expect(d.versions[0]!.fileName).toBe('Kế hoạch tổ Toán.pdf');
    expect(searchDocuments(t.db, 'to toan tin nam hoc').map((h) => h.id)).toEqual([r.documentId]);
  });
});
