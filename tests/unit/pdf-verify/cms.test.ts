import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestPki, type TestPki } from '../../support/pki';
import { contentOf, verifyCms } from '../../../src/main/core/pdf/verify/cms';

/**
 * CMS signatures made by an independent producer (OpenSSL's `cms -sign`, CAdES-BES with -cades) over
 * plain bytes, checked by the verifier's CMS stage: integrity, signer binding and the algorithm policy.
 */
describe('CMS signature verification', () => {
  let pki: TestPki;
  let dir: string;
  const content = Buffer.from('Kế hoạch giáo dục tuần 5 — lớp Mầm 3', 'utf8');
  const p = (n: string) => path.join(dir, n);

  /** Signs `content` with OpenSSL; returns the DER padded with zeros as /Contents is. */
  function opensslSign(args: string[], signer = 'teacher'): Uint8Array {
    const out = p(`sig-${Math.random().toString(16).slice(2)}.der`);
    execFileSync('openssl', ['cms', '-sign', '-binary', '-in', p('content.bin'), '-signer', p(`${signer}.pem`), '-inkey', p(`${signer}.key.pem`), '-outform', 'DER', '-out', out, ...args]);
    return Buffer.concat([fs.readFileSync(out), Buffer.alloc(512)]);
  }

  beforeAll(async () => {
    pki = await createTestPki();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-cms-'));
    pki.writeTo(dir);
    fs.writeFileSync(p('content.bin'), content);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('accepts a CAdES-BES signature (SHA-256, RSA) and reads the signer and chain', () => {
    const r = verifyCms(opensslSign(['-md', 'sha256', '-cades', '-certfile', p('caGov.pem')]), contentOf(content), 'detached');
    expect([r.structure.status, r.digest.status, r.signature.status, r.signedAttributes.status, r.algorithms.status]).toEqual(['passed', 'passed', 'passed', 'passed', 'passed']);
    expect(r.signedAttributes.code).toBe('SIGNED_ATTRS_OK');
    expect(r.signerCertificate?.subject).toContain('Nguyễn Thị Hoa');
    expect(r.embeddedCertificates).toHaveLength(2);
    expect(r.digestAlgorithm).toBe('SHA-256');
    expect(r.cmsSigningTime).toBeInstanceOf(Date);
  });

  it('reports changed content as a digest mismatch', () => {
    const r = verifyCms(opensslSign(['-md', 'sha256', '-cades']), contentOf(Buffer.from('Kế hoạch đã bị sửa')), 'detached');
    expect(r.digest).toMatchObject({ status: 'failed', code: 'DIGEST_MISMATCH' });
    expect(r.signature.status).toBe('passed');
  });

  it('accepts ECDSA P-256 and RSASSA-PSS', () => {
    const ec = verifyCms(opensslSign(['-md', 'sha256', '-cades'], 'ecSigner'), contentOf(content), 'detached');
    expect(ec.signature.status).toBe('passed');
    expect(ec.signatureAlgorithm).toMatch(/ecdsa/i);
    const pss = verifyCms(opensslSign(['-md', 'sha256', '-cades', '-keyopt', 'rsa_padding_mode:pss']), contentOf(content), 'detached');
    expect(pss.signature.status).toBe('passed');
    expect(pss.signatureAlgorithm).toBe('RSASSA-PSS (SHA-256)');
  });

  it('refuses SHA-1 and RSA keys shorter than 2048 bits, saying why', () => {
    const sha1 = verifyCms(opensslSign(['-md', 'sha1']), contentOf(content), 'detached');
    expect(sha1.algorithms).toMatchObject({ status: 'failed', code: 'ALGORITHM_WEAK_HASH' });
    expect(sha1.algorithms.vi).toContain('SHA-1');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:1024', '-nodes', '-keyout', p('weak.key.pem'), '-out', p('weak.pem'), '-days', '2', '-subj', '/CN=Khoa yeu'], { stdio: 'pipe' });
    const weak = verifyCms(opensslSign(['-md', 'sha256'], 'weak'), contentOf(content), 'detached');
    expect(weak.algorithms).toMatchObject({ status: 'failed', code: 'ALGORITHM_WEAK_KEY' });
    expect(weak.algorithms.vi).toContain('1024 bit');
  });

  it('refuses two signers in one signature and non-CMS bytes without throwing', () => {
    const out = p('two.der');
    execFileSync('openssl', ['cms', '-sign', '-binary', '-in', p('content.bin'), '-signer', p('teacher.pem'), '-inkey', p('teacher.key.pem'), '-signer', p('principal.pem'), '-inkey', p('principal.key.pem'), '-outform', 'DER', '-out', out]);
    expect(verifyCms(fs.readFileSync(out), contentOf(content), 'detached').structure.code).toBe('CMS_SIGNER_COUNT');
    for (const junk of [new Uint8Array(64), Buffer.from('30820fff0102', 'hex'), Buffer.from('ffffffffffff', 'hex'), new Uint8Array(0)]) {
      const r = verifyCms(junk, contentOf(content), 'detached');
      expect(r.readable).toBe(false);
      expect(r.structure.status).toBe('failed');
    }
  });
});
