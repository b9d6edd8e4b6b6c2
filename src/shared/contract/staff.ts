import { z } from 'zod';
import { method } from './define';

/** Staff of the school and the certificates each holds (issue 6). */

export const staffRoleSchema = z.enum(['teacher', 'group_head', 'vice_principal', 'principal', 'clerk', 'admin']);
export const staffStatusSchema = z.enum(['working', 'moved_province', 'left_sector', 'other']);
export type StaffRoleName = z.infer<typeof staffRoleSchema>;
export type StaffStatusName = z.infer<typeof staffStatusSchema>;

export type CertificateStateName = 'not_yet_valid' | 'valid' | 'expiring_60' | 'expiring_30' | 'expired';

export interface StaffCertificateView {
  id: number;
  staffId: number;
  holder: 'personal' | 'organisation';
  specialPurpose: boolean;
  providerName: string;
  serialNumber: string;
  issuer: string;
  subject?: string | null;
  validFrom: string;
  validTo: string;
  token?: string | null;
  sha256Fingerprint?: string | null;
  source: 'token' | 'manual';
  /** On the day asked: valid, a warning at 60 and 30 days, or expired. */
  state: CertificateStateName;
  daysLeft: number;
  stateLabel: string;
  stateLabelEn: string;
}

export interface StaffView {
  id: number;
  fullName: string;
  dateOfBirth: string | null;
  position: string | null;
  unit: string | null;
  cccd: string | null;
  cccdIssuedOn: string | null;
  phone: string | null;
  roles: StaffRoleName[];
  status: StaffStatusName;
  statusNote: string | null;
  certificates: StaffCertificateView[];
}

export interface CertificateMatch {
  /** What the token's certificate says, ready to be saved. */
  certificate: Omit<StaffCertificateView, 'id' | 'staffId'>;
  holderName: string;
  identity: { cccd?: string; mst?: string };
  /** 'cccd': the certificate names this person; 'name': same name, the user must confirm; 'none': choose. */
  match: { by: 'cccd'; staffId: number; fullName: string } | { by: 'name'; candidates: Array<{ staffId: number; fullName: string; unit: string | null }> } | { by: 'none' };
  /** Already stored, attached to this person. */
  knownAs?: { certificateId: number; staffId: number };
}

const id = z.number().int().positive();
const text = z.string().max(500);
const nullableText = text.nullable().optional();

export const staffInputSchema = z.object({
  fullName: z.string().min(1).max(200),
  dateOfBirth: nullableText,
  position: nullableText,
  unit: nullableText,
  cccd: nullableText,
  cccdIssuedOn: nullableText,
  phone: nullableText,
  roles: z.array(staffRoleSchema).max(6).optional(),
  status: staffStatusSchema.optional(),
  statusNote: nullableText,
});

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const certificateInputSchema = z.object({
  holder: z.enum(['personal', 'organisation']),
  specialPurpose: z.boolean(),
  providerName: z.string().min(1).max(200),
  serialNumber: z.string().min(1).max(100),
  issuer: z.string().min(1).max(500),
  subject: nullableText,
  validFrom: isoDay,
  validTo: isoDay,
  token: nullableText,
});

const listInput = z.object({ unit: z.string().max(200).optional(), includeLeft: z.boolean().optional() }).strict();
const idInput = z.object({ id }).strict();
const saveInput = z.object({ id: id.optional(), staff: staffInputSchema }).strict();
const pathInput = z.object({ path: z.string().min(1) }).strict();
const saveCertificateInput = z.object({ staffId: id, certificateId: id.optional(), certificate: certificateInputSchema }).strict();
const removeCertificateInput = z.object({ certificateId: id }).strict();
const der = z.string().min(1).max(100_000);
const matchInput = z.object({ der, token: z.string().max(200).optional() }).strict();
const attachInput = z.object({ der, token: z.string().max(200).optional(), staffId: id }).strict();
const expiringInput = z.object({ withinDays: z.number().int().min(0).max(3650).optional() }).strict();

export const staffMethods = {
  'staff.list': method<typeof listInput, StaffView[]>(listInput),
  'staff.get': method<typeof idInput, StaffView>(idInput),
  'staff.save': method<typeof saveInput, StaffView>(saveInput),
  'staff.remove': method<typeof idInput, { removed: true }>(idInput),
  /** CSV file (UTF-8, with or without BOM, "," or ";"): all rows or none. */
  'staff.import': method<typeof pathInput, { added: number; updated: number }>(pathInput),
  /** CSV file, UTF-8 with BOM (so Excel shows the diacritics), Vietnamese header row. */
  'staff.export': method<typeof pathInput, { path: string; count: number }>(pathInput),
  'staff.saveCertificate': method<typeof saveCertificateInput, StaffCertificateView>(saveCertificateInput),
  'staff.removeCertificate': method<typeof removeCertificateInput, { removed: true }>(removeCertificateInput),
  /** A certificate read from a token (DER, base64): whose is it? Nothing is saved. */
  'staff.matchCertificate': method<typeof matchInput, CertificateMatch>(matchInput),
  /** Saves a token's certificate to the person the user confirmed. */
  'staff.attachCertificate': method<typeof attachInput, StaffCertificateView>(attachInput),
  /** Certificates expired or expiring within `withinDays` (60 by default), for the warnings panel. */
  'staff.expiring': method<typeof expiringInput, Array<{ staffId: number; fullName: string; certificate: StaffCertificateView }>>(expiringInput),
};
