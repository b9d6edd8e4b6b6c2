/**
 * What the app may do with a PIN. A wrong PIN uses up one of the token's few tries (a Ban Cơ yếu token
 * locks after 3: vn-domain.md §1.5), so: one C_Login per user action, never retried, never through a
 * second path; on "final try" the user must confirm first; a locked token is not tried at all.
 */
import type { TokenFlags } from '../../../shared/contract/tokens';
import { AppError } from '../errors';

// CK_TOKEN_INFO.flags (PKCS#11 v2.40 §5.5.3).
const CKF_WRITE_PROTECTED = 0x2;
const CKF_LOGIN_REQUIRED = 0x4;
const CKF_PROTECTED_AUTHENTICATION_PATH = 0x100;
const CKF_TOKEN_INITIALIZED = 0x400;
const CKF_USER_PIN_COUNT_LOW = 0x10000;
const CKF_USER_PIN_FINAL_TRY = 0x20000;
const CKF_USER_PIN_LOCKED = 0x40000;
const CKF_USER_PIN_TO_BE_CHANGED = 0x80000;

export function tokenFlags(flags: number): TokenFlags {
  return {
    loginRequired: (flags & CKF_LOGIN_REQUIRED) !== 0,
    protectedAuthPath: (flags & CKF_PROTECTED_AUTHENTICATION_PATH) !== 0,
    pinCountLow: (flags & CKF_USER_PIN_COUNT_LOW) !== 0,
    pinFinalTry: (flags & CKF_USER_PIN_FINAL_TRY) !== 0,
    pinLocked: (flags & CKF_USER_PIN_LOCKED) !== 0,
    pinToBeChanged: (flags & CKF_USER_PIN_TO_BE_CHANGED) !== 0,
    initialized: (flags & CKF_TOKEN_INITIALIZED) !== 0,
    writeProtected: (flags & CKF_WRITE_PROTECTED) !== 0,
  };
}

const pinDetails = (f: TokenFlags, label: string) => ({ tokenLabel: label, pinCountLow: f.pinCountLow, pinFinalTry: f.pinFinalTry, pinLocked: f.pinLocked });

export const pinLockedError = (label: string, f: TokenFlags) =>
  new AppError(
    'TOKEN_PIN_LOCKED',
    `Mã PIN của token "${label}" đã bị khóa vì nhập sai quá số lần cho phép. Hãy liên hệ nhà cung cấp chữ ký số (hoặc dùng công cụ mở khóa của họ) để mở khóa; phần mềm sẽ không thử PIN nữa.`,
    `The PIN of token "${label}" is locked after too many wrong tries. Contact your signature provider (or use their unlock tool); the app will not try a PIN again.`,
    pinDetails(f, label),
  );

/** Checks before a login attempt; throws when the attempt must not be made. */
export function checkLoginAllowed(label: string, f: TokenFlags, opts: { confirmFinalTry?: boolean | undefined; pinGiven: boolean }): void {
  if (f.pinLocked) throw pinLockedError(label, f);
  if (f.pinFinalTry && !opts.confirmFinalTry) {
    throw new AppError(
      'TOKEN_PIN_FINAL_TRY',
      `Token "${label}" chỉ còn MỘT lần nhập PIN: nếu sai, token sẽ bị khóa. Hãy kiểm tra kỹ mã PIN rồi xác nhận để thử lần cuối.`,
      `Token "${label}" has ONE PIN try left: a wrong PIN locks it. Check the PIN carefully, then confirm to make the final try.`,
      { ...pinDetails(f, label), needsConfirmation: true },
    );
  }
  if (!f.protectedAuthPath && !opts.pinGiven) {
    throw new AppError('TOKEN_PIN_REQUIRED', `Hãy nhập mã PIN của token "${label}".`, `Enter the PIN of token "${label}".`, pinDetails(f, label));
  }
}

export const pinIncorrectError = (label: string, f: TokenFlags) => {
  const tail = f.pinLocked
    ? ' Token đã bị khóa PIN: hãy liên hệ nhà cung cấp chữ ký số để mở khóa.'
    : f.pinFinalTry
      ? ' CẢNH BÁO: chỉ còn MỘT lần thử, nếu sai nữa token sẽ bị khóa.'
      : f.pinCountLow
        ? ' Lưu ý: token báo số lần thử còn lại đã ít.'
        : '';
  const tailEn = f.pinLocked ? ' The token PIN is now locked: contact your provider.' : f.pinFinalTry ? ' WARNING: one try left, another wrong PIN locks the token.' : f.pinCountLow ? ' Few tries are left.' : '';
  return new AppError(
    'TOKEN_PIN_INCORRECT',
    `Mã PIN của token "${label}" không đúng. Phần mềm không tự thử lại; hãy kiểm tra mã PIN (chữ hoa, chữ thường, bàn phím số) rồi nhập lại.${tail}`,
    `The PIN of token "${label}" is wrong. The app does not retry; check the PIN and enter it again.${tailEn}`,
    pinDetails(f, label),
  );
};
