/**
 * The demo profile: a self-signed certificate made once on the user's computer so that a new user can
 * try signing with no token. Its names say plainly that it has no legal value, and verification shows
 * it as untrusted (no CA issued it).
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';
import { createSoftwareSigner } from './software-signer';
import type { Signer } from './signer';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export const DEMO_MARK = 'DEMO - KHÔNG CÓ GIÁ TRỊ PHÁP LÝ';
const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 } as const;

/** What is kept in the data folder (the key as PKCS#8; the file is readable by the user only). */
export interface DemoIdentity {
  certificate: Uint8Array;
  privateKeyPkcs8: Uint8Array;
}

export async function createDemoIdentity(now: Date = new Date()): Promise<DemoIdentity> {
  const keys = (await webcrypto.subtle.generateKey(RSA, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8))).toString('hex').replace(/^[89a-f]/, '1'),
    name: `CN=Người dùng thử Hồ Sơ Ký (${DEMO_MARK}), O=Hồ Sơ Ký (${DEMO_MARK}), C=VN`,
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + 10 * 365 * 86_400_000),
    keys,
    signingAlgorithm: RSA,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return {
    certificate: new Uint8Array(cert.rawData),
    privateKeyPkcs8: new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)),
  };
}

export async function demoSignerFrom(identity: DemoIdentity): Promise<Signer> {
  const privateKey = await webcrypto.subtle.importKey('pkcs8', new Uint8Array(identity.privateKeyPkcs8), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
  return createSoftwareSigner({ privateKey, certificate: identity.certificate, source: 'demo' });
}
