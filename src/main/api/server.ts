import { EventEmitter } from 'node:events';
import { contract, type MethodName, type EventName, type PayloadOf, type ParsedInputOf, type OutputOf } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { toApiError } from '../core/errors';

export type Handler<M extends MethodName> = (input: ParsedInputOf<M>) => Promise<OutputOf<M>>;
export type Handlers = { [M in MethodName]: Handler<M> };

/** Where handlers publish events; each transport forwards them to its renderer. */
export class EventBus {
  private readonly emitter = new EventEmitter();
  emit<E extends EventName>(name: E, payload: PayloadOf<E>): void {
    this.emitter.emit('event', name, payload);
  }
  subscribe(listener: (name: EventName, payload: unknown) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}

/**
 * The single entry every transport calls: the method name and the raw input are untrusted here, so
 * both are checked before a handler runs, and every failure comes back as a Result.
 */
export class ApiServer {
  constructor(
    private readonly handlers: Handlers,
    readonly events: EventBus,
  ) {}

  async call(name: string, rawInput: unknown): Promise<Result<unknown>> {
    if (!Object.prototype.hasOwnProperty.call(contract, name)) {
      return {
        ok: false,
        error: { code: 'API_UNKNOWN_METHOD', message: `Yêu cầu không hợp lệ: không có chức năng "${name}".`, messageEn: `Invalid request: no method "${name}".` },
      };
    }
    const method = name as MethodName;
    const parsed = contract[method].input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(gốc)'}: ${i.message}`).join('; ');
      return {
        ok: false,
        error: { code: 'API_INVALID_INPUT', message: `Dữ liệu gửi lên không hợp lệ (${issues}).`, messageEn: `Invalid input (${issues}).` },
      };
    }
    try {
      const handler = this.handlers[method] as (input: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (e) {
      return { ok: false, error: toApiError(e) };
    }
  }
}
