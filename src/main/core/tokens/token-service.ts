/**
 * What the rest of the app asks of the token layer (implemented in infra/pkcs11 over worker processes).
 * Sessions are named by an opaque sessionId; certificates by their SHA-256 fingerprint.
 */
import type { ModuleReport, TokenLogin, TokenModule } from '../../../shared/contract/tokens';
import type { Signer } from '../signing/signer';

export interface TokenService {
  /** The module files found (built-in table, CSPs, settings) plus `extraPaths`. */
  modules(extraPaths?: string[]): TokenModule[];
  /** Tokens and certificates of the given modules (default: every module found). */
  list(modulePaths?: string[]): Promise<ModuleReport[]>;
  /** One login attempt (see pin-policy.ts); the PIN is passed on once and not kept. */
  login(tokenId: string, pin: string | undefined, opts?: { confirmFinalTry?: boolean | undefined }): Promise<TokenLogin>;
  logout(sessionId: string): Promise<boolean>;
  /** A Signer over the key of `certificateId` in a logged-in session; many signatures per login. */
  getSigner(sessionId: string, certificateId: string): Promise<Signer>;
  /** Starts noticing insertions and removals (event tokens.changed). */
  watch(modulePaths?: string[]): Promise<void>;
  close(): Promise<void>;
}
