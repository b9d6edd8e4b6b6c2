import { z } from 'zod';
import { method } from './define';

/**
 * The user's settings, kept in `<dataDir>/settings.json`. Every field has a default, so an old or
 * partial file still reads; unknown fields from a newer version are dropped on the next write.
 */
export const settingsSchema = z.object({
  /** PKCS#11 module files the user added (drivers the built-in table does not know). */
  tokenModulePaths: z.array(z.string().min(1)).default([]),
  /** A token session is closed after this many minutes without a signature. */
  sessionIdleMinutes: z.number().int().min(1).max(240).default(10),
  language: z.enum(['vi', 'en']).default('vi'),
  /** Image of the user's handwritten signature (Decree 30 visible signature). */
  signatureImagePath: z.string().min(1).optional(),
  /** Image of the school's seal, shown with the organisation signature. */
  sealImagePath: z.string().min(1).optional(),
  /** RFC 3161 timestamp authority, e.g. http://ca.gov.vn/tsa. */
  tsaUrl: z.url().optional(),
  signatureLevel: z.enum(['B-B', 'B-T', 'B-LT', 'B-LTA']).default('B-B'),
  /** OCSP/CRL/TSA requests allowed (off in a school without internet: checks are then reported as not done). */
  onlineChecks: z.boolean().default(true),
  backupDir: z.string().min(1).optional(),
});

export type Settings = z.infer<typeof settingsSchema>;

/** A partial update: a field set to null is removed (back to its default). */
export const settingsPatchSchema = z
  .object({
    tokenModulePaths: z.array(z.string().min(1)),
    sessionIdleMinutes: z.number().int().min(1).max(240),
    language: z.enum(['vi', 'en']),
    signatureImagePath: z.string().min(1).nullable(),
    sealImagePath: z.string().min(1).nullable(),
    tsaUrl: z.url().nullable(),
    signatureLevel: z.enum(['B-B', 'B-T', 'B-LT', 'B-LTA']),
    onlineChecks: z.boolean(),
    backupDir: z.string().min(1).nullable(),
  })
  .partial()
  .strict();

export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const settingsMethods = {
  'settings.get': method<z.ZodObject<Record<string, never>>, Settings>(z.object({}).strict()),
  'settings.update': method<typeof settingsPatchSchema, Settings>(settingsPatchSchema),
};
