/**
 * Validates RFC 3161 timestamps for the verifier (signature timestamps and document timestamps):
 *   - the imprint equals the hash of what is stamped (the signature value, or the ByteRange bytes that
 *     the verifier already hashed for a document timestamp);
 *   - the CMS signature of the token verifies with the TSA certificate, bound to it by the ESS
 *     signing-certificate attribute (checked by the verifier's CMS code);
 *   - the TSA certificate carries the timeStamping extended key usage (RFC 3161 §2.3) and chains to a
 *     trust anchor at the stamped time (genTime);
 *   - optionally, the TSA certificate was not revoked before genTime;
 *   - genTime is not in the future.
 */
import * as pkijs from 'pkijs';
import { verifyCms } from '../pdf/verify/cms';
import { buildCertificateChain } from '../pki/chain';
import type { TrustStore } from '../pki/trust-store';
import type { EmbeddedValidationData, RevocationChecker, TimestampOutcome, TimestampValidator } from '../pdf/verify/extensions';
import { X509, pkijsCertificate, sameBytes, toArrayBuffer } from './der';
import { imprintOf, readTimestampToken, type TimestampToken } from './tsp';

type Certificate = InstanceType<typeof X509.X509Certificate>;
const EKU_TIME_STAMPING = '1.3.6.1.5.5.7.3.8';
/** A TSA clock a little ahead of ours is tolerated; a token from further in the future is not. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export interface TimestampCheck {
  outcome: TimestampOutcome;
  token: TimestampToken | null;
  tsaCertificate: Certificate | null;
  /** Certificates from the TSA up to the anchor (for the DSS). */
  chain: Certificate[];
}

export interface TimestampValidatorDeps {
  trustStore: TrustStore;
  /** Checks the TSA certificate's status; without it revocation of the TSA is not checked. */
  revocation?: RevocationChecker;
  now?: () => Date;
}

const outcome = (status: TimestampOutcome['status'], vi: string, en: string, extra: Partial<TimestampOutcome> = {}): TimestampOutcome => ({ status, vi, en, ...extra });

function findSigner(token: TimestampToken, pool: Certificate[]): Certificate | null {
  const signerInfo = token.signedData.signerInfos[0];
  if (!signerInfo) return null;
  const sid = signerInfo.sid;
  for (const cert of pool) {
    const p = pkijsCertificate(new Uint8Array(cert.rawData));
    if (sid instanceof pkijs.IssuerAndSerialNumber) {
      if (p.issuer.isEqual(sid.issuer) && p.serialNumber.isEqual(sid.serialNumber)) return cert;
    } else {
      const ski = cert.getExtension(X509.SubjectKeyIdentifierExtension);
      if (ski && Buffer.from(ski.keyId, 'hex').equals(Buffer.from((sid as { valueBlock: { valueHexView: Uint8Array } }).valueBlock.valueHexView))) return cert;
    }
  }
  return null;
}

/** The full check, with the token and TSA chain the long-term-validation steps need. */
export async function checkTimestamp(der: Uint8Array, stamped: Uint8Array | null, embedded: EmbeddedValidationData, deps: TimestampValidatorDeps): Promise<TimestampCheck> {
  let token: TimestampToken;
  try {
    token = readTimestampToken(der);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { outcome: outcome('invalid', `Dấu thời gian hỏng, không đọc được (${why}).`, `The timestamp is damaged and cannot be read (${why}).`), token: null, tsaCertificate: null, chain: [] };
  }
  const fail = (status: TimestampOutcome['status'], vi: string, en: string, tsa: Certificate | null = null): TimestampCheck => ({
    outcome: outcome(status, vi, en, { time: token.genTime, ...(tsa ? { tsa: tsa.subject } : {}) }),
    token,
    tsaCertificate: tsa,
    chain: [],
  });
  if (stamped && !sameBytes(imprintOf(token, stamped), token.imprint)) {
    return fail('invalid', 'Dấu thời gian không khớp với chữ ký: dữ liệu đã bị thay đổi sau khi được gắn dấu thời gian.', 'The timestamp does not match the signature: the data changed after it was timestamped.');
  }
  const embeddedCerts = embedded.certificates.flatMap((d) => {
    try {
      return [new X509.X509Certificate(toArrayBuffer(d))];
    } catch {
      return [];
    }
  });
  const tsa = findSigner(token, [...token.certificates, ...embeddedCerts]);
  if (!tsa) return fail('indeterminate', 'Không tìm thấy chứng thư của đơn vị cấp dấu thời gian để kiểm tra.', 'The certificate of the timestamp authority is missing, so the timestamp cannot be checked.');
  // The CMS checks (signature, message digest over the TSTInfo, ESS signing-certificate binding) are
  // the verifier's own; the imprint was compared above (or by the verifier for a document timestamp).
  const cms = verifyCms(der, { digest: () => token.imprint }, 'timestamp');
  const broken = [cms.structure, cms.digest, cms.signedAttributes, cms.signature].find((c) => c.status !== 'passed');
  if (broken) return fail('invalid', `Chữ ký trên dấu thời gian không đúng: ${broken.vi}`, `The signature on the timestamp does not verify: ${broken.en}`, tsa);
  const eku = tsa.getExtension(X509.ExtendedKeyUsageExtension);
  if (!eku || !eku.usages.map(String).includes(EKU_TIME_STAMPING)) {
    return fail('invalid', 'Chứng thư ký dấu thời gian không được cấp cho việc cấp dấu thời gian (thiếu mục đích timeStamping).', 'The timestamp was signed by a certificate not issued for timestamping (no timeStamping extended key usage).', tsa);
  }
  const now = deps.now?.() ?? new Date();
  if (token.genTime.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    return fail('invalid', 'Dấu thời gian ghi một thời điểm trong tương lai.', 'The timestamp states a time in the future.', tsa);
  }
  const chain = await buildCertificateChain(tsa, [...token.certificates, ...embeddedCerts], deps.trustStore, token.genTime);
  if (!chain.anchor) {
    return { ...fail('indeterminate', 'Chứng thư của đơn vị cấp dấu thời gian không dẫn tới chứng thư gốc tin cậy nào. Hãy thêm chứng thư gốc của đơn vị này trong Cài đặt → Chứng thư tin cậy.', 'The timestamp authority certificate does not chain to a trusted root. Add its root in Settings → Trusted certificates.', tsa), chain: chain.certificates };
  }
  if (chain.problems.length > 0) {
    const codes = chain.problems.map((p) => p.code).join(', ');
    return { ...fail('invalid', `Chứng thư của đơn vị cấp dấu thời gian không hợp lệ tại thời điểm cấp dấu (${codes}).`, `The timestamp authority certificate was not valid when it stamped (${codes}).`, tsa), chain: chain.certificates };
  }
  if (deps.revocation) {
    const issuer = chain.certificates[1] ?? null;
    const status = await deps.revocation.check({ certificate: new Uint8Array(tsa.rawData), issuer: issuer ? new Uint8Array(issuer.rawData) : null, at: token.genTime, embedded });
    if (status.status === 'revoked' && (!status.revokedAt || status.revokedAt <= token.genTime)) {
      return { ...fail('invalid', `Chứng thư của đơn vị cấp dấu thời gian đã bị thu hồi trước thời điểm cấp dấu. ${status.vi}`, `The timestamp authority certificate was revoked before it stamped. ${status.en}`, tsa), chain: chain.certificates };
    }
  }
  return {
    outcome: outcome('valid', `Dấu thời gian hợp lệ, do "${tsa.subject}" cấp.`, `Valid timestamp issued by "${tsa.subject}".`, { time: token.genTime, tsa: tsa.subject }),
    token,
    tsaCertificate: tsa,
    chain: chain.certificates,
  };
}

export function createTimestampValidator(deps: TimestampValidatorDeps): TimestampValidator {
  return {
    async validateSignatureTimestamp(token, signatureValue, embedded) {
      return (await checkTimestamp(token, signatureValue, embedded, deps)).outcome;
    },
    async validateDocumentTimestamp(token, embedded) {
      return (await checkTimestamp(token, null, embedded, deps)).outcome;
    },
  };
}
