/**
 * OCSP (RFC 6960): the request for one certificate, and the checks that make an answer usable:
 * response status successful, a basic response whose signature verifies, signed by an authorised
 * responder (the issuing CA itself, or a certificate the CA issued with id-kp-OCSPSigning, §4.2.2.2),
 * with a single response for exactly this certificate (CertID: issuer name hash, key hash, serial).
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { AppError } from '../errors';
import { X509, issuedBy, octets, parseDer, pkijsCertificate, sameBytes, sha256Hex, toArrayBuffer } from './der';

type Certificate = InstanceType<typeof X509.X509Certificate>;
const OID_OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';
const EKU_OCSP_SIGNING = '1.3.6.1.5.5.7.3.9';

export interface OcspAnswer {
  status: 'good' | 'revoked' | 'unknown';
  revokedAt?: Date;
  producedAt: Date;
  thisUpdate: Date;
  nextUpdate?: Date;
  responder: Certificate;
  /** Certificates the responder sent (its own, for a delegated responder): needed in the DSS. */
  certificates: Certificate[];
}

export async function buildOcspRequest(cert: Certificate, issuer: Certificate): Promise<Uint8Array> {
  const request = new pkijs.OCSPRequest();
  await request.createForCertificate(pkijsCertificate(new Uint8Array(cert.rawData)), {
    hashAlgorithm: 'SHA-1',
    issuerCertificate: pkijsCertificate(new Uint8Array(issuer.rawData)),
  });
  return new Uint8Array(request.toSchema(true).toBER(false));
}

const invalid = (vi: string, en: string, details: Record<string, unknown> = {}) =>
  new AppError(
    'LTV_OCSP_INVALID',
    `Phản hồi kiểm tra trạng thái chứng thư (OCSP) không dùng được: ${vi}.`,
    `The certificate status (OCSP) answer cannot be used: ${en}.`,
    { why: en, ...details },
  );
const detail = (e: unknown) => (e instanceof Error ? e.message : String(e));

const RESPONSE_STATUS: Record<number, string> = { 1: 'malformedRequest', 2: 'internalError', 3: 'tryLater', 5: 'sigRequired', 6: 'unauthorized' };

/** Reads an OCSP response's basic response, or throws LTV_OCSP_INVALID. */
export function readBasicOcspResponse(der: Uint8Array): pkijs.BasicOCSPResponse {
  let response: pkijs.OCSPResponse;
  try {
    response = parseDer(der, 'OCSP response', (s) => new pkijs.OCSPResponse({ schema: s }));
  } catch (e) {
    throw invalid(`không đọc được (${detail(e)})`, `unreadable (${detail(e)})`);
  }
  const status = response.responseStatus.valueBlock.valueDec;
  if (status !== 0) throw invalid(`máy chủ trả lời "${RESPONSE_STATUS[status] ?? status}"`, `the responder answered "${RESPONSE_STATUS[status] ?? status}"`, { responseStatus: status });
  if (!response.responseBytes || response.responseBytes.responseType !== OID_OCSP_BASIC) throw invalid('không phải phản hồi OCSP cơ bản', 'not a basic OCSP response');
  try {
    return parseDer(octets(response.responseBytes.response), 'BasicOCSPResponse', (s) => new pkijs.BasicOCSPResponse({ schema: s }));
  } catch (e) {
    throw invalid(`không đọc được (${detail(e)})`, `unreadable (${detail(e)})`);
  }
}

async function signedBy(basic: pkijs.BasicOCSPResponse, candidate: Certificate): Promise<boolean> {
  try {
    return await pkijs
      .getCrypto(true)
      .verifyWithPublicKey(toArrayBuffer(basic.tbsResponseData.tbsView), basic.signature, pkijsCertificate(new Uint8Array(candidate.rawData)).subjectPublicKeyInfo, basic.signatureAlgorithm);
  } catch {
    return false;
  }
}

/**
 * Checks `der` as the answer about `cert` (issued by `issuer`). `extraCertificates` may hold a
 * delegated responder's certificate kept elsewhere (in the DSS) when the response does not carry it.
 */
export async function evaluateOcspResponse(der: Uint8Array, cert: Certificate, issuer: Certificate, extraCertificates: Certificate[] = []): Promise<OcspAnswer> {
  // The same cached response is checked for every file of a batch: remember the verdict.
  const key = `${sha256Hex(der)}:${cert.serialNumber}:${sha256Hex(new Uint8Array(issuer.rawData))}`;
  const known = evaluated.get(key);
  if (known) return known;
  const answer = await evaluate(der, cert, issuer, extraCertificates);
  if (evaluated.size >= EVALUATED_LIMIT) evaluated.delete(evaluated.keys().next().value!);
  evaluated.set(key, answer);
  return answer;
}

const evaluated = new Map<string, OcspAnswer>();
const EVALUATED_LIMIT = 256;

async function evaluate(der: Uint8Array, cert: Certificate, issuer: Certificate, extraCertificates: Certificate[]): Promise<OcspAnswer> {
  const basic = readBasicOcspResponse(der);
  const sent = (basic.certs ?? []).map((c) => new X509.X509Certificate(c.toSchema().toBER(false)));
  let responder: Certificate | null = null;
  for (const candidate of [issuer, ...sent, ...extraCertificates]) {
    if (await signedBy(basic, candidate)) {
      responder = candidate;
      break;
    }
  }
  if (!responder) throw invalid('chữ ký của máy chủ OCSP không đúng (phản hồi bị hỏng hoặc giả mạo)', 'the responder signature does not verify (damaged or forged answer)');
  const isIssuer = sameBytes(new Uint8Array(responder.publicKey.rawData), new Uint8Array(issuer.publicKey.rawData));
  if (!isIssuer) {
    const eku = responder.getExtension(X509.ExtendedKeyUsageExtension);
    const delegated = (await issuedBy(responder, issuer)) && !!eku && eku.usages.map(String).includes(EKU_OCSP_SIGNING);
    if (!delegated) throw invalid('máy chủ OCSP không được CA ủy quyền trả lời (phản hồi bị hỏng hoặc giả mạo)', 'the responder is not authorised by the CA (damaged or forged answer)');
    const producedAt = basic.tbsResponseData.producedAt;
    if (producedAt < responder.notBefore || producedAt > responder.notAfter) throw invalid('chứng thư của máy chủ OCSP hết hạn khi trả lời', 'the responder certificate was not valid when it answered');
  }
  const pCert = pkijsCertificate(new Uint8Array(cert.rawData));
  const pIssuer = pkijsCertificate(new Uint8Array(issuer.rawData));
  for (const single of basic.tbsResponseData.responses) {
    const algorithm = pkijs.getCrypto(true).getAlgorithmByOID(single.certID.hashAlgorithm.algorithmId, true, 'CertID.hashAlgorithm');
    const expected = await pkijs.CertID.create(pCert, { hashAlgorithm: algorithm.name, issuerCertificate: pIssuer });
    if (!single.certID.isEqual(expected)) continue;
    const tag = (single.certStatus as asn1js.BaseBlock).idBlock.tagNumber;
    const common = { producedAt: basic.tbsResponseData.producedAt, thisUpdate: single.thisUpdate, ...(single.nextUpdate ? { nextUpdate: single.nextUpdate } : {}), responder, certificates: sent };
    if (tag === 0) return { status: 'good', ...common };
    if (tag === 1) {
      const time = (single.certStatus as asn1js.Constructed).valueBlock.value[0] as asn1js.GeneralizedTime;
      return { status: 'revoked', revokedAt: time.toDate(), ...common };
    }
    return { status: 'unknown', ...common };
  }
  throw invalid('phản hồi không nói về chứng thư này', 'the answer is about another certificate');
}
