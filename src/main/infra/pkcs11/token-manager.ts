/**
 * The token layer: one worker per PKCS#11 module, the tokens seen on them, the logged-in sessions with
 * their idle timers, hot-plug events, and Signers over session keys. Implements core's TokenService.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { ModuleReport, TokenCertificate, TokenLogin, TokenModule, TokenSummary } from '../../../shared/contract/tokens';
import type { PayloadOf } from '../../../shared/contract';
import { AppError, isAppError } from '../../core/errors';
import { certificateStatusAt, parseCertificate } from '../../core/pki/certificate';
import { ecdsaRawToDer } from '../../core/pki/ecdsa';
import type { Signer } from '../../core/signing/signer';
import { discoverModules, moduleProblem, type ModuleProbe } from '../../core/tokens/discovery';
import { identifyModule } from '../../core/tokens/module-table';
import { checkLoginAllowed, pinIncorrectError, pinLockedError, tokenFlags } from '../../core/tokens/pin-policy';
import { TOKEN_GONE, pkcs11Error, tokenRemovedError } from '../../core/tokens/pkcs11-errors';
import type { TokenService } from '../../core/tokens/token-service';
import { Pkcs11WorkerClient, WorkerFailure, adoptPrestartedWorker, type WorkerClientOptions } from './worker-client';
import type { WireCertificate, WireToken } from './protocol';

export interface TokenManagerOptions {
  probe: ModuleProbe;
  /** Module paths from settings (read on each use, so a change applies at once). */
  settingsModulePaths: () => Promise<string[]>;
  cspImagePaths?: () => string[];
  idleMinutes: () => Promise<number>;
  emit: <E extends 'tokens.changed' | 'tokens.sessionClosed'>(name: E, payload: PayloadOf<E>) => void;
  worker?: Omit<WorkerClientOptions, 'modulePath'>;
  /** Hot-plug polling period in the worker (ms). */
  watchIntervalMs?: number;
}

interface KnownToken {
  tokenId: string;
  modulePath: string;
  slotId: string;
  label: string;
}

interface Session {
  sessionId: string;
  token: KnownToken;
  sessionKey: string;
  certificates: TokenCertificate[];
  idleTimer: NodeJS.Timeout | null;
  idleMs: number;
}

export const tokenIdOf = (modulePath: string, serial: string, label: string) =>
  'tk-' + createHash('sha256').update(`${modulePath}\n${serial}\n${label}`).digest('hex').slice(0, 16);

function toCertificate(w: WireCertificate): TokenCertificate | null {
  try {
    const info = parseCertificate(w.der);
    const { status, daysToExpiry } = certificateStatusAt(info);
    return { certificateId: info.sha256Fingerprint, ckaId: w.ckaId, label: w.label, hasPrivateKey: w.hasPrivateKey, info, status, daysToExpiry, der: Buffer.from(w.der).toString('base64') };
  } catch {
    // A malformed certificate object on the token is not offered for signing.
    return null;
  }
}

function loadError(modulePath: string, message: string): AppError {
  if (/wrong ELF class|not a valid Win32|%1 is not|bad EXE format/i.test(message)) {
    return new AppError(
      'TOKEN_MODULE_WRONG_ARCH',
      `Trình điều khiển token "${modulePath}" không cùng kiến trúc (32/64-bit) với Hồ Sơ Ký nên không nạp được. Hãy cài bản trình điều khiển 64-bit của nhà cung cấp token.`,
      `The token driver "${modulePath}" is built for another architecture (32/64-bit). Install the provider's 64-bit driver.`,
      { modulePath, loader: message },
    );
  }
  return new AppError(
    'TOKEN_MODULE_INVALID',
    `Tệp "${modulePath}" không phải trình điều khiển token PKCS#11 dùng được. Hãy chọn đúng tệp .dll/.so/.dylib do nhà cung cấp token cài đặt (thường tên có "p11", "pkcs11" hoặc "csp11").`,
    `"${modulePath}" is not a usable PKCS#11 token driver. Choose the .dll/.so/.dylib installed by the token provider.`,
    { modulePath, loader: message },
  );
}

const moduleNotFound = (modulePath: string) =>
  new AppError(
    'TOKEN_MODULE_NOT_FOUND',
    `Không tìm thấy tệp trình điều khiển token "${modulePath}". Hãy cài phần mềm token của nhà cung cấp hoặc kiểm tra lại đường dẫn.`,
    `Token driver file "${modulePath}" not found. Install the provider's token software or check the path.`,
    { modulePath },
  );

const sessionClosedError = () =>
  new AppError(
    'TOKEN_SESSION_CLOSED',
    'Phiên đăng nhập token đã đóng (đã đăng xuất, quá thời gian không dùng, hoặc token đã bị rút). Hãy đăng nhập lại.',
    'The token session is closed (logged out, idle timeout or token removed). Log in again.',
  );

export class TokenManager implements TokenService {
  private readonly clients = new Map<string, Pkcs11WorkerClient>();
  private readonly tokens = new Map<string, KnownToken>();
  private readonly sessions = new Map<string, Session>();
  private readonly watched = new Map<string, Set<string>>();

  constructor(private readonly opts: TokenManagerOptions) {}

  modules(extraPaths: string[] = [], settingsPaths: string[] = []): TokenModule[] {
    return discoverModules({ settingsPaths, argumentPaths: extraPaths, cspImagePaths: this.opts.cspImagePaths?.() ?? [] }, this.opts.probe);
  }

  async modulesWithSettings(extraPaths: string[] = []): Promise<TokenModule[]> {
    return this.modules(extraPaths, await this.opts.settingsModulePaths());
  }

  async list(modulePaths?: string[]): Promise<ModuleReport[]> {
    const modules = modulePaths?.length ? modulePaths.map((p) => this.describeModule(p)) : await this.modulesWithSettings();
    return Promise.all(modules.map((m) => this.report(m)));
  }

  describeModule(modulePath: string): TokenModule {
    const { provider, label } = identifyModule(modulePath);
    const present = this.opts.probe.exists(modulePath);
    const problem = present ? moduleProblem(modulePath, this.opts.probe) : undefined;
    return { path: modulePath, provider, label, source: 'argument', present, ...(problem ? { problem: problem.toApiError() } : {}) };
  }

  private client(modulePath: string): Pkcs11WorkerClient {
    let c = this.clients.get(modulePath);
    if (!c) {
      // A worker prestarted by this process was started with the default options.
      c = (this.opts.worker === undefined ? adoptPrestartedWorker(modulePath) : undefined) ?? new Pkcs11WorkerClient({ ...this.opts.worker, modulePath });
      c.onExit((reason) => this.workerEnded(modulePath, reason));
      c.onTokens((tokens) => this.tokensSeen(modulePath, tokens));
      this.clients.set(modulePath, c);
    }
    return c;
  }

  private async report(module: TokenModule): Promise<ModuleReport> {
    if (!module.present) return { module, tokens: [], error: moduleNotFound(module.path).toApiError() };
    if (module.problem) return { module, tokens: [], error: module.problem };
    try {
      const client = this.client(module.path);
      const library = await client.library().catch((e: unknown) => {
        throw e instanceof WorkerFailure && e.error.kind === 'load' ? loadError(module.path, e.error.message) : e;
      });
      const wire = await client.call({ op: 'listTokens' });
      const tokens = wire.map((t) => this.summary(module, t));
      // The worker resets its hot-plug baseline on every listing, so a removal or insertion seen first by
      // a listing is never reported by polling: handle it here (close the sessions of a pulled token).
      if (this.watched.has(module.path)) this.tokensSeen(module.path, wire);
      return { module, library, tokens };
    } catch (e) {
      return { module, tokens: [], error: this.toAppError(e, 'đọc danh sách token', module.label).toApiError() };
    }
  }

  private summary(module: TokenModule, t: WireToken): TokenSummary {
    const tokenId = tokenIdOf(module.path, t.serialNumber, t.label);
    this.tokens.set(tokenId, { tokenId, modulePath: module.path, slotId: t.slotId, label: t.label });
    return {
      tokenId,
      modulePath: module.path,
      moduleLabel: module.label,
      slotId: t.slotId,
      slotDescription: t.slotDescription,
      label: t.label,
      manufacturer: t.manufacturer,
      model: t.model,
      serialNumber: t.serialNumber,
      flags: tokenFlags(t.flags),
      certificates: t.certificates.map(toCertificate).filter((c): c is TokenCertificate => c !== null),
      loggedIn: [...this.sessions.values()].some((s) => s.token.tokenId === tokenId),
    };
  }

  private async findToken(tokenId: string): Promise<KnownToken> {
    if (!this.tokens.has(tokenId)) await this.list();
    const token = this.tokens.get(tokenId);
    if (!token) {
      throw new AppError(
        'TOKEN_NOT_FOUND',
        'Không thấy token này. Hãy cắm token vào máy, chờ vài giây rồi chọn lại trong danh sách.',
        'This token is not connected. Plug it in, wait a few seconds and choose it again.',
        { tokenId },
      );
    }
    return token;
  }

  async login(tokenId: string, pin: string | undefined, opts: { confirmFinalTry?: boolean | undefined } = {}): Promise<TokenLogin> {
    const token = await this.findToken(tokenId);
    const client = this.client(token.modulePath);
    // A new login always checks the PIN: the token's earlier session of this app is closed first.
    for (const s of [...this.sessions.values()]) if (s.token.tokenId === tokenId) await this.closeSession(s, 'replaced');
    const state = await client.call({ op: 'tokenFlags', slotId: token.slotId });
    if (!state) throw tokenRemovedError(token.label);
    const flags = tokenFlags(state.flags);
    checkLoginAllowed(token.label, flags, { confirmFinalTry: opts.confirmFinalTry, pinGiven: pin !== undefined });
    let result;
    try {
      result = await client.call(
        { op: 'login', slotId: token.slotId, pin: flags.protectedAuthPath ? null : (pin ?? null) },
        flags.protectedAuthPath ? client.protectedLoginTimeoutMs : undefined,
      );
    } catch (e) {
      if (e instanceof WorkerFailure && (e.error.ckr === 'CKR_PIN_INCORRECT' || e.error.ckr === 'CKR_PIN_LOCKED')) {
        // Read the flags again: the token has just counted the wrong try.
        const after = await client.call({ op: 'tokenFlags', slotId: token.slotId }).catch(() => null);
        const f = tokenFlags(after?.flags ?? state.flags);
        throw e.error.ckr === 'CKR_PIN_LOCKED' ? pinLockedError(token.label, { ...f, pinLocked: true }) : pinIncorrectError(token.label, f);
      }
      throw this.toAppError(e, 'đăng nhập', token.label);
    }
    const certificates = result.certificates.map(toCertificate).filter((c): c is TokenCertificate => c !== null);
    const idleMinutes = await this.opts.idleMinutes();
    const session: Session = { sessionId: randomUUID(), token, sessionKey: result.sessionKey, certificates, idleTimer: null, idleMs: idleMinutes * 60_000 };
    this.sessions.set(session.sessionId, session);
    this.touch(session);
    return { sessionId: session.sessionId, tokenId, tokenLabel: token.label, certificates, idleMinutes };
  }

  async logout(sessionId: string): Promise<boolean> {
    const s = this.sessions.get(sessionId);
    if (!s) return false;
    await this.closeSession(s, null);
    return true;
  }

  async getSigner(sessionId: string, certificateId: string): Promise<Signer> {
    const session = this.sessions.get(sessionId);
    if (!session) throw sessionClosedError();
    const wanted = certificateId.toUpperCase();
    const cert = session.certificates.find((c) => c.certificateId === wanted || c.ckaId.toUpperCase() === wanted);
    if (!cert || cert.hasPrivateKey === false) {
      throw new AppError(
        'TOKEN_KEY_NOT_FOUND',
        `Trên token "${session.token.label}" không có khóa bí mật của chứng thư đã chọn. Hãy chọn chứng thư khác (chứng thư có khóa ký).`,
        `Token "${session.token.label}" has no private key for the chosen certificate. Choose another certificate.`,
        { certificateId },
      );
    }
    const der = new Uint8Array(Buffer.from(cert.der, 'base64'));
    const keyType = cert.info.keyType;
    return {
      certificate: der,
      chain: this.chainOnToken(cert, session.certificates),
      keyType,
      keyBits: cert.info.keyBits,
      signatureAlgorithm: keyType === 'RSA' ? 'RSASSA-PKCS1-v1_5' : 'ECDSA',
      hash: 'SHA-256',
      source: 'token',
      sign: async (data) => {
        if (!this.sessions.has(sessionId)) throw sessionClosedError();
        this.touch(session);
        try {
          const { signature } = await this.client(session.token.modulePath).call({ op: 'sign', sessionKey: session.sessionKey, ckaId: cert.ckaId, keyType, data });
          return keyType === 'EC' ? ecdsaRawToDer(signature) : signature;
        } catch (e) {
          throw await this.signFailure(session, e);
        }
      },
    };
  }

  /** Issuing CA certificates kept on the token itself, nearest first. */
  private chainOnToken(leaf: TokenCertificate, all: TokenCertificate[]): Uint8Array[] {
    const chain: Uint8Array[] = [];
    let current = leaf;
    for (let i = 0; i < 5 && !current.info.selfSigned; i++) {
      const issuer = all.find((c) => c !== current && c.info.isCa && c.info.subject === current.info.issuer);
      if (!issuer) break;
      chain.push(new Uint8Array(Buffer.from(issuer.der, 'base64')));
      current = issuer;
    }
    return chain;
  }

  private async signFailure(session: Session, e: unknown): Promise<AppError> {
    const gone = e instanceof WorkerFailure && (e.error.kind === 'key_not_found' || (e.error.ckr !== undefined && TOKEN_GONE.has(e.error.ckr)));
    if (gone || (isAppError(e) && (e.code === 'TOKEN_MODULE_CRASHED' || e.code === 'TOKEN_MODULE_HUNG'))) {
      const present = await this.client(session.token.modulePath)
        .call({ op: 'tokenFlags', slotId: session.token.slotId })
        .catch(() => null);
      if (!present || gone) {
        await this.closeSession(session, 'removed');
        return tokenRemovedError(session.token.label, e instanceof WorkerFailure ? e.error.ckr : undefined);
      }
    }
    return this.toAppError(e, 'ký', session.token.label);
  }

  async watch(modulePaths?: string[]): Promise<void> {
    const paths = modulePaths?.length ? modulePaths : (await this.modulesWithSettings()).filter((m) => m.present && !m.problem).map((m) => m.path);
    await Promise.all(
      paths.map(async (p) => {
        try {
          const client = this.client(p);
          if (!this.watched.has(p)) {
            const now = await client.call({ op: 'listTokens' }).catch(() => [] as WireToken[]);
            this.watched.set(p, new Set(now.map((t) => tokenIdOf(p, t.serialNumber, t.label))));
          }
          await client.call({ op: 'watch', intervalMs: this.opts.watchIntervalMs ?? 1000 });
        } catch {
          // A module that cannot be loaded is reported by list(); nothing to watch on it.
        }
      }),
    );
  }

  private tokensSeen(modulePath: string, tokens: WireToken[]): void {
    const before = this.watched.get(modulePath) ?? new Set<string>();
    const now = new Map(tokens.map((t) => [tokenIdOf(modulePath, t.serialNumber, t.label), t]));
    const inserted = [...now.keys()].filter((id) => !before.has(id));
    const removed = [...before].filter((id) => !now.has(id));
    this.watched.set(modulePath, new Set(now.keys()));
    for (const [tokenId, t] of now) this.tokens.set(tokenId, { tokenId, modulePath, slotId: t.slotId, label: t.label });
    for (const id of removed) {
      this.tokens.delete(id);
      for (const s of [...this.sessions.values()]) if (s.token.tokenId === id) void this.closeSession(s, 'removed');
    }
    if (inserted.length || removed.length) {
      this.opts.emit('tokens.changed', { modulePath, tokens: [...now].map(([tokenId, t]) => ({ tokenId, label: t.label })), inserted, removed });
    }
  }

  private workerEnded(modulePath: string, reason: 'crashed' | 'hung' | 'closed'): void {
    this.watched.delete(modulePath);
    for (const s of [...this.sessions.values()]) {
      if (s.token.modulePath !== modulePath) continue;
      if (s.idleTimer) clearTimeout(s.idleTimer);
      this.sessions.delete(s.sessionId);
      if (reason !== 'closed') this.opts.emit('tokens.sessionClosed', { sessionId: s.sessionId, tokenId: s.token.tokenId, reason: 'crashed' });
    }
  }

  private touch(s: Session): void {
    if (s.idleTimer) clearTimeout(s.idleTimer);
    s.idleTimer = setTimeout(() => void this.closeSession(s, 'idle'), s.idleMs);
    s.idleTimer.unref();
  }

  private async closeSession(s: Session, reason: 'idle' | 'removed' | 'replaced' | null): Promise<void> {
    if (!this.sessions.delete(s.sessionId)) return;
    if (s.idleTimer) clearTimeout(s.idleTimer);
    await this.clients
      .get(s.token.modulePath)
      ?.call({ op: 'logout', sessionKey: s.sessionKey })
      .catch(() => undefined);
    if (reason) this.opts.emit('tokens.sessionClosed', { sessionId: s.sessionId, tokenId: s.token.tokenId, reason });
  }

  private toAppError(e: unknown, operation: string, label: string): AppError {
    if (isAppError(e)) return e;
    if (e instanceof WorkerFailure) {
      if (e.error.kind === 'pkcs11' && e.error.ckr) return pkcs11Error(e.error.ckr, operation, label);
      if (e.error.kind === 'key_not_found') return tokenRemovedError(label);
    }
    const message = e instanceof Error ? e.message : String(e);
    return new AppError('TOKEN_OPERATION_FAILED', `Lỗi khi ${operation} với token "${label}": ${message}`, `Error during ${operation} with token "${label}": ${message}`);
  }

  async close(): Promise<void> {
    for (const s of [...this.sessions.values()]) await this.closeSession(s, null);
    await Promise.all([...this.clients.values()].map((c) => c.close()));
    this.clients.clear();
  }
}
