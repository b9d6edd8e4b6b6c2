/**
 * The certificates a member of staff holds (one person may hold several, seed 004 II.2): personal or the
 * organisation's seal, special-purpose (Ban Cơ yếu Chính phủ) or commercial (VNPT, Viettel, …). They are
 * filled in from a token when one is read, or typed in by hand for certificates not at hand.
 */
import { daysBetween, type IsoDate } from './dates';
import { normalizeText } from './staff';

export type CertificateHolder = 'personal' | 'organisation';

export interface StaffCertificateInput {
  holder: CertificateHolder;
  specialPurpose: boolean;
  /** Provider as shown in "Đơn vị cung cấp": "Ban Cơ yếu Chính phủ", "VNPT", "Viettel", … */
  providerName: string;
  serialNumber: string;
  issuer: string;
  subject?: string | null;
  validFrom: IsoDate;
  validTo: IsoDate;
  /** Token label and serial, when known ("VNPT-CA 5400…"). */
  token?: string | null;
  /** SHA-256 of the DER, when read from a token (used to recognise the same certificate read twice). */
  sha256Fingerprint?: string | null;
  source: 'token' | 'manual';
}

export interface StaffCertificate extends StaffCertificateInput {
  id: number;
  staffId: number;
}

/** What the app tells the office about a certificate on a given day. */
export type CertificateState = 'not_yet_valid' | 'valid' | 'expiring_60' | 'expiring_30' | 'expired';

export const EXPIRY_WARNING_DAYS = [60, 30] as const;

export function certificateState(cert: Pick<StaffCertificateInput, 'validFrom' | 'validTo'>, today: IsoDate): { state: CertificateState; daysLeft: number } {
  const daysLeft = daysBetween(today, cert.validTo.slice(0, 10));
  if (cert.validFrom.slice(0, 10) > today) return { state: 'not_yet_valid', daysLeft };
  if (daysLeft < 0) return { state: 'expired', daysLeft };
  if (daysLeft <= 30) return { state: 'expiring_30', daysLeft };
  if (daysLeft <= 60) return { state: 'expiring_60', daysLeft };
  return { state: 'valid', daysLeft };
}

export function stateLabel(state: CertificateState, daysLeft: number): { vi: string; en: string } {
  switch (state) {
    case 'not_yet_valid':
      return { vi: 'chưa đến ngày hiệu lực', en: 'not yet valid' };
    case 'expired':
      return { vi: `đã hết hạn ${-daysLeft} ngày`, en: `expired ${-daysLeft} days ago` };
    case 'expiring_30':
    case 'expiring_60':
      return { vi: `còn ${daysLeft} ngày là hết hạn — cần gia hạn hoặc đề nghị cấp mới`, en: `expires in ${daysLeft} days — renew or request a new one` };
    default:
      return { vi: 'còn hiệu lực', en: 'valid' };
  }
}

/** Usable for signing on that day (an expiring one still is). */
export function isUsable(cert: Pick<StaffCertificateInput, 'validFrom' | 'validTo'>, today: IsoDate): boolean {
  const s = certificateState(cert, today).state;
  return s !== 'expired' && s !== 'not_yet_valid';
}

/** The facts of a certificate read from a token (a subset of pki/certificate.ts CertificateInfo). */
export interface TokenCertificateFacts {
  subject: string;
  subjectCommonName: string;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  sha256Fingerprint: string;
  identity: { cccd?: string; cmnd?: string; passport?: string; mst?: string; budgetCode?: string };
  holder: CertificateHolder;
  provider: { id: string; name: string; specialPurpose: boolean };
}

export function certificateFromToken(info: TokenCertificateFacts, token: string | null): StaffCertificateInput {
  return {
    holder: info.holder,
    specialPurpose: info.provider.specialPurpose,
    providerName: info.provider.name,
    serialNumber: info.serialNumber.toUpperCase(),
    issuer: info.issuer,
    subject: info.subject,
    // The validity is kept as calendar days in Vietnam: that is how the forms and warnings speak of it.
    validFrom: vnDayOf(info.notBefore),
    validTo: vnDayOf(info.notAfter),
    token,
    sha256Fingerprint: info.sha256Fingerprint.toUpperCase(),
    source: 'token',
  };
}

function vnDayOf(isoInstant: string): IsoDate {
  return new Date(Date.parse(isoInstant) + 7 * 3600_000).toISOString().slice(0, 10);
}

export interface MatchCandidate {
  id: number;
  fullName: string;
  cccd: string | null;
}

/**
 * Who a token's certificate belongs to. The CCCD in the certificate is proof; a name alone is only a
 * suggestion the user must confirm (two teachers may share a name). An organisation certificate (the
 * school seal) belongs to no person: it is kept with the principal or the clerk the user picks.
 */
export function matchCertificateOwner(
  info: Pick<TokenCertificateFacts, 'identity' | 'subjectCommonName' | 'holder'>,
  staff: MatchCandidate[],
): { by: 'cccd'; staffId: number } | { by: 'name'; candidates: number[] } | { by: 'none' } {
  // The 12-digit CMND issued 2012–2015 carries the same personal number as the later CCCD card.
  const cmnd12 = info.identity.cmnd?.replace(/\D/g, '');
  const id = info.identity.cccd?.replace(/\D/g, '') ?? (cmnd12?.length === 12 ? cmnd12 : undefined);
  if (info.holder === 'personal' && id) {
    const hit = staff.find((s) => s.cccd === id);
    if (hit) return { by: 'cccd', staffId: hit.id };
  }
  const name = normalizeText(info.subjectCommonName)?.toLocaleLowerCase('vi');
  const candidates = name ? staff.filter((s) => s.fullName.toLocaleLowerCase('vi') === name).map((s) => s.id) : [];
  return candidates.length > 0 ? { by: 'name', candidates } : { by: 'none' };
}
