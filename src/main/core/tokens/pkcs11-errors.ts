/**
 * Turns a PKCS#11 return value (CKR_*) from the token worker into the message a teacher reads.
 * The worker sends the CKR name; the mapping is here so that every caller words a failure alike.
 */
import { AppError } from '../errors';

/** Return values meaning the token is gone (pulled out, or the session died with it). */
export const TOKEN_GONE = new Set([
  'CKR_DEVICE_REMOVED',
  'CKR_TOKEN_NOT_PRESENT',
  'CKR_SESSION_HANDLE_INVALID',
  'CKR_SESSION_CLOSED',
  'CKR_KEY_HANDLE_INVALID',
  'CKR_OBJECT_HANDLE_INVALID',
  'CKR_TOKEN_NOT_RECOGNIZED',
  'CKR_SLOT_ID_INVALID',
  'CKR_DEVICE_ERROR',
]);

export const tokenRemovedError = (label: string, ckr?: string) =>
  new AppError(
    'TOKEN_REMOVED',
    `Không còn kết nối được với token "${label}" (có thể token đã bị rút ra). Việc ký đã dừng và không có tệp nào được ghi dở. Hãy cắm lại token, đăng nhập lại rồi ký lại.`,
    `Token "${label}" is no longer reachable (it may have been pulled out). Signing stopped and no partial file was written. Plug it in, log in again and sign again.`,
    { tokenLabel: label, ...(ckr ? { pkcs11: ckr } : {}) },
  );

export function pkcs11Error(ckr: string, operation: string, label: string): AppError {
  if (TOKEN_GONE.has(ckr)) return tokenRemovedError(label, ckr);
  if (ckr === 'CKR_PIN_LEN_RANGE')
    return new AppError('TOKEN_PIN_LENGTH', `Mã PIN có độ dài không hợp lệ với token "${label}". Hãy kiểm tra lại mã PIN.`, `The PIN length is not valid for token "${label}".`, { tokenLabel: label });
  if (ckr === 'CKR_USER_PIN_NOT_INITIALIZED')
    return new AppError('TOKEN_PIN_NOT_INITIALIZED', `Token "${label}" chưa được đặt mã PIN người dùng. Hãy dùng phần mềm của nhà cung cấp để đặt PIN.`, `Token "${label}" has no user PIN yet. Set one with the provider's tool.`, { tokenLabel: label });
  if (ckr === 'CKR_FUNCTION_CANCELED')
    return new AppError('TOKEN_CANCELLED', 'Việc nhập PIN trên thiết bị đã bị hủy.', 'PIN entry on the device was cancelled.', { tokenLabel: label });
  if (ckr === 'CKR_USER_NOT_LOGGED_IN')
    return new AppError('TOKEN_NOT_LOGGED_IN', `Phiên đăng nhập token "${label}" đã hết. Hãy đăng nhập lại.`, `The session on token "${label}" has ended. Log in again.`, { tokenLabel: label });
  return new AppError(
    'TOKEN_OPERATION_FAILED',
    `Token "${label}" báo lỗi khi ${operation} (${ckr}). Hãy rút token ra, cắm lại rồi thử lại; nếu vẫn lỗi, hãy cài lại trình điều khiển của nhà cung cấp.`,
    `Token "${label}" reported an error during ${operation} (${ckr}). Re-plug the token and try again; if it persists, reinstall the provider's driver.`,
    { tokenLabel: label, pkcs11: ckr },
  );
}
