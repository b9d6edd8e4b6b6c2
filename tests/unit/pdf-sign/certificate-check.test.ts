import 'reflect-metadata';
import { beforeAll, describe, expect, it } from 'vitest';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';
import { createTestPki, type TestPki } from '../../support/pki';
import { createSoftwareSigner } from '../../../src/main/core/signing/software-signer';
import { checkSignerCertificate } from '../../../src/main/core/pdf/sign';

/**
 * The key-strength part of the pre-signing check is kept per certificate (a batch signs 100 files with
 * one); the time part must still be judged at every signing time.
 */
let pki: TestPki;
beforeAll(async () => {
  pki = await createTestPki();
});

describe('certificate check before signing, repeated as in a batch', () => {
  it('a weak (RSA-1024) key is refused every time it is asked, in Vietnamese', async () => {
    const alg = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 1024 };
    const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
    const cert = await x509.X509CertificateGenerator.createSelfSigned({ name: 'CN=Khoá yếu', keys, signingAlgorithm: alg, notBefore: new Date(Date.now() - 86_400_000), notAfter: new Date(Date.now() + 86_400_000) }, webcrypto as unknown as Crypto);
    const signer = createSoftwareSigner({ privateKey: keys.privateKey, certificate: new Uint8Array(cert.rawData), chain: [], source: 'p12' });
    for (let i = 0; i < 3; i++) {
      expect(() => checkSignerCertificate(signer)).toThrowError(expect.objectContaining({ code: 'SIGN_WEAK_KEY', messageVi: expect.stringContaining('RSA từ 2048 bit') }));
    }
  });

  it('a certificate accepted now is still refused at a signing time after it expired (validity is not cached)', () => {
    const signer = createSoftwareSigner({ privateKey: pki.teacher.keys.privateKey, certificate: pki.teacher.der, chain: [pki.caGov.der], source: 'p12' });
    expect(checkSignerCertificate(signer, new Date()).map((w) => w.code)).toEqual(['SIGN_REVOCATION_NOT_CHECKED']);
    const after = new Date(pki.teacher.cert.notAfter.getTime() + 86_400_000);
    expect(() => checkSignerCertificate(signer, after)).toThrowError(expect.objectContaining({ code: 'SIGN_CERT_EXPIRED' }));
    const before = new Date(pki.teacher.cert.notBefore.getTime() - 86_400_000);
    expect(() => checkSignerCertificate(signer, before)).toThrowError(expect.objectContaining({ code: 'SIGN_CERT_NOT_YET_VALID' }));
    expect(checkSignerCertificate(signer, new Date())).toHaveLength(1);
  });
});
