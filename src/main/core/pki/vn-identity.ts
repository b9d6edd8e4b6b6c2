/**
 * Identity numbers that Vietnamese CAs put in a certificate subject. Most use the UID attribute
 * (0.9.2342.19200300.100.1.1) with a prefix: `CMND:` (old 9/12-digit ID card), `CCCD:` (12-digit citizen
 * ID), `HC:` (passport), `MST:` (tax code, organisations and sometimes people), `MNS:` (budget-unit code,
 * public schools). Some CAs put the same text in other attributes (serialNumber, OU, CN suffix), so every
 * attribute value is scanned, and a bare number in UID/serialNumber is classified by its length.
 */
import type { VnIdentity } from '../../../shared/contract/certificates';

export type { VnIdentity };

const PREFIXES: Array<[RegExp, keyof VnIdentity]> = [
  [/\b(?:CCCD|CC)\s*[:=-]\s*([0-9]{12})\b/i, 'cccd'],
  [/\b(?:CMND|CMT)\s*[:=-]\s*([0-9]{9}|[0-9]{12})\b/i, 'cmnd'],
  [/\b(?:HC|HO\s*CHIEU|PASSPORT|PP)\s*[:=-]\s*([A-Z0-9]{6,12})\b/i, 'passport'],
  [/\b(?:MST|MS\s*THUE|TIN)\s*[:=-]\s*([0-9]{10}(?:-[0-9]{3})?)\b/i, 'mst'],
  [/\b(?:MNS|MQHNS|MA\s*NS)\s*[:=-]\s*([0-9]{7})\b/i, 'budgetCode'],
];

/** Reads identity numbers from all subject attribute values; `bareNumberValues` are UID/serialNumber values. */
export function extractVnIdentity(values: string[], bareNumberValues: string[] = []): VnIdentity {
  const found: VnIdentity = {};
  for (const value of values) {
    for (const [re, field] of PREFIXES) {
      if (found[field]) continue;
      const m = re.exec(value);
      if (m?.[1]) found[field] = m[1].toUpperCase();
    }
  }
  for (const value of bareNumberValues) {
    const v = value.trim();
    if (/^[0-9]{12}$/.test(v) && !found.cccd) found.cccd = v;
    else if (/^[0-9]{9}$/.test(v) && !found.cmnd) found.cmnd = v;
    else if (/^[0-9]{10}(-[0-9]{3})?$/.test(v) && !found.mst) found.mst = v;
  }
  return found;
}

export const hasPersonalId = (id: VnIdentity): boolean => !!(id.cccd || id.cmnd || id.passport);
