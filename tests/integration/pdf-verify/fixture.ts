/** Shared setup of the pdf-verify tests: a test PKI, a temp folder, and a verifier trusting the test root. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestPki, type TestPki } from '../../support/pki';
import { verifyPdf, type VerifyPdfOptions } from '../../../src/main/core/pdf/verify/verify-pdf';
import { loadTrustStore } from '../../../src/main/core/pki/trust-store';
import type { PdfVerificationReport } from '../../../src/shared/contract/verify';

export interface VerifyFixture {
  pki: TestPki;
  dir: string;
  rootPem: string;
  verify(file: string, extra?: Partial<VerifyPdfOptions>): Promise<PdfVerificationReport>;
  cleanup(): void;
}

export async function createVerifyFixture(prefix: string): Promise<VerifyFixture> {
  const pki = await createTestPki();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  pki.writeTo(path.join(dir, 'pki'));
  const rootPem = path.join(dir, 'pki', 'root.pem');
  const trustStore = loadTrustStore({ explicitFiles: [rootPem] });
  return {
    pki,
    dir,
    rootPem,
    verify: (file, extra = {}) => verifyPdf(file, { trustStore, ...extra }),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Codes of every failed or undecided check, to assert the reason a signature is not valid. */
export const reasonCodes = (r: PdfVerificationReport, index = -1): string[] => {
  const s = index < 0 ? r.signatures[r.signatures.length + index] : r.signatures[index];
  return s ? s.reasons.map((c) => c.code) : [];
};
