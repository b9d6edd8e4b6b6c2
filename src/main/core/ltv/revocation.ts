/**
 * The RevocationChecker the verifier plugs in, and the evidence search the B-LT step reuses.
 * Where the answer comes from, in order: validation data embedded in the file (DSS, CMS), then the local
 * cache, then the network when allowed; OCSP before CRL at each stage (the certificate's own URLs).
 * A revoked certificate is reported with its revocation time; the verifier invalidates the signature
 * only when that is at or before the signing time proven by a timestamp (signer-checks.ts).
 */
import { isAppError } from '../errors';
import { sha256Hex, X509, certificateUrls, toArrayBuffer } from './der';
import { buildOcspRequest, evaluateOcspResponse, type OcspAnswer } from './ocsp';
import { crlIsFrom, evaluateCrl, type CrlAnswer } from './crl';
import { DEFAULT_TIMEOUTS, type LtvNetwork, type ValidationCache } from './ports';
import type { EmbeddedValidationData, RevocationChecker, RevocationOutcome } from '../pdf/verify/extensions';

type Certificate = InstanceType<typeof X509.X509Certificate>;

/** A "good" answer proves the status at `at` only if it was issued no earlier than this before `at`. */
const GOOD_ANSWER_MAX_AGE_MS = 24 * 3600_000;

export interface RevocationSources {
  cache?: ValidationCache | null;
  /** null: offline (online checks disabled in Settings, or no network). */
  network?: LtvNetwork | null;
  timeouts?: Partial<typeof DEFAULT_TIMEOUTS>;
}

export interface RevocationEvidence {
  kind: 'ocsp' | 'crl';
  origin: 'embedded' | 'cache' | 'online';
  der: Uint8Array;
  answer: OcspAnswer | CrlAnswer;
}

export interface EvidenceSearch {
  evidence: RevocationEvidence | null;
  /** Why each source that was tried could not answer (for messages and the queue's last error). */
  problems: Problem[];
  triedOnline: boolean;
}

const usableAt = (answer: OcspAnswer | CrlAnswer, at: Date) =>
  answer.status === 'revoked' || (answer.status === 'good' && answer.thisUpdate.getTime() >= at.getTime() - GOOD_ANSWER_MAX_AGE_MS);

export interface Problem {
  vi: string;
  en: string;
}
const problemOf = (where: string, e: unknown): Problem =>
  isAppError(e) ? { vi: `${where}: ${e.messageVi}`, en: `${where}: ${e.messageEn}` } : { vi: `${where}: ${String(e instanceof Error ? e.message : e)}`, en: `${where}: ${String(e instanceof Error ? e.message : e)}` };

/** Finds the first usable revocation evidence for `cert` at `at`. */
export async function findRevocationEvidence(cert: Certificate, issuer: Certificate, at: Date, embedded: EmbeddedValidationData, sources: RevocationSources): Promise<EvidenceSearch> {
  const problems: Problem[] = [];
  const extra = embedded.certificates.flatMap((d) => {
    try {
      return [new X509.X509Certificate(toArrayBuffer(d))];
    } catch {
      return [];
    }
  });
  const tryOcsp = async (der: Uint8Array, origin: RevocationEvidence['origin'], quiet: boolean): Promise<RevocationEvidence | null> => {
    try {
      const answer = await evaluateOcspResponse(der, cert, issuer, extra);
      if (usableAt(answer, at)) return { kind: 'ocsp', origin, der, answer };
      if (!quiet) problems.push(answer.status === 'unknown' ? { vi: `OCSP (${origin}): máy chủ không biết chứng thư này`, en: `OCSP (${origin}): the responder does not know the certificate` } : { vi: `OCSP (${origin}): phản hồi quá cũ`, en: `OCSP (${origin}): answer too old` });
    } catch (e) {
      if (!quiet) problems.push(problemOf(`OCSP (${origin})`, e));
    }
    return null;
  };
  const tryCrl = async (der: Uint8Array, origin: RevocationEvidence['origin']): Promise<RevocationEvidence | null> => {
    try {
      const answer = await evaluateCrl(der, cert, issuer);
      if (usableAt(answer, at)) return { kind: 'crl', origin, der, answer };
      problems.push({ vi: `CRL (${origin}): danh sách quá cũ`, en: `CRL (${origin}): list too old` });
    } catch (e) {
      problems.push(problemOf(`CRL (${origin})`, e));
    }
    return null;
  };
  const found = (evidence: RevocationEvidence | null, triedOnline: boolean): EvidenceSearch | null => (evidence ? { evidence, problems, triedOnline } : null);

  // Embedded: responses about other certificates are normal here, so mismatches are not problems.
  for (const der of embedded.ocspResponses) {
    const r = found(await tryOcsp(der, 'embedded', true), false);
    if (r) return r;
  }
  for (const der of embedded.crls.filter((d) => crlIsFrom(d, issuer))) {
    const r = found(await tryCrl(der, 'embedded'), false);
    if (r) return r;
  }
  const urls = certificateUrls(cert);
  const certKey = sha256Hex(new Uint8Array(cert.rawData));
  const cache = sources.cache ?? null;
  if (cache) {
    const cachedOcsp = cache.get('ocsp', certKey);
    if (cachedOcsp) {
      const r = found(await tryOcsp(cachedOcsp, 'cache', false), false);
      if (r) return r;
    }
    for (const url of urls.crl) {
      const cachedCrl = cache.get('crl', url);
      if (!cachedCrl) continue;
      const r = found(await tryCrl(cachedCrl, 'cache'), false);
      if (r) return r;
    }
  }
  const network = sources.network ?? null;
  // A certificate that names no OCSP responder and no CRL cannot be checked online at all.
  if (!network || urls.ocsp.length + urls.crl.length === 0) return { evidence: null, problems, triedOnline: false };
  const timeouts = { ...DEFAULT_TIMEOUTS, ...sources.timeouts };
  for (const url of urls.ocsp) {
    try {
      const der = await network.post(url, await buildOcspRequest(cert, issuer), 'application/ocsp-request', timeouts.ocsp);
      const evidence = await tryOcsp(der, 'online', false);
      if (evidence) {
        cache?.put('ocsp', certKey, der);
        return { evidence, problems, triedOnline: true };
      }
    } catch (e) {
      problems.push(problemOf(`OCSP ${url}`, e));
    }
  }
  for (const url of urls.crl) {
    try {
      const der = await network.get(url, timeouts.crl);
      const evidence = await tryCrl(der, 'online');
      if (evidence) {
        cache?.put('crl', url, der);
        return { evidence, problems, triedOnline: true };
      }
    } catch (e) {
      problems.push(problemOf(`CRL ${url}`, e));
    }
  }
  return { evidence: null, problems, triedOnline: true };
}

const vnTime = (d: Date) => `${new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;
const SOURCE: Record<string, RevocationOutcome['source']> = { 'ocsp:embedded': 'embedded-ocsp', 'crl:embedded': 'embedded-crl', 'ocsp:cache': 'ocsp', 'ocsp:online': 'ocsp', 'crl:cache': 'crl', 'crl:online': 'crl' };
const ORIGIN_VI = { embedded: 'dữ liệu kèm trong tệp', cache: 'bộ nhớ đệm trên máy', online: 'tra cứu trực tuyến' } as const;
const ORIGIN_EN = { embedded: 'data embedded in the file', cache: 'the local cache', online: 'an online check' } as const;

/** Turns evidence into the verifier's outcome, applying the revoked-before-`at` rule. */
export function revocationOutcome(search: EvidenceSearch, at: Date): RevocationOutcome {
  const ev = search.evidence;
  if (!ev) {
    if (!search.triedOnline) {
      return { status: 'not_checked', vi: 'Chưa kiểm tra được trạng thái thu hồi: không có dữ liệu kèm theo và đang ngoại tuyến (hoặc đã tắt kiểm tra trực tuyến).', en: 'Revocation not checked: no embedded data and offline (or online checks are turned off).' };
    }
    return { status: 'unknown', vi: `Không xác định được trạng thái thu hồi (${search.problems.map((p) => p.vi).join('; ')}).`, en: `Revocation status unknown (${search.problems.map((p) => p.en).join('; ')}).` };
  }
  const source = SOURCE[`${ev.kind}:${ev.origin}`]!;
  const via = { vi: `${ev.kind.toUpperCase()}, ${ORIGIN_VI[ev.origin]}`, en: `${ev.kind.toUpperCase()}, ${ORIGIN_EN[ev.origin]}` };
  const { answer } = ev;
  if (answer.status === 'revoked' && answer.revokedAt) {
    // Status 'revoked' with the time either way: the verifier decides, knowing whether `at` is proven
    // by a timestamp (a revocation after an unproven claimed time proves nothing).
    if (answer.revokedAt.getTime() <= at.getTime()) {
      return { status: 'revoked', source, revokedAt: answer.revokedAt, vi: `Chứng thư đã bị thu hồi lúc ${vnTime(answer.revokedAt)}, trước thời điểm ký ${vnTime(at)} (${via.vi}).`, en: `The certificate was revoked at ${answer.revokedAt.toISOString()}, before the signing time ${at.toISOString()} (${via.en}).` };
    }
    return { status: 'revoked', source, revokedAt: answer.revokedAt, vi: `Chứng thư bị thu hồi lúc ${vnTime(answer.revokedAt)}, sau thời điểm ký ${vnTime(at)} (${via.vi}).`, en: `The certificate was revoked at ${answer.revokedAt.toISOString()}, after the signing time ${at.toISOString()} (${via.en}).` };
  }
  if (answer.status === 'good') return { status: 'good', source, vi: `Chứng thư chưa bị thu hồi (${via.vi}).`, en: `The certificate is not revoked (${via.en}).` };
  return { status: 'unknown', source, vi: `Máy chủ OCSP không biết chứng thư này (${via.vi}).`, en: `The OCSP responder does not know this certificate (${via.en}).` };
}

export function createRevocationChecker(sources: RevocationSources): RevocationChecker {
  return {
    async check(query) {
      if (!query.issuer) {
        return { status: 'unknown', vi: 'Không kiểm tra được trạng thái thu hồi vì thiếu chứng thư của CA cấp.', en: 'Revocation cannot be checked: the issuing CA certificate is missing.' };
      }
      const cert = new X509.X509Certificate(toArrayBuffer(query.certificate));
      const issuer = new X509.X509Certificate(toArrayBuffer(query.issuer));
      return revocationOutcome(await findRevocationEvidence(cert, issuer, query.at, query.embedded, sources), query.at);
    },
  };
}
