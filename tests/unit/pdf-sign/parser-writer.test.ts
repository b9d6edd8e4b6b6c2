import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { PdfDocument, PdfDict, PdfName, PdfString, pages, fields, signatureFields } from '../../../src/main/core/pdf/parser';
import { IncrementalUpdate, appendRevision } from '../../../src/main/core/pdf/writer';
import { withTempFile } from '../../../src/main/infra/fs/atomic-write';
import { isoVietnam, pdfDate } from '../../../src/main/core/pdf/sign';

let dir: string;
beforeAll(() => void (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-pdfsign-unit-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function makePdf(name: string, useObjectStreams: boolean, pageCount = 2): Promise<string> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pageCount; i++) doc.addPage([595 + i, 842]);
  doc.getForm().createTextField('hoTen').addToPage(doc.getPage(0), { x: 10, y: 10 });
  const p = path.join(dir, name);
  fs.writeFileSync(p, await doc.save({ useObjectStreams }));
  return p;
}

/** Appends one revision that changes the catalog (adds /Lang) and adds an object. */
async function update(input: string, output: string): Promise<void> {
  const doc = PdfDocument.open(input);
  try {
    const u = new IncrementalUpdate(doc);
    const root = doc.latest.trailer.get('Root') as never;
    u.set(root, doc.dict(root)!.clone().set('Lang', PdfString.fromText('vi-VN')));
    u.add(new PdfDict({ Type: PdfName.of('Note'), Text: PdfString.fromText('Kế hoạch') }));
    await appendRevision(doc, u.build(), output, withTempFile);
  } finally {
    doc.close();
  }
}

describe('parser', () => {
  it('reads a classic-xref file and an xref-stream + object-stream file to the same structure', async () => {
    for (const [file, kind] of [[await makePdf('classic.pdf', false), 'table'], [await makePdf('streams.pdf', true), 'stream']] as const) {
      const doc = PdfDocument.open(file);
      try {
        expect(doc.revisions).toHaveLength(1);
        expect(doc.latest.xrefKind).toBe(kind);
        expect(doc.latest.endOffset).toBe(fs.statSync(file).size);
        expect(pages(doc).map((p) => p.mediaBox[2])).toEqual([595, 596]);
        expect(fields(doc).map((f) => [f.name, f.type])).toEqual([['hoTen', 'Tx']]);
        expect(signatureFields(doc)).toEqual([]);
      } finally {
        doc.close();
      }
    }
  });

  it('decodes UTF-16BE text strings (Vietnamese names)', () => {
    expect(PdfString.fromText('Trường Mầm non Hoa Sen').text()).toBe('Trường Mầm non Hoa Sen');
  });
});

describe('incremental writer', () => {
  for (const useObjectStreams of [false, true]) {
    it(`appends a revision with the same xref kind, /Prev and /ID kept, and old revisions still readable (${useObjectStreams ? 'xref stream' : 'table'})`, async () => {
      const input = await makePdf(`in-${useObjectStreams}.pdf`, useObjectStreams);
      const before = fs.readFileSync(input);
      const out = path.join(dir, `out-${useObjectStreams}.pdf`);
      await update(input, out);
      const after = fs.readFileSync(out);
      expect(fs.readFileSync(input).equals(before)).toBe(true);
      expect(after.subarray(0, before.length).equals(before)).toBe(true);
      const tail = after.subarray(before.length).toString('latin1');
      if (useObjectStreams) {
        expect(tail).toContain('/Type/XRef');
        expect(tail).not.toContain('trailer');
      } else expect(tail).toMatch(/\nxref\n[\s\S]*trailer\n<<[\s\S]*startxref\n\d+\n%%EOF\n$/);
      const doc = PdfDocument.open(out);
      const orig = PdfDocument.open(input);
      try {
        expect(doc.revisions).toHaveLength(2);
        const [r0, r1] = doc.revisions as [typeof doc.revisions[0], typeof doc.revisions[0]];
        // pdf-lib ends its file with %%EOF and no end-of-line: the writer adds one, which then counts
        // as the end of that revision (the EOL after %%EOF belongs to it).
        const lead = before[before.length - 1] === 0x0a ? 0 : 1;
        expect(r0.endOffset).toBe(before.length + lead);
        expect(r1.endOffset).toBe(after.length);
        expect(r1.xrefKind).toBe(r0.xrefKind);
        expect(r1.trailer.get('Prev')).toBe(r0.startxref);
        expect(JSON.stringify(r1.trailer.get('ID'))).toBe(JSON.stringify(orig.latest.trailer.get('ID')));
        const root = r1.trailer.get('Root') as never;
        expect((doc.dict(root, r1)!.get('Lang') as PdfString).text()).toBe('vi-VN');
        expect(doc.dict(root, r0)!.has('Lang')).toBe(false); // as of the first revision, unchanged
        const rootNum = (r1.trailer.get('Root') as { num: number }).num;
        expect(r1.objectNumbers).toContain(rootNum);
        const loc = doc.locate(rootNum);
        expect(loc?.kind).toBe('file');
        if (loc?.kind === 'file') expect(after.subarray(loc.start, loc.end).toString('latin1')).toMatch(/^\d+ 0 obj[\s\S]*endobj$/);
      } finally {
        doc.close();
        orig.close();
      }
    });
  }
});

describe('times', () => {
  it('writes /M and the appearance time in Vietnam time (+07:00)', () => {
    const t = new Date('2026-11-28T02:15:00Z');
    expect(pdfDate(t)).toBe("D:20261128091500+07'00'");
    expect(isoVietnam(t)).toBe('2026-11-28T09:15:00+07:00');
  });
});
