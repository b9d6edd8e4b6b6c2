import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestPki, type Identity, type TestPki } from '../../support/pki';
import { getCorpus, type CorpusName } from '../../support/pdf-corpus';
import { createSoftwareSigner } from '../../../src/main/core/signing/software-signer';
import { signPdf } from '../../../src/main/core/pdf/sign';
import { withTempFile } from '../../../src/main/infra/fs/atomic-write';
import { AppError } from '../../../src/main/core/errors';

let pki: TestPki;
let corpus: Record<CorpusName, string>;
let dir: string;

beforeAll(async () => {
  [pki, corpus] = await Promise.all([createTestPki(), getCorpus()]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-pdfsign-bad-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const soft = (idn: Identity) => createSoftwareSigner({ privateKey: idn.keys.privateKey, certificate: idn.der, chain: [pki.caGov.der], source: 'p12' });

/** Signs `input` into a fresh folder and returns the AppError, checking that no file was left there. */
async function refusal(input: string, opts: Partial<Parameters<typeof signPdf>[0]> = {}): Promise<AppError> {
  const outDir = fs.mkdtempSync(path.join(dir, 'out-'));
  const err = await signPdf({ input, output: path.join(outDir, 'signed.pdf'), signer: soft(pki.teacher), writeFile: withTempFile, placement: 'invisible', ...opts }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect(fs.readdirSync(outDir)).toEqual([]); // no output, no temp file left behind
  const e = err as AppError;
  expect(e.messageVi).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/); // Vietnamese with diacritics
  return e;
}

function write(name: string, data: Buffer | string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, data);
  return p;
}

describe('files that cannot be signed get a clear refusal and no output', () => {
  it('an encrypted (password-protected) PDF → PDF_ENCRYPTED', async () => {
    const enc = path.join(dir, 'encrypted.pdf');
    execFileSync('qpdf', ['--encrypt', 'user', 'owner', '256', '--', corpus.libreoffice, enc]);
    expect((await refusal(enc)).code).toBe('PDF_ENCRYPTED');
  });

  it('a truncated file → PDF_MALFORMED', async () => {
    const full = fs.readFileSync(corpus.chromium);
    expect((await refusal(write('truncated.pdf', full.subarray(0, Math.floor(full.length * 0.6))))).code).toBe('PDF_MALFORMED');
  });

  it('garbage after a PDF header → PDF_MALFORMED; not a PDF at all → PDF_NOT_PDF', async () => {
    const junk = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251));
    expect((await refusal(write('garbage.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), junk])))).code).toBe('PDF_MALFORMED');
    expect((await refusal(write('word.pdf', 'PK\x03\x04 this is a docx renamed to pdf'))).code).toBe('PDF_NOT_PDF');
  });

  it('a /Prev chain that loops and a startxref past the end are refused without hanging', async () => {
    const body = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n';
    const xrefAt = body.length;
    const loop = `${body}xref\n0 3\n0000000000 65535 f\r\n0000000009 00000 n\r\n0000000052 00000 n\r\ntrailer<</Size 3/Root 1 0 R/Prev ${xrefAt}>>\nstartxref\n${xrefAt}\n%%EOF\n`;
    expect((await refusal(write('loop.pdf', loop))).code).toBe('PDF_MALFORMED');
    expect((await refusal(write('past-end.pdf', `${body}startxref\n999999\n%%EOF\n`))).code).toBe('PDF_MALFORMED');
  });

  it('objects nested thousands deep are refused, not a stack overflow', async () => {
    const deep = `%PDF-1.4\n1 0 obj<</Type/Catalog/X ${'['.repeat(5000)}${']'.repeat(5000)}>>endobj\n`;
    const xrefAt = deep.length;
    const text = `${deep}xref\n0 2\n0000000000 65535 f\r\n0000000009 00000 n\r\ntrailer<</Size 2/Root 1 0 R>>\nstartxref\n${xrefAt}\n%%EOF\n`;
    expect((await refusal(write('deep.pdf', text))).code).toBe('PDF_MALFORMED');
  });

  it('a missing input file → PDF_FILE_NOT_FOUND', async () => {
    expect((await refusal(path.join(dir, 'nope.pdf'))).code).toBe('PDF_FILE_NOT_FOUND');
  });
});

describe('the signer certificate is checked before signing', () => {
  it('an expired certificate is refused in Vietnamese', async () => {
    const e = await refusal(corpus.libreoffice, { signer: soft(pki.expired) });
    expect(e.code).toBe('SIGN_CERT_EXPIRED');
    expect(e.messageVi).toContain('hết hạn');
  });

  it('a certificate not yet valid at the signing time is refused', async () => {
    const e = await refusal(corpus.libreoffice, { signingTime: new Date(Date.now() - 365 * 24 * 3600 * 1000) });
    expect(e.code).toBe('SIGN_CERT_NOT_YET_VALID');
  });

  it('a good certificate signs, with a plain warning that revocation was not checked', async () => {
    const r = await signPdf({ input: corpus.libreoffice, output: path.join(dir, 'ok.pdf'), signer: soft(pki.teacher), writeFile: withTempFile, placement: 'invisible' });
    expect(r.warnings.map((w) => w.code)).toEqual(['SIGN_REVOCATION_NOT_CHECKED']);
    expect(r.warnings[0]!.message).toMatch(/thu hồi/);
  });
});

describe('placement and certification rules', () => {
  it('certifying a document that already has a signature is refused', async () => {
    const once = path.join(dir, 'once.pdf');
    await signPdf({ input: corpus.chromium, output: once, signer: soft(pki.teacher), writeFile: withTempFile, placement: 'invisible' });
    expect((await refusal(once, { certify: true })).code).toBe('PDF_CERTIFY_NOT_FIRST');
  });

  it('an unknown field, an already signed field and a page that does not exist are refused', async () => {
    expect((await refusal(corpus.acroform, { placement: { field: 'KhongCo' } })).code).toBe('PDF_FIELD_NOT_FOUND');
    const filled = path.join(dir, 'filled.pdf');
    await signPdf({ input: corpus.acroform, output: filled, signer: soft(pki.principal), writeFile: withTempFile, placement: { field: 'ChuKyHieuTruong' } });
    expect((await refusal(filled, { placement: { field: 'ChuKyHieuTruong' } })).code).toBe('PDF_FIELD_ALREADY_SIGNED');
    expect((await refusal(corpus.libreoffice, { placement: { page: 9, rect: [10, 10, 100, 50] } })).code).toBe('PDF_PAGE_NOT_FOUND');
  });

  it('an existing output file is replaced only by a complete signed file (never half-written)', async () => {
    const out = path.join(dir, 'replace.pdf');
    fs.writeFileSync(out, 'old');
    await signPdf({ input: corpus.libreoffice, output: out, signer: soft(pki.teacher), writeFile: withTempFile, placement: 'invisible' });
    const bytes = fs.readFileSync(out);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.subarray(-6).toString()).toBe('%%EOF\n');
  });
});
