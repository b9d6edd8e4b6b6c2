import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestPki, type TestPki } from '../../support/pki';
import { loadTrustStore, readCertificates, sha256Hex } from '../../../src/main/core/pki/trust-store';
import { checkSigner } from '../../../src/main/core/pdf/verify/signer-checks';
import type { CmsVerification } from '../../../src/main/core/pdf/verify/cms';
import { bundledTrustDir } from '../../../src/main/api/handlers/pdf-verify';

let pki: TestPki;
let dir: string;
beforeAll(async () => {
  pki = await createTestPki();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-trust-'));
  pki.writeTo(path.join(dir, 'pki'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('trust store', () => {

  it('ships the Vietnamese roots as anchors and the intermediates as chain helpers, with their published fingerprints', () => {
    const bundled = bundledTrustDir();
    expect(bundled).toBe(path.resolve('resources/trust'));
    const store = loadTrustStore({ bundledDir: bundled });
    const listed = JSON.parse(fs.readFileSync(path.join(bundled!, 'anchors.json'), 'utf8')) as { anchors: Array<{ file: string; role: string; sha256: string }> };
    for (const a of listed.anchors) {
      const pool = a.file.startsWith('intermediates/') ? store.intermediates : store.anchors;
      expect(pool.some((c) => c.sha256Fingerprint === a.sha256 && c.source === 'bundled'), a.file).toBe(true);
    }
    // NEAC's root (vn-domain.md §2.1) is an anchor; an intermediate is never one by itself.
    expect(store.anchorByFingerprint('BAC8BF609AB420A8EE1780D74F4DE5C7F7184959D2A7375B0A75E4C29F0908E7')).toBeDefined();
    expect(store.anchorByFingerprint('D8CAB7A4AEF92E6BB2509D7C61CEE7B44F3731B2D21074963530277B366FAE4B')).toBeUndefined();
  });

  it('reads PEM bundles and PKCS#7 (.p7b) files, skips broken folder files, refuses a broken --trust file', () => {
    const p7b = path.join(dir, 'bundle.p7b');
    execFileSync('openssl', ['crl2pkcs7', '-nocrl', '-certfile', path.join(dir, 'pki', 'root.pem'), '-certfile', path.join(dir, 'pki', 'caGov.pem'), '-outform', 'DER', '-out', p7b]);
    const certs = readCertificates(fs.readFileSync(p7b));
    expect(certs.map((c) => sha256Hex(new Uint8Array(c.rawData)))).toEqual(expect.arrayContaining([sha256Hex(pki.root.der), sha256Hex(pki.caGov.der)]));
    const user = path.join(dir, 'user');
    fs.mkdirSync(user);
    fs.writeFileSync(path.join(user, 'hong.pem'), '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    fs.writeFileSync(path.join(user, 'both.pem'), pki.root.pem + pki.caCommercial.pem);
    const store = loadTrustStore({ userDir: user });
    expect(store.anchors.map((a) => a.sha256Fingerprint).sort()).toEqual([sha256Hex(pki.root.der), sha256Hex(pki.caCommercial.der)].sort());
    expect(store.skipped.map((s) => path.basename(s.file))).toEqual(['hong.pem']);
    expect(() => loadTrustStore({ explicitFiles: [path.join(user, 'hong.pem')] })).toThrow(expect.objectContaining({ code: 'VERIFY_TRUST_FILE_INVALID' }));
  });
});

describe('signer checks', () => {

  const cmsOf = (signer: TestPki['teacher'], chain: TestPki['teacher'][]): CmsVerification =>
    ({
      readable: true,
      signerCertificate: signer.cert,
      embeddedCertificates: [signer.cert, ...chain.map((c) => c.cert)],
      cmsSigningTime: null,
      signatureTimestampToken: null,
      signatureValue: new Uint8Array(256),
      timestampGenTime: null,
      embeddedRevocation: { crls: [], ocspResponses: [] },
    }) as unknown as CmsVerification;
  const embedded = { certificates: [], crls: [], ocspResponses: [] };

  it('a certificate that had expired at the claimed signing time fails, with its validity period', async () => {
    const trust = loadTrustStore({ explicitFiles: [path.join(dir, 'pki', 'root.pem')] });
    const r = await checkSigner(cmsOf(pki.expired, [pki.caGov, pki.root]), new Date(), embedded, { trustStore: trust, now: new Date() });
    expect(r.checks.validityAtSigningTime).toMatchObject({ status: 'failed', code: 'CERT_EXPIRED_AT_SIGNING_TIME' });
    expect(r.checks.validityAtSigningTime.vi).toContain('hết hạn');
    expect(r.checks.chain.code).toBe('CHAIN_TRUSTED');
    const before = await checkSigner(cmsOf(pki.teacher, [pki.caGov, pki.root]), new Date(Date.now() - 400 * 86_400_000), embedded, { trustStore: trust, now: new Date() });
    expect(before.checks.validityAtSigningTime.code).toBe('CERT_NOT_YET_VALID_AT_SIGNING_TIME');
    expect(before.signingTime.usedSource).toBe('claimed');
  });
});
