import { describe, expect, it } from 'vitest';
import { checkLoginAllowed, pinIncorrectError, tokenFlags } from '../../../src/main/core/tokens/pin-policy';
import { pkcs11Error } from '../../../src/main/core/tokens/pkcs11-errors';
import { AppError } from '../../../src/main/core/errors';

const LOGIN_REQUIRED = 0x4;
const PROTECTED_PATH = 0x100;
const COUNT_LOW = 0x10000;
const FINAL_TRY = 0x20000;
const LOCKED = 0x40000;

const attempt = (flags: number, opts: { confirmFinalTry?: boolean; pinGiven: boolean }) => {
  try {
    checkLoginAllowed('GIAO-VIEN', tokenFlags(flags), opts);
    return 'allowed';
  } catch (e) {
    return (e as AppError).code;
  }
};

describe('PIN policy', () => {
  it('reads the token PIN flags', () => {
    expect(tokenFlags(LOGIN_REQUIRED | COUNT_LOW | PROTECTED_PATH)).toMatchObject({ loginRequired: true, pinCountLow: true, protectedAuthPath: true, pinFinalTry: false, pinLocked: false });
  });

  it('refuses the final try unless confirmed, never tries a locked token, and needs no PIN on a PIN pad', () => {
    expect(attempt(LOGIN_REQUIRED, { pinGiven: true })).toBe('allowed');
    expect(attempt(LOGIN_REQUIRED | FINAL_TRY, { pinGiven: true })).toBe('TOKEN_PIN_FINAL_TRY');
    expect(attempt(LOGIN_REQUIRED | FINAL_TRY, { pinGiven: true, confirmFinalTry: true })).toBe('allowed');
    expect(attempt(LOGIN_REQUIRED | LOCKED, { pinGiven: true, confirmFinalTry: true })).toBe('TOKEN_PIN_LOCKED');
    expect(attempt(LOGIN_REQUIRED, { pinGiven: false })).toBe('TOKEN_PIN_REQUIRED');
    expect(attempt(LOGIN_REQUIRED | PROTECTED_PATH, { pinGiven: false })).toBe('allowed');
  });

  it('words a wrong PIN by what is left, in Vietnamese, with the flags in details', () => {
    const plain = pinIncorrectError('GIAO-VIEN', tokenFlags(LOGIN_REQUIRED));
    expect(plain.code).toBe('TOKEN_PIN_INCORRECT');
    expect(plain.messageVi).toContain('không đúng');
    expect(plain.messageVi).toContain('không tự thử lại');
    const final = pinIncorrectError('GIAO-VIEN', tokenFlags(FINAL_TRY));
    expect(final.messageVi).toContain('chỉ còn MỘT lần thử');
    expect(final.details).toMatchObject({ pinFinalTry: true, pinLocked: false });
    expect(pinIncorrectError('GIAO-VIEN', tokenFlags(LOCKED)).messageVi).toContain('đã bị khóa');
  });

  it('maps PKCS#11 return values to what a teacher can act on', () => {
    expect(pkcs11Error('CKR_DEVICE_REMOVED', 'ký', 'GIAO-VIEN').code).toBe('TOKEN_REMOVED');
    expect(pkcs11Error('CKR_PIN_LEN_RANGE', 'đăng nhập', 'GIAO-VIEN').code).toBe('TOKEN_PIN_LENGTH');
    const other = pkcs11Error('CKR_FUNCTION_FAILED', 'ký', 'GIAO-VIEN');
    expect(other.code).toBe('TOKEN_OPERATION_FAILED');
    expect(other.messageVi).toContain('CKR_FUNCTION_FAILED');
  });
});
