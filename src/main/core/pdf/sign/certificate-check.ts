import * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';
import { AppError } from '../../errors';
import type { Signer } from '../../signing/signer';
import { parseCertificate } from './cms';

export interface SignWarning {
  code: string;
  message: string;
  messageEn: string;
}

const CURVE_BITS: Record<string, number> = { '1.2.840.10045.3.1.7': 256, '1.3.132.0.34': 384, '1.3.132.0.35': 521 };
const fmt = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The checks Decree 23/2025's technical rules ask of signing software before it signs (vn-domain.md §7):
 * the certificate is valid now; RSA ≥ 2048 bits or ECDSA ≥ 256; SHA-256 or stronger. Revocation cannot
 * be checked yet (no network layer): that is said as a warning, as the rules require.
 */
export function checkSignerCertificate(signer: Signer, now: Date = new Date()): SignWarning[] {
  const cert = parseCertificate(signer.certificate);
  const from = cert.notBefore.value;
  const to = cert.notAfter.value;
  if (now < from)
    throw new AppError(
      'SIGN_CERT_NOT_YET_VALID',
      `Chứng thư số chưa đến ngày có hiệu lực (từ ${fmt(from)}). Hãy kiểm tra lại ngày giờ của máy tính hoặc chờ đến ngày có hiệu lực.`,
      `The certificate is not valid yet (valid from ${fmt(from)}). Check the computer's clock or wait until then.`,
      { notBefore: from.toISOString() },
    );
  if (now > to)
    throw new AppError(
      'SIGN_CERT_EXPIRED',
      `Chứng thư số đã hết hạn ngày ${fmt(to)} nên không thể dùng để ký. Hãy liên hệ đơn vị cung cấp chứng thư số để gia hạn.`,
      `The certificate expired on ${fmt(to)} and cannot be used to sign. Ask your certificate provider to renew it.`,
      { notAfter: to.toISOString() },
    );
  const weakness = keyWeakness(cert);
  if (weakness) throw weakKey(weakness);
  if (!['SHA-256', 'SHA-384', 'SHA-512'].includes(signer.hash)) throw weakKey(`hash ${signer.hash}`);
  return [
    {
      code: 'SIGN_REVOCATION_NOT_CHECKED',
      message: 'Chưa kiểm tra được tình trạng thu hồi của chứng thư số (chưa kết nối máy chủ OCSP/CRL). Chữ ký vẫn được tạo; hãy kiểm tra lại khi có mạng.',
      messageEn: 'The certificate revocation status could not be checked (no OCSP/CRL access). The signature was made; check again when online.',
    },
  ];
}

/** Key strength depends on the certificate alone: checked once per certificate, not once per file of a batch. */
const weaknessOf = new WeakMap<pkijs.Certificate, string | null>();

function keyWeakness(cert: pkijs.Certificate): string | null {
  let w = weaknessOf.get(cert);
  if (w !== undefined) return w;
  const spki = cert.subjectPublicKeyInfo;
  const algo = spki.algorithm.algorithmId;
  w = null;
  if (algo === '1.2.840.113549.1.1.1' || algo === '1.2.840.113549.1.1.10') {
    const parsed = asn1js.fromBER(spki.subjectPublicKey.valueBlock.valueHexView.slice().buffer as ArrayBuffer);
    const modulus = (parsed.result as asn1js.Sequence).valueBlock.value[0] as asn1js.Integer;
    const m = modulus.valueBlock.valueHexView;
    const bits = (m[0] === 0 ? m.length - 1 : m.length) * 8;
    if (bits < 2048) w = `RSA ${bits}`;
  } else if (algo === '1.2.840.10045.2.1') {
    const curve = spki.algorithm.algorithmParams instanceof asn1js.ObjectIdentifier ? spki.algorithm.algorithmParams.valueBlock.toString() : '';
    if ((CURVE_BITS[curve] ?? 0) < 256) w = `EC ${curve || 'unknown curve'}`;
  } else w = `algorithm ${algo}`;
  weaknessOf.set(cert, w);
  return w;
}

function weakKey(detail: string): AppError {
  return new AppError(
    'SIGN_WEAK_KEY',
    'Chứng thư số dùng khoá hoặc thuật toán không đạt yêu cầu kỹ thuật (cần RSA từ 2048 bit hoặc ECDSA từ 256 bit, băm SHA-256 trở lên). Hãy dùng chứng thư số khác.',
    `The certificate's key or algorithm is below the required strength (${detail}; RSA ≥ 2048, ECDSA ≥ 256, SHA-256+). Use another certificate.`,
    { detail },
  );
}
