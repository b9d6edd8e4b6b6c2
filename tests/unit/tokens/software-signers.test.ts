import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { X509Certificate, webcrypto } from 'node:crypto';
import { createTestPki, type TestPki } from '../../support/pki';
import { openP12Signer } from '../../../src/main/core/signing/p12-signer';
import { createDemoIdentity, demoSignerFrom } from '../../../src/main/core/signing/demo-signer';
import { parseCertificate } from '../../../src/main/core/pki/certificate';
import { ecdsaDerToRaw } from '../../../src/main/core/pki/ecdsa';
import { readPin } from '../../../src/main/cli/pin';
import type { CliIo } from '../../../src/main/cli/io';

let pki: TestPki;
let dir: string;
const PASSWORD = 'Mật khẩu 2026';

function p12(name: string, key: string, extra: string[] = []): Buffer {
  const out = path.join(dir, `${name}.p12`);
  execFileSync('openssl', ['pkcs12', '-export', ...extra, '-inkey', path.join(dir, `${key}.key.pem`), '-in', path.join(dir, `${key}.pem`), '-certfile', path.join(dir, 'caGov.pem'), '-out', out, '-passout', `pass:${PASSWORD}`]);
  return fs.readFileSync(out);
}

beforeAll(async () => {
  pki = await createTestPki();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-p12-'));
  pki.writeTo(dir);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const data = new TextEncoder().encode('Kế hoạch giáo dục tổ chuyên môn');

describe('.p12/.pfx signer', () => {
  it('opens an AES .p12 with a Vietnamese password and signs so the certificate verifies it', async () => {
    const signer = await openP12Signer(p12('teacher', 'teacher'), PASSWORD);
    expect(signer).toMatchObject({ source: 'p12', keyType: 'RSA', keyBits: 2048 });
    expect(Buffer.from(signer.certificate).equals(pki.teacher.der)).toBe(true);
    expect(signer.chain.map((c) => parseCertificate(c).subjectCommonName)).toEqual(['CA phục vụ các cơ quan Nhà nước (kiểm thử)']);
    const sig = await signer.sign(data);
    expect(await webcrypto.subtle.verify('RSASSA-PKCS1-v1_5', (await pki.teacher.cert.publicKey.export()) as webcrypto.CryptoKey, sig, data)).toBe(true);
  });

  it('opens an ECDSA .p12 and returns a DER signature', async () => {
    const signer = await openP12Signer(p12('ec', 'ecSigner'), PASSWORD);
    expect(signer.keyType).toBe('EC');
    const sig = await signer.sign(data);
    const key = (await pki.ecSigner.cert.publicKey.export()) as webcrypto.CryptoKey;
    expect(await webcrypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, ecdsaDerToRaw(sig, 32), data)).toBe(true);
  });

  it('opens legacy 3DES/RC2 files (the Windows export default) with the certificate bytes unchanged', async () => {
    const rsa = await openP12Signer(p12('legacy', 'teacher', ['-legacy']), PASSWORD);
    expect(Buffer.from(rsa.certificate).equals(pki.teacher.der)).toBe(true);
    expect(rsa.chain).toHaveLength(1);
    const sig = await rsa.sign(data);
    expect(await webcrypto.subtle.verify('RSASSA-PKCS1-v1_5', (await pki.teacher.cert.publicKey.export()) as webcrypto.CryptoKey, sig, data)).toBe(true);
    const tripleDes = await openP12Signer(p12('3des', 'ecSigner', ['-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1']), PASSWORD);
    expect(tripleDes.keyType).toBe('EC');
    expect(Buffer.from(tripleDes.certificate).equals(pki.ecSigner.der)).toBe(true);
  });

  it('says plainly when the password is wrong or the file is not a .p12', async () => {
    await expect(openP12Signer(p12('teacher2', 'teacher'), 'sai mật khẩu')).rejects.toMatchObject({ code: 'P12_PASSWORD_INCORRECT' });
    await expect(openP12Signer(p12('legacy2', 'teacher', ['-legacy']), 'sai mật khẩu')).rejects.toMatchObject({ code: 'P12_PASSWORD_INCORRECT' });
    await expect(openP12Signer(pki.teacher.der, PASSWORD)).rejects.toMatchObject({ code: 'P12_INVALID' });
  });
});

describe('demo signer', () => {
  it('makes a certificate that says it has no legal value, and signs with it', async () => {
    const identity = await createDemoIdentity();
    const info = parseCertificate(identity.certificate);
    expect(info.subjectCommonName).toContain('DEMO - KHÔNG CÓ GIÁ TRỊ PHÁP LÝ');
    expect(info.keyUsage).toEqual(['digitalSignature', 'nonRepudiation']);
    expect(info.selfSigned).toBe(true);
    const signer = await demoSignerFrom(identity);
    const key = await webcrypto.subtle.importKey('spki', new Uint8Array(parseSpki(identity.certificate)), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
    expect(await webcrypto.subtle.verify('RSASSA-PKCS1-v1_5', key, await signer.sign(data), data)).toBe(true);
  });
});

function parseSpki(der: Uint8Array): Buffer {
  return new X509Certificate(der).publicKey.export({ type: 'spki', format: 'der' });
}

describe('PIN from the command line', () => {
  const io = (stdin: string, env: NodeJS.ProcessEnv = {}): CliIo => ({ out: () => undefined, err: () => undefined, readStdin: async () => stdin, env });
  it('reads the PIN from standard input (without the newline) or from a named environment variable only', async () => {
    expect(await readPin(io('12345678\n'), { 'pin-stdin': true })).toBe('12345678');
    expect(await readPin(io('', { TOKEN_PIN: 'abcXYZ12' }), { 'pin-env': 'TOKEN_PIN' })).toBe('abcXYZ12');
    expect(await readPin(io(''), {})).toBeUndefined();
    await expect(readPin(io(''), { 'pin-env': 'NOT_SET' })).rejects.toThrow(/NOT_SET/);
    await expect(readPin(io('1'), { 'pin-stdin': true, 'pin-env': 'X' })).rejects.toThrow(/một trong hai/);
  });
});
