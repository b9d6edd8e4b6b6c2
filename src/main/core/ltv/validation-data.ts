/**
 * Gathers the validation data a B-LT DSS must hold for each signature and timestamp in a file: the
 * certificate path up to the trust anchor (missing issuers fetched from the certificate's caIssuers URL
 * and cached), and for every certificate below the anchor an OCSP response or, failing that, a CRL
 * (embedded → cache → online, see revocation.ts). The timestamps' TSA certificates are covered too.
 */
import { AppError } from '../errors';
import { buildCertificateChain } from '../pki/chain';
import type { TrustStore } from '../pki/trust-store';
import type { EmbeddedValidationData } from '../pdf/verify/extensions';
import { X509, certificateUrls, isSelfIssued, sha256Hex, toArrayBuffer } from './der';
import { findRevocationEvidence, type Problem, type RevocationSources } from './revocation';
import { readTimestampToken } from './tsp';
import { DEFAULT_TIMEOUTS } from './ports';
import type { FoundSignature } from './pdf-signatures';

type Certificate = InstanceType<typeof X509.X509Certificate>;

export interface VriEntry {
  certs: string[];
  ocsps: string[];
  crls: string[];
}

/** DER blobs by SHA-256, and per VRI key the fingerprints of what validates that signature. */
export interface ValidationData {
  certs: Map<string, Uint8Array>;
  ocsps: Map<string, Uint8Array>;
  crls: Map<string, Uint8Array>;
  vri: Map<string, VriEntry>;
}

export interface CollectDeps extends RevocationSources {
  trustStore: TrustStore;
  now?: () => Date;
}

const MAX_FETCHED_ISSUERS = 4;

async function chainOf(cert: Certificate, pool: Certificate[], deps: CollectDeps, at: Date): Promise<Certificate[]> {
  const extra: Certificate[] = [];
  for (let round = 0; ; round++) {
    const chain = await buildCertificateChain(cert, [...pool, ...extra], deps.trustStore, at);
    const top = chain.certificates[chain.certificates.length - 1] ?? cert;
    if (chain.anchor || isSelfIssued(top) || round >= MAX_FETCHED_ISSUERS) return chain.certificates;
    // The path stops below an anchor: fetch the issuer the certificate names (AIA caIssuers).
    const url = certificateUrls(top).caIssuers[0];
    if (!url) return chain.certificates;
    let der = deps.cache?.get('cert', url) ?? null;
    if (!der && deps.network) {
      try {
        der = await deps.network.get(url, deps.timeouts?.cert ?? DEFAULT_TIMEOUTS.cert);
        deps.cache?.put('cert', url, der);
      } catch {
        der = null;
      }
    }
    if (!der) return chain.certificates;
    try {
      extra.push(new X509.X509Certificate(toArrayBuffer(der)));
    } catch {
      return chain.certificates;
    }
  }
}

function tsaOf(tokenDer: Uint8Array): { tsa: Certificate; certificates: Certificate[] } | null {
  try {
    const token = readTimestampToken(tokenDer);
    // The TSA's certificate is the one with the timeStamping EKU among the token's certificates.
    const tsa = token.certificates.find((c) => c.getExtension(X509.ExtendedKeyUsageExtension)?.usages.map(String).includes('1.3.6.1.5.5.7.3.8')) ?? token.certificates[0];
    return tsa ? { tsa, certificates: token.certificates } : null;
  } catch {
    return null;
  }
}

/**
 * Collects everything needed to validate `targets` later without a network. Throws
 * LTV_VALIDATION_DATA_MISSING when revocation data could not be found for some certificate (then the
 * queue retries later), with every reason in the details.
 */
export async function collectValidationData(targets: FoundSignature[], existing: EmbeddedValidationData, deps: CollectDeps): Promise<ValidationData> {
  const at = deps.now?.() ?? new Date();
  const data: ValidationData = { certs: new Map(), ocsps: new Map(), crls: new Map(), vri: new Map() };
  const existingCerts = existing.certificates.flatMap((d) => {
    try {
      return [new X509.X509Certificate(toArrayBuffer(d))];
    } catch {
      return [];
    }
  });
  const missing: Problem[] = [];
  const keep = (map: Map<string, Uint8Array>, der: Uint8Array) => {
    const key = sha256Hex(der);
    map.set(key, der);
    return key;
  };
  for (const target of targets) {
    const entry: VriEntry = { certs: [], ocsps: [], crls: [] };
    const subjects: { cert: Certificate; pool: Certificate[] }[] = [];
    if (target.kind === 'signature' && target.signer) subjects.push({ cert: target.signer, pool: target.certificates });
    const tokens = target.kind === 'document-timestamp' ? [target.cms] : target.signatureTimestamp ? [target.signatureTimestamp] : [];
    for (const token of tokens) {
      const t = tsaOf(token);
      if (t) subjects.push({ cert: t.tsa, pool: t.certificates });
    }
    for (const { cert, pool } of subjects) {
      const chain = await chainOf(cert, [...pool, ...existingCerts], deps, at);
      for (const c of chain) entry.certs.push(keep(data.certs, new Uint8Array(c.rawData)));
      for (let i = 0; i + 1 < chain.length; i++) {
        const subject = chain[i]!;
        const search = await findRevocationEvidence(subject, chain[i + 1]!, at, existing, deps);
        if (!search.evidence) {
          const why = search.problems.length ? search.problems : [{ vi: 'không có dữ liệu', en: 'no data' }];
          missing.push({ vi: `${subject.subject}: ${why.map((p) => p.vi).join('; ')}`, en: `${subject.subject}: ${why.map((p) => p.en).join('; ')}` });
          continue;
        }
        const ev = search.evidence;
        if (ev.kind === 'ocsp') {
          entry.ocsps.push(keep(data.ocsps, ev.der));
          for (const rc of 'responder' in ev.answer ? [ev.answer.responder, ...ev.answer.certificates] : []) entry.certs.push(keep(data.certs, new Uint8Array(rc.rawData)));
        } else entry.crls.push(keep(data.crls, ev.der));
      }
    }
    data.vri.set(target.vriKey, { certs: [...new Set(entry.certs)], ocsps: [...new Set(entry.ocsps)], crls: [...new Set(entry.crls)] });
  }
  if (missing.length) {
    throw new AppError(
      'LTV_VALIDATION_DATA_MISSING',
      `Chưa lấy được dữ liệu kiểm tra trạng thái chứng thư (OCSP/CRL) để lưu vào tệp. Phần mềm sẽ tự thử lại khi có mạng. Chi tiết: ${missing.map((m) => m.vi).join(' | ')}`,
      `Could not get certificate status data (OCSP/CRL) to store in the file. The app will retry when the network is back. Details: ${missing.map((m) => m.en).join(' | ')}`,
      { missing: missing.map((m) => m.en) },
    );
  }
  return data;
}
