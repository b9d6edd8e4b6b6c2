/**
 * Small helpers shared by the long-term-validation code: byte views of asn1js values, digests, and the
 * URLs a certificate publishes for its issuer, OCSP responder and CRL (RFC 5280 §4.2.1.13, §4.2.2.1).
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { createHash, webcrypto } from 'node:crypto';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);
pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto }));

export const sha256 = (data: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(data).digest());
export const sha256Hex = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex').toUpperCase();
export const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
export const toArrayBuffer = (u: Uint8Array): ArrayBuffer => u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;

/** The bytes of an OCTET STRING, whether encoded primitive or (BER) constructed. */
export function octets(value: asn1js.OctetString): Uint8Array {
  if (value.idBlock.isConstructed) {
    const parts = (value.valueBlock.value as asn1js.OctetString[]).map(octets);
    return new Uint8Array(Buffer.concat(parts));
  }
  return new Uint8Array(value.valueBlock.valueHexView);
}

export function parseDer<T>(der: Uint8Array, what: string, read: (schema: asn1js.AsnType) => T): T {
  const parsed = asn1js.fromBER(toArrayBuffer(der));
  if (parsed.offset === -1) throw new Error(`${what}: not DER (${parsed.result.error})`);
  return read(parsed.result);
}

export const pkijsCertificate = (der: Uint8Array): pkijs.Certificate => parseDer(der, 'certificate', (s) => new pkijs.Certificate({ schema: s }));

export interface CertificateUrls {
  ocsp: string[];
  caIssuers: string[];
  crl: string[];
}

const HTTP_URL = /^https?:\/\//i;

/** The http(s) URLs in a certificate's Authority Information Access and CRL Distribution Points. */
export function certificateUrls(cert: x509.X509Certificate): CertificateUrls {
  const aia = cert.getExtension(x509.AuthorityInfoAccessExtension);
  const dp = cert.getExtension(x509.CRLDistributionPointsExtension);
  const urlsOf = (names: x509.GeneralName[] | undefined) => (names ?? []).filter((n) => n.type === 'url' && HTTP_URL.test(n.value)).map((n) => n.value);
  const crl: string[] = [];
  for (const point of dp?.distributionPoints ?? []) {
    for (const name of point.distributionPoint?.fullName ?? []) {
      if (name.uniformResourceIdentifier && HTTP_URL.test(name.uniformResourceIdentifier)) crl.push(name.uniformResourceIdentifier);
    }
  }
  return { ocsp: urlsOf(aia?.ocsp), caIssuers: urlsOf(aia?.caIssuers), crl };
}

export const isSelfIssued = (cert: x509.X509Certificate): boolean => cert.subject === cert.issuer;

/** true when `issuer`'s key signed `cert` (name match and signature). */
export async function issuedBy(cert: x509.X509Certificate, issuer: x509.X509Certificate): Promise<boolean> {
  if (cert.issuer !== issuer.subject) return false;
  try {
    return await cert.verify({ publicKey: issuer.publicKey, signatureOnly: true });
  } catch {
    return false;
  }
}

export const X509 = x509;
