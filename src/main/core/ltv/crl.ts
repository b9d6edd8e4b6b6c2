/**
 * Certificate revocation lists (RFC 5280 §5): a CRL is used for a certificate only when it was issued
 * by the certificate's issuer (name match and a signature that verifies with the issuer's key).
 */
import { AppError } from '../errors';
import { X509, toArrayBuffer } from './der';

type Certificate = InstanceType<typeof X509.X509Certificate>;

export interface CrlAnswer {
  status: 'good' | 'revoked';
  revokedAt?: Date;
  thisUpdate: Date;
  nextUpdate?: Date;
}

const invalid = (vi: string, en: string) =>
  new AppError('LTV_CRL_INVALID', `Danh sách chứng thư bị thu hồi (CRL) không dùng được: ${vi}.`, `The certificate revocation list (CRL) cannot be used: ${en}.`, { why: en });
const detail = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function readCrl(der: Uint8Array): InstanceType<typeof X509.X509Crl> {
  try {
    return new X509.X509Crl(toArrayBuffer(der));
  } catch (e) {
    throw invalid(`không đọc được (${detail(e)})`, `unreadable (${detail(e)})`);
  }
}

/** true when the CRL names `issuer` as its issuer (no signature check). */
export const crlIsFrom = (der: Uint8Array, issuer: Certificate): boolean => {
  try {
    return new X509.X509Crl(toArrayBuffer(der)).issuer === issuer.subject;
  } catch {
    return false;
  }
};

export async function evaluateCrl(der: Uint8Array, cert: Certificate, issuer: Certificate): Promise<CrlAnswer> {
  const crl = readCrl(der);
  if (crl.issuer !== cert.issuer || crl.issuer !== issuer.subject) throw invalid('danh sách do một CA khác phát hành', 'issued by another CA');
  let ok = false;
  try {
    ok = await crl.verify({ publicKey: issuer.publicKey });
  } catch {
    ok = false;
  }
  if (!ok) throw invalid('chữ ký của CA trên danh sách không đúng (tệp bị hỏng hoặc giả mạo)', 'the CA signature does not verify (damaged or forged list)');
  const serial = BigInt('0x' + cert.serialNumber);
  const entry = crl.entries.find((e) => BigInt('0x' + e.serialNumber) === serial);
  const times = { thisUpdate: crl.thisUpdate, ...(crl.nextUpdate ? { nextUpdate: crl.nextUpdate } : {}) };
  return entry ? { status: 'revoked', revokedAt: entry.revocationDate, ...times } : { status: 'good', ...times };
}
