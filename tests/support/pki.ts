/**
 * A throwaway test PKI, made fresh by the tests (nothing committed): a root, two issuing CAs (one shaped
 * like the Government Cipher Committee's special-purpose CA, one like a commercial CA), and the people
 * of a school with Vietnamese names in UTF-8: a teacher, a group head, a principal, the school's
 * organisation certificate (the electronic seal), an ECDSA signer, an expired and a revoked certificate,
 * plus a timestamp authority and an OCSP responder for the long-term-validation tests.
 *
 * Keys are made in software here and imported into SoftHSM2 by softhsm.ts, the way a CA personalises
 * a token before handing it over.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);
const subtle = webcrypto.subtle;

export const RSA_ALG = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 } as const;
export const EC_ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

const UID = '0.9.2342.19200300.100.1.1';
const DAY = 24 * 3600 * 1000;

export interface Identity {
  /** Short name used by the tests: 'teacher', 'principal', 'seal', … */
  key: string;
  cert: x509.X509Certificate;
  der: Buffer;
  pem: string;
  keys: CryptoKeyPair;
  /** PKCS#8 PEM of the private key (for openssl and .p12 files). */
  keyPem: string;
  /** CKA_ID used on the token (hex). */
  id: string;
  kind: 'rsa' | 'ec';
}

export interface TestPki {
  root: Identity;
  /** Special-purpose issuing CA (Ban Cơ yếu-like). */
  caGov: Identity;
  /** Commercial issuing CA (VNPT-like). */
  caCommercial: Identity;
  teacher: Identity;
  groupHead: Identity;
  principal: Identity;
  seal: Identity;
  ecSigner: Identity;
  expired: Identity;
  revoked: Identity;
  tsa: Identity;
  ocsp: Identity;
  /** Writes every certificate and key as PEM into dir (name.pem, name.key.pem); returns dir. */
  writeTo(dir: string): string;
}

export interface PkiOptions {
  /** Put these URLs in the issued certificates (CRL distribution point, OCSP, caIssuers). */
  crlUrl?: string;
  ocspUrl?: string;
  caIssuersUrl?: string;
  /** The moment the certificates are valid from (default: 30 days ago). */
  now?: Date;
}

let serialCounter = 0x1000;
const nextSerial = () => (serialCounter++).toString(16).padStart(8, '0') + Math.floor(Math.random() * 0xffffff).toString(16).padStart(6, '0');

async function makeKeys(kind: 'rsa' | 'ec'): Promise<CryptoKeyPair> {
  return subtle.generateKey(kind === 'rsa' ? RSA_ALG : EC_ALG, true, ['sign', 'verify']) as Promise<CryptoKeyPair>;
}

async function pkcs8Pem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await subtle.exportKey('pkcs8', key));
  return `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END PRIVATE KEY-----\n`;
}

async function identity(key: string, cert: x509.X509Certificate, keys: CryptoKeyPair, id: string, kind: 'rsa' | 'ec'): Promise<Identity> {
  return { key, cert, der: Buffer.from(cert.rawData), pem: cert.toString('pem'), keys, keyPem: await pkcs8Pem(keys.privateKey), id, kind };
}

interface IssueSpec {
  key: string;
  name: string;
  issuer: Identity | null;
  kind?: 'rsa' | 'ec';
  ca?: boolean;
  notBefore: Date;
  notAfter: Date;
  eku?: string[];
  keyUsage?: number;
  id: string;
}

async function issue(spec: IssueSpec, opts: PkiOptions): Promise<Identity> {
  const kind = spec.kind ?? 'rsa';
  const keys = await makeKeys(kind);
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(!!spec.ca, spec.ca ? 1 : undefined, true),
    new x509.KeyUsagesExtension(
      spec.keyUsage ?? (spec.ca ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation),
      true,
    ),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
  ];
  if (spec.eku) extensions.push(new x509.ExtendedKeyUsageExtension(spec.eku, true));
  if (spec.issuer) {
    extensions.push(await x509.AuthorityKeyIdentifierExtension.create(spec.issuer.cert, false));
    if (opts.crlUrl) extensions.push(new x509.CRLDistributionPointsExtension([opts.crlUrl]));
    if (opts.ocspUrl || opts.caIssuersUrl) {
      extensions.push(
        new x509.AuthorityInfoAccessExtension({
          ...(opts.ocspUrl ? { ocsp: [new x509.GeneralName('url', opts.ocspUrl)] } : {}),
          ...(opts.caIssuersUrl ? { caIssuers: [new x509.GeneralName('url', opts.caIssuersUrl)] } : {}),
        }),
      );
    }
  }
  const signer = spec.issuer ?? null;
  const cert = signer
    ? await x509.X509CertificateGenerator.create({
        serialNumber: nextSerial(),
        subject: spec.name,
        issuer: signer.cert.subject,
        notBefore: spec.notBefore,
        notAfter: spec.notAfter,
        publicKey: keys.publicKey,
        signingKey: signer.keys.privateKey,
        signingAlgorithm: signer.kind === 'rsa' ? RSA_ALG : EC_ALG,
        extensions,
      })
    : await x509.X509CertificateGenerator.createSelfSigned({
        serialNumber: nextSerial(),
        name: spec.name,
        notBefore: spec.notBefore,
        notAfter: spec.notAfter,
        keys,
        signingAlgorithm: kind === 'rsa' ? RSA_ALG : EC_ALG,
        extensions,
      });
  return identity(spec.key, cert, keys, spec.id, kind);
}

/** Makes the whole test PKI (about 0.5 s: a dozen RSA-2048 keys). */
export async function createTestPki(opts: PkiOptions = {}): Promise<TestPki> {
  const now = opts.now ?? new Date();
  const from = new Date(now.getTime() - 30 * DAY);
  const long = new Date(now.getTime() + 3 * 365 * DAY);
  const root = await issue({ key: 'root', name: 'CN=Hồ Sơ Ký Test Root CA, O=Kiểm thử Hồ Sơ Ký, C=VN', issuer: null, ca: true, notBefore: from, notAfter: new Date(now.getTime() + 20 * 365 * DAY), id: 'f0' }, opts);
  const caGov = await issue({ key: 'caGov', name: 'CN=CA phục vụ các cơ quan Nhà nước (kiểm thử), O=Ban Cơ yếu Chính phủ, C=VN', issuer: root, ca: true, notBefore: from, notAfter: new Date(now.getTime() + 10 * 365 * DAY), id: 'f1' }, opts);
  const caCommercial = await issue({ key: 'caCommercial', name: 'CN=VNPT Certification Authority (kiểm thử), O=VNPT Group, C=VN', issuer: root, ca: true, notBefore: from, notAfter: new Date(now.getTime() + 10 * 365 * DAY), id: 'f2' }, opts);
  const school = 'O=Trường Mầm non Hoa Sen, L=Hải Phòng, C=VN';
  const person = (cn: string, cccd: string) => `CN=${cn}, ${UID}=CCCD:${cccd}, OU=Tổ chuyên môn, ${school}`;
  const leaf = (key: string, name: string, issuer: Identity, id: string, extra: Partial<IssueSpec> = {}) =>
    issue({ key, name, issuer, notBefore: from, notAfter: long, id, ...extra }, opts);

  const teacher = await leaf('teacher', person('Nguyễn Thị Hoa', '031190001234'), caGov, '01');
  const groupHead = await leaf('groupHead', person('Trần Văn Đức', '030085004321'), caGov, '02');
  const principal = await leaf('principal', `CN=Lê Thị Thu Hương, ${UID}=CCCD:031178009876, 2.5.4.12=Hiệu trưởng, ${school}`, caGov, '03');
  const seal = await leaf('seal', `CN=Trường Mầm non Hoa Sen, ${UID}=MST:0201234567, ${school}`, caGov, '04');
  const ecSigner = await leaf('ecSigner', person('Phạm Quỳnh Anh', '031195002468'), caCommercial, '05', { kind: 'ec' });
  const expired = await leaf('expired', person('Nguyễn Thị Hoa', '031190001234'), caGov, '06', {
    notBefore: new Date(now.getTime() - 400 * DAY),
    notAfter: new Date(now.getTime() - 35 * DAY),
  });
  const revoked = await leaf('revoked', person('Đỗ Văn Bình', '031188007777'), caGov, '07');
  const tsa = await leaf('tsa', 'CN=Dịch vụ cấp dấu thời gian (kiểm thử), O=Kiểm thử Hồ Sơ Ký, C=VN', root, 'f3', {
    eku: ['1.3.6.1.5.5.7.3.8'],
    keyUsage: x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
  });
  const ocsp = await leaf('ocsp', 'CN=OCSP CA phục vụ các cơ quan Nhà nước (kiểm thử), O=Ban Cơ yếu Chính phủ, C=VN', caGov, 'f4', {
    eku: ['1.3.6.1.5.5.7.3.9'],
    keyUsage: x509.KeyUsageFlags.digitalSignature,
  });

  const all = { root, caGov, caCommercial, teacher, groupHead, principal, seal, ecSigner, expired, revoked, tsa, ocsp };
  return {
    ...all,
    writeTo(dir: string) {
      fs.mkdirSync(dir, { recursive: true });
      for (const [name, idn] of Object.entries(all)) {
        fs.writeFileSync(path.join(dir, `${name}.pem`), idn.pem);
        fs.writeFileSync(path.join(dir, `${name}.key.pem`), idn.keyPem, { mode: 0o600 });
      }
      return dir;
    },
  };
}
