/**
 * Raises a signed PDF to a PAdES baseline level, one incremental revision per step, never touching the
 * bytes already there:
 *   B-B  → B-T    a document timestamp (ETSI EN 319 142-1 allows a document timestamp in place of a
 *                 signature timestamp; a B-B signature made offline cannot get one inside its CMS
 *                 without changing its bytes);
 *   B-T  → B-LT   the DSS with the certificates, OCSP responses and CRLs of every signature and timestamp;
 *   B-LT → B-LTA  a document timestamp over the DSS;
 *   B-LTA renewal when the last timestamp's TSA certificate expires within `renewWithinDays`: a DSS for
 *                 that timestamp, then a new document timestamp.
 * Each step writes a new temporary file next to the output; when at least one step succeeded the last one
 * is renamed to the output, so progress made before a network failure is kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppError, isAppError } from '../errors';
import { PdfDocument } from '../pdf/parser';
import { appendRevision, type AtomicFileWriter } from '../pdf/writer';
import { addDocumentTimestamp } from './document-timestamp';
import { buildDssUpdate } from './dss';
import { levelRank, ltvState, readDss, type FoundSignature, type LtvState, type PadesLevel } from './pdf-signatures';
import { readTimestampToken } from './tsp';
import { collectValidationData, type CollectDeps } from './validation-data';
import type { TimestampAuthority } from './ports';
import { X509 } from './der';

export type UpgradeStep = 'document-timestamp' | 'dss' | 'archive-timestamp';

export interface UpgradeDeps extends CollectDeps {
  /** null: no timestamp service configured. */
  tsa: TimestampAuthority | null;
  writeFile: AtomicFileWriter;
  /** Renew the archive timestamp when its TSA certificate expires within this many days (default 180). */
  renewWithinDays?: number;
}

export interface UpgradeOutcome {
  levelBefore: PadesLevel | 'none';
  level: PadesLevel | 'none';
  steps: UpgradeStep[];
  /** true when `output` now holds the upgraded file. */
  written: boolean;
  error: AppError | null;
}

const DAY = 24 * 3600_000;
const MAX_STEPS = 6;

/** When the newest document timestamp's TSA certificate stops being valid, or null. */
export function archiveExpiry(state: LtvState): Date | null {
  const last = state.documentTimestamps[state.documentTimestamps.length - 1];
  if (!last) return null;
  try {
    const token = readTimestampToken(last.cms);
    const tsa = token.certificates.find((c) => c.getExtension(X509.ExtendedKeyUsageExtension)?.usages.map(String).includes('1.3.6.1.5.5.7.3.8')) ?? token.certificates[0];
    return tsa ? tsa.notAfter : null;
  } catch {
    return null;
  }
}

export function renewalDue(state: LtvState, now: Date, withinDays: number): boolean {
  if (state.level !== 'B-LTA') return false;
  const expiry = archiveExpiry(state);
  return expiry !== null && expiry.getTime() - now.getTime() < withinDays * DAY;
}

const notSigned = () =>
  new AppError('LTV_NOT_SIGNED', 'Tệp PDF chưa có chữ ký số nào nên không thể gia hạn hiệu lực dài hạn. Hãy ký tệp trước.', 'The PDF has no signature, so there is nothing to make long-term valid. Sign it first.');
const noTsa = () =>
  new AppError(
    'LTV_NO_TSA',
    'Chưa cấu hình dịch vụ cấp dấu thời gian. Hãy nhập địa chỉ dịch vụ (ví dụ http://ca.gov.vn/tsa) trong Cài đặt.',
    'No timestamp service is configured. Enter its address (for example http://ca.gov.vn/tsa) in Settings.',
  );

function embeddedOf(doc: PdfDocument, found: FoundSignature[]) {
  const dss = readDss(doc);
  return {
    certificates: [...(dss?.certs ?? []), ...found.flatMap((f) => f.certificates.map((c) => new Uint8Array(c.rawData)))],
    ocspResponses: [...(dss?.ocsps ?? []), ...found.flatMap((f) => f.embeddedRevocation.ocspResponses)],
    crls: [...(dss?.crls ?? []), ...found.flatMap((f) => f.embeddedRevocation.crls)],
  };
}

export async function upgradePdf(input: string, output: string, target: PadesLevel, deps: UpgradeDeps): Promise<UpgradeOutcome> {
  const now = deps.now?.() ?? new Date();
  const renewWithin = deps.renewWithinDays ?? 180;
  const temps: string[] = [];
  const steps: UpgradeStep[] = [];
  let current = input;
  let levelBefore: PadesLevel | 'none' = 'none';
  let level: PadesLevel | 'none' = 'none';
  let renewing = false;
  // One renewal per call: a new timestamp from the same TSA would otherwise be "due" again at once.
  let renewed = false;
  let error: AppError | null = null;
  try {
    for (let i = 0; i <= MAX_STEPS; i++) {
      const doc = PdfDocument.open(current);
      try {
        const state = ltvState(doc);
        if (i === 0) levelBefore = state.level;
        level = state.level;
        if (state.level === 'none') throw notSigned();
        const wantRenewal: boolean = target === 'B-LTA' && !renewing && !renewed && renewalDue(state, now, renewWithin);
        if (levelRank(state.level) >= levelRank(target) && !wantRenewal && !renewing) break;
        const next = path.join(path.dirname(output), `.${path.basename(output)}.ltv-${randomBytes(4).toString('hex')}.tmp`);
        if (state.level === 'B-B' || ((state.level === 'B-LT' || renewing) && target === 'B-LTA')) {
          if (!deps.tsa) throw noTsa();
          await addDocumentTimestamp(doc, next, deps.tsa, deps.writeFile);
          steps.push(state.level === 'B-B' ? 'document-timestamp' : 'archive-timestamp');
          renewing = false;
        } else {
          // B-T → B-LT, or the DSS half of a renewal: the data that validates what is there now.
          const all = [...state.signatures, ...state.documentTimestamps].sort((a, b) => a.revision - b.revision);
          const targets = wantRenewal ? all.slice(-1) : all;
          const data = await collectValidationData(targets, embeddedOf(doc, all), deps);
          await appendRevision(doc, buildDssUpdate(doc, data).build(), next, deps.writeFile);
          steps.push('dss');
          renewing = wantRenewal;
          renewed ||= wantRenewal;
        }
        temps.push(next);
        current = next;
      } finally {
        doc.close();
      }
    }
  } catch (e) {
    error = isAppError(e) ? e : new AppError('LTV_UPGRADE_FAILED', `Không nâng được mức hiệu lực dài hạn của tệp: ${e instanceof Error ? e.message : String(e)}`, `Could not upgrade the file: ${e instanceof Error ? e.message : String(e)}`, undefined, { cause: e });
  }
  const last = temps[temps.length - 1];
  if (last) {
    fs.renameSync(last, output);
    for (const t of temps.slice(0, -1)) fs.rmSync(t, { force: true });
    // After a clean run the loop read the final state; after a failure, read what the kept steps reached.
    if (error) {
      const doc = PdfDocument.open(output);
      try {
        level = ltvState(doc).level;
      } finally {
        doc.close();
      }
    }
  }
  return { levelBefore, level, steps, written: !!last, error };
}
