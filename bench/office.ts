/**
 * Office figures: the inspection report of a school with 5,000 documents (target < 1 s) and the district
 * summary of 300 school report files (target < 5 s). Run: npx tsx bench/office.ts
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../src/main/api';
import { recordsService } from '../src/main/api/services/records';
import { officeService, districtFigures } from '../src/main/api/services/office';
import { insertDocument, insertVersion, type SignatureRole } from '../src/main/core/records/documents';
import { PRESCHOOL_TREE } from '../src/main/core/records/tree';
import { readInspectionInput } from '../src/main/core/reports/inspection-store';
import { computeInspection } from '../src/main/core/reports/inspection';
import type { Result } from '../src/shared/result';

const DOCUMENTS = 5000;
const SCHOOLS = 300;

const value = <T>(r: Result<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
/** CPU time of this process (ms): on a machine shared with other work, wall time alone overstates the cost. */
const cpuMs = (c0: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-bench-office-'));
  try {
    const app = createApp({ dataDir: dir, host: 'cli', version: 'bench' });
    value(await app.server.call('records.setSchool', { name: 'Trường Mầm non Hoa Sen', managingUnit: 'UBND phường Lê Chân', level: 'mam_non' }));
    value(await app.server.call('records.addSchoolYear', { name: '2023-2024' }));
    const db = recordsService(app.ctx).db;
    const office = officeService(app.ctx);
    for (let i = 0; i < 60; i++) office.staff.save({ fullName: `Giáo Viên ${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`, roles: ['teacher'] });

    const folders = PRESCHOOL_TREE.map((t) => (db.prepare('SELECT id FROM folders WHERE code = ?').get(t.code) as { id: number }).id);
    const at = new Date().toISOString();
    const t0 = process.hrtime.bigint();
    db.transaction(() => {
      for (let i = 0; i < DOCUMENTS; i++) {
        const month = 1 + (i % 5);
        const day = 1 + (i % 28);
        const docDate = `2024-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        const { id } = insertDocument(db, { folderId: folders[i % folders.length]!, title: `Kế hoạch giáo dục số ${i}`, docDate }, at);
        const sig = (name: string, role: SignatureRole) => ({ fieldName: name, signerName: name, certificate: null, signingTime: `${docDate}T02:00:00Z`, verdict: i % 17 === 0 ? ('invalid' as const) : ('valid' as const), role });
        // A third are drafts; one signed plan in ten lacks the seal, one in seventeen has a broken signature.
        const signatures = i % 3 === 0 ? [] : [sig(`Giáo viên ${i % 60}`, 'author'), sig('Lê Thị Thu Hương', 'approver'), ...(i % 10 ? [sig('Trường Mầm non Hoa Sen', 'seal' as SignatureRole)] : [])];
        insertVersion(db, id, { sha256: crypto.createHash('sha256').update(String(i)).digest('hex'), size: 1, fileName: `${i}.pdf`, origin: 'import', signatures }, at);
        if (signatures.length) db.prepare("UPDATE documents SET status = 'approved' WHERE id = ?").run(id);
      }
    })();
    console.log(`seeded ${DOCUMENTS} documents in ${ms(t0).toFixed(0)} ms`);

    for (let run = 0; run < 3; run++) {
      const ta = process.hrtime.bigint();
      const ca = process.cpuUsage();
      const { input } = readInspectionInput(db, { from: '2024-01-01', to: '2024-05-31' }, { requireSeal: true });
      const [readMs, readCpu] = [ms(ta), cpuMs(ca)];
      const tb = process.hrtime.bigint();
      const cb = process.cpuUsage();
      computeInspection(input);
      console.log(`  store read ${readMs.toFixed(0)} ms (cpu ${readCpu.toFixed(0)} ms), computation ${ms(tb).toFixed(0)} ms (cpu ${cpuMs(cb).toFixed(0)} ms)`);
    }
    for (let run = 0; run < 2; run++) {
      const t1 = process.hrtime.bigint();
      const c1 = process.cpuUsage();
      const f = value<{ documentsInPeriod: number; approvedPlans: number }>(await app.server.call('reports.inspection', { from: '2024-01-01', to: '2024-05-31' }));
      const [figuresMs, figuresCpu] = [ms(t1), cpuMs(c1)];
      const t2 = process.hrtime.bigint();
      const c2 = process.cpuUsage();
      value(await app.server.call('reports.exportInspection', { from: '2024-01-01', to: '2024-05-31', out: path.join(dir, 'bao-cao.docx') }));
      const [docxMs, docxCpu] = [ms(t2), cpuMs(c2)];
      console.log(`inspection of ${f.documentsInPeriod} documents (${f.approvedPlans} approved plans): figures ${figuresMs.toFixed(0)} ms (cpu ${figuresCpu.toFixed(0)} ms), figures + Word report ${docxMs.toFixed(0)} ms (cpu ${docxCpu.toFixed(0)} ms, ${(fs.statSync(path.join(dir, 'bao-cao.docx')).size / 1024).toFixed(0)} KiB)`);
    }
    value(await app.server.call('reports.exportSchoolFile', { from: '2024-01-01', to: '2024-05-31', out: path.join(dir, 'school.json') }));
    await app.ctx.close();

    const base = JSON.parse(fs.readFileSync(path.join(dir, 'school.json'), 'utf8'));
    const files: string[] = [];
    for (let i = 0; i < SCHOOLS; i++) {
      const f = path.join(dir, `school-${i}.json`);
      fs.writeFileSync(f, JSON.stringify({ ...base, school: { ...base.school, name: `Trường Mầm non số ${i}` }, figures: { ...base.figures, staffSigned: i % 40 } }, null, 2));
      files.push(f);
    }
    const t3 = process.hrtime.bigint();
    const c3 = process.cpuUsage();
    const d = await districtFigures(files, path.join(dir, 'district.docx'));
    console.log(`district of ${d.schools} school files (read, check, average, Word summary): ${ms(t3).toFixed(0)} ms (cpu ${cpuMs(c3).toFixed(0)} ms)`);
    console.log(`load average during the run: ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
