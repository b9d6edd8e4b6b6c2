/**
 * The signer side of a signature: which time it is judged at, the certificate path to a trust anchor,
 * validity at that time, key usage, revocation and timestamps (the last two through the LTV extension
 * points). Independent of the PDF structure: fed by the CMS check and the signature dictionary.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import * as pkijs from 'pkijs';
import { createHash } from 'node:crypto';
import type { CertificateSummary, Check, SigningTime, TrustAnchorSummary } from '../../../../shared/contract/verify';
import { parseCertificate } from '../../pki/certificate';
import { buildCertificateChain, type ChainResult } from '../../pki/chain';
import type { TrustStore } from '../../pki/trust-store';
import type { CmsVerification } from './cms';
import type { EmbeddedValidationData, RevocationChecker, TimestampValidator } from './extensions';
import { check, failed, notApplicable, passed, unknown, vnTime } from './checks';

export interface SignerCheckOptions {
  trustStore: TrustStore;
  revocation?: RevocationChecker;
  timestamps?: TimestampValidator;
  /** When the verification runs (the fallback signing time when nothing else is claimed). */
  now: Date;
}

export interface SignerChecks {
  signer: CertificateSummary | null;
  issuingCa: string | null;
  managingUnit: string | null;
  signingTime: SigningTime;
  chain: CertificateSummary[];
  trustAnchor: TrustAnchorSummary | null;
  checks: { chain: Check; validityAtSigningTime: Check; keyUsage: Check; revocation: Check; timestamp: Check };
}

/** Summaries by DER hash: the same CA certificates recur in every signature of a plan. */
const summaries = new Map<string, CertificateSummary>();

export function summarizeCertificate(cert: x509.X509Certificate): CertificateSummary {
  const der = new Uint8Array(cert.rawData);
  const key = createHash('sha256').update(der).digest('hex');
  const hit = summaries.get(key);
  if (hit) return hit;
  const summary = summarize(der);
  if (summaries.size >= 512) summaries.delete(summaries.keys().next().value as string);
  summaries.set(key, summary);
  return summary;
}

function summarize(der: Uint8Array): CertificateSummary {
  const info = parseCertificate(der);
  const first = (k: string) => info.subjectFields[k]?.join(', ') ?? null;
  return {
    subject: info.subject,
    subjectCommonName: info.subjectCommonName || null,
    issuer: info.issuer,
    issuerCommonName: info.issuerCommonName || null,
    serialNumber: info.serialNumber,
    notBefore: info.notBefore,
    notAfter: info.notAfter,
    sha256Fingerprint: info.sha256Fingerprint,
    organisation: first('O'),
    organisationalUnit: first('OU'),
    keyType: info.keyType,
    keyBits: info.keyBits,
    keyUsage: info.keyUsage,
    holder: info.holder,
    provider: info.provider,
  };
}

/** genTime of an RFC 3161 token, read without validating it. */
export function readTimestampTime(token: Uint8Array): Date | null {
  try {
    const info = pkijs.ContentInfo.fromBER(new Uint8Array(token));
    const sd = new pkijs.SignedData({ schema: info.content });
    const e = sd.encapContentInfo.eContent;
    if (!e) return null;
    return pkijs.TSTInfo.fromBER(new Uint8Array(e.getValue())).genTime;
  } catch {
    return null;
  }
}

const name = (c: CertificateSummary) => c.subjectCommonName ?? c.subject;

function chainCheck(result: ChainResult): Check {
  const top = result.problems.find((p) => p.code === 'NO_ANCHOR');
  const build = result.problems.find((p) => p.code === 'BUILD_FAILED');
  const notCa = result.problems.find((p) => p.code === 'ISSUER_NOT_CA');
  const caTime = result.problems.find((p) => (p.code === 'EXPIRED' || p.code === 'NOT_YET_VALID') && p.position > 0);
  if (build) return unknown('CHAIN_BUILD_FAILED', 'Không dựng được chuỗi chứng thư của người ký.', `Could not build the certificate path (${build.message}).`);
  if (notCa && 'certificate' in notCa) {
    return failed('CHAIN_ISSUER_NOT_CA', `"${notCa.certificate.subject}" không phải CA nhưng lại cấp chứng thư trong chuỗi.`, `"${notCa.certificate.subject}" is not a CA but issues a certificate in the path.`);
  }
  if (caTime && 'certificate' in caTime) {
    return failed('CHAIN_CA_NOT_VALID', `Chứng thư CA "${caTime.certificate.subject}" không còn hiệu lực tại thời điểm ký.`, `The CA certificate "${caTime.certificate.subject}" was not valid at the signing time.`);
  }
  if (top && 'top' in top) {
    return unknown(
      'CHAIN_NO_TRUST_ANCHOR',
      `Không xác định được nguồn gốc tin cậy: chuỗi chứng thư dừng ở "${top.top.issuer}", không phải CA gốc tin cậy. Hãy thêm chứng thư CA gốc (Cài đặt → Chứng thư tin cậy, hoặc --trust).`,
      `No trust anchor: the path ends at "${top.top.issuer}", which is not trusted. Add the root CA certificate (Settings → Trusted certificates, or --trust).`,
    );
  }
  const anchor = result.anchor!;
  return passed('CHAIN_TRUSTED', `Chuỗi chứng thư tin cậy, kết thúc ở "${anchor.certificate.subject}".`, `Trusted path, ending at "${anchor.certificate.subject}".`);
}

function pickSigningTime(cms: CmsVerification, claimed: Date | null, tsTime: Date | null, tsValidated: boolean, now: Date): SigningTime {
  const base = {
    claimed: claimed ? claimed.toISOString() : null,
    cmsSigningTime: cms.cmsSigningTime ? cms.cmsSigningTime.toISOString() : null,
    timestamp: tsTime ? tsTime.toISOString() : null,
    timestampValidated: tsValidated,
  };
  if (tsTime && tsValidated) return { ...base, usedForValidation: tsTime.toISOString(), usedSource: 'timestamp' };
  if (claimed) return { ...base, usedForValidation: claimed.toISOString(), usedSource: 'claimed' };
  if (cms.cmsSigningTime) return { ...base, usedForValidation: cms.cmsSigningTime.toISOString(), usedSource: 'cms-signing-time' };
  return { ...base, usedForValidation: now.toISOString(), usedSource: 'verification-time' };
}

export async function checkSigner(cms: CmsVerification, claimedTime: Date | null, embedded: EmbeddedValidationData, opts: SignerCheckOptions): Promise<SignerChecks> {
  // Timestamp first: a validated one fixes the time the certificate is judged at.
  let timestamp: Check = notApplicable('Chữ ký không có dấu thời gian.', 'The signature has no timestamp.');
  let tsTime: Date | null = null;
  let tsValidated = false;
  if (cms.signatureTimestampToken && cms.signatureValue) {
    tsTime = readTimestampTime(cms.signatureTimestampToken);
    if (opts.timestamps) {
      const out = await opts.timestamps.validateSignatureTimestamp(cms.signatureTimestampToken, cms.signatureValue, embedded);
      tsTime = out.time ?? tsTime;
      tsValidated = out.status === 'valid';
      timestamp = check(out.status === 'valid' ? 'passed' : out.status === 'invalid' ? 'failed' : 'unknown', `TIMESTAMP_${out.status.toUpperCase()}`, out.vi, out.en);
    } else {
      timestamp = check(
        'not_checked',
        'TIMESTAMP_NOT_VALIDATED',
        `Có dấu thời gian${tsTime ? ` (${vnTime(tsTime)})` : ''}, chưa kiểm tra chứng thư của đơn vị cấp dấu thời gian.`,
        `A timestamp is present${tsTime ? ` (${tsTime.toISOString()})` : ''}; its TSA certificate was not checked.`,
      );
    }
  }
  const signingTime = pickSigningTime(cms, claimedTime, tsTime, tsValidated, opts.now);
  const at = new Date(signingTime.usedForValidation);

  const signerCert = cms.signerCertificate;
  const none = failed('SIGNER_CERT_MISSING', 'Chữ ký không kèm chứng thư số của người ký.', "The signature does not carry the signer's certificate.");
  if (!signerCert) {
    return { signer: null, issuingCa: null, managingUnit: null, signingTime, chain: [], trustAnchor: null, checks: { chain: none, validityAtSigningTime: none, keyUsage: none, revocation: none, timestamp } };
  }
  let signer: CertificateSummary;
  try {
    signer = summarizeCertificate(signerCert);
  } catch {
    const bad = failed('SIGNER_CERT_UNREADABLE', 'Chứng thư của người ký không đọc được.', "The signer's certificate cannot be read.");
    return { signer: null, issuingCa: null, managingUnit: null, signingTime, chain: [], trustAnchor: null, checks: { chain: bad, validityAtSigningTime: bad, keyUsage: bad, revocation: bad, timestamp } };
  }
  const result = await buildCertificateChain(signerCert, cms.embeddedCertificates, opts.trustStore, at);
  const chain: CertificateSummary[] = [];
  for (const c of result.certificates) {
    try {
      chain.push(summarizeCertificate(c));
    } catch {
      // a CA certificate with an unsupported key type still counts in the path; it is just not shown
    }
  }
  const trustAnchor: TrustAnchorSummary | null = result.anchor
    ? { subject: result.anchor.certificate.subject, sha256Fingerprint: result.anchor.sha256Fingerprint, source: result.anchor.source, file: result.anchor.file }
    : null;

  const own = result.problems.find((p) => (p.code === 'EXPIRED' || p.code === 'NOT_YET_VALID') && p.position === 0);
  const period = `${vnTime(new Date(signer.notBefore))} → ${vnTime(new Date(signer.notAfter))}`;
  const validityAtSigningTime = !own
    ? passed('CERT_VALID_AT_SIGNING_TIME', `Chứng thư còn hiệu lực tại thời điểm ký ${vnTime(at)} (hiệu lực ${period}).`, `The certificate was valid at the signing time ${at.toISOString()} (valid ${signer.notBefore} → ${signer.notAfter}).`)
    : own.code === 'EXPIRED'
      ? failed('CERT_EXPIRED_AT_SIGNING_TIME', `Chứng thư đã hết hạn trước thời điểm ký ${vnTime(at)} (hiệu lực ${period}).`, `The certificate had expired at the signing time ${at.toISOString()} (valid ${signer.notBefore} → ${signer.notAfter}).`)
      : failed('CERT_NOT_YET_VALID_AT_SIGNING_TIME', `Chứng thư chưa có hiệu lực tại thời điểm ký ${vnTime(at)} (hiệu lực ${period}).`, `The certificate was not yet valid at the signing time ${at.toISOString()} (valid ${signer.notBefore} → ${signer.notAfter}).`);

  const ku = signerCert.getExtension(x509.KeyUsagesExtension);
  const keyUsage =
    !ku || (ku.usages & (x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation)) !== 0
      ? passed('KEY_USAGE_OK', 'Chứng thư được cấp cho mục đích ký số.', 'The certificate is meant for signing.')
      : failed('KEY_USAGE_NOT_SIGNING', 'Chứng thư không được cấp cho mục đích ký số (thiếu digitalSignature/nonRepudiation).', 'The certificate is not meant for signing (no digitalSignature/nonRepudiation key usage).');

  const revocation = await revocationCheck(result, at, tsValidated, embedded, opts.revocation);
  const issuer = result.certificates[1] ? summarizeCertificateSafe(result.certificates[1]) : null;
  return {
    signer,
    issuingCa: issuer ? name(issuer) : signer.issuerCommonName ?? signer.issuer,
    managingUnit: [signer.organisationalUnit, signer.organisation].filter(Boolean).join(', ') || null,
    signingTime,
    chain,
    trustAnchor,
    checks: { chain: chainCheck(result), validityAtSigningTime, keyUsage, revocation, timestamp },
  };
}

function summarizeCertificateSafe(c: x509.X509Certificate): CertificateSummary | null {
  try {
    return summarizeCertificate(c);
  } catch {
    return null;
  }
}

async function revocationCheck(result: ChainResult, at: Date, timeProven: boolean, embedded: EmbeddedValidationData, checker: RevocationChecker | undefined): Promise<Check> {
  if (!checker) {
    return check('not_checked', 'REVOCATION_NOT_CHECKED', 'Tình trạng thu hồi: chưa kiểm tra (ngoại tuyến).', 'Revocation status: not checked (offline).');
  }
  // Every certificate below the anchor: a revoked issuing CA invalidates its signers too.
  const upTo = result.anchor ? result.certificates.length - 1 : result.certificates.length;
  const outcomes = [];
  for (let i = 0; i < upTo; i++) {
    const cert = result.certificates[i]!;
    const issuer = result.certificates[i + 1];
    outcomes.push({
      subject: cert.subject,
      out: await checker.check({ certificate: new Uint8Array(cert.rawData), issuer: issuer ? new Uint8Array(issuer.rawData) : null, at, embedded }),
    });
  }
  const revoked = outcomes.find((o) => o.out.status === 'revoked');
  if (revoked) {
    const when = revoked.out.revokedAt;
    if (!when || when <= at) return failed('CERT_REVOKED', `Chứng thư "${revoked.subject}" đã bị thu hồi trước thời điểm ký. ${revoked.out.vi}`, `The certificate "${revoked.subject}" was revoked before the signing time. ${revoked.out.en}`);
    if (!timeProven) {
      return unknown('CERT_REVOKED_NO_POE', `Chứng thư "${revoked.subject}" bị thu hồi lúc ${vnTime(when)}; không có dấu thời gian chứng minh chữ ký được tạo trước đó.`, `The certificate "${revoked.subject}" was revoked at ${when.toISOString()}; no timestamp proves the signature existed before.`);
    }
    return passed('CERT_REVOKED_AFTER_SIGNING', `Chứng thư bị thu hồi lúc ${vnTime(when)}, sau thời điểm ký đã được chứng minh bằng dấu thời gian.`, `The certificate was revoked at ${when.toISOString()}, after the timestamp-proven signing time.`);
  }
  const unsure = outcomes.find((o) => o.out.status === 'unknown');
  if (unsure) return unknown('REVOCATION_UNKNOWN', unsure.out.vi, unsure.out.en);
  const notChecked = outcomes.find((o) => o.out.status === 'not_checked');
  if (notChecked) return check('not_checked', 'REVOCATION_NOT_CHECKED', notChecked.out.vi, notChecked.out.en);
  const first = outcomes[0]?.out;
  return passed('REVOCATION_GOOD', first?.vi ?? 'Chứng thư chưa bị thu hồi.', first?.en ?? 'The certificate is not revoked.');
}
