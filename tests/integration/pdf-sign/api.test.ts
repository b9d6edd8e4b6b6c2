import { afterAll, beforeAll, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../../src/main/api';
import { getCorpus, type CorpusName } from '../../support/pdf-corpus';
import { pdfsig } from '../../support/pdf-check';
import type { PdfInspectResult, PdfSignResult, PdfBatchItem } from '../../../src/shared/contract/pdf';

let app: App;
let corpus: Record<CorpusName, string>;
let dir: string;

beforeAll(async () => {
  corpus = await getCorpus();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-pdfsign-api-'));
  app = createApp({ dataDir: path.join(dir, 'data'), host: 'bridge', version: 'test' });
});
afterAll(async () => {
  await app?.ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('pdf.inspect lists pages with sizes and the empty signature field a form offers', async () => {
  const r = await app.server.call('pdf.inspect', { path: corpus.acroform });
  expect(r.ok).toBe(true);
  const v = (r as { value: PdfInspectResult }).value;
  expect(v.pages).toEqual([{ page: 1, width: 595, height: 842, rotate: 0 }]);
  expect(v.signatureFields).toEqual([{ name: 'ChuKyHieuTruong', page: 1, rect: [330, 80, 540, 170], signed: false }]);
});

it('pdf.sign with a seal: the leader signs, the organisation seal is added over the left third; default output name', async () => {
  const input = path.join(dir, 'ke-hoach.pdf');
  fs.copyFileSync(corpus.libreoffice, input);
  const r = await app.server.call('pdf.sign', { input, signer: { kind: 'demo' }, placement: { page: 1, rect: [330, 60, 220, 90] }, reason: 'Phê duyệt', seal: { signer: { kind: 'demo' } } });
  expect(r.ok, JSON.stringify(r)).toBe(true);
  const v = (r as { value: PdfSignResult }).value;
  expect(v.output).toBe(path.join(dir, 'ke-hoach-da-ky.pdf'));
  expect(v.sealFieldName).toBeDefined();
  // The demo profile's certificate is not trusted by anyone: an empty NSS database checks integrity only.
  const nss = path.join(dir, 'nss');
  fs.mkdirSync(nss);
  execFileSync('certutil', ['-N', '--empty-password', '-d', `sql:${nss}`]);
  const sigs = await pdfsig(v.output, `sql:${nss}`);
  expect(sigs).toHaveLength(2);
  for (const s of sigs) expect(s.valid, s.text).toBe(true);
  expect(fs.readdirSync(dir).filter((f) => f.includes('.step1.'))).toEqual([]); // no intermediate file left
});

it('pdf.signBatch signs the good files and reports the broken one in Vietnamese without stopping', async () => {
  const inDir = path.join(dir, 'in');
  fs.mkdirSync(inDir);
  fs.copyFileSync(corpus.chromium, path.join(inDir, 'a.pdf'));
  fs.writeFileSync(path.join(inDir, 'b.pdf'), '%PDF-1.7\nnot really');
  fs.copyFileSync(corpus.scanned, path.join(inDir, 'c.pdf'));
  const r = await app.server.call('pdf.signBatch', { inputDir: inDir, outputDir: path.join(dir, 'out'), signer: { kind: 'demo' } });
  expect(r.ok, JSON.stringify(r)).toBe(true);
  const v = (r as { value: { items: PdfBatchItem[]; signed: number; failed: number } }).value;
  expect([v.signed, v.failed]).toEqual([2, 1]);
  const bad = v.items.find((i) => i.input.endsWith('b.pdf'))!;
  expect(bad.error?.code).toBe('PDF_MALFORMED');
  expect(bad.error?.message).toContain('Tệp PDF bị hỏng');
  expect(fs.readdirSync(path.join(dir, 'out')).sort()).toEqual(['a.pdf', 'c.pdf']);
});

it('invalid input is refused by the contract before any work', async () => {
  const r = await app.server.call('pdf.sign', { input: corpus.chromium, signer: { kind: 'demo' }, placement: { page: 0, rect: [1, 1, 1, 1] } });
  expect(r.ok).toBe(false);
  expect((r as { error: { code: string } }).error.code).toBe('API_INVALID_INPUT');
});
