/**
 * RFC 3161 time-stamp protocol: the request a client sends (SHA-256 imprint, a fresh nonce, certReq so
 * the TSA includes its certificate), reading the answer, and reading a token already in a file.
 * Structures by pkijs; the checks that make a token trustworthy are in timestamp-validator.ts.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { randomBytes, createHash } from 'node:crypto';
import { AppError } from '../errors';
import { octets, parseDer, toArrayBuffer, X509 } from './der';

const OID_SHA256 = '2.16.840.1.101.3.4.2.1';
const OID_TST_INFO = '1.2.840.113549.1.9.16.1.4';
const DIGEST_OIDS: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  [OID_SHA256]: 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

export interface TimestampRequest {
  der: Uint8Array;
  nonce: Uint8Array;
  imprint: Uint8Array;
}

/** A request over the SHA-256 of `data` (for a signature timestamp: the signature value). */
export function buildTimestampRequest(data: Uint8Array): TimestampRequest {
  return buildTimestampRequestForImprint(new Uint8Array(createHash('sha256').update(data).digest()));
}

/** A request over an imprint already computed (a document timestamp: the SHA-256 of the ByteRange bytes). */
export function buildTimestampRequestForImprint(imprint: Uint8Array): TimestampRequest {
  // A positive 64-bit nonce in minimal DER: first byte 0x01–0x7f (no sign byte, no leading zero, which
  // OpenSSL-based TSAs reject as badDataFormat).
  const nonce = new Uint8Array(randomBytes(8));
  nonce[0] = (nonce[0]! & 0x7f) | 0x01;
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID_SHA256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: toArrayBuffer(imprint) }),
    }),
    nonce: new asn1js.Integer({ valueHex: toArrayBuffer(nonce) }),
    certReq: true,
  });
  return { der: new Uint8Array(request.toSchema().toBER(false)), nonce, imprint };
}

export interface TimestampToken {
  /** DER of the token (a CMS ContentInfo holding SignedData over a TSTInfo). */
  der: Uint8Array;
  signedData: pkijs.SignedData;
  info: pkijs.TSTInfo;
  genTime: Date;
  imprintAlgorithm: string;
  imprint: Uint8Array;
  nonce: Uint8Array | null;
  /** Certificates carried in the token (the TSA's, usually). */
  certificates: InstanceType<typeof X509.X509Certificate>[];
}

const badToken = (why: string, cause?: unknown) =>
  new AppError(
    'LTV_TIMESTAMP_UNREADABLE',
    `Dấu thời gian không đọc được (${why}). Hãy thử lại; nếu vẫn lỗi, kiểm tra địa chỉ dịch vụ cấp dấu thời gian trong Cài đặt.`,
    `The timestamp cannot be read (${why}). Try again; if it keeps failing, check the timestamp service address in Settings.`,
    { why },
    { cause },
  );

/** Parsed tokens by SHA-256: an upgrade reads the same tokens at several steps. */
const tokens = new Map<string, TimestampToken>();
const TOKENS_LIMIT = 256;

/** Reads a time-stamp token (the DER of its ContentInfo). */
export function readTimestampToken(der: Uint8Array): TimestampToken {
  const key = createHash('sha256').update(der).digest('hex');
  const hit = tokens.get(key);
  if (hit) return hit;
  const token = parseTimestampToken(der);
  if (tokens.size >= TOKENS_LIMIT) tokens.delete(tokens.keys().next().value!);
  tokens.set(key, token);
  return token;
}

function parseTimestampToken(der: Uint8Array): TimestampToken {
  try {
    const contentInfo = parseDer(der, 'timestamp token', (s) => new pkijs.ContentInfo({ schema: s }));
    if (contentInfo.contentType !== pkijs.ContentInfo.SIGNED_DATA) throw new Error('not a SignedData');
    const signedData = new pkijs.SignedData({ schema: contentInfo.content });
    if (signedData.encapContentInfo.eContentType !== OID_TST_INFO || !signedData.encapContentInfo.eContent) throw new Error('no TSTInfo');
    const info = parseDer(octets(signedData.encapContentInfo.eContent), 'TSTInfo', (s) => new pkijs.TSTInfo({ schema: s }));
    const certificates = (signedData.certificates ?? [])
      .filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate)
      .map((c) => new X509.X509Certificate(c.toSchema().toBER(false)));
    return {
      der,
      signedData,
      info,
      genTime: info.genTime,
      imprintAlgorithm: DIGEST_OIDS[info.messageImprint.hashAlgorithm.algorithmId] ?? info.messageImprint.hashAlgorithm.algorithmId,
      imprint: new Uint8Array(info.messageImprint.hashedMessage.valueBlock.valueHexView),
      nonce: info.nonce ? new Uint8Array(info.nonce.valueBlock.valueHexView) : null,
      certificates,
    };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw badToken(e instanceof Error ? e.message : String(e), e);
  }
}

/** The digest a token's imprint should equal for `data`, with the token's own algorithm. */
export function imprintOf(token: Pick<TimestampToken, 'imprintAlgorithm'>, data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash(token.imprintAlgorithm).update(data).digest());
}

const FAILURE_TEXT: Record<number, string> = { 0: 'badAlg', 2: 'badRequest', 5: 'badDataFormat', 14: 'timeNotAvailable', 15: 'unacceptedPolicy', 16: 'unacceptedExtension', 17: 'addInfoNotAvailable', 25: 'systemFailure' };

/**
 * Reads a TSA's answer to `request`: status granted (0) or grantedWithMods (1), the same imprint and
 * nonce as asked. Returns the token. The token's signature and TSA certificate are checked by the
 * timestamp validator.
 */
export function readTimestampResponse(der: Uint8Array, request: TimestampRequest): TimestampToken {
  // Only the status is read here; the token is parsed once, by readTimestampToken (pkijs parsing of a
  // SignedData is the costly part of a batch upgrade).
  let status: pkijs.PKIStatusInfo;
  let tokenDer: Uint8Array | null = null;
  try {
    const seq = parseDer(der, 'timestamp response', (s) => s as asn1js.Sequence);
    const parts = seq.valueBlock.value;
    if (!(seq instanceof asn1js.Sequence) || !parts[0]) throw new Error('not a TimeStampResp');
    status = new pkijs.PKIStatusInfo({ schema: parts[0] });
    if (parts[1]) tokenDer = new Uint8Array(parts[1].valueBeforeDecodeView);
  } catch (e) {
    throw badToken(e instanceof Error ? e.message : String(e), e);
  }
  const code = status.status;
  if ((code !== 0 && code !== 1) || !tokenDer) {
    const bits = status.failInfo ? new Uint8Array(status.failInfo.valueBlock.valueHexView) : new Uint8Array();
    const failures = Object.entries(FAILURE_TEXT)
      .filter(([bit]) => {
        const b = Number(bit);
        return ((bits[b >> 3] ?? 0) & (0x80 >> (b & 7))) !== 0;
      })
      .map(([, name]) => name);
    throw new AppError(
      'LTV_TSA_REFUSED',
      `Dịch vụ cấp dấu thời gian từ chối yêu cầu (mã ${code}${failures.length ? `: ${failures.join(', ')}` : ''}). Hãy kiểm tra địa chỉ dịch vụ trong Cài đặt hoặc liên hệ nhà cung cấp.`,
      `The timestamp service refused the request (status ${code}${failures.length ? `: ${failures.join(', ')}` : ''}). Check the service address in Settings or contact the provider.`,
      { status: code, failures },
    );
  }
  const token = readTimestampToken(tokenDer);
  const sameImprint = Buffer.compare(Buffer.from(token.imprint), Buffer.from(request.imprint)) === 0;
  const sameNonce = token.nonce !== null && BigInt('0x' + Buffer.from(token.nonce).toString('hex')) === BigInt('0x' + Buffer.from(request.nonce).toString('hex'));
  if (!sameImprint || !sameNonce) throw badToken(sameImprint ? 'nonce differs from the request' : 'imprint differs from the request');
  return token;
}
