/**
 * What the preload puts on `window.hosoky`: one function per contract method and a subscription that
 * accepts only the contract's event names. Nothing else crosses into the page (no ipcRenderer, no
 * generic invoke), so a compromised page can call only what the API offers, with validated inputs.
 */
import { methodNames, eventNames, type MethodName, type EventName, type InputOf, type OutputOf, type PayloadOf } from '../shared/contract';
import type { Result } from '../shared/result';

export type MethodsApi = { [M in MethodName]: (input: InputOf<M>) => Promise<Result<OutputOf<M>>> };

export interface HosokyApi {
  methods: MethodsApi;
  /** Subscribes to one event of the contract; returns the function that unsubscribes. */
  on<E extends EventName>(name: E, listener: (payload: PayloadOf<E>) => void): () => void;
}

export type Invoke = (method: MethodName, input: unknown) => Promise<Result<unknown>>;
export type Subscribe = (listener: (name: string, payload: unknown) => void) => () => void;

export function buildExposedApi(invoke: Invoke, subscribe: Subscribe): HosokyApi {
  const methods = Object.create(null) as Record<string, (input: unknown) => Promise<Result<unknown>>>;
  for (const name of methodNames) methods[name] = (input: unknown) => invoke(name, input ?? {});
  const allowedEvents = new Set<string>(eventNames);
  return {
    methods: Object.freeze(methods) as unknown as MethodsApi,
    on(name, listener) {
      if (!allowedEvents.has(name)) throw new Error(`unknown event ${String(name)}`);
      return subscribe((eventName, payload) => {
        if (eventName === name) listener(payload as PayloadOf<typeof name>);
      });
    },
  };
}
