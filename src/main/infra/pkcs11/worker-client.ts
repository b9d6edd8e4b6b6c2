/**
 * The main process's side of one token worker: starts it on first use, matches answers to requests
 * by id, gives every call a deadline, and turns a crash or a hang into a clear error. After a crash or
 * a kill the next call starts a fresh worker; nothing else in the app is affected.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../core/errors';
import type { RequestEnvelope, WireToken, WorkerError, WorkerMessage, WorkerRequest, WorkerResults } from './protocol';

export interface WorkerClientOptions {
  modulePath: string;
  /** Environment of the worker (e.g. SOFTHSM2_CONF); default: this process's. */
  env?: NodeJS.ProcessEnv;
  /** Deadline of an ordinary call (ms). */
  callTimeoutMs?: number;
  /** Deadline of C_Initialize (ms): vendor modules are slowest here. */
  initTimeoutMs?: number;
  /** Deadline of a login on a PIN pad / vendor dialog, where a person types. */
  protectedLoginTimeoutMs?: number;
}

/** Where the worker program is: next to the bundle, or this folder's .ts in a source checkout. */
export function workerEntry(): { file: string; execArgv: string[] } {
  const here = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
  const dir = path.dirname(here);
  if (here.endsWith('.ts')) return { file: path.join(dir, 'worker-main.ts'), execArgv: ['--import', 'tsx'] };
  for (const candidate of [path.join(dir, 'token-worker.js'), path.join(dir, '..', 'token-worker.js')]) {
    if (fs.existsSync(candidate)) return { file: candidate, execArgv: [] };
  }
  return { file: path.join(dir, 'token-worker.js'), execArgv: [] };
}

/** Workers started ahead of their first use in this process, by module path (see prestartWorker). */
const prestarted = new Map<string, Pkcs11WorkerClient>();

/**
 * Starts the worker of a module (Node start-up, pkcs11js, C_Initialize) before the code that will use
 * it is even loaded: a short-lived process such as `hosoky tokens` then loads its own modules while
 * the worker starts, instead of one after the other. The process's first TokenManager with default
 * worker options adopts it (adoptPrestartedWorker); closePrestartedWorkers() ends those nobody took,
 * which the caller must do, since a running worker keeps the process alive.
 */
export function prestartWorker(modulePath: string): void {
  // A missing file is reported without a worker; a second start of the same module would be wasted.
  if (prestarted.has(modulePath) || !fs.existsSync(modulePath)) return;
  const client = new Pkcs11WorkerClient({ modulePath });
  client.prestart();
  prestarted.set(modulePath, client);
}

export function adoptPrestartedWorker(modulePath: string): Pkcs11WorkerClient | undefined {
  const client = prestarted.get(modulePath);
  prestarted.delete(modulePath);
  return client;
}

export async function closePrestartedWorkers(): Promise<void> {
  const left = [...prestarted.values()];
  prestarted.clear();
  await Promise.all(left.map((c) => c.close()));
}

export class WorkerFailure extends Error {
  constructor(readonly error: WorkerError) {
    super(error.message);
  }
}

interface Pending {
  resolve(value: unknown): void;
  reject(e: unknown): void;
  timer: NodeJS.Timeout;
}

const moduleName = (p: string) => path.basename(p);

export class Pkcs11WorkerClient {
  private child: ChildProcess | null = null;
  private starting: Promise<WorkerResults['init']> | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly tokenListeners = new Set<(tokens: WireToken[]) => void>();
  private readonly exitListeners = new Set<(reason: 'crashed' | 'hung' | 'closed') => void>();
  private lastExit: 'crashed' | 'hung' | 'closed' | null = null;
  private closed = false;
  private onReady: () => void = () => undefined;
  /** The outcome of a start made ahead of use (prestart), handed to the first caller as is. */
  private earlyStart: Promise<WorkerResults['init']> | null = null;

  constructor(private readonly opts: WorkerClientOptions) {}

  get modulePath(): string {
    return this.opts.modulePath;
  }

  /** Token insert/remove events from the worker's polling. */
  onTokens(listener: (tokens: WireToken[]) => void): () => void {
    this.tokenListeners.add(listener);
    return () => this.tokenListeners.delete(listener);
  }

  /** Called when the worker process ends (its sessions are gone with it). */
  onExit(listener: (reason: 'crashed' | 'hung' | 'closed') => void): () => void {
    this.exitListeners.add(listener);
    return () => this.exitListeners.delete(listener);
  }

  /**
   * Starts the worker now, before anything asks for it. The first library() call then gets this start's
   * outcome — also its failure, so that a driver that crashes or fails to load is not run a second time.
   */
  prestart(): void {
    if (this.earlyStart || this.child || this.starting) return;
    this.earlyStart = this.library();
    // Its failure is reported to the first caller; a worker closed before any caller is not a failure.
    this.earlyStart.catch(() => undefined);
  }

  /** Starts the worker and initialises the module (once; again after a crash). */
  async library(): Promise<WorkerResults['init']> {
    if (this.closed) throw new Error('token worker client closed');
    if (this.earlyStart) {
      const early = this.earlyStart;
      this.earlyStart = null;
      return early;
    }
    if (!this.starting) {
      this.starting = this.spawn();
      this.starting.catch(() => {
        this.starting = null;
      });
    }
    return this.starting;
  }

  async call<K extends WorkerRequest['op']>(request: Extract<WorkerRequest, { op: K }>, timeoutMs?: number): Promise<WorkerResults[K]> {
    await this.library();
    return this.send(request, timeoutMs ?? this.opts.callTimeoutMs ?? 15_000) as Promise<WorkerResults[K]>;
  }

  get protectedLoginTimeoutMs(): number {
    return this.opts.protectedLoginTimeoutMs ?? 180_000;
  }

  async close(): Promise<void> {
    this.closed = true;
    const child = this.child;
    if (!child) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve();
      }, 1500);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      // The worker logs out, finalises the module and exits when the channel closes.
      if (child.connected) child.disconnect();
      else child.kill('SIGKILL');
    });
  }

  private async spawn(): Promise<WorkerResults['init']> {
    const entry = workerEntry();
    const child = fork(entry.file, [], {
      execArgv: entry.execArgv,
      env: this.opts.env ?? process.env,
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.child = child;
    this.lastExit = null;
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString('utf8')).slice(-2000);
    });
    // Starting a process (slow on a busy machine, slower through tsx) is not the module's time:
    // the module's deadlines start once the worker says it is up.
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(this.crashedError('did not start', stderr)), 60_000);
      child.once('exit', () => {
        clearTimeout(timer);
        reject(this.crashedError('did not start', stderr));
      });
      this.onReady = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    child.on('message', (m: WorkerMessage) => this.receive(m));
    child.on('exit', (code, signal) => {
      if (this.child === child) this.child = null;
      this.starting = null;
      const reason = this.lastExit ?? (this.closed ? 'closed' : 'crashed');
      const err = reason === 'hung' ? this.hungError() : this.crashedError(signal ?? `exit ${code}`, stderr);
      for (const [id, p] of this.pending) {
        clearTimeout(p.timer);
        this.pending.delete(id);
        p.reject(err);
      }
      for (const l of this.exitListeners) l(reason);
    });
    await ready;
    return (await this.send({ op: 'init', modulePath: this.opts.modulePath }, this.opts.initTimeoutMs ?? 20_000)) as WorkerResults['init'];
  }

  private send(request: WorkerRequest, timeoutMs: number): Promise<unknown> {
    const child = this.child;
    if (!child || !child.connected) return Promise.reject(this.crashedError('not running', ''));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        // A call that does not return means the module hangs: only killing the process frees it.
        this.lastExit = 'hung';
        child.kill('SIGKILL');
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      const envelope: RequestEnvelope = { id, request };
      child.send(envelope);
    });
  }

  private receive(m: WorkerMessage): void {
    if ('event' in m) {
      if (m.event === 'ready') this.onReady();
      else for (const l of this.tokenListeners) l(m.tokens);
      return;
    }
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    clearTimeout(p.timer);
    if (m.ok) p.resolve(m.value);
    else p.reject(new WorkerFailure(m.error));
  }

  private hungError(): AppError {
    const name = moduleName(this.opts.modulePath);
    return new AppError(
      'TOKEN_MODULE_HUNG',
      `Trình điều khiển token "${name}" không phản hồi nên đã bị dừng. Hãy rút token ra, cắm lại rồi thử lại; nếu vẫn bị, hãy cài lại trình điều khiển của nhà cung cấp. Các chức năng khác vẫn dùng bình thường.`,
      `The token driver "${name}" stopped responding and was stopped. Re-plug the token and try again; if it persists, reinstall the provider's driver. The rest of the app keeps working.`,
      { modulePath: this.opts.modulePath },
    );
  }

  private crashedError(how: string, stderr: string): AppError {
    const name = moduleName(this.opts.modulePath);
    return new AppError(
      'TOKEN_MODULE_CRASHED',
      `Trình điều khiển token "${name}" bị lỗi và đã dừng đột ngột. Phần mềm sẽ tự khởi động lại nó ở lần dùng sau. Hãy rút token ra, cắm lại rồi thử lại; nếu vẫn bị, hãy cài lại trình điều khiển của nhà cung cấp.`,
      `The token driver "${name}" crashed. It is restarted on next use. Re-plug the token and try again; if it persists, reinstall the provider's driver.`,
      { modulePath: this.opts.modulePath, how, ...(stderr.trim() ? { log: stderr.trim().split('\n').slice(-3).join('\n') } : {}) },
    );
  }
}
