import { EventBus } from './server';

export interface AppOptions {
  /** Where the store, blobs, settings and caches live (HOSOKY_DATA or the user's app-data folder). */
  dataDir: string;
  host: 'electron' | 'bridge' | 'cli';
  version: string;
}

/**
 * What the handlers are given: options, the event bus and the services each domain adds. Services are
 * created lazily so that a command that needs no token never starts the token worker.
 */
export interface AppContext {
  options: AppOptions;
  events: EventBus;
  /** Closes every service that was started (token worker, database, timers). */
  close(): Promise<void>;
  /** Registers a service's close function, run in reverse order by close(). */
  onClose(fn: () => Promise<void> | void): void;
}

export function createAppContext(options: AppOptions): AppContext {
  const closers: Array<() => Promise<void> | void> = [];
  return {
    options,
    events: new EventBus(),
    onClose: (fn) => void closers.push(fn),
    async close() {
      for (const fn of closers.reverse()) await fn();
      closers.length = 0;
    },
  };
}

/**
 * Declares a service of the application: created on first use for a context, shared by every handler
 * of that context, closed with it. Each domain declares its own in `api/services/<domain>.ts`, e.g.
 * `export const tokenService = defineService((ctx) => new TokenService(...), (s) => s.close());`
 */
export function defineService<T>(create: (ctx: AppContext) => T, close?: (service: T) => Promise<void> | void): (ctx: AppContext) => T {
  const instances = new WeakMap<AppContext, T>();
  return (ctx) => {
    let service = instances.get(ctx);
    if (service === undefined) {
      service = create(ctx);
      instances.set(ctx, service);
      const created = service;
      if (close) ctx.onClose(() => close(created));
    }
    return service;
  };
}
