import { beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestPki, type TestPki } from '../../support/pki';
import { createSoftwareSigner } from '../../../src/main/core/signing/software-signer';
import { assembleSignedData, signedAttributes } from '../../../src/main/core/pdf/sign';
import { verifyCms } from '../../../src/main/core/pdf/verify/cms';

/**
 * The signer's fixed CMS parts (certificates, signer id, content-type and signing-certificate-v2) are
 * encoded once per certificate. Signers one after another, as when a batch of one signer is followed by
 * another user's: each CMS carries that signer's own certificate and binding, verifies with its key,
 * and OpenSSL reads it the same way.
 */
let pki: TestPki;
beforeAll(async () => {
  pki = await createTestPki();
});

type Who = 'teacher' | 'principal' | 'seal';

describe('CMS parts kept per signer', () => {
  it('teacher → principal → teacher → seal: every signature is bound to its own signer', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-cms-cache-'));
    try {
      pki.writeTo(dir);
      for (const [i, who] of (['teacher', 'principal', 'teacher', 'seal'] as Who[]).entries()) {
        const signer = createSoftwareSigner({ privateKey: pki[who].keys.privateKey, certificate: pki[who].der, chain: [pki.caGov.der], source: 'p12' });
        const content = Buffer.from(`Kế hoạch số ${i} của ${who}`, 'utf8');
        const digest = createHash('sha256').update(content).digest();
        const { attrs, der } = signedAttributes(digest, signer.certificate);
        const cms = assembleSignedData({ signer, attrs, signature: await signer.sign(der) });
        const v = verifyCms(cms, { digest: () => digest }, 'detached');
        expect(v.signature.status).toBe('passed');
        expect(v.digest.status).toBe('passed');
        expect(v.signedAttributes.code).toBe('SIGNED_ATTRS_OK');
        expect(Buffer.from(v.signerCertificate!.rawData).equals(pki[who].der)).toBe(true);
        expect(v.embeddedCertificates.map((c) => Buffer.from(c.rawData).toString('hex'))).toEqual([pki[who].der.toString('hex'), pki.caGov.der.toString('hex')]);
        // An independent reader: OpenSSL verifies the detached CMS over the content with the test root.
        fs.writeFileSync(path.join(dir, 'content.bin'), content);
        fs.writeFileSync(path.join(dir, 'sig.der'), cms);
        execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', path.join(dir, 'sig.der'), '-content', path.join(dir, 'content.bin'), '-CAfile', path.join(dir, 'root.pem'), '-purpose', 'any', '-out', '/dev/null'], { stdio: 'pipe' });
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
