/**
 * Who issued a certificate, from the issuer's name. Ban Cơ yếu Chính phủ issues the special-purpose
 * ("chuyên dùng") certificates that public bodies (and public schools' seals, e.g. HCMC CV 2817/SGDĐT-VP)
 * must use; the others are licensed public (commercial) CAs. See shared/reference/vn-domain.md §1–2.
 */
import type { ProviderId, ProviderInfo } from '../../../shared/contract/certificates';

export type { ProviderId, ProviderInfo };

export const PROVIDER_NAMES: Record<ProviderId, string> = {
  vgca: 'Ban Cơ yếu Chính phủ (chuyên dùng)',
  vnpt: 'VNPT-CA',
  viettel: 'Viettel-CA',
  bkav: 'BKAV-CA',
  fpt: 'FPT-CA',
  misa: 'MISA-CA',
  ca2: 'CA2 (Nacencomm)',
  newtel: 'Newtel-CA',
  neac: 'Trung tâm Chứng thực điện tử quốc gia (NEAC)',
  other: 'Nhà cung cấp khác',
};

/** Lower case, no diacritics, đ → d: so "Ban Cơ yếu" and "BAN CO YEU" match alike. */
export const foldVietnamese = (s: string): string =>
  s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase();

const RULES: Array<[RegExp, ProviderId]> = [
  [/ban co yeu|chuyen dung|vgca|co quan nha nuoc|government cipher|cuc chung thuc so va bao mat/, 'vgca'],
  [/vnpt/, 'vnpt'],
  [/viettel/, 'viettel'],
  [/bkav/, 'bkav'],
  [/\bfpt\b|fpt-ca/, 'fpt'],
  [/misa/, 'misa'],
  [/\bca2\b|nacencomm/, 'ca2'],
  [/newtel/, 'newtel'],
  [/national root ca|chung thuc dien tu quoc gia|\bneac\b/, 'neac'],
];

/** Classifies by the issuer's CN and O (and the whole issuer DN as a fallback). */
export function providerFromIssuer(issuerFields: Record<string, string[]>, issuerDn: string): ProviderInfo {
  const haystack = foldVietnamese([...(issuerFields.O ?? []), ...(issuerFields.CN ?? []), ...(issuerFields.OU ?? []), issuerDn].join(' | '));
  for (const [re, id] of RULES) {
    if (re.test(haystack)) return { id, name: PROVIDER_NAMES[id], specialPurpose: id === 'vgca' };
  }
  const fallback = issuerFields.O?.[0] ?? issuerFields.CN?.[0] ?? PROVIDER_NAMES.other;
  return { id: 'other', name: fallback, specialPurpose: false };
}
