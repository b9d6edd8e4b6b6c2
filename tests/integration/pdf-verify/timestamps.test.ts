import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPkiServices, type PkiServices } from '../../support/pki-services';
import * as attacks from '../../support/pdf-attacks';
import { PdfDocument } from '../../../src/main/core/pdf/parser';
import { addDocumentTimestamp } from '../../../src/main/core/ltv/document-timestamp';
import { createTimestampAuthority } from '../../../src/main/infra/net/tsa-client';
import { createHttpNetwork } from '../../../src/main/infra/net/http';
import { withTempFile } from '../../../src/main/infra/fs/atomic-write';
import { loadTrustStore } from '../../../src/main/core/pki/trust-store';
import { verifyPdf } from '../../../src/main/core/pdf/verify/verify-pdf';

/**
 * A document timestamp (ETSI.RFC3161, from a real RFC 3161 TSA: OpenSSL behind the test PKI services)
 * after two signatures: it is checked like a signature (imprint over its ByteRange, the TSA's CMS
 * signature, the TSA chain), and it counts as an allowed change for the signatures before it.
 */
describe('document timestamps', () => {
  let services: PkiServices;
  let dir: string;
  let stamped: string;

  beforeAll(async () => {
    services = await startPkiServices();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-verify-dts-'));
    const { pki } = services;
    await attacks.makeBasePdf(path.join(dir, 'base.pdf'));
    await attacks.signAs(path.join(dir, 'base.pdf'), path.join(dir, 's1.pdf'), { identity: pki.teacher, chain: [pki.caGov] });
    await attacks.signAs(path.join(dir, 's1.pdf'), path.join(dir, 's2.pdf'), { identity: pki.principal, chain: [pki.caGov] });
    stamped = path.join(dir, 'stamped.pdf');
    const doc = PdfDocument.open(path.join(dir, 's2.pdf'));
    try {
      await addDocumentTimestamp(doc, stamped, createTimestampAuthority(createHttpNetwork(), services.tsaUrl), withTempFile);
    } finally {
      doc.close();
    }
    fs.writeFileSync(path.join(dir, 'root.pem'), pki.root.pem);
  }, 120_000);
  afterAll(async () => {
    await services?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('verifies the timestamp and keeps the earlier signatures valid', async () => {
    const r = await verifyPdf(stamped, { trustStore: loadTrustStore({ explicitFiles: [path.join(dir, 'root.pem')] }) });
    expect(r.signatures.map((s) => s.kind)).toEqual(['approval', 'approval', 'document-timestamp']);
    const ts = r.signatures[2]!;
    expect(ts.verdict, ts.reasons.map((x) => x.code).join(',')).toBe('valid');
    expect(ts.checks.digest.code).toBe('DIGEST_OK');
    expect(ts.checks.signature.code).toBe('SIGNATURE_OK');
    expect(ts.signer?.subjectCommonName).toContain('dấu thời gian');
    expect(ts.signingTime?.timestamp).toBeTruthy();
    expect(ts.checks.timestamp.status).toBe('not_checked');
    for (const s of r.signatures.slice(0, 2)) {
      expect(s.verdict).toBe('valid');
      expect(s.modifications.some((m) => m.kind === 'document-timestamp' && m.allowed)).toBe(true);
    }
  });

  it('a document changed after the timestamp breaks the timestamp too', async () => {
    const out = attacks.write(dir, 'stamped-changed.pdf', attacks.changeSignedByte(fs.readFileSync(stamped)));
    const r = await verifyPdf(out, { trustStore: loadTrustStore({ explicitFiles: [path.join(dir, 'root.pem')] }) });
    expect(r.signatures[2]!.verdict).toBe('invalid');
    expect(r.signatures[2]!.checks.digest.code).toBe('DIGEST_MISMATCH');
  });
});
