import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { createHash } from 'node:crypto';
import type { HashAlgorithm, Signer } from '../../signing/signer';

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  rsaPss: '1.2.840.113549.1.1.10',
  mgf1: '1.2.840.113549.1.1.8',
};
const HASH_OID: Record<HashAlgorithm, string> = { 'SHA-256': '2.16.840.1.101.3.4.2.1', 'SHA-384': '2.16.840.1.101.3.4.2.2', 'SHA-512': '2.16.840.1.101.3.4.2.3' };
const RSA_OID: Record<HashAlgorithm, string> = { 'SHA-256': '1.2.840.113549.1.1.11', 'SHA-384': '1.2.840.113549.1.1.12', 'SHA-512': '1.2.840.113549.1.1.13' };
const ECDSA_OID: Record<HashAlgorithm, string> = { 'SHA-256': '1.2.840.10045.4.3.2', 'SHA-384': '1.2.840.10045.4.3.3', 'SHA-512': '1.2.840.10045.4.3.4' };
export const nodeHashName = (h: HashAlgorithm) => h.replace('-', '').toLowerCase();

/**
 * An ArrayBuffer holding exactly these bytes. (`Buffer#slice` is a view, so `.slice().buffer` of a Buffer
 * can be Node's shared pool with other data around it: always copy.)
 */
const buf = (u: Uint8Array): ArrayBuffer => {
  const copy = new Uint8Array(u.byteLength);
  copy.set(u);
  return copy.buffer;
};
const hashAlg = (h: HashAlgorithm) => new pkijs.AlgorithmIdentifier({ algorithmId: HASH_OID[h], algorithmParams: new asn1js.Null() });

/** pkijs takes ~20 ms to parse a certificate; a batch signs with the same few, so parsed ones are kept. */
const parsedCertificates = new Map<string, pkijs.Certificate>();

export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  const key = createHash('sha256').update(der).digest('hex');
  let cert = parsedCertificates.get(key);
  if (!cert) {
    cert = pkijs.Certificate.fromBER(buf(der));
    if (parsedCertificates.size >= 64) parsedCertificates.delete(parsedCertificates.keys().next().value as string);
    parsedCertificates.set(key, cert);
  }
  return cert;
}

/**
 * A DER element placed as is into a pkijs/asn1js tree being encoded (asn1js writes each child through
 * `toBER(sizeOnly, writer)`, and pkijs takes any child's `toSchema()`). Used for what does not change
 * from one signature to the next by the same signer: certificates exactly as the token holds them, the
 * signer identifier, the content-type and signing-certificate-v2 attributes. Re-encoding those with
 * asn1js cost ~5 ms of the ~6 ms of CPU a CMS took, on every file of a batch.
 */
class Encoded {
  constructor(readonly der: ArrayBuffer) {}
  toBER(_sizeOnly?: boolean, writer?: { write(b: ArrayBuffer): void }): ArrayBuffer {
    if (!writer) return this.der;
    writer.write(this.der);
    return new ArrayBuffer(0);
  }
  toSchema(): this {
    return this;
  }
}
const encoded = (schema: { toBER(sizeOnly?: boolean): ArrayBuffer }) => new Encoded(schema.toBER(false));

/** The parts of a signer's CMS that depend only on its certificate, encoded once. */
interface SignerParts {
  certificate: Encoded;
  sid: Encoded;
  contentType: Encoded;
  signingCertificate: Encoded;
}
const signerParts = new Map<string, SignerParts>();

function partsOf(certificateDer: Uint8Array): SignerParts {
  const key = createHash('sha256').update(certificateDer).digest('hex');
  let parts = signerParts.get(key);
  if (!parts) {
    const cert = parseCertificate(certificateDer);
    const essCertIdV2 = new asn1js.Sequence({
      value: [
        // hashAlgorithm omitted: DEFAULT sha256
        new asn1js.OctetString({ valueHex: buf(createHash('sha256').update(certificateDer).digest()) }),
        new asn1js.Sequence({
          value: [
            new asn1js.Sequence({ value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [cert.issuer.toSchema()] })] }),
            cert.serialNumber,
          ],
        }),
      ],
    });
    parts = {
      certificate: new Encoded(buf(certificateDer)),
      sid: encoded(new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }).toSchema()),
      contentType: encoded(new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }).toSchema()),
      signingCertificate: encoded(
        new pkijs.Attribute({ type: OID.signingCertificateV2, values: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] })] }).toSchema(),
      ),
    };
    if (signerParts.size >= 64) signerParts.delete(signerParts.keys().next().value as string);
    signerParts.set(key, parts);
  }
  return parts;
}

/**
 * The CAdES signed attributes of a PAdES B-B signature (ETSI EN 319 122-1 §5.2, EN 319 142-1 §6.3):
 * content-type, message-digest and signing-certificate-v2. No signing-time: in PAdES the time is /M.
 * Returns the attributes and the DER of the SET OF them — the bytes the signer signs.
 */
export function signedAttributes(documentDigest: Uint8Array, certificateDer: Uint8Array): { attrs: pkijs.SignedAndUnsignedAttributes; der: Uint8Array } {
  const parts = partsOf(certificateDer);
  const messageDigest = encoded(new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: buf(documentDigest) })] }).toSchema());
  // DER: a SET OF is sorted by the encodings of its elements.
  const sorted = [parts.contentType, messageDigest, parts.signingCertificate].sort((x, y) => Buffer.compare(new Uint8Array(x.der), new Uint8Array(y.der)));
  const attrs = new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: sorted as unknown as pkijs.Attribute[] });
  const der = new Uint8Array(attrs.toSchema().toBER(false));
  der[0] = 0x31; // [0] IMPLICIT → SET, as RFC 5652 §5.4 says the signature covers
  return { attrs, der };
}

function signatureAlgorithm(signer: Signer): pkijs.AlgorithmIdentifier {
  if (signer.signatureAlgorithm === 'ECDSA') return new pkijs.AlgorithmIdentifier({ algorithmId: ECDSA_OID[signer.hash] });
  if (signer.signatureAlgorithm === 'RSASSA-PSS') {
    const params = new pkijs.RSASSAPSSParams({
      hashAlgorithm: hashAlg(signer.hash),
      maskGenAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.mgf1, algorithmParams: hashAlg(signer.hash).toSchema() }),
      saltLength: signer.hash === 'SHA-256' ? 32 : signer.hash === 'SHA-384' ? 48 : 64,
    });
    return new pkijs.AlgorithmIdentifier({ algorithmId: OID.rsaPss, algorithmParams: params.toSchema() });
  }
  return new pkijs.AlgorithmIdentifier({ algorithmId: RSA_OID[signer.hash], algorithmParams: new asn1js.Null() });
}

/**
 * Assembles the detached CMS SignedData (RFC 5652) around a signature value: the signer's certificate
 * and chain embedded, and optionally an RFC 3161 signature timestamp as an unsigned attribute.
 */
export function assembleSignedData(opts: {
  signer: Signer;
  attrs: pkijs.SignedAndUnsignedAttributes;
  signature: Uint8Array;
  timestampToken?: Uint8Array | null;
}): Uint8Array {
  const { signer } = opts;
  const parts = partsOf(signer.certificate);
  const unsigned = opts.timestampToken
    ? new pkijs.SignedAndUnsignedAttributes({
        type: 1,
        attributes: [new pkijs.Attribute({ type: OID.signatureTimeStampToken, values: [asn1js.fromBER(buf(opts.timestampToken)).result] })],
      })
    : undefined;
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: parts.sid,
    digestAlgorithm: hashAlg(signer.hash),
    signedAttrs: opts.attrs,
    signatureAlgorithm: signatureAlgorithm(signer),
    signature: new asn1js.OctetString({ valueHex: buf(opts.signature) }),
    ...(unsigned ? { unsignedAttrs: unsigned } : {}),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [hashAlg(signer.hash)],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: [parts.certificate, ...signer.chain.map((c) => partsOf(c).certificate)] as unknown as pkijs.Certificate[],
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}

/** The common name (CN) of a certificate's subject or issuer, or '' if it has none. */
export function commonName(cert: pkijs.Certificate, which: 'subject' | 'issuer' = 'subject', oid = '2.5.4.3'): string {
  const name = which === 'subject' ? cert.subject : cert.issuer;
  const tv = name.typesAndValues.find((t) => t.type === oid);
  return tv ? String((tv.value.valueBlock as { value?: unknown }).value ?? '') : '';
}
