/**
 * Record store benchmark: 100,000 documents in one school year (95 teacher folders of 1,000 weekly
 * lesson plans + school-level books), then the times a user feels: open the tree with counts, list a
 * folder of 1,000, search (p50/p95, with and without diacritics), the database size, a real import of
 * 1,000 PDFs exactly as `records.import` runs it (importFiles with the app's own dependencies: file
 * store, pdftotext, signature check, search index), and search again on the index the import left.
 *   npx tsx bench/records.ts [documents=100000]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import { PDFDocument } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import { RecordsService } from '../src/main/api/services/records';
import { bundledTrustDir } from '../src/main/api/services/trust-store-cache';
import { loadTrustStore } from '../src/main/core/pki/trust-store';
import { setSchool, addSchoolYear } from '../src/main/core/records/school';
import { addFolder, yearTree } from '../src/main/core/records/tree';
import { insertDocument, insertVersion, listFolder } from '../src/main/core/records/documents';
import { searchDocuments } from '../src/main/core/records/search';
import { foldVietnamese } from '../src/main/core/records/fold';

const TOTAL = Number(process.argv[2] ?? 100_000);
// BENCH_DIR keeps the built store for a rerun (skips the build); unset: a temp folder, removed after.
const reuse = process.env.BENCH_DIR && fs.existsSync(path.join(process.env.BENCH_DIR, 'hosoky.sqlite'));
const dir = process.env.BENCH_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-bench-'));
fs.mkdirSync(dir, { recursive: true });
const trust = loadTrustStore({ bundledDir: bundledTrustDir() });
const svc = new RecordsService(dir, () => trust);
const { db, store } = svc;
const at = '2024-09-01T00:00:00.000Z';

const WORDS = ('kế hoạch bài dạy tuần môn toán ngữ văn tiếng anh khoa học tự nhiên lịch sử địa lý giáo dục công dân thể dục âm nhạc mĩ thuật '
  + 'hoạt động trải nghiệm hướng nghiệp ôn tập kiểm tra đánh giá học sinh lớp tổ chuyên môn mục tiêu nội dung phương pháp thiết bị '
  + 'phân số số học hình học đại số phương trình bất đẳng thức đọc hiểu viết đoạn văn nghị luận thuyết minh tự sự miêu tả biểu cảm '
  + 'đất nước quê hương gia đình nhà trường bạn bè thầy cô chăm sóc nuôi dưỡng an toàn vệ sinh dinh dưỡng sức khoẻ năng lực phẩm chất').split(' ');
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
// Text follows a Zipf law like real prose: the school words above are the frequent ones, then a long
// tail of ~6,000 made-up syllables (Vietnamese has about that many in use).
const ONSETS = ['b', 'c', 'ch', 'd', 'đ', 'g', 'gi', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'nh', 'ph', 'qu', 'r', 's', 't', 'th', 'tr', 'v', 'x'];
const RHYMES = ['a', 'à', 'á', 'ả', 'ã', 'ạ', 'an', 'ang', 'anh', 'ao', 'ay', 'âm', 'ân', 'ất', 'e', 'em', 'en', 'ê', 'ến', 'i', 'ich', 'iêm', 'iên', 'inh', 'o', 'oa', 'oai', 'oan', 'ôi', 'ông', 'ơn', 'u', 'uân', 'ung', 'uyên', 'ư', 'ương', 'ước', 'y', 'yêu'];
const TAIL = ONSETS.flatMap((o) => RHYMES.flatMap((r) => [o + r, o + r + 'n', o + r + 'c', o + r + 't', o + r + 'p', o + r + 'm'].slice(0, 7)));
const VOCAB = [...WORDS, ...TAIL];
const CUM: number[] = [];
VOCAB.reduce((acc, _, i) => (CUM[i] = acc + 1 / (i + 1)), 0);
const pick = () => {
  const x = rnd() * CUM[CUM.length - 1]!;
  let lo = 0, hi = CUM.length - 1;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (CUM[mid]! < x) lo = mid + 1; else hi = mid; }
  return VOCAB[lo]!;
};
const words = (n: number) => Array.from({ length: n }, pick).join(' ');
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const fmt = (x: number) => x.toFixed(2);

if (!reuse) setSchool(db, { name: 'Trường THCS Benchmark', managingUnit: 'Phòng GD&ĐT', level: 'thcs' }, at);
const year = addSchoolYear(db, '2024-2025', at);
const built = (db.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n;
const folderByCode = (code: string) => (db.prepare('SELECT id FROM folders WHERE school_year_id = ? AND code = ?').get(year.id, code) as { id: number }).id;
const staffIns = db.prepare("INSERT INTO staff (full_name, roles, created_at) VALUES (?, '[\"teacher\"]', ?)");
const teachers = reuse ? (db.prepare('SELECT id FROM staff ORDER BY id').all() as Array<{ id: number }>).map((r) => r.id)
  : Array.from({ length: 95 }, (_, i) => Number(staffIns.run(`Giáo viên số ${i + 1}`, at).lastInsertRowid));
const teacherFolders = reuse ? (db.prepare("SELECT id FROM folders WHERE name LIKE 'Giáo viên số %' ORDER BY id").all() as Array<{ id: number }>).map((r) => r.id)
  : teachers.map((_, i) => addFolder(db, folderByCode('gv.ke_hoach_bai_day'), `Giáo viên số ${i + 1}`, at));
const schoolFolders = ['nt.so_dang_bo', 'nt.hoc_ba', 'nt.so_theo_doi_danh_gia', 'nt.ke_hoach_giao_duc', 'tcm.ke_hoach_giao_duc'].map(folderByCode);

let t0 = process.hrtime.bigint();
const perTeacher = Math.floor((TOTAL * 0.95) / teachers.length);
const BATCH = 5000;
let made = reuse ? built : 0;
while (made < TOTAL) {
  db.transaction(() => {
    for (let k = 0; k < BATCH && made < TOTAL; k++, made++) {
      const ti = Math.floor(made / perTeacher);
      const isTeacher = ti < teachers.length;
      const folderId = isTeacher ? teacherFolders[ti]! : schoolFolders[made % schoolFolders.length]!;
      const week = (made % 35) + 1;
      const title = isTeacher ? `Kế hoạch bài dạy tuần ${week} – ${words(3)}` : `Sổ ${words(4)} ${made}`;
      const { id } = insertDocument(db, { folderId, title, kind: isTeacher ? 'ke_hoach_bai_day_tuan' : 'so_sach', ownerStaffId: isTeacher ? teachers[ti]! : null, meta: { tuần: week }, docDate: `2024-${String((made % 9) + 1).padStart(2, '0')}-15` }, at);
      const sha = crypto.createHash('sha256').update(String(made)).digest('hex');
      insertVersion(db, id, { sha256: sha, size: 150_000, fileName: `${made}.pdf`, origin: 'import', text: words(150) }, at);
    }
  })();
}
const buildMs = ms(t0);
db.pragma('wal_checkpoint(TRUNCATE)');
db.exec('ANALYZE');

// Wall-clock time (what a user waits on this machine now) and CPU time of this process (what it costs
// on an idle core: the test machine is shared, so wall time includes waiting for a core).
const cpuMs = (c0: NodeJS.CpuUsage) => { const c = process.cpuUsage(c0); return (c.user + c.system) / 1000; };
const timed = (f: () => unknown) => { const c0 = process.cpuUsage(); const t = process.hrtime.bigint(); f(); return { wall: ms(t), cpu: cpuMs(c0) }; };
const time = (n: number, f: () => unknown) => Array.from({ length: n }, () => timed(f));
const stats = (xs: Array<{ wall: number; cpu: number }>) => ({
  wall: { p50: +fmt(pct(xs.map((x) => x.wall), 50)), p95: +fmt(pct(xs.map((x) => x.wall), 95)) },
  cpu: { p50: +fmt(pct(xs.map((x) => x.cpu), 50)), p95: +fmt(pct(xs.map((x) => x.cpu), 95)) },
});
const tree = time(30, () => yearTree(db, year.id));
const list = time(30, () => listFolder(db, teacherFolders[7]!, { limit: 1000 }));
const listed = listFolder(db, teacherFolders[7]!, { limit: 1000 }).length;
const queries: string[] = [];
for (let i = 0; i < 200; i++) {
  // What people type: 1–3 words drawn like the text, half of them without diacritics.
  const q = words(1 + (i % 3));
  queries.push(i % 2 ? foldVietnamese(q) : q);
}
queries.push('ke hoach bai day tuan 5', 'Kế hoạch bài dạy tuần 5', 'so dang bo', 'phuong trinh bac nhat');
const searchAll = () => queries.map((q) => timed(() => searchDocuments(db, q, { limit: 50 })));
const search = searchAll();
// As the app's search box asks: within the school year shown, up to 500 results.
const searchInYear = queries.map((q) => timed(() => searchDocuments(db, q, { schoolYearId: year.id, limit: 500 })));
const dbSize = fs.statSync(path.join(dir, 'hosoky.sqlite')).size;

if (process.env.BENCH_SKIP_IMPORT) { console.log(JSON.stringify({ tree: stats(tree), list: stats(list), search: stats(search), searchInYear: stats(searchInYear), dbSize }, null, 1)); process.exit(0); }
// CPU of this process and of the children it waited for (pdftotext): Linux /proc, in clock ticks of 10 ms.
const childCpuMs = () => {
  try {
    const f = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[13]) + Number(f[14])) * 10;
  } catch {
    return NaN;
  }
};
// A real import of 1,000 PDFs.
const require = createRequire(import.meta.url);
const font = fs.readFileSync(path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSans.ttf'));
const inbox = path.join(dir, 'inbox');
fs.mkdirSync(inbox);
const bases: Uint8Array[] = [];
for (let i = 0; i < 10; i++) {
  const d = await PDFDocument.create();
  d.registerFontkit(fontkit);
  const f = await d.embedFont(font, { subset: true });
  const p = d.addPage([595, 842]);
  for (let l = 0; l < 30; l++) p.drawText(words(10), { x: 40, y: 800 - l * 24, size: 11, font: f });
  bases.push(await d.save());
}
const files = Array.from({ length: 1000 }, (_, i) => {
  const p = path.join(inbox, `Kế hoạch bài dạy ${i}.pdf`);
  fs.writeFileSync(p, Buffer.concat([bases[i % 10]!, Buffer.from(`\n%${i}\n`)]));
  return p;
});
const importFolder = addFolder(db, folderByCode('gv.ke_hoach_bai_day'), `Nhập thử 1.000 tệp ${Date.now()}`, at);
t0 = process.hrtime.bigint();
const cpu0 = process.cpuUsage();
const children0 = childCpuMs();
const imported = await store.importFiles(files.map((file) => ({ file, folderId: importFolder, ownerStaffId: teachers[0]! })));
const importMs = ms(t0);
const importCpuMs = cpuMs(cpu0);
const importChildrenCpuMs = childCpuMs() - children0;
if (imported.some((r) => !r.ok)) throw new Error(`import failed: ${imported.filter((r) => !r.ok).length} files`);
// The import leaves the index in the many segments real use makes: search again on it.
const searchAfter = searchAll();

const out = {
  documents: made,
  buildSeconds: +(buildMs / 1000).toFixed(1),
  treeWithCountsMs: stats(tree),
  listFolderMs: { documents: listed, ...stats(list) },
  searchMs: { queries: search.length, ...stats(search) },
  searchInSchoolYearLimit500Ms: stats(searchInYear),
  databaseMB: +(dbSize / 1024 / 1024).toFixed(1),
  import1000PdfsSeconds: +(importMs / 1000).toFixed(1),
  import1000PdfsCpuSeconds: { app: +(importCpuMs / 1000).toFixed(1), pdftotext: +(importChildrenCpuMs / 1000).toFixed(1) },
  searchAfterImportMs: stats(searchAfter),
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`,
};
console.log(JSON.stringify(out, null, 2));
svc.close();
if (!process.env.BENCH_DIR) fs.rmSync(dir, { recursive: true, force: true });
