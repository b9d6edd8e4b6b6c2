import 'reflect-metadata';
import { beforeAll, describe, expect, it } from 'vitest';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import * as x509 from '@peculiar/x509';
import { createHash } from 'node:crypto';
import { createTestPki, RSA_ALG, type TestPki } from '../../support/pki';
import { createSoftwareSigner } from '../../../src/main/core/signing/software-signer';
import { assembleSignedData, signedAttributes } from '../../../src/main/core/pdf/sign';
import { verifyCms } from '../../../src/main/core/pdf/verify/cms';

/**
 * The verifier reads a SignedData part by part and takes the certificates out as their own bytes (read
 * once per certificate). These cases cover the parts a plain PAdES signature does not carry: CRLs in
 * SignedData.crls, certificates in an unusual order with an unrelated one, and a field that has no
 * place in a SignedData.
 */
let pki: TestPki;
beforeAll(async () => {
  pki = await createTestPki();
});

async function signed(edit: (sd: pkijs.SignedData) => void): Promise<{ cms: Uint8Array; digest: Buffer }> {
  const signer = createSoftwareSigner({ privateKey: pki.teacher.keys.privateKey, certificate: pki.teacher.der, chain: [pki.caGov.der], source: 'p12' });
  const digest = createHash('sha256').update(`Kế hoạch ${Math.random()}`).digest();
  const { attrs, der } = signedAttributes(digest, signer.certificate);
  const info = pkijs.ContentInfo.fromBER(new Uint8Array(assembleSignedData({ signer, attrs, signature: await signer.sign(der) })));
  const sd = new pkijs.SignedData({ schema: info.content });
  edit(sd);
  info.content = sd.toSchema(true);
  return { cms: new Uint8Array(info.toSchema().toBER(false)), digest };
}

describe('CMS SignedData read part by part', () => {
  it('CRLs carried in SignedData.crls are returned as embedded revocation data; the signature still verifies', async () => {
    const crl = await x509.X509CrlGenerator.create({ issuer: pki.caGov.cert.subjectName, thisUpdate: new Date(Date.now() - 60_000), nextUpdate: new Date(Date.now() + 86_400_000), entries: [], signingKey: pki.caGov.keys.privateKey, signingAlgorithm: RSA_ALG });
    const { cms, digest } = await signed((sd) => {
      sd.crls = [pkijs.CertificateRevocationList.fromBER(new Uint8Array(crl.rawData))];
    });
    const v = verifyCms(cms, { digest: () => digest }, 'detached');
    expect(v.structure.status).toBe('passed');
    expect(v.signature.status).toBe('passed');
    expect(v.embeddedRevocation.crls.map((c) => Buffer.from(c).toString('hex'))).toEqual([Buffer.from(crl.rawData).toString('hex')]);
  });

  it('the signer is found among certificates in another order, with an unrelated one', async () => {
    const { cms, digest } = await signed((sd) => {
      sd.certificates = [pki.principal.der, pki.caGov.der, pki.teacher.der].map((d) => pkijs.Certificate.fromBER(new Uint8Array(d)));
    });
    const v = verifyCms(cms, { digest: () => digest }, 'detached');
    expect(v.signature.status).toBe('passed');
    expect(v.signedAttributes.code).toBe('SIGNED_ATTRS_OK');
    expect(Buffer.from(v.signerCertificate!.rawData).equals(pki.teacher.der)).toBe(true);
    expect(v.embeddedCertificates).toHaveLength(3);
  });

  it('a SignedData with a field it cannot have is refused as unreadable, not trusted', async () => {
    const { cms, digest } = await signed(() => undefined);
    const info = pkijs.ContentInfo.fromBER(new Uint8Array(cms));
    const fields = (info.content as asn1js.Sequence).valueBlock.value;
    fields.push(new asn1js.Utf8String({ value: 'thêm vào' }));
    const tampered = new Uint8Array(info.toSchema().toBER(false));
    const v = verifyCms(tampered, { digest: () => digest }, 'detached');
    expect(v.readable).toBe(false);
    expect(v.structure.code).toBe('CMS_NOT_SIGNED_DATA');
  });
});
