/**
 * Builds and checks a signer's certificate path: from the signer up to a trust anchor, with issuers
 * taken from the certificates embedded in the signature and from the trust store's intermediates.
 * Issuer links are found by @peculiar/x509's X509ChainBuilder (name + key identifier + signature).
 * Revocation is not checked here: it is the RevocationChecker's job (see core/pdf/verify/extensions.ts).
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';
import { sha256Hex, type StoredCertificate, type TrustStore } from './trust-store';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export type ChainProblem =
  | { code: 'NO_ANCHOR'; top: x509.X509Certificate }
  | { code: 'NOT_YET_VALID' | 'EXPIRED'; certificate: x509.X509Certificate; position: number }
  | { code: 'ISSUER_NOT_CA'; certificate: x509.X509Certificate; position: number }
  | { code: 'BUILD_FAILED'; message: string };

export interface ChainResult {
  /** Signer first, ending with the anchor when one was reached. */
  certificates: x509.X509Certificate[];
  anchor: StoredCertificate | null;
  problems: ChainProblem[];
}

function isCa(cert: x509.X509Certificate): boolean {
  const bc = cert.getExtension(x509.BasicConstraintsExtension);
  if (!bc?.ca) return false;
  const ku = cert.getExtension(x509.KeyUsagesExtension);
  return !ku || (ku.usages & x509.KeyUsageFlags.keyCertSign) !== 0;
}

/**
 * Builds the path for `signer` and checks it at `at` (the signing time being validated): every
 * certificate up to the anchor valid at that time, every issuer a CA. The anchor itself is trusted as
 * configured and only its validity period is checked.
 */
export async function buildCertificateChain(signer: x509.X509Certificate, embedded: x509.X509Certificate[], store: TrustStore, at: Date): Promise<ChainResult> {
  // The signatures of one plan share their CAs: paths are remembered per trust store.
  let cache = built.get(store);
  if (!cache) built.set(store, (cache = new Map()));
  const key = [at.getTime(), ...[signer, ...embedded].map((c) => sha256Hex(new Uint8Array(c.rawData)))].join(':');
  const hit = cache.get(key);
  if (hit) return hit;
  const result = await buildUncached(signer, embedded, store, at);
  if (cache.size >= 256) cache.delete(cache.keys().next().value as string);
  cache.set(key, result);
  return result;
}

const built = new WeakMap<TrustStore, Map<string, ChainResult>>();

async function buildUncached(signer: x509.X509Certificate, embedded: x509.X509Certificate[], store: TrustStore, at: Date): Promise<ChainResult> {
  const pool = [...embedded, ...store.intermediates.map((c) => c.certificate), ...store.anchors.map((c) => c.certificate)];
  let built: x509.X509Certificate[];
  try {
    built = [...(await new x509.X509ChainBuilder({ certificates: pool }).build(signer))];
  } catch (e) {
    return { certificates: [signer], anchor: null, problems: [{ code: 'BUILD_FAILED', message: e instanceof Error ? e.message : String(e) }] };
  }
  let anchor: StoredCertificate | null = null;
  const certificates: x509.X509Certificate[] = [];
  for (const cert of built) {
    certificates.push(cert);
    anchor = store.anchorByFingerprint(sha256Hex(new Uint8Array(cert.rawData))) ?? null;
    if (anchor) break;
  }
  const problems: ChainProblem[] = [];
  if (!anchor) problems.push({ code: 'NO_ANCHOR', top: certificates[certificates.length - 1] ?? signer });
  certificates.forEach((cert, position) => {
    if (at < cert.notBefore) problems.push({ code: 'NOT_YET_VALID', certificate: cert, position });
    else if (at > cert.notAfter) problems.push({ code: 'EXPIRED', certificate: cert, position });
    // The anchor is trusted by configuration; an intermediate must be a CA allowed to sign certificates.
    if (position > 0 && !(anchor && position === certificates.length - 1) && !isCa(cert)) {
      problems.push({ code: 'ISSUER_NOT_CA', certificate: cert, position });
    }
  });
  return { certificates, anchor, problems };
}
