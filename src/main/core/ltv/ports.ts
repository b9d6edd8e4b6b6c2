/**
 * What the long-term-validation code needs from the outside world, implemented in infra/net: HTTP with
 * a hard timeout (never hangs), and a local cache of validation data for offline reuse.
 */
export interface LtvNetwork {
  /** POSTs `body`; resolves with the response body, or throws an AppError (NET_*) on any failure. */
  post(url: string, body: Uint8Array, contentType: string, timeoutMs: number): Promise<Uint8Array>;
  get(url: string, timeoutMs: number): Promise<Uint8Array>;
}

export type CacheKind = 'ocsp' | 'crl' | 'cert';

/**
 * OCSP responses are kept per certificate (key: the certificate's SHA-256), CRLs and issuer
 * certificates per URL. Only the newest of each is kept.
 */
export interface ValidationCache {
  get(kind: CacheKind, key: string): Uint8Array | null;
  put(kind: CacheKind, key: string, der: Uint8Array): void;
}

/** Timeouts short enough that a teacher never waits on a dead network (ms). */
export const DEFAULT_TIMEOUTS = { tsa: 8_000, ocsp: 6_000, crl: 8_000, cert: 5_000 } as const;

/** A configured RFC 3161 timestamp authority. */
export interface TimestampAuthority {
  url: string;
  /** Returns the DER of a granted token over the SHA-256 `imprint`, or throws an AppError. */
  stamp(imprint: Uint8Array): Promise<Uint8Array>;
}
