import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { AppContext } from '../context';
import type { Handlers } from '../server';
import { recordsService } from '../services/records';
import { AppError } from '../../core/errors';
import { writeFileAtomic } from '../../infra/fs/atomic-write';

/** Staged uploads live here, one random folder each (the original name is kept for the record's title). */
export const inboxDir = (dataDir: string) => path.join(dataDir, 'inbox');

/** Staged files older than a day are left-overs of imports that never happened. */
function sweepInbox(dir: string, now = Date.now()): void {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir)) {
    const p = path.join(dir, entry);
    try {
      if (now - fs.statSync(p).mtimeMs > 24 * 3600 * 1000) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      // another import is using it, or it is already gone
    }
  }
}

export function filesHandlers(ctx: AppContext): Pick<Handlers, 'files.stage' | 'files.exportFolder' | 'files.documentVersion'> {
  return {
    'files.stage': async ({ fileName, contentBase64, purpose }) => {
      const inbox = inboxDir(ctx.options.dataDir);
      sweepInbox(inbox);
      const base = purpose === 'image' ? path.join(ctx.options.dataDir, 'images') : inbox;
      const folder = path.join(base, crypto.randomBytes(8).toString('hex'));
      fs.mkdirSync(folder, { recursive: true });
      const target = path.join(folder, path.basename(fileName));
      const bytes = Buffer.from(contentBase64, 'base64');
      await writeFileAtomic(target, bytes);
      return { path: target, size: bytes.length };
    },
    'files.exportFolder': async () => {
      const dir = path.join(ctx.options.dataDir, 'exports');
      fs.mkdirSync(dir, { recursive: true });
      return { path: dir };
    },
    'files.documentVersion': async ({ documentId, versionNumber, withContent }) => {
      const records = recordsService(ctx);
      const detail = records.store.document(documentId);
      const version = versionNumber === undefined ? detail.versions[detail.versions.length - 1] : detail.versions.find((v) => v.number === versionNumber);
      if (!version) {
        throw new AppError('FILES_VERSION_NOT_FOUND', `Hồ sơ này không có phiên bản ${versionNumber ?? ''}. Hãy mở lại hồ sơ.`, `This record has no version ${versionNumber ?? ''}. Open the record again.`);
      }
      const file = records.blobs.pathOf(version.sha256);
      return {
        documentId,
        versionNumber: version.number,
        fileName: version.fileName,
        sha256: version.sha256,
        path: file,
        ...(withContent ? { contentBase64: (await records.blobs.read(version.sha256)).toString('base64') } : {}),
      };
    },
  };
}
