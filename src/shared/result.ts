/**
 * Every API answer is a Result: the UI and the command line show the same Vietnamese message for the
 * same failure, because the message travels with the error code.
 */
export interface ApiError {
  /** Stable, machine-readable (e.g. `TOKEN_PIN_INCORRECT`). */
  code: string;
  /** What a Vietnamese teacher reads. Always present, with full diacritics. */
  message: string;
  /** The same in English, for the English UI. */
  messageEn: string;
  /** Extra facts the UI may show (e.g. remaining PIN tries). Never secrets. */
  details?: Record<string, unknown>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: ApiError): Result<never> => ({ ok: false, error });
