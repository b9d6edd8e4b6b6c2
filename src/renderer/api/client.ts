/**
 * The renderer's one way to the application: `window.hosoky` (the Electron preload) when present,
 * otherwise the loopback bridge of the dev host, whose secret arrives in the page URL's fragment
 * (`#bridge=…`). The fragment is removed from the address bar at once and kept for this tab only.
 */
import type { MethodName, InputOf, OutputOf, EventName, PayloadOf } from '../../shared/contract';
import type { ApiError, Result } from '../../shared/result';

interface PreloadApi {
  methods: Record<string, (input: unknown) => Promise<Result<unknown>>>;
  on(name: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    hosoky?: PreloadApi;
  }
}

export interface Transport {
  kind: 'electron' | 'bridge' | 'none';
  call(method: string, input: unknown): Promise<Result<unknown>>;
  on(name: string, listener: (payload: unknown) => void): () => void;
}

const SECRET_KEY = 'hosoky.bridge';

function bridgeSecret(): string | undefined {
  const m = /(?:^#|&)bridge=([0-9a-f]{16,128})/.exec(window.location.hash);
  if (m?.[1]) {
    sessionStorage.setItem(SECRET_KEY, m[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return m[1];
  }
  return sessionStorage.getItem(SECRET_KEY) ?? undefined;
}

const noTransport: ApiError = {
  code: 'APP_NO_CONNECTION',
  message: 'Trang này không kết nối được với Hồ Sơ Ký. Hãy mở ứng dụng Hồ Sơ Ký, hoặc mở lại đúng địa chỉ mà ứng dụng in ra.',
  messageEn: 'This page is not connected to Hồ Sơ Ký. Open the Hồ Sơ Ký app, or open the exact address it printed.',
};

function bridgeTransport(secret: string): Transport {
  const listeners = new Set<(name: string, payload: unknown) => void>();
  let source: EventSource | undefined;
  const ensureEvents = () => {
    if (source) return;
    source = new EventSource(`/events?secret=${encodeURIComponent(secret)}`);
    source.onmessage = (m) => {
      const { name, payload } = JSON.parse(m.data as string) as { name: string; payload: unknown };
      for (const l of listeners) l(name, payload);
    };
  };
  return {
    kind: 'bridge',
    async call(method, input) {
      try {
        const res = await fetch(`/api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-hosoky-secret': secret },
          body: JSON.stringify(input ?? {}),
        });
        if (!res.ok) return { ok: false, error: { ...noTransport, details: { status: res.status } } };
        return (await res.json()) as Result<unknown>;
      } catch {
        return { ok: false, error: noTransport };
      }
    },
    on(name, listener) {
      ensureEvents();
      const l = (n: string, p: unknown) => n === name && listener(p);
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}

function pickTransport(): Transport {
  const preload = window.hosoky;
  if (preload) {
    return {
      kind: 'electron',
      call: (method, input) => {
        const fn = preload.methods[method];
        return fn ? fn(input) : Promise.resolve({ ok: false, error: noTransport });
      },
      on: (name, listener) => preload.on(name, listener),
    };
  }
  const secret = bridgeSecret();
  if (secret) return bridgeTransport(secret);
  return { kind: 'none', call: async () => ({ ok: false, error: noTransport }), on: () => () => undefined };
}

export const transport: Transport = pickTransport();

/** Calls one API method; the answer is a Result (never throws for an application error). */
export function call<M extends MethodName>(method: M, input: InputOf<M>): Promise<Result<OutputOf<M>>> {
  return transport.call(method, input) as Promise<Result<OutputOf<M>>>;
}

/** Calls a method and throws its ApiError (for flows that stop at the first failure). */
export async function callOrThrow<M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>> {
  const r = await call(method, input);
  if (!r.ok) throw new ApiFailure(r.error);
  return r.value;
}

export function onEvent<E extends EventName>(name: E, listener: (payload: PayloadOf<E>) => void): () => void {
  return transport.on(name, listener as (p: unknown) => void);
}

export class ApiFailure extends Error {
  constructor(readonly error: ApiError) {
    super(error.messageEn);
  }
}

export const asApiError = (e: unknown): ApiError =>
  e instanceof ApiFailure ? e.error : { code: 'APP_UNEXPECTED', message: `Lỗi không mong muốn: ${String(e)}`, messageEn: `Unexpected error: ${String(e)}` };
