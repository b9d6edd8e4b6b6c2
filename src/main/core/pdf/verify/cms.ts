/**
 * Checks the CMS SignedData in a PDF signature's /Contents (RFC 5652, ETSI EN 319 122 / 319 142):
 * one signer; signed attributes content-type, message-digest (the hash of the ByteRange bytes) and
 * signing-certificate(-v2) bound to the signer's certificate; the signature over the DER of the signed
 * attributes with the signer's public key (RSA PKCS#1 v1.5, RSASSA-PSS, ECDSA); the algorithm policy.
 * A document timestamp (SubFilter ETSI.RFC3161) is the same structure whose content is a TSTInfo whose
 * message imprint is the hash of the ByteRange bytes.
 * Parsing is by pkijs/asn1js; signature verification by node:crypto (OpenSSL).
 */
import 'reflect-metadata';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import * as x509 from '@peculiar/x509';
import { createHash, createPublicKey, verify as cryptoVerify, constants, type KeyObject } from 'node:crypto';
import type { Check } from '../../../../shared/contract/verify';
import { DIGESTS, SIGNATURE_ALGORITHMS, MIN_EC_BITS, MIN_RSA_BITS, OID, type DigestAlgorithm } from './algorithms';
import { failed, passed, unknown } from './checks';

export interface CmsVerification {
  /** The CMS could be read (false: nothing else below means anything). */
  readable: boolean;
  structure: Check;
  signerCertificate: x509.X509Certificate | null;
  embeddedCertificates: x509.X509Certificate[];
  digestAlgorithm: string | null;
  signatureAlgorithm: string | null;
  digest: Check;
  signature: Check;
  signedAttributes: Check;
  algorithms: Check;
  cmsSigningTime: Date | null;
  /** RFC 3161 token in the unsigned attributes (a PAdES B-T signature timestamp). */
  signatureTimestampToken: Uint8Array | null;
  /** The signature value, which a signature timestamp's imprint covers. */
  signatureValue: Uint8Array | null;
  /** For a document timestamp: genTime of its TSTInfo. */
  timestampGenTime: Date | null;
  /** CRLs / OCSP responses carried inside the CMS (SignedData.crls, Adobe revocation attribute). */
  embeddedRevocation: { crls: Uint8Array[]; ocspResponses: Uint8Array[] };
  /** The CMS DER without /Contents' zero padding (null when it is not DER at all). */
  der: Uint8Array | null;
}

export type CmsMode = 'detached' | 'timestamp';

const toBytes = (b: ArrayBuffer | ArrayBufferView): Uint8Array =>
  b instanceof ArrayBuffer ? new Uint8Array(b) : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/**
 * /Contents is padded with zeros after the DER: parse the DER once, ignoring the padding. `read.der`
 * gets the DER itself (what the DSS's VRI key and the LTV code need), so nobody parses it again to trim.
 */
function parseContents(contents: Uint8Array, read: { der: Uint8Array | null }): asn1js.AsnType | null {
  try {
    const parsed = asn1js.fromBER(new Uint8Array(contents));
    if (parsed.offset === -1 || parsed.offset === 0) return null;
    read.der = contents.slice(0, parsed.offset);
    return parsed.result;
  } catch {
    // asn1js throws (instead of reporting) on some malformed values, e.g. a broken GeneralizedTime.
    return null;
  }
}

/**
 * Takes the certificates out of a parsed SignedData (its [0] IMPLICIT SET OF CertificateChoices) as the
 * bytes they came as, before pkijs reads the rest: pkijs would match each certificate against its schema
 * and we would re-encode it for @peculiar/x509, the costliest part of reading a signature. Returns null
 * (the SignedData is left as it is) when the certificates are not plain definite-length X.509 ones.
 */
function detachCertificates(signedData: unknown): Uint8Array[] | null {
  if (!(signedData instanceof asn1js.Sequence)) return null;
  const fields = signedData.valueBlock.value;
  const set = fields[3];
  if (!(set instanceof asn1js.Constructed) || set.idBlock.tagClass !== 3 || set.idBlock.tagNumber !== 0) return null;
  const items = set.valueBlock.value;
  if (!items.every((c) => c instanceof asn1js.Sequence && !c.lenBlock.isIndefiniteForm && c.valueBeforeDecodeView.byteLength > 0)) return null;
  fields.splice(3, 1);
  return items.map((c) => new Uint8Array(c.valueBeforeDecodeView));
}

/** The parts of a SignedData (RFC 5652 §5.1) the checks use. */
interface SignedDataParts {
  encapContentInfo: pkijs.EncapsulatedContentInfo;
  signerInfos: pkijs.SignerInfo[];
  /** Still in place only when detachCertificates left them (not plain X.509). */
  certificates: pkijs.CertificateSet['certificates'] | undefined;
  crls: pkijs.CertificateRevocationList[];
}

const isTagged = (o: unknown, n: number): o is asn1js.Constructed => o instanceof asn1js.Constructed && o.idBlock.tagClass === 3 && o.idBlock.tagNumber === n;

/**
 * Reads a SignedData field by field, each part by its own pkijs class (which checks it against its
 * schema): version, digestAlgorithms, encapContentInfo, [0] certificates, [1] crls, signerInfos, and
 * nothing else. pkijs' SignedData class builds its whole schema — every kind of certificate and
 * revocation entry — on each read, about a third of the cost of checking a signature.
 */
function readSignedData(schema: unknown): SignedDataParts {
  if (!(schema instanceof asn1js.Sequence)) throw new Error('SignedData is not a SEQUENCE');
  const fields = [...schema.valueBlock.value];
  if (!(fields.shift() instanceof asn1js.Integer)) throw new Error('SignedData has no version');
  const algorithms = fields.shift();
  if (!(algorithms instanceof asn1js.Set)) throw new Error('SignedData has no digestAlgorithms');
  for (const a of algorithms.valueBlock.value) new pkijs.AlgorithmIdentifier({ schema: a });
  const encapContentInfo = new pkijs.EncapsulatedContentInfo({ schema: fields.shift() });
  let certificates: SignedDataParts['certificates'];
  if (isTagged(fields[0], 0)) certificates = new pkijs.CertificateSet({ schema: new asn1js.Set({ value: (fields.shift() as asn1js.Constructed).valueBlock.value }) }).certificates;
  const crls: pkijs.CertificateRevocationList[] = [];
  if (isTagged(fields[0], 1)) {
    // RevocationInfoChoices: a CRL, or [1] OtherRevocationInfoFormat (not used by the checks).
    for (const c of (fields.shift() as asn1js.Constructed).valueBlock.value) if (c.idBlock.tagClass === 1) crls.push(new pkijs.CertificateRevocationList({ schema: c }));
  }
  const signerInfos = fields.shift();
  if (!(signerInfos instanceof asn1js.Set) || fields.length > 0) throw new Error('SignedData has no signerInfos or unknown fields');
  return { encapContentInfo, signerInfos: signerInfos.valueBlock.value.map((si) => new pkijs.SignerInfo({ schema: si })), certificates, crls };
}

/**
 * Certificates read from signatures, by the SHA-256 of their bytes: the same few (a school's signers and
 * their CA) come in every signature of a plan and in every plan, and reading one takes milliseconds.
 */
const certificates = new Map<string, { pk: pkijs.Certificate; x: x509.X509Certificate }>();
const CERTIFICATE_LIMIT = 256;

function readCertificate(der: Uint8Array): { pk: pkijs.Certificate; x: x509.X509Certificate } {
  const key = createHash('sha256').update(der).digest('hex');
  let cert = certificates.get(key);
  if (!cert) {
    cert = { pk: pkijs.Certificate.fromBER(new Uint8Array(der)), x: new x509.X509Certificate(new Uint8Array(der)) };
    if (certificates.size >= CERTIFICATE_LIMIT) certificates.delete(certificates.keys().next().value as string);
    certificates.set(key, cert);
  }
  return cert;
}

/** The bytes a signature covers, hashed on demand (a PDF's ByteRange is streamed from the file). */
export interface SignedContent {
  digest(nodeHashName: string): Uint8Array;
}

export const contentOf = (bytes: Uint8Array): SignedContent => ({ digest: (alg) => new Uint8Array(createHash(alg).update(bytes).digest()) });

const equalBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

function emptyResult(structure: Check): CmsVerification {
  const notRead = failed('CMS_UNREADABLE', 'Không kiểm tra được vì chữ ký hỏng.', 'Not checked: the signature is damaged.');
  return {
    readable: false,
    structure,
    signerCertificate: null,
    embeddedCertificates: [],
    digestAlgorithm: null,
    signatureAlgorithm: null,
    digest: notRead,
    signature: notRead,
    signedAttributes: notRead,
    algorithms: notRead,
    cmsSigningTime: null,
    signatureTimestampToken: null,
    signatureValue: null,
    timestampGenTime: null,
    embeddedRevocation: { crls: [], ocspResponses: [] },
    der: null,
  };
}

function attribute(attrs: pkijs.SignedAndUnsignedAttributes | undefined, oid: string): pkijs.Attribute[] {
  return (attrs?.attributes ?? []).filter((a) => a.type === oid);
}

function findSigner(sid: unknown, certs: Array<{ pk: pkijs.Certificate; x: x509.X509Certificate }>) {
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return certs.find((c) => c.pk.issuer.isEqual(sid.issuer) && c.pk.serialNumber.isEqual(sid.serialNumber));
  }
  // [0] SubjectKeyIdentifier
  const keyId = sid instanceof asn1js.BaseBlock ? toBytes((sid as asn1js.Primitive).valueBlock.valueHexView ?? new Uint8Array()) : null;
  if (!keyId) return undefined;
  return certs.find((c) => {
    const ski = c.x.getExtension(x509.SubjectKeyIdentifierExtension);
    return ski && ski.keyId.toLowerCase() === Buffer.from(keyId).toString('hex');
  });
}

/** ESSCertID(v2) list of a signing-certificate(-v2) attribute: [hash OID, cert hash]. */
function essCertHashes(attr: pkijs.Attribute, v2: boolean): Array<{ hashOid: string; hash: Uint8Array }> {
  const value = attr.values[0] as asn1js.Sequence | undefined;
  const certs = value?.valueBlock.value[0] as asn1js.Sequence | undefined;
  const out: Array<{ hashOid: string; hash: Uint8Array }> = [];
  for (const essCertId of certs?.valueBlock.value ?? []) {
    const parts = (essCertId as asn1js.Sequence).valueBlock.value;
    let hashOid: string = v2 ? OID.sha256 : OID.sha1;
    let i = 0;
    if (v2 && parts[0] instanceof asn1js.Sequence) {
      const alg = parts[0].valueBlock.value[0];
      if (alg instanceof asn1js.ObjectIdentifier) hashOid = alg.valueBlock.toString();
      i = 1;
    }
    const hash = parts[i];
    if (hash instanceof asn1js.OctetString) out.push({ hashOid, hash: toBytes(hash.valueBlock.valueHexView) });
  }
  return out;
}

function keyBits(key: KeyObject): { type: 'RSA' | 'EC' | string; bits: number } {
  const d = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') return { type: 'RSA', bits: d.modulusLength ?? 0 };
  if (key.asymmetricKeyType === 'ec') return { type: 'EC', bits: Number(/(\d{3})/.exec(d.namedCurve ?? '')?.[1] ?? 0) };
  return { type: key.asymmetricKeyType ?? 'unknown', bits: 0 };
}

interface PssParams {
  hashOid: string;
  saltLength: number;
}
function pssParams(alg: pkijs.AlgorithmIdentifier): PssParams {
  const params = alg.algorithmParams ? new pkijs.RSASSAPSSParams({ schema: alg.algorithmParams }) : new pkijs.RSASSAPSSParams();
  return { hashOid: params.hashAlgorithm.algorithmId, saltLength: params.saltLength };
}

/**
 * Results by (signature value, mode, SHA-256 of the signed bytes): the same file is often checked again
 * (the app re-opens a plan, a batch shares files), and parsing CMS is the costly part of a check.
 */
const memo = new Map<string, { result: CmsVerification; plan: DigestPlan | null }>();
const MEMO_LIMIT = 64;

/** Verifies one CMS signature. Never throws for a malformed input: the problem is in the result. */
export function verifyCms(contents: Uint8Array, signedContent: SignedContent, mode: CmsMode): CmsVerification {
  const key = `${mode}:${createHash('sha256').update(contents).digest('hex')}`;
  let parsed = memo.get(key);
  if (!parsed) {
    parsed = verifyCmsUncached(contents, mode);
    if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value as string);
    memo.set(key, parsed);
  }
  const { result, plan } = parsed;
  if (!plan) return result;
  const matches = equalBytes(plan.expected, signedContent.digest(plan.algorithm.node));
  const digest = matches
    ? passed('DIGEST_OK', 'Giá trị băm khớp: nội dung được ký không bị thay đổi.', 'The message digest matches: the signed bytes are unchanged.')
    : plan.kind === 'imprint'
      ? failed('DIGEST_MISMATCH', 'Dấu thời gian tài liệu không khớp nội dung: tài liệu đã bị thay đổi.', 'The document timestamp imprint does not match: the document was changed.')
      : failed('DIGEST_MISMATCH', 'Giá trị băm không khớp: nội dung đã bị thay đổi sau khi ký.', 'The message digest does not match: the signed bytes were changed after signing.');
  return { ...result, digest };
}

/** What the signed bytes must hash to: the message-digest attribute, or a document timestamp's imprint. */
interface DigestPlan {
  kind: 'message-digest' | 'imprint';
  algorithm: DigestAlgorithm;
  expected: Uint8Array;
}

/** Everything that depends on the signature value alone; the digest of the signed bytes is compared after. */
function verifyCmsUncached(contents: Uint8Array, mode: CmsMode): { result: CmsVerification; plan: DigestPlan | null } {
  const read: { der: Uint8Array | null } = { der: null };
  let out: { result: CmsVerification; plan: DigestPlan | null };
  try {
    const parsed = parseAndCheck(contents, mode, read);
    out = 'plan' in parsed ? parsed : { result: parsed, plan: null };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    out = { result: emptyResult(failed('CMS_MALFORMED', 'Nội dung chữ ký bị hỏng, không đọc được.', `The signature value is malformed (${why}).`)), plan: null };
  }
  out.result.der = read.der;
  return out;
}

function parseAndCheck(contents: Uint8Array, mode: CmsMode, read: { der: Uint8Array | null }): CmsVerification | { result: CmsVerification; plan: DigestPlan | null } {
  let plan: DigestPlan | null = null;
  const asn = parseContents(contents, read);
  if (!asn) {
    return emptyResult(failed('CMS_NOT_DER', 'Nội dung chữ ký (/Contents) không phải dữ liệu CMS hợp lệ.', 'The signature value (/Contents) is not valid CMS data.'));
  }
  let signedData: SignedDataParts;
  let embedded: Uint8Array[] | null;
  try {
    const info = new pkijs.ContentInfo({ schema: asn });
    if (info.contentType !== OID.signedData) throw new Error(`content type ${info.contentType}`);
    embedded = detachCertificates(info.content);
    signedData = readSignedData(info.content);
  } catch (e) {
    return emptyResult(
      failed('CMS_NOT_SIGNED_DATA', 'Nội dung chữ ký không đọc được (không phải CMS SignedData).', `The signature is not a readable CMS SignedData (${e instanceof Error ? e.message : String(e)}).`),
    );
  }
  if (signedData.signerInfos.length !== 1) {
    return emptyResult(
      failed('CMS_SIGNER_COUNT', `Chữ ký phải có đúng một người ký, nhưng có ${signedData.signerInfos.length}.`, `A PDF signature must have exactly one signer; found ${signedData.signerInfos.length}.`),
    );
  }
  const si = signedData.signerInfos[0]!;
  const certs: Array<{ pk: pkijs.Certificate; x: x509.X509Certificate }> = [];
  const ders = embedded ?? (signedData.certificates ?? []).flatMap((c) => (c instanceof pkijs.Certificate ? [new Uint8Array(c.toSchema().toBER(false))] : []));
  for (const der of ders) {
    try {
      certs.push(readCertificate(der));
    } catch {
      // An unreadable extra certificate is ignored; a missing signer certificate is reported below.
    }
  }
  const result = emptyResult(passed('CMS_OK', 'Cấu trúc chữ ký (CMS) đọc được.', 'The CMS structure is readable.'));
  result.readable = true;
  result.embeddedCertificates = certs.map((c) => c.x);
  result.signatureValue = toBytes(si.signature.valueBlock.valueHexView);
  result.embeddedRevocation = collectRevocation(signedData.crls, si);
  const tsAttr = attribute(si.unsignedAttrs, OID.signatureTimestamp)[0];
  if (tsAttr?.values[0] instanceof asn1js.BaseBlock) result.signatureTimestampToken = toBytes(tsAttr.values[0].toBER(false));

  const signer = findSigner(si.sid, certs);
  result.signerCertificate = signer?.x ?? null;

  // Algorithms.
  const digestAlg = DIGESTS[si.digestAlgorithm.algorithmId];
  const sigAlg = SIGNATURE_ALGORITHMS[si.signatureAlgorithm.algorithmId];
  result.digestAlgorithm = digestAlg?.name ?? si.digestAlgorithm.algorithmId;
  let pss: PssParams | null = null;
  try {
    pss = sigAlg?.scheme === 'RSASSA-PSS' ? pssParams(si.signatureAlgorithm) : null;
  } catch {
    pss = null;
  }
  const sigHashOid = pss?.hashOid ?? sigAlg?.hashOid ?? si.digestAlgorithm.algorithmId;
  const sigHash = DIGESTS[sigHashOid];
  result.signatureAlgorithm = sigAlg ? (sigAlg.scheme === 'RSASSA-PSS' ? `RSASSA-PSS (${sigHash?.name ?? sigHashOid})` : sigAlg.name) : si.signatureAlgorithm.algorithmId;

  let key: KeyObject | null = null;
  if (signer) {
    try {
      key = createPublicKey({ key: Buffer.from(signer.x.publicKey.rawData), format: 'der', type: 'spki' });
    } catch {
      key = null;
    }
  }
  result.algorithms = algorithmPolicy(digestAlg, sigAlg?.scheme, sigHash, key);

  // Signed attributes and the digest.
  if (!digestAlg) {
    result.digest = unknown('DIGEST_ALGORITHM_UNKNOWN', `Thuật toán băm ${si.digestAlgorithm.algorithmId} không được hỗ trợ.`, `Unsupported digest algorithm ${si.digestAlgorithm.algorithmId}.`);
  }
  const signedAttrs = si.signedAttrs;
  const eContent = signedData.encapContentInfo.eContent ? toBytes(signedData.encapContentInfo.eContent.getValue()) : null;
  const contentType = signedData.encapContentInfo.eContentType;
  if (mode === 'timestamp') {
    if (contentType !== OID.tstInfo || !eContent) {
      result.structure = failed('TST_NOT_TIMESTAMP', 'Dấu thời gian tài liệu không chứa thông tin dấu thời gian (TSTInfo).', 'The document timestamp holds no TSTInfo.');
      return result;
    }
    plan = tstImprintPlan(result, eContent);
  } else if (eContent && eContent.length > 0) {
    result.structure = failed('CMS_NOT_DETACHED', 'Chữ ký mang sẵn nội dung thay vì ký tách rời phần tệp PDF.', 'The signature encapsulates content instead of being detached over the PDF bytes.');
  }

  if (!signedAttrs || signedAttrs.attributes.length === 0) {
    result.signedAttributes = failed('SIGNED_ATTRS_MISSING', 'Chữ ký không có thuộc tính được ký (bắt buộc theo PAdES).', 'The signature has no signed attributes (required by PAdES).');
  } else if (digestAlg) {
    const ct = attribute(signedAttrs, OID.contentType);
    const md = attribute(signedAttrs, OID.messageDigest);
    const expectedType = mode === 'timestamp' ? OID.tstInfo : OID.data;
    const ctValue = ct[0]?.values[0] instanceof asn1js.ObjectIdentifier ? ct[0].values[0].valueBlock.toString() : null;
    const mdValue = md[0]?.values[0] instanceof asn1js.OctetString ? toBytes(md[0].values[0].valueBlock.valueHexView) : null;
    if (ct.length !== 1 || ctValue !== expectedType || contentType !== expectedType) {
      result.signedAttributes = failed('CONTENT_TYPE_MISMATCH', 'Thuộc tính loại nội dung (content-type) của chữ ký sai hoặc thiếu.', 'The content-type signed attribute is missing or wrong.');
    } else if (md.length !== 1 || !mdValue) {
      result.signedAttributes = failed('MESSAGE_DIGEST_MISSING', 'Chữ ký thiếu giá trị băm của tài liệu (message-digest).', 'The message-digest signed attribute is missing.');
    } else {
      result.signedAttributes = signingCertificateCheck(signedAttrs, signer?.x ?? null);
    }
    if (mdValue && mode === 'timestamp') {
      // The timestamp's message digest covers its TSTInfo; the document is covered by the imprint.
      if (eContent && !equalBytes(mdValue, contentOf(eContent).digest(digestAlg.node))) {
        result.structure = failed('TST_ALTERED', 'Thông tin dấu thời gian (TSTInfo) đã bị sửa.', 'The TSTInfo was altered.');
      }
    } else if (mdValue) {
      plan = { kind: 'message-digest', algorithm: digestAlg, expected: mdValue };
    } else {
      result.digest = failed('MESSAGE_DIGEST_MISSING', 'Chữ ký thiếu giá trị băm của tài liệu.', 'The signature carries no message digest.');
    }
    const st = attribute(signedAttrs, OID.signingTime)[0]?.values[0];
    if (st instanceof asn1js.UTCTime || st instanceof asn1js.GeneralizedTime) result.cmsSigningTime = st.toDate();
  }

  // The signature itself.
  if (!signer) {
    result.signature = failed('SIGNER_CERT_MISSING', 'Chữ ký không kèm chứng thư số của người ký.', "The signature does not carry the signer's certificate.");
  } else if (!signedAttrs || signedAttrs.attributes.length === 0) {
    result.signature = failed('SIGNED_ATTRS_MISSING', 'Không kiểm tra được chữ ký vì thiếu thuộc tính được ký.', 'The signature cannot be checked without signed attributes.');
  } else if (!key || !sigAlg || !sigHash) {
    result.signature = unknown('SIGNATURE_ALGORITHM_UNKNOWN', `Không hỗ trợ thuật toán chữ ký ${si.signatureAlgorithm.algorithmId}.`, `Unsupported signature algorithm ${si.signatureAlgorithm.algorithmId}.`);
  } else {
    let ok = false;
    try {
      const joined = Buffer.from(signedAttrs.encodedValue);
      const keyArg = sigAlg.scheme === 'RSASSA-PSS' ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: pss?.saltLength ?? 20 } : key;
      ok = cryptoVerify(sigHash.node, joined, keyArg, Buffer.from(result.signatureValue));
    } catch {
      ok = false;
    }
    result.signature = ok
      ? passed('SIGNATURE_OK', 'Chữ ký số khớp với khóa công khai trong chứng thư của người ký.', "The signature verifies with the signer's public key.")
      : failed('SIGNATURE_INVALID', 'Chữ ký số không khớp với khóa công khai của người ký (chữ ký giả hoặc đã bị sửa).', "The signature does not verify with the signer's public key (forged or altered).");
  }
  return { result, plan };
}

function algorithmPolicy(digest: DigestAlgorithm | undefined, scheme: string | undefined, sigHash: DigestAlgorithm | undefined, key: KeyObject | null): Check {
  if (!digest || !scheme || !sigHash) return unknown('ALGORITHM_UNKNOWN', 'Thuật toán của chữ ký không được nhận biết.', 'The signature algorithm is not recognised.');
  if (!digest.acceptable || !sigHash.acceptable) {
    const weak = !digest.acceptable ? digest.name : sigHash.name;
    return failed('ALGORITHM_WEAK_HASH', `Chữ ký dùng hàm băm ${weak}, không còn đạt yêu cầu (cần SHA-256 trở lên).`, `The signature uses ${weak}, which is no longer acceptable (SHA-256 or stronger is required).`);
  }
  if (key) {
    const { type, bits } = keyBits(key);
    if (type === 'RSA' && bits < MIN_RSA_BITS) {
      return failed('ALGORITHM_WEAK_KEY', `Khóa RSA ${bits} bit quá ngắn (cần từ ${MIN_RSA_BITS} bit).`, `The ${bits}-bit RSA key is too short (at least ${MIN_RSA_BITS} bits required).`);
    }
    if (type === 'EC' && bits < MIN_EC_BITS) {
      return failed('ALGORITHM_WEAK_KEY', `Khóa ECDSA ${bits} bit quá ngắn (cần từ ${MIN_EC_BITS} bit).`, `The ${bits}-bit ECDSA key is too short (at least ${MIN_EC_BITS} bits required).`);
    }
    if ((type === 'RSA' && scheme === 'ECDSA') || (type === 'EC' && scheme !== 'ECDSA')) {
      return failed('ALGORITHM_KEY_MISMATCH', 'Thuật toán chữ ký không khớp loại khóa của chứng thư.', "The signature algorithm does not match the certificate's key type.");
    }
    return passed('ALGORITHMS_OK', `Thuật toán đạt yêu cầu: ${sigHash.name}, ${type} ${bits} bit.`, `Acceptable algorithms: ${sigHash.name}, ${type} ${bits} bits.`);
  }
  return unknown('KEY_UNREADABLE', 'Không đọc được khóa công khai của người ký.', "The signer's public key could not be read.");
}

function signingCertificateCheck(attrs: pkijs.SignedAndUnsignedAttributes, signer: x509.X509Certificate | null): Check {
  const v2 = attribute(attrs, OID.signingCertificateV2);
  const v1 = attribute(attrs, OID.signingCertificate);
  const entries = [...v2.flatMap((a) => essCertHashes(a, true)), ...v1.flatMap((a) => essCertHashes(a, false))];
  if (v2.length + v1.length === 0) {
    return passed('SIGNED_ATTRS_OK_NO_ESS', 'Các thuộc tính được ký hợp lệ (không có thuộc tính signing-certificate).', 'The signed attributes are valid (no signing-certificate attribute).');
  }
  if (!signer) return failed('SIGNER_CERT_MISSING', 'Chữ ký không kèm chứng thư số của người ký.', "The signature does not carry the signer's certificate.");
  const first = entries[0];
  const alg = first ? DIGESTS[first.hashOid] : undefined;
  if (!first || !alg) return failed('SIGNING_CERT_ATTR_INVALID', 'Thuộc tính signing-certificate của chữ ký hỏng.', 'The signing-certificate attribute is malformed.');
  const actual = new Uint8Array(createHash(alg.node).update(new Uint8Array(signer.rawData)).digest());
  return equalBytes(actual, first.hash)
    ? passed('SIGNED_ATTRS_OK', 'Các thuộc tính được ký hợp lệ và gắn đúng chứng thư của người ký.', "The signed attributes are valid and bound to the signer's certificate.")
    : failed('SIGNING_CERT_MISMATCH', 'Chứng thư kèm theo chữ ký không phải chứng thư đã được ký (có dấu hiệu tráo chứng thư).', 'The embedded certificate is not the one the signature is bound to (certificate substitution).');
}

function tstImprintPlan(result: CmsVerification, eContent: Uint8Array): DigestPlan | null {
  try {
    const tst = pkijs.TSTInfo.fromBER(new Uint8Array(eContent));
    result.timestampGenTime = tst.genTime;
    const alg = DIGESTS[tst.messageImprint.hashAlgorithm.algorithmId];
    if (!alg) {
      result.digest = unknown('DIGEST_ALGORITHM_UNKNOWN', 'Thuật toán băm của dấu thời gian không được hỗ trợ.', 'Unsupported timestamp imprint algorithm.');
      return null;
    }
    return { kind: 'imprint', algorithm: alg, expected: toBytes(tst.messageImprint.hashedMessage.valueBlock.valueHexView) };
  } catch {
    result.structure = failed('TST_UNREADABLE', 'Không đọc được thông tin dấu thời gian (TSTInfo).', 'The TSTInfo could not be read.');
    return null;
  }
}

function collectRevocation(list: pkijs.CertificateRevocationList[], si: pkijs.SignerInfo): CmsVerification['embeddedRevocation'] {
  const crls: Uint8Array[] = [];
  const ocspResponses: Uint8Array[] = [];
  for (const crl of list) {
    try {
      crls.push(toBytes(crl.toSchema().toBER(false)));
    } catch {
      // ignore unreadable entries: revocation data is advisory here
    }
  }
  // Adobe's revocation-info-archival attribute: SEQUENCE { [0] crls, [1] ocsps, ... }
  for (const attr of attribute(si.signedAttrs, OID.adobeRevocationInfo)) {
    const seq = attr.values[0] as asn1js.Sequence | undefined;
    for (const tagged of seq?.valueBlock.value ?? []) {
      const inner = (tagged as asn1js.Constructed).valueBlock?.value?.[0] as asn1js.Sequence | undefined;
      const target = tagged.idBlock.tagNumber === 0 ? crls : tagged.idBlock.tagNumber === 1 ? ocspResponses : null;
      for (const item of inner?.valueBlock?.value ?? []) target?.push(toBytes(item.toBER(false)));
    }
  }
  return { crls, ocspResponses };
}
