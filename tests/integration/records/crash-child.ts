/**
 * The process the crash test kills: it imports, signs (stores signed results) or backs up in a loop and
 * prints a line after each commit, so the parent knows what the store promised before the SIGKILL.
 *   node --import tsx crash-child.ts <mode: import|sign|backup> <dataDir> <samplePdf>
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../../src/main/infra/db/connection';
import { FileBlobStore } from '../../../src/main/infra/fs/blob-store';
import { backupDatabase } from '../../../src/main/infra/db/backup';
import { RecordStore } from '../../../src/main/core/records/store';
import { pdftotextExtractor } from '../../../src/main/core/records/extract-text';

const [mode, dataDir, samplePdf] = process.argv.slice(2) as [string, string, string];
const { db } = openDatabase(path.join(dataDir, 'hosoky.sqlite'));
const blobs = new FileBlobStore(path.join(dataDir, 'blobs'));
const store = new RecordStore(db, blobs, { extractText: pdftotextExtractor() });
const base = fs.readFileSync(samplePdf);
const folderId = (db.prepare("SELECT id FROM folders WHERE code = 'gv.ke_hoach_bai_day'").get() as { id: number }).id;
const teacher = (db.prepare("SELECT id FROM staff WHERE roles LIKE '%teacher%' ORDER BY id LIMIT 1").get() as { id: number }).id;
const say = (line: string) => fs.writeSync(1, line + '\n');

function sampleFile(i: number) {
  const file = path.join(dataDir, `in-${process.pid}-${i}.pdf`);
  // Unique content per file (a PDF comment after %%EOF), some of it large enough to take a few writes.
  fs.writeFileSync(file, Buffer.concat([base, Buffer.from(`\n%${process.pid}-${i}\n`), Buffer.alloc((i % 3) * 300_000, 0x25)]));
  return file;
}

async function importOne(i: number) {
  const file = sampleFile(i);
  const r = await store.importFile({ file, folderId, ownerStaffId: teacher, title: `Kế hoạch bài dạy ${process.pid}-${i}` });
  say(`COMMITTED ${r.uid} ${r.sha256}`);
  fs.rmSync(file);
  return r;
}

/** The batch path of `records.import`: several files prepared at once, committed together. */
async function importBatch(i: number) {
  const files = Array.from({ length: 6 }, (_, k) => sampleFile(i * 6 + k));
  const results = await store.importFiles(files.map((file, k) => ({ file, folderId, ownerStaffId: teacher, title: `Lô ${process.pid}-${i}-${k}` })), { batchSize: 3, concurrency: 3 });
  for (const r of results) if (r.ok) say(`COMMITTED ${r.result.uid} ${r.result.sha256}`);
  files.forEach((f) => fs.rmSync(f));
}

async function main() {
  say('READY');
  for (let i = 0; ; i++) {
    if (mode === 'import') await (i % 2 ? importBatch(i) : importOne(i));
    else if (mode === 'sign') {
      const r = await importOne(i);
      const t = await store.transition(r.documentId, 'submit', teacher, {
        sign: async ({ pdf }) => ({ pdf: Buffer.concat([Buffer.from(pdf), Buffer.from(`\n% signed ${i}\n`), Buffer.alloc(200_000, 0x20)]) }),
      });
      say(`COMMITTED ${r.uid} ${t.sha256}`);
    } else {
      await importOne(i);
      const b = await backupDatabase(db, blobs, path.join(dataDir, 'backups'), 3);
      say(`BACKUP ${b.file}`);
    }
  }
}
void main();
