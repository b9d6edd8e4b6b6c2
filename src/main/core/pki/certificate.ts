/**
 * Certificate details the app shows and decides on (token listing, signer choice, verification report),
 * parsed with @peculiar/x509. Vietnamese names stay UTF-8 as the CA wrote them.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createHash, webcrypto } from 'node:crypto';
import { AppError } from '../errors';
import type { CertificateInfo, CertificateStatus } from '../../../shared/contract/certificates';
import { extractVnIdentity, hasPersonalId } from './vn-identity';
import { foldVietnamese, providerFromIssuer } from './providers';

export type { CertificateInfo, CertificateStatus };

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const SHORT_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'SERIALNUMBER',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'T',
  '2.5.4.42': 'G',
  '2.5.4.97': 'ORGID',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.2.840.113549.1.9.1': 'E',
};
/** @peculiar/x509 already names some attributes; map its names onto ours. */
const LIBRARY_NAMES: Record<string, string> = { CN: 'CN', L: 'L', ST: 'ST', O: 'O', OU: 'OU', C: 'C', DC: 'DC', E: 'E', G: 'G', I: 'I', SN: 'SN', T: 'T', UID: 'UID' };

const KEY_USAGE_BITS: Array<[number, string]> = [
  [x509.KeyUsageFlags.digitalSignature, 'digitalSignature'],
  [x509.KeyUsageFlags.nonRepudiation, 'nonRepudiation'],
  [x509.KeyUsageFlags.keyEncipherment, 'keyEncipherment'],
  [x509.KeyUsageFlags.dataEncipherment, 'dataEncipherment'],
  [x509.KeyUsageFlags.keyAgreement, 'keyAgreement'],
  [x509.KeyUsageFlags.keyCertSign, 'keyCertSign'],
  [x509.KeyUsageFlags.cRLSign, 'cRLSign'],
  [x509.KeyUsageFlags.encipherOnly, 'encipherOnly'],
  [x509.KeyUsageFlags.decipherOnly, 'decipherOnly'],
];

interface ParsedName {
  display: string;
  fields: Record<string, string[]>;
  /** Attribute values in order, for identity scanning. */
  ordered: Array<[string, string]>;
}

const escapeDnValue = (v: string) => v.replace(/([,+"\\<>;])/g, '\\$1');

function parseName(name: x509.Name): ParsedName {
  const fields: Record<string, string[]> = {};
  const ordered: Array<[string, string]> = [];
  for (const rdn of name.toJSON()) {
    for (const [type, values] of Object.entries(rdn)) {
      const short = SHORT_NAMES[type] ?? LIBRARY_NAMES[type] ?? type;
      for (const value of values) {
        (fields[short] ??= []).push(value);
        ordered.push([short, value]);
      }
    }
  }
  return { display: ordered.map(([k, v]) => `${k}=${escapeDnValue(v)}`).join(', '), fields, ordered };
}

function uris(names: x509.GeneralName[] | undefined): string[] {
  return (names ?? []).filter((n) => n.type === 'url').map((n) => n.value);
}

function crlUris(ext: x509.CRLDistributionPointsExtension): string[] {
  const out: string[] = [];
  for (const dp of ext.distributionPoints) {
    for (const gn of dp.distributionPoint?.fullName ?? []) if (gn.uniformResourceIdentifier) out.push(gn.uniformResourceIdentifier);
  }
  return out;
}

function keyTypeAndBits(cert: x509.X509Certificate): { keyType: 'RSA' | 'EC'; keyBits: number } {
  const alg = cert.publicKey.algorithm as Algorithm & { modulusLength?: number; namedCurve?: string };
  if (alg.name === 'ECDSA' || alg.name === 'ECDH') {
    const bits = Number(/(\d+)/.exec(alg.namedCurve ?? '')?.[1] ?? 0);
    return { keyType: 'EC', keyBits: bits === 521 ? 521 : bits };
  }
  if (alg.modulusLength) return { keyType: 'RSA', keyBits: alg.modulusLength };
  throw new AppError(
    'PKI_KEY_UNSUPPORTED',
    `Chứng thư số dùng loại khóa ${alg.name} mà phần mềm chưa hỗ trợ. Hãy dùng chứng thư RSA hoặc ECDSA.`,
    `The certificate uses an unsupported key type (${alg.name}). Use an RSA or ECDSA certificate.`,
  );
}

/** Parses a DER (or PEM) X.509 certificate. Throws PKI_CERT_INVALID for anything that is not one. */
export function parseCertificate(der: Uint8Array | string): CertificateInfo {
  let cert: x509.X509Certificate;
  try {
    cert = new x509.X509Certificate(typeof der === 'string' ? der : new Uint8Array(der));
  } catch (e) {
    throw new AppError(
      'PKI_CERT_INVALID',
      'Dữ liệu này không phải chứng thư số hợp lệ (X.509). Hãy chọn đúng tệp chứng thư (.cer, .crt, .pem) hoặc thiết bị ký số.',
      'This is not a valid X.509 certificate. Choose a certificate file (.cer, .crt, .pem) or a token.',
      undefined,
      { cause: e },
    );
  }
  const subject = parseName(cert.subjectName);
  const issuer = parseName(cert.issuerName);

  const keyUsageExt = cert.getExtension(x509.KeyUsagesExtension);
  const ekuExt = cert.getExtension(x509.ExtendedKeyUsageExtension);
  const bc = cert.getExtension(x509.BasicConstraintsExtension);
  const ski = cert.getExtension(x509.SubjectKeyIdentifierExtension);
  const aki = cert.getExtension(x509.AuthorityKeyIdentifierExtension);
  const aia = cert.getExtension(x509.AuthorityInfoAccessExtension);
  const cdp = cert.getExtension(x509.CRLDistributionPointsExtension);

  const identity = extractVnIdentity(
    subject.ordered.map(([, v]) => v),
    subject.ordered.filter(([k]) => k === 'UID' || k === 'SERIALNUMBER').map(([, v]) => v),
  );
  const cn = subject.fields.CN?.[0] ?? '';
  const cnIsOrganisation = !!cn && (subject.fields.O ?? []).some((o) => foldVietnamese(o).trim() === foldVietnamese(cn).trim());
  const organisationId = !!(identity.mst || identity.budgetCode);
  const holder = !hasPersonalId(identity) && (organisationId || cnIsOrganisation) ? 'organisation' : 'personal';

  const rawDer = new Uint8Array(cert.rawData);
  return {
    subject: subject.display,
    subjectCommonName: cn,
    subjectFields: subject.fields,
    issuer: issuer.display,
    issuerCommonName: issuer.fields.CN?.[0] ?? '',
    issuerFields: issuer.fields,
    serialNumber: cert.serialNumber.toUpperCase(),
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    keyUsage: keyUsageExt ? KEY_USAGE_BITS.filter(([bit]) => (keyUsageExt.usages & bit) !== 0).map(([, n]) => n) : [],
    extendedKeyUsage: ekuExt ? ekuExt.usages.map(String) : [],
    ...keyTypeAndBits(cert),
    sha256Fingerprint: createHash('sha256').update(rawDer).digest('hex').toUpperCase(),
    isCa: bc?.ca ?? false,
    selfSigned: cert.subject === cert.issuer,
    ...(ski ? { subjectKeyId: ski.keyId.toUpperCase() } : {}),
    ...(aki?.keyId ? { authorityKeyId: aki.keyId.toUpperCase() } : {}),
    ocspUrls: uris(aia?.ocsp),
    crlUrls: cdp ? crlUris(cdp) : [],
    caIssuerUrls: uris(aia?.caIssuers),
    identity,
    holder,
    provider: providerFromIssuer(issuer.fields, issuer.display),
  };
}

/** Validity at a moment (time only: revocation is the ltv part's job). daysToExpiry is negative once expired. */
export function certificateStatusAt(info: Pick<CertificateInfo, 'notBefore' | 'notAfter'>, at: Date = new Date()): { status: CertificateStatus; daysToExpiry: number } {
  const t = at.getTime();
  const daysToExpiry = Math.floor((Date.parse(info.notAfter) - t) / 86_400_000);
  const status: CertificateStatus = t < Date.parse(info.notBefore) ? 'not_yet_valid' : t > Date.parse(info.notAfter) ? 'expired' : 'valid';
  return { status, daysToExpiry };
}
