import { z } from 'zod';
import { method, event } from './define';
import type { ApiError } from '../result';
import type { CertificateInfo, CertificateStatus, ProviderId } from './certificates';

/** Which key signs: a logged-in token session, a .p12/.pfx file, or the demo profile. */
export const signerRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('token'), sessionId: z.string().min(1), certificateId: z.string().min(1) }),
  z.object({ kind: z.literal('p12'), path: z.string().min(1), password: z.string() }),
  z.object({ kind: z.literal('demo') }),
]);
export type SignerRef = z.infer<typeof signerRefSchema>;

/** A PKCS#11 module file the app knows of (built-in table, settings, a vendor CSP on Windows, --module). */
export interface TokenModule {
  path: string;
  /** 'vnpt', 'vgca', …, or a middleware vendor ('safenet', 'feitian', 'opensc', 'softhsm', …). */
  provider: ProviderId | 'safenet' | 'feitian' | 'bit4id' | 'watchdata' | 'gemalto' | 'opensc' | 'softhsm' | 'unknown';
  /** What the UI says: "Token VNPT-CA", "SafeNet eToken". */
  label: string;
  source: 'builtin' | 'settings' | 'csp' | 'argument';
  /** The file exists. */
  present: boolean;
  /** Why the file cannot be used (e.g. a 32-bit driver), found without loading it. */
  problem?: ApiError;
}

export interface TokenFlags {
  loginRequired: boolean;
  /** PIN pad or the vendor's own PIN dialog: the app sends no PIN. */
  protectedAuthPath: boolean;
  pinCountLow: boolean;
  pinFinalTry: boolean;
  pinLocked: boolean;
  pinToBeChanged: boolean;
  initialized: boolean;
  writeProtected: boolean;
}

export interface TokenCertificate {
  /** SHA-256 fingerprint of the certificate (hex upper case): how a signer names it. */
  certificateId: string;
  /** CKA_ID (hex) that binds the certificate to its private key. */
  ckaId: string;
  label: string;
  /** true/false once logged in; null before login when the token hides its private keys. */
  hasPrivateKey: boolean | null;
  info: CertificateInfo;
  status: CertificateStatus;
  daysToExpiry: number;
  /** DER, base64. */
  der: string;
}

export interface TokenSummary {
  /** Stable across restarts: derived from the module, serial number and label. */
  tokenId: string;
  modulePath: string;
  moduleLabel: string;
  slotId: string;
  slotDescription: string;
  label: string;
  manufacturer: string;
  model: string;
  serialNumber: string;
  flags: TokenFlags;
  certificates: TokenCertificate[];
  /** A session of this app is logged in on it. */
  loggedIn: boolean;
}

export interface ModuleReport {
  module: TokenModule;
  library?: { manufacturer: string; description: string; version: string };
  tokens: TokenSummary[];
  /** The module could not be used (not PKCS#11, wrong architecture, crashed, hung). */
  error?: ApiError;
}

export interface TokenLogin {
  sessionId: string;
  tokenId: string;
  tokenLabel: string;
  certificates: TokenCertificate[];
  /** The session closes after this many minutes without use. */
  idleMinutes: number;
}

const modulePathSchema = z.string().min(1).max(4096);

export const tokensMethods = {
  'tokens.modules': method<z.ZodObject<Record<string, never>>, TokenModule[]>(z.object({}).strict()),
  /** Lists tokens and certificates of the discovered modules, or of `modulePaths` only. */
  'tokens.list': method<z.ZodObject<{ modulePaths: z.ZodOptional<z.ZodArray<typeof modulePathSchema>> }>, { modules: ModuleReport[] }>(
    z.object({ modulePaths: z.array(modulePathSchema).optional() }).strict(),
    { timeoutMs: 60_000 },
  ),
  /** One C_Login with the given PIN (or on the token's PIN pad when it has one). Never retried. */
  'tokens.login': method<
    z.ZodObject<{ tokenId: z.ZodString; pin: z.ZodOptional<z.ZodString>; confirmFinalTry: z.ZodOptional<z.ZodBoolean> }>,
    TokenLogin
  >(z.object({ tokenId: z.string().min(1), pin: z.string().min(1).max(256).optional(), confirmFinalTry: z.boolean().optional() }).strict(), {
    timeoutMs: 180_000,
  }),
  'tokens.logout': method<z.ZodObject<{ sessionId: z.ZodString }>, { closed: boolean }>(z.object({ sessionId: z.string().min(1) }).strict()),
  'tokens.addModulePath': method<z.ZodObject<{ path: typeof modulePathSchema }>, { modulePaths: string[]; report: ModuleReport }>(
    z.object({ path: modulePathSchema }).strict(),
    { timeoutMs: 60_000 },
  ),
  'tokens.removeModulePath': method<z.ZodObject<{ path: typeof modulePathSchema }>, { modulePaths: string[] }>(z.object({ path: modulePathSchema }).strict()),
};

export const tokensEvents = {
  /** A token was inserted or removed (noticed within about 2 s). */
  'tokens.changed': event<{ modulePath: string; tokens: Array<{ tokenId: string; label: string }>; inserted: string[]; removed: string[] }>(),
  /** A session ended without the user logging out: idle timeout or the token was pulled. */
  'tokens.sessionClosed': event<{ sessionId: string; tokenId: string; reason: 'idle' | 'removed' | 'replaced' | 'crashed' }>(),
};
