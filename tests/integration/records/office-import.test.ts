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

  it('converts a folder of Word files two at a time (each conversion is a whole LibreOffice), all imported', async () => {
    // soffice behind a wrapper that notes when each conversion starts and ends.
    const log = path.join(t.dir, 'soffice.log');
    const wrapper = path.join(t.dir, 'soffice-logged.sh');
    fs.writeFileSync(wrapper, `#!/bin/sh\necho start >> '${log}'\n'${soffice}' "$@"\nrc=$?\necho end >> '${log}'\nexit $rc\n`, { mode: 0o755 });
    const u = openTestStore(undefined, { extractText: pdftotextExtractor(), convertToPdf: libreOfficeConverter(wrapper) });
    try {
      const us = seedSchool(u.db);
      const files = await Promise.all([1, 2, 3, 4, 5].map(async (n) => {
        const file = path.join(u.dir, `Kế hoạch tháng ${n}.docx`);
        fs.writeFileSync(file, await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph(`Kế hoạch giáo dục tháng ${n}`)] }] })));
        return file;
      }));
      const results = await u.store.importFiles(files.map((file) => ({ file, folderId: us.folder('tcm.ke_hoach_giao_duc') })));
      expect(results.map((r) => r.ok && r.result.convertedFrom)).toEqual(files.map((f) => path.basename(f)));
      let now = 0;
      let most = 0;
      for (const line of fs.readFileSync(log, 'utf8').trim().split('\n')) most = Math.max(most, (now += line === 'start' ? 1 : -1));
      expect(most).toBe(2);
      expect(searchDocuments(u.db, 'ke hoach giao duc thang 4').map((h) => h.id)).toEqual([(results[3] as { result: { documentId: number } }).result.documentId]);
    } finally {
      u.cleanup();
    }
  }, 120_000);
});
