import type { ApiError } from '../../shared/result';

/**
 * The one error type the domain throws. It carries its Vietnamese and English messages so that every
 * host (IPC, bridge, command line) shows the same words for the same failure.
 */
export class AppError extends Error {
  readonly code: string;
  readonly messageVi: string;
  readonly messageEn: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, messageVi: string, messageEn: string, details?: Record<string, unknown>, options?: { cause?: unknown }) {
    super(messageEn, options);
    this.name = 'AppError';
    this.code = code;
    this.messageVi = messageVi;
    this.messageEn = messageEn;
    this.details = details;
  }

  toApiError(): ApiError {
    return { code: this.code, message: this.messageVi, messageEn: this.messageEn, ...(this.details ? { details: this.details } : {}) };
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** Turns anything thrown into an ApiError without leaking internals (stack, paths of secrets). */
export function toApiError(e: unknown): ApiError {
  if (isAppError(e)) return e.toApiError();
  const detail = e instanceof Error ? e.message : String(e);
  return {
    code: 'INTERNAL',
    message: `Đã xảy ra lỗi không mong muốn: ${detail}`,
    messageEn: `Unexpected error: ${detail}`,
  };
}
