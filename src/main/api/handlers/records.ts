import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppContext } from '../context';
import type { Handlers } from '../server';
import { recordsService } from '../services/records';
import { toApiError } from '../../core/errors';
import { getSchool, setSchool, listSchoolYears, addSchoolYear, addSubjectGroup, addClass } from '../../core/records/school';
import { yearTree, addFolder, renameFolder, deleteFolder, setRetention } from '../../core/records/tree';
import { listFolder, reindexFolder } from '../../core/records/documents';
import { searchDocuments } from '../../core/records/search';
import { auditEntries } from '../../core/records/audit';
import { buildExchangePackage, importExchangePackage } from '../../core/records/exchange';
import { exportForInspection } from '../../core/records/inspector-export';
import { isOfficeFile } from '../../core/records/convert-office';
import { backupDatabase, checkBackup, listBackups } from '../../infra/db/backup';
import { withTempFile, writeFileAtomic } from '../../infra/fs/atomic-write';
import type { ImportFileResult, PlanSigning } from '../../../shared/contract/records';
import type { SignStep } from '../../core/records/store';
import type { SignatureRole } from '../../core/records/documents';
import { prepareSigning } from './pdf-sign';

type RecordsMethod = Extract<keyof Handlers, `records.${string}` | `plans.${string}`>;

const IMPORTABLE = (f: string) => /\.pdf$/i.test(f) || isOfficeFile(f);

/** Files given directly, and the importable files directly inside given folders (sorted by name). */
export function expandImportPaths(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (fs.existsSync(p) && fs.statSync(p).isDirectory()) {
      out.push(...fs.readdirSync(p).filter((n) => IMPORTABLE(n) && !n.startsWith('.')).sort((a, b) => a.localeCompare(b, 'vi')).map((n) => path.join(p, n)));
    } else out.push(p);
  }
  return out;
}

/**
 * A workflow signing step through `pdf.sign`: the stored version is copied to a private temp folder,
 * signed there (the stored file is never touched), and the signed bytes go back to the store as a new
 * version. The author signs on submit; the approver, then the seal when asked, on approval.
 */
/** Plans signed at once in a batch approval; more only adds memory on a two-core school PC. */
const APPROVAL_CONCURRENCY = 3;

function signStep(ctx: AppContext, signing: PlanSigning): SignStep {
  // Signers and images are resolved once for every plan of the call (a batch approval signs many; a
  // call is one workflow action, so the first plan's action is every plan's).
  let signFile: ReturnType<typeof prepareSigning> | undefined;
  return async ({ pdf, action }) => {
    // The signed file is temporary (its bytes become a stored version): no upgrade is queued for it.
    signFile ??= prepareSigning(ctx, { ...signing, ...(action === 'submit' ? { seal: undefined } : {}) }, { queueUpgrade: false });
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'hosoky-plan-'));
    try {
      const input = path.join(dir, 'in.pdf');
      const output = path.join(dir, 'out.pdf');
      await fs.promises.writeFile(input, pdf);
      await (await signFile)(input, output);
      const roles: SignatureRole[] = action === 'submit' ? ['author'] : signing.seal ? ['approver', 'seal'] : ['approver'];
      return { pdf: await fs.promises.readFile(output), roles };
    } finally {
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
  };
}

export function recordsHandlers(ctx: AppContext): Pick<Handlers, RecordsMethod> {
  const svc = () => recordsService(ctx);
  const db = () => svc().db;
  const now = () => svc().store.now();
  return {
    'records.getSchool': async () => getSchool(db()),
    'records.setSchool': async (i) => {
      setSchool(db(), { name: i.name, managingUnit: i.managingUnit ?? null, level: i.level }, now());
      return getSchool(db())!;
    },
    'records.listSchoolYears': async () => listSchoolYears(db()),
    'records.addSchoolYear': async (i) => addSchoolYear(db(), i.name, now()),
    'records.addSubjectGroup': async (i) => ({ id: addSubjectGroup(db(), i.name, now()) }),
    'records.addClass': async (i) => ({ id: addClass(db(), { schoolYearId: i.schoolYearId, name: i.name, kind: i.kind, grade: i.grade ?? null }, now()) }),
    'records.tree': async (i) => yearTree(db(), i.schoolYearId),
    'records.addFolder': async (i) => ({ id: addFolder(db(), i.parentId, i.name, now()) }),
    'records.renameFolder': async (i) => {
      db().transaction(() => {
        renameFolder(db(), i.folderId, i.name);
        reindexFolder(db(), i.folderId);
      })();
      return { ok: true as const };
    },
    'records.deleteFolder': async (i) => (deleteFolder(db(), i.folderId), { ok: true as const }),
    'records.setRetention': async (i) => (setRetention(db(), i.folderId, { years: i.years, permanent: i.permanent, source: i.source }), { ok: true as const }),
    'records.import': async (i) => {
      const files = expandImportPaths(i.paths);
      const results = await svc().store.importFiles(
        files.map((file) => ({
          file, folderId: i.folderId, kind: i.kind ?? null, ownerStaffId: i.ownerStaffId ?? null, classId: i.classId ?? null, subjectGroupId: i.subjectGroupId ?? null,
          meta: i.meta ?? {}, ...(i.docDate ? { docDate: i.docDate } : {}), ...(files.length === 1 && i.title ? { title: i.title } : {}), actorStaffId: i.actorStaffId ?? null,
        })),
        { onProgress: (done, total, file, ok) => ctx.events.emit('records.progress', { operation: 'import', done, total, item: path.basename(file), ok }) },
      );
      return results.map((r, index): ImportFileResult => {
        const file = files[index]!;
        if (r.ok) return { file, ok: true, documentId: r.result.documentId, sha256: r.result.sha256, convertedFrom: r.result.convertedFrom, textIndexed: r.result.textIndexed, signatureCount: r.result.signatureCount };
        const err = toApiError(r.error);
        return { file, ok: false, error: { code: err.code, message: err.message, messageEn: err.messageEn } };
      });
    },
    'records.list': async (i) => listFolder(db(), i.folderId, { limit: i.limit, offset: i.offset }),
    'records.get': async (i) => svc().store.document(i.documentId),
    'records.addRevision': async (i) => svc().store.addRevision(i.documentId, i.file, i.actorStaffId),
    'records.search': async (i) => searchDocuments(db(), i.query, { schoolYearId: i.schoolYearId, limit: i.limit }),
    'records.check': async () => svc().store.check(),
    'records.audit': async (i) => auditEntries(db(), { documentUid: i.documentUid, limit: i.limit }),
    'records.backup': async (i) => backupDatabase(db(), svc().blobs, i.dir ?? svc().paths.backupDir, i.keep ?? 7),
    'records.listBackups': async (i) => listBackups(i.dir ?? svc().paths.backupDir),
    'records.checkBackup': async (i) => checkBackup(i.file, svc().blobs),
    'records.restore': async (i) => svc().restore(i.file),
    'records.exportPackage': async (i) => {
      const ids = [...(i.documentIds ?? [])];
      if (i.folderId !== undefined) ids.push(...listFolder(db(), i.folderId, { limit: 1_000_000 }).map((d) => d.id));
      const { chunks, manifest } = await buildExchangePackage(svc().store, [...new Set(ids)]);
      await withTempFile(i.output, async (fd) => {
        for (const c of chunks) {
          let off = 0;
          while (off < c.length) off += (await fd.write(c, off, c.length - off)).bytesWritten;
        }
      });
      return { file: i.output, documents: manifest.documents.length, files: manifest.blobs.length, auditEntries: manifest.audit.length };
    },
    'records.importPackage': async (i) => importExchangePackage(svc().store, await fs.promises.readFile(i.file)),
    'records.exportForInspection': async (i) => {
      const r = await exportForInspection(svc().store, { folderId: i.folderId, schoolYearId: i.schoolYearId, from: i.from, to: i.to }, i.outDir, writeFileAtomic, (d) => fs.mkdirSync(d, { recursive: true }));
      return { outDir: r.outDir, documents: r.items.length };
    },
    'plans.submit': async (i) => svc().store.transition(i.documentId, 'submit', i.actorStaffId, i.signing ? { sign: signStep(ctx, i.signing) } : {}),
    'plans.return': async (i) => svc().store.transition(i.documentId, 'return', i.actorStaffId, { reason: i.reason }),
    'plans.approve': async (i) => {
      const out: Awaited<ReturnType<Handlers['plans.approve']>> = new Array(i.documentIds.length);
      let done = 0;
      let next = 0;
      const sign = i.signing ? signStep(ctx, i.signing) : undefined;
      // A few plans in flight at once: while one waits for the token (another process) or the disk, the
      // next is parsed and hashed. Each plan's transition is still its own transaction, rules rechecked.
      const worker = async () => {
        while (next < i.documentIds.length) {
          const index = next++;
          const documentId = i.documentIds[index]!;
          try {
            out[index] = { documentId, ok: true, result: await svc().store.transition(documentId, 'approve', i.actorStaffId, sign ? { sign } : {}) };
          } catch (e) {
            const err = toApiError(e);
            out[index] = { documentId, ok: false, error: { code: err.code, message: err.message, messageEn: err.messageEn } };
          }
          ctx.events.emit('records.progress', { operation: 'approve', done: ++done, total: i.documentIds.length, item: String(documentId), ok: out[index]!.ok });
        }
      };
      await Promise.all(Array.from({ length: Math.min(APPROVAL_CONCURRENCY, i.documentIds.length) }, worker));
      return out;
    },
  };
}
