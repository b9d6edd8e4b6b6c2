/**
 * Messages between the main process and a token worker (one child process per PKCS#11 module).
 * Sent with Node's "advanced" IPC serialisation, so byte arrays travel as they are. A PIN crosses this
 * channel once, inside a `login` request, and the worker drops it after C_Login.
 */
export interface WireCertificate {
  /** CKA_ID, hex. */
  ckaId: string;
  label: string;
  der: Uint8Array;
  /** null: cannot tell before login (the token hides private keys until then). */
  hasPrivateKey: boolean | null;
}

export interface WireToken {
  /** Slot handle, hex (as pkcs11js gives it). */
  slotId: string;
  slotDescription: string;
  label: string;
  manufacturer: string;
  model: string;
  serialNumber: string;
  /** CK_TOKEN_INFO.flags. */
  flags: number;
  /** Filled by listTokens; empty in watch events. */
  certificates: WireCertificate[];
  loggedIn: boolean;
}

export interface WireLibrary {
  manufacturer: string;
  description: string;
  version: string;
}

export type WorkerRequest =
  | { op: 'init'; modulePath: string }
  | { op: 'listTokens' }
  | { op: 'tokenFlags'; slotId: string }
  | { op: 'login'; slotId: string; pin: string | null }
  | { op: 'logout'; sessionKey: string }
  | { op: 'sign'; sessionKey: string; ckaId: string; keyType: 'RSA' | 'EC'; data: Uint8Array }
  | { op: 'watch'; intervalMs: number };

export interface WorkerResults {
  init: WireLibrary;
  listTokens: WireToken[];
  tokenFlags: { flags: number; label: string } | null;
  login: { sessionKey: string; certificates: WireCertificate[] };
  logout: { closed: boolean };
  /** RSA: the PKCS#1 v1.5 signature. EC: raw r‖s (the main process DER-encodes it). */
  sign: { signature: Uint8Array; mechanism: string };
  watch: { watching: boolean };
}

export type WorkerErrorKind = 'pkcs11' | 'load' | 'key_not_found' | 'bad_request' | 'internal';

export interface WorkerError {
  kind: WorkerErrorKind;
  /** CKR_* name for kind 'pkcs11'. */
  ckr?: string;
  message: string;
}

export type WorkerMessage =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: WorkerError }
  | { event: 'tokens'; tokens: WireToken[] }
  /** Sent once when the worker process is up, before any module is loaded. */
  | { event: 'ready' };

export interface RequestEnvelope {
  id: number;
  request: WorkerRequest;
}
