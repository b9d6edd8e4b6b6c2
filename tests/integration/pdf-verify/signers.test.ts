import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { execFileSync } from 'node:child_process';
import { webcrypto } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as attacks from '../../support/pdf-attacks';
import { RSA_ALG, type Identity } from '../../support/pki';
import { loadTrustStore } from '../../../src/main/core/pki/trust-store';
import { verifyPdf } from '../../../src/main/core/pdf/verify/verify-pdf';
import type { RevocationChecker } from '../../../src/main/core/pdf/verify/extensions';
import { createVerifyFixture, reasonCodes, type VerifyFixture } from './fixture';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

/** pdfsig's verdict per signature, read from its text (it exits 0 whatever it finds). */
function pdfsig(file: string, nssDir: string): Array<{ valid: boolean; trusted: boolean; total: boolean }> {
  const out = execFileSync('pdfsig', ['-nssdir', `sql:${nssDir}`, file], { encoding: 'utf8' });
  return out
    .split(/^Signature #\d+:$/m)
    .slice(1)
    .map((block) => ({
      valid: block.includes('Signature Validation: Signature is Valid.'),
      trusted: block.includes('Certificate Validation: Certificate is Trusted.'),
      total: block.includes('Total document signed') && !block.includes('Not total document signed'),
    }));
}

describe('signers, chains, DocMDP and agreement with pdfsig', () => {
  let fx: VerifyFixture;
  let plan: string; // 4 signatures: teacher (certifies), group head, principal, seal
  let nssDir: string;
  const file = (n: string) => path.join(fx.dir, n);

  beforeAll(async () => {
    fx = await createVerifyFixture('hosoky-signers-');
    nssDir = file('nss');
    fs.mkdirSync(nssDir);
    execFileSync('certutil', ['-N', '--empty-password', '-d', `sql:${nssDir}`]);
    execFileSync('certutil', ['-A', '-d', `sql:${nssDir}`, '-n', 'root', '-t', 'CT,C,C', '-a', '-i', fx.rootPem]);
    await attacks.makeBasePdf(file('base.pdf'), { formField: true });
    const { pki } = fx;
    const steps = [
      { identity: pki.teacher, certify: true, reason: 'Trình kế hoạch giáo dục' },
      { identity: pki.groupHead, reason: 'Tổ trưởng xem xét', placement: { page: 1, rect: [40, 80, 160, 60] as [number, number, number, number] } },
      { identity: pki.principal, reason: 'Phê duyệt', placement: { page: 1, rect: [220, 80, 160, 60] as [number, number, number, number] } },
      { identity: pki.seal, reason: 'Đóng dấu', placement: { page: 1, rect: [200, 70, 90, 90] as [number, number, number, number] } },
    ];
    let cur = file('base.pdf');
    for (const [i, s] of steps.entries()) {
      const next = file(`plan-${i + 1}.pdf`);
      await attacks.signAs(cur, next, { ...s, chain: [pki.caGov] });
      cur = next;
    }
    plan = cur;
  });
  afterAll(() => fx.cleanup());

  it('a 4-signature plan is valid, and pdfsig agrees signature by signature', async () => {
    const r = await fx.verify(plan);
    const theirs = pdfsig(plan, nssDir);
    expect(r.signatures).toHaveLength(4);
    expect(theirs).toHaveLength(4);
    r.signatures.forEach((s, i) => {
      expect(s.verdict, `signature ${i + 1}: ${s.reasons.map((x) => x.code).join(',')}`).toBe('valid');
      expect(theirs[i]!.valid && theirs[i]!.trusted).toBe(true);
      expect(s.coversWholeFile).toBe(theirs[i]!.total);
    });
    expect(r.verdict).toBe('valid');
    const [teacher, , principal, seal] = r.signatures;
    expect(teacher!.kind).toBe('certification');
    expect(teacher!.docMdpPermission).toBe(2);
    expect(teacher!.modifications.filter((m) => m.kind === 'signature-added')).toHaveLength(3);
    expect(principal!.signer!.subjectCommonName).toBe('Lê Thị Thu Hương');
    expect(principal!.managingUnit).toContain('Trường Mầm non Hoa Sen');
    expect(principal!.issuingCa).toBe('CA phục vụ các cơ quan Nhà nước (kiểm thử)');
    expect(principal!.trustAnchor).toMatchObject({ source: 'explicit', sha256Fingerprint: principal!.chain[2]!.sha256Fingerprint });
    expect(seal!.signer!.holder).toBe('organisation');
    expect(teacher!.signer!.holder).toBe('personal');
    expect(seal!.signer!.provider?.specialPurpose).toBe(true);
    expect(principal!.checks.revocation.status).toBe('not_checked');
    expect(principal!.checks.revocation.vi).toContain('chưa kiểm tra (ngoại tuyến)');
  });

  it('pdfsig and our verifier agree that a tampered plan is broken', async () => {
    const bad = attacks.write(fx.dir, 'tampered.pdf', attacks.changeSignedByte(fs.readFileSync(plan)));
    const r = await fx.verify(bad);
    const theirs = pdfsig(bad, nssDir);
    r.signatures.forEach((s, i) => {
      expect(s.verdict).toBe('invalid');
      expect(theirs[i]!.valid).toBe(false);
    });
  });

  it('under a certification signature (P=2) form filling is allowed, a new annotation is not', async () => {
    const filled = file('filled.pdf');
    await attacks.shadowReplaceFormValue(plan, filled);
    const r = await fx.verify(filled);
    expect(r.verdict).toBe('valid');
    expect(r.signatures[3]!.modifications.some((m) => m.kind === 'form-filled' && m.allowed)).toBe(true);
    const annotated = file('annotated.pdf');
    await attacks.overlayAnnotation(plan, annotated);
    expect((await fx.verify(annotated)).verdict).toBe('invalid');
  });

  it('builds the chain from the trust store when the PDF embeds only the signer certificate', async () => {
    const leafOnly = file('leaf-only.pdf');
    await attacks.signAs(file('base.pdf'), leafOnly, { identity: fx.pki.teacher, chain: [] });
    const store = file('trust');
    fs.mkdirSync(path.join(store, 'intermediates'), { recursive: true });
    fs.copyFileSync(fx.rootPem, path.join(store, 'root.pem'));
    fs.writeFileSync(path.join(store, 'intermediates', 'ca-gov.pem'), fx.pki.caGov.pem);
    const withStore = await verifyPdf(leafOnly, { trustStore: loadTrustStore({ userDir: store }) });
    expect(withStore.verdict).toBe('valid');
    expect(withStore.signatures[0]!.chain).toHaveLength(3);
    expect(withStore.signatures[0]!.trustAnchor).toMatchObject({ source: 'user', file: path.join(store, 'root.pem') });

    fs.rmSync(path.join(store, 'intermediates'), { recursive: true });
    const noIntermediate = await verifyPdf(leafOnly, { trustStore: loadTrustStore({ userDir: store }) });
    expect(noIntermediate.verdict).toBe('indeterminate');
    expect(reasonCodes(noIntermediate)).toEqual(['CHAIN_NO_TRUST_ANCHOR']);
    expect(noIntermediate.signatures[0]!.reasons[0]!.vi).toContain('Hãy thêm chứng thư CA gốc');
  });

  it('an untrusted root gives an indeterminate verdict, not a valid one', async () => {
    const r = await verifyPdf(plan, { trustStore: loadTrustStore({}) });
    expect(r.verdict).toBe('indeterminate');
    expect(r.signatures.every((s) => s.reasons.some((c) => c.code === 'CHAIN_NO_TRUST_ANCHOR'))).toBe(true);
  });

  it('an ECDSA P-256 signer is valid', async () => {
    const ec = file('ec.pdf');
    await attacks.signAs(file('base.pdf'), ec, { identity: fx.pki.ecSigner, chain: [fx.pki.caCommercial] });
    const r = await fx.verify(ec);
    expect(r.verdict).toBe('valid');
    expect(r.signatures[0]!.signatureAlgorithm).toBe('ecdsa-with-SHA256');
    expect(r.signatures[0]!.checks.algorithms.vi).toContain('EC 256 bit');
  });

  it('a certificate not meant for signing (key usage) makes the signature invalid', async () => {
    const keys = (await webcrypto.subtle.generateKey(RSA_ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: '7e01',
      subject: 'CN=Khóa chỉ để mã hoá, O=Trường Mầm non Hoa Sen, C=VN',
      issuer: fx.pki.caGov.cert.subject,
      notBefore: new Date(Date.now() - 86_400_000),
      notAfter: new Date(Date.now() + 86_400_000 * 365),
      publicKey: keys.publicKey,
      signingKey: fx.pki.caGov.keys.privateKey,
      signingAlgorithm: RSA_ALG,
      extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyEncipherment, true)],
    });
    const identity = { ...fx.pki.teacher, cert, der: Buffer.from(cert.rawData), keys } as Identity;
    const out = file('ku.pdf');
    await attacks.signAs(file('base.pdf'), out, { identity, chain: [fx.pki.caGov] });
    const r = await fx.verify(out);
    expect(reasonCodes(r)).toContain('KEY_USAGE_NOT_SIGNING');
  });

  it('a revocation checker plugged in decides the revocation check', async () => {
    const revokedBefore: RevocationChecker = {
      check: async (q) => ({ status: 'revoked', revokedAt: new Date(q.at.getTime() - 60_000), source: 'crl', vi: 'Đã bị thu hồi theo CRL.', en: 'Revoked according to the CRL.' }),
    };
    const good: RevocationChecker = { check: async () => ({ status: 'good', source: 'ocsp', vi: 'OCSP: chứng thư còn hiệu lực.', en: 'OCSP: good.' }) };
    const r1 = await fx.verify(plan, { revocation: revokedBefore });
    expect(r1.verdict).toBe('invalid');
    expect(reasonCodes(r1, 0)).toContain('CERT_REVOKED');
    const r2 = await fx.verify(plan, { revocation: good });
    expect(r2.verdict).toBe('valid');
    expect(r2.signatures[0]!.checks.revocation).toMatchObject({ status: 'passed', code: 'REVOCATION_GOOD' });
    expect(r2.notes.some((n) => n.code === 'REVOCATION_NOT_CHECKED')).toBe(false);
  });
});
