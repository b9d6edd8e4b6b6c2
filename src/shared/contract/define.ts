import type { z } from 'zod';

/**
 * One API method: the schema its input must pass (checked by every transport before a handler runs)
 * and the type of its output. Output types are compile-time only: the main process is trusted.
 */
export interface MethodSpec<I extends z.ZodType, O> {
  input: I;
  /** Phantom (always undefined at run time): carries the output type. */
  output: O;
  /** Long-running or heavy methods get a longer transport timeout (ms). */
  timeoutMs?: number;
}

export const method = <I extends z.ZodType, O>(input: I, opts: { timeoutMs?: number } = {}): MethodSpec<I, O> => ({
  input,
  output: undefined as O,
  ...opts,
});

/** An event pushed from the main process to the renderer (token inserted, queue progress, …). */
export interface EventSpec<P> {
  /** Phantom (always undefined at run time): carries the payload type. */
  payload: P;
}
export const event = <P>(): EventSpec<P> => ({ payload: undefined as P });
