/**
 * HTTP for the trust services (TSA, OCSP, CRL, issuer certificates). Every request has a hard deadline
 * enforced by an AbortController over the whole exchange (connect, headers and body), so a service that
 * accepts the connection and never answers cannot make anyone wait. Bodies are capped in size.
 */
import { AppError } from '../../core/errors';
import type { LtvNetwork } from '../../core/ltv/ports';

const MAX_BODY_BYTES = 20 * 1024 * 1024;

function networkError(url: string, e: unknown, timeoutMs: number): AppError {
  const host = (() => {
    try {
      return new URL(url).host;
    } catch {
      return url;
    }
  })();
  if (e instanceof AppError) return e;
  if ((e as { name?: string })?.name === 'AbortError' || (e as { name?: string })?.name === 'TimeoutError') {
    return new AppError(
      'NET_TIMEOUT',
      `Máy chủ ${host} không trả lời trong ${Math.round(timeoutMs / 1000)} giây. Phần mềm sẽ tự thử lại khi có mạng.`,
      `${host} did not answer within ${Math.round(timeoutMs / 1000)} s. The app will retry when the network is back.`,
      { url, timeoutMs },
    );
  }
  const cause = (e as { cause?: { code?: string } })?.cause?.code ?? (e instanceof Error ? e.message : String(e));
  return new AppError(
    'NET_UNREACHABLE',
    `Không kết nối được tới máy chủ ${host} (${cause}). Hãy kiểm tra kết nối mạng; phần mềm sẽ tự thử lại khi có mạng.`,
    `Cannot reach ${host} (${cause}). Check the network connection; the app will retry when it is back.`,
    { url, cause },
  );
}

async function exchange(url: string, init: RequestInit, timeoutMs: number): Promise<Uint8Array> {
  if (!/^https?:\/\//i.test(url)) {
    throw new AppError('NET_BAD_URL', `Địa chỉ "${url}" không phải địa chỉ http(s). Hãy kiểm tra lại trong Cài đặt.`, `"${url}" is not an http(s) address. Check it in Settings.`, { url });
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(url, { ...init, signal: controller.signal, redirect: 'follow' });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new AppError(
        'NET_HTTP_STATUS',
        `Máy chủ ${new URL(url).host} trả lời lỗi ${response.status}. Hãy thử lại sau.`,
        `${new URL(url).host} answered with error ${response.status}. Try again later.`,
        { url, status: response.status },
      );
    }
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > MAX_BODY_BYTES) throw new AppError('NET_TOO_LARGE', `Máy chủ ${new URL(url).host} gửi dữ liệu quá lớn.`, `${new URL(url).host} sent too much data.`, { url });
    const body = new Uint8Array(await response.arrayBuffer());
    if (body.length > MAX_BODY_BYTES) throw new AppError('NET_TOO_LARGE', `Máy chủ ${new URL(url).host} gửi dữ liệu quá lớn.`, `${new URL(url).host} sent too much data.`, { url });
    return body;
  } catch (e) {
    throw networkError(url, e, timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}

export function createHttpNetwork(): LtvNetwork {
  return {
    post: (url, body, contentType, timeoutMs) => exchange(url, { method: 'POST', body: Buffer.from(body), headers: { 'content-type': contentType } }, timeoutMs),
    get: (url, timeoutMs) => exchange(url, { method: 'GET' }, timeoutMs),
  };
}
