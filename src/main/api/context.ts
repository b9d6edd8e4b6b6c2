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

/** A lazily created service, closed with the context. */
export function lazyService<T>(ctx: AppContext, create: () => T, close: (s: T) => Promise<void> | void): () => T {
  let instance: T | undefined;
  return () => {
    if (instance === undefined) {
      instance = create();
      const created = instance;
      ctx.onClose(() => close(created));
    }
    return instance;
  };
}
