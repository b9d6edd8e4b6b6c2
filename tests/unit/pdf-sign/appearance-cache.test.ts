import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { createTestPki, type TestPki } from '../../support/pki';
import { createSoftwareSigner } from '../../../src/main/core/signing/software-signer';
import { isoVietnam, signPdf } from '../../../src/main/core/pdf/sign';
import { decree30Appearance, defaultFontPath, sampleSealPng, sampleSignaturePng } from '../../../src/main/core/pdf/appearance';
import { PdfDocument, PdfDict, PdfRef, PdfStream, signatureFields } from '../../../src/main/core/pdf/parser';
import { withTempFile } from '../../../src/main/infra/fs/atomic-write';

/**
 * The appearance keeps font subsets, shaped lines and decoded images between signatures (a batch signs
 * 100 files with one signer). These tests sign, in one process, files by different signers one after
 * another and read each appearance back: the text shown (content stream decoded through the embedded
 * ToUnicode CMap), the embedded glyphs (outlines compared with DejaVu Serif's own) and the objects.
 */
let dir: string;
let pki: TestPki;
let input: string;
const original = fontkit.create(fs.readFileSync(defaultFontPath()));

beforeAll(async () => {
  pki = await createTestPki();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-pdfsign-apcache-'));
  input = path.join(dir, 'in.pdf');
  const d = await PDFDocument.create();
  d.addPage([595, 842]);
  fs.writeFileSync(input, await d.save());
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

type Who = 'teacher' | 'principal' | 'seal';
const signer = (k: Who) => createSoftwareSigner({ privateKey: pki[k].keys.privateKey, certificate: pki[k].der, chain: [pki.caGov.der], source: 'p12' });

async function sign(from: string, to: string, who: Who, time: Date, rect: [number, number, number, number]): Promise<void> {
  const kind = who === 'seal' ? 'organisation' : 'person';
  const image = who === 'seal' ? sampleSealPng() : sampleSignaturePng(who === 'teacher' ? 2 : 1);
  await signPdf({ input: from, output: to, signer: signer(who), writeFile: withTempFile, placement: { page: 1, rect }, signingTime: time, appearance: decree30Appearance({ certificate: pki[who].der, kind, image }) });
}

interface Shown {
  lines: string[];
  /** CID → the glyph outline in the embedded subset, and the text it stands for. */
  glyphs: { cid: number; text: string; svg: string }[];
  objects: string[];
  fontFile: Buffer;
}

/** What the newest signature's appearance shows, read back from the file. */
function shown(file: string): Shown {
  const doc = PdfDocument.open(file);
  try {
    const field = signatureFields(doc).find((f) => f.signed && doc.latest.objectNumbers.includes(f.ref.num))!;
    const apRef = (field.widgets[0]!.dict.get('AP') as PdfDict).get('N') as PdfRef;
    const form = doc.getObject(apRef.num) as PdfStream;
    const fontRef = (doc.dict((doc.dict(form.dict.get('Resources'))!).get('Font'))!).get('F1') as PdfRef;
    const font = doc.dict(fontRef)!;
    const cmap = Buffer.from(doc.streamBytes(doc.resolve(font.get('ToUnicode')) as PdfStream)).toString('latin1');
    const toText = new Map<string, string>();
    for (const m of cmap.matchAll(/<([0-9a-f]{4})> <([0-9a-f]+)>/g)) toText.set(m[1]!, Buffer.from(m[2]!, 'hex').swap16().toString('utf16le'));
    const content = Buffer.from(doc.streamBytes(form)).toString('latin1');
    const lines = [...content.matchAll(/<([0-9a-f]*)> Tj/g)].map((m) => m[1]!.match(/.{4}/g)!.map((cid) => toText.get(cid) ?? '\u{fffd}').join(''));
    const cid = doc.dict((doc.resolve(font.get('DescendantFonts')) as PdfRef[])[0])!;
    const fontFile = Buffer.from(doc.streamBytes(doc.resolve(doc.dict(cid.get('FontDescriptor'))!.get('FontFile2')) as PdfStream));
    const subset = fontkit.create(fontFile);
    const glyphs = [...toText].map(([hex, text]) => ({ cid: parseInt(hex, 16), text, svg: subset.getGlyph(parseInt(hex, 16)).path.toSVG() }));
    const objects = [apRef, fontRef].map((r) => r.key);
    return { lines, glyphs, objects, fontFile };
  } finally {
    doc.close();
  }
}

const expectedPerson = (who: 'teacher' | 'principal', time: Date) => {
  const cn = (field: string) => pki[who].cert.subjectName.getField(field)[0];
  return [`Ký bởi: ${cn('CN')}`, ...(cn('O') ? [`Cơ quan: ${cn('O')}`] : []), `Thời gian ký: ${isoVietnam(time)}`];
};

describe('appearance caches in a batch', () => {
  it('signers one after another each get their own text, with the right glyphs, and never the previous signer’s name', async () => {
    const rect: [number, number, number, number] = [330, 60, 220, 90];
    const times = [new Date('2026-11-28T02:15:00Z'), new Date('2026-11-28T02:15:07Z'), new Date('2026-11-28T03:41:59Z')];
    const runs: { who: 'teacher' | 'principal'; time: Date; out: string }[] = [
      { who: 'principal', time: times[0]!, out: path.join(dir, 'a.pdf') },
      { who: 'teacher', time: times[1]!, out: path.join(dir, 'b.pdf') },
      { who: 'principal', time: times[2]!, out: path.join(dir, 'c.pdf') },
    ];
    const seen: Shown[] = [];
    for (const r of runs) {
      await sign(input, r.out, r.who, r.time, rect);
      const s = shown(r.out);
      expect(s.lines).toEqual(expectedPerson(r.who, r.time));
      // Every embedded glyph is the font's own glyph for the character it claims to be.
      for (const g of s.glyphs) {
        const cps = [...g.text].map((c) => c.codePointAt(0)!);
        if (cps.length !== 1) continue;
        expect(g.svg, `glyph for "${g.text}"`).toBe(original.glyphForCodePoint(cps[0]!).path.toSVG());
      }
      seen.push(s);
    }
    const teacherName = expectedPerson('teacher', times[1]!)[0]!;
    const principalName = expectedPerson('principal', times[0]!)[0]!;
    expect(teacherName).not.toBe(principalName);
    expect(seen[1]!.lines.join('\n')).not.toContain(principalName.replace('Ký bởi: ', ''));
    expect(seen[2]!.lines.join('\n')).not.toContain(teacherName.replace('Ký bởi: ', ''));
    // The same signer at another time reuses the subset (same glyph set: the time's characters are always in).
    expect(seen[2]!.fontFile.equals(seen[0]!.fontFile)).toBe(true);
    expect(seen[1]!.fontFile.equals(seen[0]!.fontFile)).toBe(false);
    for (const r of runs) {
      const out = execFileSync('pdfsig', [r.out], { encoding: 'utf8' });
      expect(out).toContain('Signature is Valid.');
      expect(execFileSync('qpdf', ['--check', r.out], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors');
    }
  });

  it('a leader and the seal on one file: two appearances, each with its own text and objects', async () => {
    const rect: [number, number, number, number] = [330, 60, 220, 90];
    const t = new Date('2026-11-28T08:00:00Z');
    const one = path.join(dir, 'leader.pdf');
    const two = path.join(dir, 'leader-seal.pdf');
    await sign(input, one, 'principal', t, rect);
    await sign(one, two, 'seal', t, [300, 42, 110, 99]);
    const leader = shown(one);
    const seal = shown(two);
    expect(leader.lines).toEqual(expectedPerson('principal', t));
    const org = pki.seal.cert.subjectName.getField('O')[0] ?? pki.seal.cert.subjectName.getField('CN')[0];
    expect(seal.lines).toEqual([org, isoVietnam(t)]);
    expect(seal.objects.some((o) => leader.objects.includes(o))).toBe(false);
    expect(execFileSync('pdfsig', [two], { encoding: 'utf8' }).match(/Signature is Valid\./g)).toHaveLength(2);
  });

  it('a palette PNG (scanned signatures often are) is still embedded; a file that is not a PNG is refused in Vietnamese', async () => {
    const chunk = (type: string, data: Buffer) => {
      const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
      const len = Buffer.alloc(4);
      len.writeUInt32BE(data.length);
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(zlib.crc32(td) >>> 0);
      return Buffer.concat([len, td, crc]);
    };
    const [w, h] = [60, 20];
    const ihdr = Buffer.from([0, 0, 0, w, 0, 0, 0, h, 8, 3, 0, 0, 0]);
    const rows = Buffer.alloc((w + 1) * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) rows[y * (w + 1) + 1 + x] = Math.abs(y - h / 2 - Math.sin(x / 5) * 6) < 2 ? 1 : 0;
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('PLTE', Buffer.from([255, 255, 255, 0x1a, 0x3a, 0xb0])),
      chunk('tRNS', Buffer.from([0, 255])),
      chunk('IDAT', zlib.deflateSync(rows)),
      chunk('IEND', Buffer.alloc(0)),
    ]);
    const out = path.join(dir, 'palette.pdf');
    const t = new Date('2026-11-28T02:15:00Z');
    const appearance = (image: Uint8Array) => decree30Appearance({ certificate: pki.teacher.der, kind: 'person', image });
    await signPdf({ input, output: out, signer: signer('teacher'), writeFile: withTempFile, placement: { page: 1, rect: [330, 60, 220, 90] }, signingTime: t, appearance: appearance(png) });
    expect(shown(out).lines).toEqual(expectedPerson('teacher', t));
    expect(execFileSync('pdfsig', [out], { encoding: 'utf8' })).toContain('Signature is Valid.');
    expect(execFileSync('qpdf', ['--check', out], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors');
    const bad = path.join(dir, 'bad-image.pdf');
    const attempt = signPdf({ input, output: bad, signer: signer('teacher'), writeFile: withTempFile, placement: { page: 1, rect: [330, 60, 220, 90] }, appearance: appearance(Buffer.from('GIF89a not a png')) });
    await expect(attempt).rejects.toMatchObject({ code: 'SIGN_IMAGE_INVALID' });
    expect(fs.existsSync(bad)).toBe(false);
  });
});
