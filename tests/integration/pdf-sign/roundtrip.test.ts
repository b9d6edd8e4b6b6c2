import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestPki, type Identity, type TestPki } from '../../support/pki';
import { createSoftwareSigner } from '../../../src/main/core/signing/software-signer';
import { getCorpus, CORPUS_NAMES, type CorpusName } from '../../support/pdf-corpus';
import { nssTrusting, pdfsig, qpdfCheck } from '../../support/pdf-check';
import { PdfDocument, signatureFields } from '../../../src/main/core/pdf/parser';
import { signChain } from './chain';

let pki: TestPki;
let corpus: Record<CorpusName, string>;
let dir: string;
let nss: string;

beforeAll(async () => {
  [pki, corpus] = await Promise.all([createTestPki(), getCorpus()]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-pdfsign-rt-'));
  nss = nssTrusting(path.join(dir, 'nss'), pki.root.pem);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const soft = (idn: Identity) => createSoftwareSigner({ privateKey: idn.keys.privateKey, certificate: idn.der, chain: [pki.caGov.der], source: 'p12' });

describe('four successive signatures on every corpus file stay valid in pdfsig and pass qpdf --check', () => {
  for (const name of CORPUS_NAMES) {
    it(name, async () => {
      const input = corpus[name];
      const before = fs.readFileSync(input);
      const inputCheck = await qpdfCheck(input);
      const { outputs, results } = await signChain(input, dir, { teacher: soft(pki.teacher), groupHead: soft(pki.groupHead), principal: soft(pki.principal), seal: soft(pki.seal) }, name === 'acroform' ? { principalField: 'ChuKyHieuTruong' } : {});
      // The input is never modified.
      expect(fs.readFileSync(input).equals(before)).toBe(true);
      let previous = before;
      for (const [i, out] of outputs.entries()) {
        const bytes = fs.readFileSync(out);
        // Incremental: every earlier byte is kept as it was.
        expect(bytes.subarray(0, previous.length).equals(previous)).toBe(true);
        previous = bytes;
        const q = await qpdfCheck(out);
        // qpdf may warn about the producer's own quirks (exit 3), but never an error (exit 2), and we add no warning of our own.
        expect(q.code, q.text).toBe(inputCheck.code === 3 ? 3 : 0);
        expect(q.text).not.toMatch(/^ERROR/m);
        // pdfsig lists empty signature fields too: the signed ones are those with a signature type.
        const sigs = await pdfsig(out, nss);
        const real = sigs.filter((s) => /Signature Type/.test(s.text));
        expect(real.length, sigs.map((s) => s.text).join('\n')).toBe(i + 1);
        for (const s of real) {
          expect(s.valid, s.text).toBe(true);
          expect(s.trusted, s.text).toBe(true);
        }
        // The newest signature covers the whole file (pdfsig lists them in field order, not signing order).
        const newest = real.find((s) => s.text.includes(`Signature Field Name: ${results[i]!.fieldName}\n`));
        expect(newest?.total, newest?.text).toBe(true);
        expect(real.filter((s) => s.total)).toHaveLength(1);
        const doc = PdfDocument.open(out);
        try {
          expect(doc.revisions.length).toBeGreaterThanOrEqual(i + 2);
          expect(signatureFields(doc).filter((f) => f.signed)).toHaveLength(i + 1);
        } finally {
          doc.close();
        }
      }
    });
  }
});
