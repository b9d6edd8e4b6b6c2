/**
 * The token worker: a child process that loads ONE PKCS#11 module and serves requests from the main
 * process. Vendor modules crash and hang; here that costs only this process, which the main process
 * kills (on a timeout) or notices dying, and starts again on the next use.
 *
 * Runs from dist/token-worker.js when bundled, or from this file through tsx in a source checkout.
 */
import pkcs11js from 'pkcs11js';
import { randomBytes } from 'node:crypto';
import { CKM_SHA256_RSA_PKCS, signStep } from './mechanisms';
import type { RequestEnvelope, WireCertificate, WireToken, WorkerError, WorkerMessage, WorkerRequest, WorkerResults } from './protocol';

type Handle = Buffer;

interface OpenSession {
  handle: Handle;
  slotId: string;
  mechanisms: Set<number>;
  /** The token refused CKM_SHA256_RSA_PKCS once: raw CKM_RSA_PKCS from then on. */
  rsaCombinedRefused: boolean;
  keys: Map<string, Handle>;
}

let p11: pkcs11js.PKCS11 | null = null;
let reinitializeToSeeChanges = false;
const sessions = new Map<string, OpenSession>();
let watchTimer: NodeJS.Timeout | null = null;
let lastWatchState = '';

class RequestFailure extends Error {
  constructor(readonly error: WorkerError) {
    super(error.message);
  }
}

function asWorkerError(e: unknown): WorkerError {
  if (e instanceof RequestFailure) return e.error;
  const message = e instanceof Error ? e.message : String(e);
  const ckr = /CKR_[A-Z0-9_]+/.exec(message)?.[0];
  return ckr ? { kind: 'pkcs11', ckr, message: ckr } : { kind: 'internal', message: message.split('\n')[0] ?? message };
}

const loaded = (): pkcs11js.PKCS11 => {
  if (!p11) throw new RequestFailure({ kind: 'bad_request', message: 'module not initialised' });
  return p11;
};

const text = (s: string) => s.replace(/\0/g, '').trim();
const hex = (b: Buffer) => b.toString('hex');
const slotById = (slotId: string): Handle => Buffer.from(slotId, 'hex');

function init(modulePath: string): WorkerResults['init'] {
  const lib = new pkcs11js.PKCS11();
  try {
    lib.load(modulePath);
  } catch (e) {
    throw new RequestFailure({ kind: 'load', message: e instanceof Error ? e.message.split('\n')[0]! : String(e) });
  }
  try {
    lib.C_Initialize({ flags: pkcs11js.CKF_OS_LOCKING_OK });
  } catch (e) {
    const err = asWorkerError(e);
    if (err.ckr !== 'CKR_CRYPTOKI_ALREADY_INITIALIZED') throw new RequestFailure(err);
  }
  p11 = lib;
  const info = lib.C_GetInfo();
  // SoftHSM2 reads its token folder only in C_Initialize: a token added or deleted later is seen
  // only after C_Finalize + C_Initialize (checked with SoftHSM 2.6.1). Real modules report
  // insertion and removal through C_GetSlotList without that.
  reinitializeToSeeChanges = /softhsm/i.test(`${info.manufacturerID} ${info.libraryDescription}`);
  return {
    manufacturer: text(info.manufacturerID),
    description: text(info.libraryDescription),
    version: `${info.libraryVersion.major}.${info.libraryVersion.minor}`,
  };
}

function findObjects(session: Handle, template: pkcs11js.Template, max = 64): Handle[] {
  const lib = loaded();
  lib.C_FindObjectsInit(session, template);
  try {
    return lib.C_FindObjects(session, max);
  } finally {
    lib.C_FindObjectsFinal(session);
  }
}

function readCertificates(session: Handle, loggedIn: boolean, loginRequired: boolean): WireCertificate[] {
  const lib = loaded();
  const out: WireCertificate[] = [];
  for (const obj of findObjects(session, [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
    { type: pkcs11js.CKA_CERTIFICATE_TYPE, value: pkcs11js.CKC_X_509 },
  ])) {
    const [id, label, value] = lib.C_GetAttributeValue(session, obj, [{ type: pkcs11js.CKA_ID }, { type: pkcs11js.CKA_LABEL }, { type: pkcs11js.CKA_VALUE }]);
    const ckaId = Buffer.isBuffer(id?.value) ? id.value : Buffer.alloc(0);
    const der = Buffer.isBuffer(value?.value) ? value.value : null;
    if (!der) continue;
    const keyFound = ckaId.length > 0 && findObjects(session, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY }, { type: pkcs11js.CKA_ID, value: ckaId }], 1).length > 0;
    out.push({
      ckaId: hex(ckaId),
      label: Buffer.isBuffer(label?.value) ? label.value.toString('utf8') : '',
      der: new Uint8Array(der),
      hasPrivateKey: keyFound ? true : loggedIn || !loginRequired ? false : null,
    });
  }
  return out;
}

function loggedInSession(slotId: string): OpenSession | undefined {
  for (const s of sessions.values()) if (s.slotId === slotId) return s;
  return undefined;
}

function describeSlot(slot: Handle, withCertificates: boolean): WireToken {
  const lib = loaded();
  const slotInfo = lib.C_GetSlotInfo(slot);
  const info = lib.C_GetTokenInfo(slot);
  const slotId = hex(slot);
  const own = loggedInSession(slotId);
  let certificates: WireCertificate[] = [];
  if (withCertificates) {
    if (own) certificates = readCertificates(own.handle, true, true);
    else {
      const session = lib.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
      try {
        certificates = readCertificates(session, false, (info.flags & pkcs11js.CKF_LOGIN_REQUIRED) !== 0);
      } finally {
        lib.C_CloseSession(session);
      }
    }
  }
  return {
    slotId,
    slotDescription: text(slotInfo.slotDescription),
    label: text(info.label),
    manufacturer: text(info.manufacturerID),
    model: text(info.model),
    serialNumber: text(info.serialNumber),
    flags: info.flags,
    certificates,
    loggedIn: !!own,
  };
}

/**
 * Initialised tokens present (an uninitialised one, like SoftHSM2's spare slot, holds no keys); a slot
 * whose token vanished between the two calls is left out.
 */
function presentTokens(withCertificates: boolean): WireToken[] {
  const out: WireToken[] = [];
  for (const slot of loaded().C_GetSlotList(true)) {
    try {
      const token = describeSlot(slot, withCertificates);
      if (token.flags & pkcs11js.CKF_TOKEN_INITIALIZED) out.push(token);
    } catch (e) {
      const err = asWorkerError(e);
      if (err.kind !== 'pkcs11') throw e;
    }
  }
  return out;
}

const watchState = (tokens: WireToken[]) => JSON.stringify(tokens.map((t) => [t.slotId, t.serialNumber, t.label]));

function rescanIfNeeded(): void {
  if (!reinitializeToSeeChanges || sessions.size > 0) return;
  const lib = loaded();
  lib.C_Finalize();
  lib.C_Initialize({ flags: pkcs11js.CKF_OS_LOCKING_OK });
}

function login(slotId: string, pin: string | null): WorkerResults['login'] {
  const lib = loaded();
  const slot = slotById(slotId);
  const handle = lib.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
  try {
    // pin null: protected authentication path (PIN pad or the vendor's dialog asks for it).
    if (pin === null) lib.C_Login(handle, pkcs11js.CKU_USER);
    else lib.C_Login(handle, pkcs11js.CKU_USER, pin);
  } catch (e) {
    const err = asWorkerError(e);
    if (err.ckr !== 'CKR_USER_ALREADY_LOGGED_IN') {
      lib.C_CloseSession(handle);
      throw e;
    }
  }
  let mechanisms = new Set<number>();
  try {
    mechanisms = new Set(lib.C_GetMechanismList(slot));
  } catch {
    // Some modules fail here; signing then tries the combined mechanism first anyway.
  }
  const sessionKey = randomBytes(12).toString('hex');
  sessions.set(sessionKey, { handle, slotId, mechanisms, rsaCombinedRefused: false, keys: new Map() });
  return { sessionKey, certificates: readCertificates(handle, true, true) };
}

function logout(sessionKey: string): WorkerResults['logout'] {
  const s = sessions.get(sessionKey);
  if (!s) return { closed: false };
  sessions.delete(sessionKey);
  const lib = loaded();
  // Login state is per token for the whole process: log out only when no other session uses it.
  if (!loggedInSession(s.slotId)) {
    try {
      lib.C_Logout(s.handle);
    } catch {
      // Already logged out or token gone: the session is closed below either way.
    }
  }
  try {
    lib.C_CloseSession(s.handle);
  } catch {
    // Token gone: nothing left to close.
  }
  return { closed: true };
}

function privateKey(s: OpenSession, ckaId: string): Handle {
  const cached = s.keys.get(ckaId);
  if (cached) return cached;
  const [key] = findObjects(s.handle, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY }, { type: pkcs11js.CKA_ID, value: Buffer.from(ckaId, 'hex') }], 1);
  if (!key) throw new RequestFailure({ kind: 'key_not_found', message: `no private key with CKA_ID ${ckaId}` });
  s.keys.set(ckaId, key);
  return key;
}

function signOnce(s: OpenSession, key: Handle, mechanism: number, data: Buffer): Buffer {
  const lib = loaded();
  lib.C_SignInit(s.handle, { mechanism }, key);
  return lib.C_Sign(s.handle, data, Buffer.alloc(1024));
}

function sign(req: Extract<WorkerRequest, { op: 'sign' }>): WorkerResults['sign'] {
  const s = sessions.get(req.sessionKey);
  if (!s) throw new RequestFailure({ kind: 'pkcs11', ckr: 'CKR_SESSION_HANDLE_INVALID', message: 'session closed' });
  const key = privateKey(s, req.ckaId);
  const data = Buffer.from(req.data.buffer, req.data.byteOffset, req.data.byteLength);
  const step = signStep(req.keyType, s.mechanisms, data, s.rsaCombinedRefused);
  try {
    return { signature: new Uint8Array(signOnce(s, key, step.mechanism, step.input)), mechanism: step.name };
  } catch (e) {
    // A token that did not list its mechanisms and refuses the combined one: raw RSA from now on.
    if (step.mechanism !== CKM_SHA256_RSA_PKCS || asWorkerError(e).ckr !== 'CKR_MECHANISM_INVALID') throw e;
    s.rsaCombinedRefused = true;
    const raw = signStep(req.keyType, s.mechanisms, data, true);
    return { signature: new Uint8Array(signOnce(s, key, raw.mechanism, raw.input)), mechanism: raw.name };
  }
}

function watchTick(): void {
  try {
    rescanIfNeeded();
    const tokens = presentTokens(false);
    const state = watchState(tokens);
    if (state !== lastWatchState) {
      lastWatchState = state;
      send({ event: 'tokens', tokens });
    }
  } catch {
    // A failing poll is retried on the next tick; requests report their own errors.
  }
}

function watch(intervalMs: number): WorkerResults['watch'] {
  if (!watchTimer) {
    lastWatchState = watchState(presentTokens(false));
    watchTimer = setInterval(watchTick, Math.max(200, intervalMs));
  }
  return { watching: true };
}

function handle(req: WorkerRequest): unknown {
  switch (req.op) {
    case 'init':
      return init(req.modulePath);
    case 'listTokens': {
      rescanIfNeeded();
      const tokens = presentTokens(true);
      // The caller now knows these tokens: changes are reported against this listing.
      if (watchTimer) lastWatchState = watchState(tokens);
      return tokens;
    }
    case 'tokenFlags': {
      try {
        const info = loaded().C_GetTokenInfo(slotById(req.slotId));
        return { flags: info.flags, label: text(info.label) };
      } catch (e) {
        if (asWorkerError(e).kind === 'pkcs11') return null;
        throw e;
      }
    }
    case 'login':
      return login(req.slotId, req.pin);
    case 'logout':
      return logout(req.sessionKey);
    case 'sign':
      return sign(req);
    case 'watch':
      return watch(req.intervalMs);
  }
}

function send(message: WorkerMessage): void {
  // The main process may have gone (closed the channel) between a request and its answer.
  if (process.connected) process.send?.(message, undefined, undefined, () => undefined);
}

process.on('message', (raw: RequestEnvelope) => {
  const { id, request } = raw;
  try {
    send({ id, ok: true, value: handle(request) });
  } catch (e) {
    send({ id, ok: false, error: asWorkerError(e) });
  } finally {
    // Drop the only reference this process had to a PIN.
    if (request.op === 'login') (request as { pin: string | null }).pin = null;
  }
});

process.on('disconnect', () => {
  if (watchTimer) clearInterval(watchTimer);
  try {
    for (const key of [...sessions.keys()]) logout(key);
    p11?.C_Finalize();
  } catch {
    // Exiting anyway.
  }
  process.exit(0);
});

send({ event: 'ready' });
