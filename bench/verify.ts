/**
 * The command line against poppler's `pdfsig`, whole processes, side by side in one run:
 *   - `hosoky verify` of a 4-signature plan (teacher certifying, group head, principal, school seal) at a
 *     few file sizes, against `pdfsig` on the same file; plus the in-process verification time (the app,
 *     modules loaded) and whether both tools call every signature valid;
 *   - `hosoky sign` of a 5 MB plan with a .p12 key, against `pdfsig -add-signature` with the same key
 *     in an NSS database.
 * The CLI is built as `npm run build` builds it, from this checkout ("now") and from the revision before
 * the start-up work ("before"; `--before REV`, `--before none`), see bench/cli-builds.ts. Wall and CPU
 * time (user + system) are medians of runs taking turns.
 *   npx tsx bench/verify.ts [--sizes 0.1,5,20] [--runs 7] [--before REV|none]
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts, PDFName } from 'pdf-lib';
import { createTestPki } from '../tests/support/pki';
import { signAs } from '../tests/support/pdf-attacks';
import { verifyPdf } from '../src/main/core/pdf/verify/verify-pdf';
import { loadTrustStore } from '../src/main/core/pki/trust-store';
import { beforeRevision, buildCli, compare, loadAverage, median, type CliBuild } from './cli-builds';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const sizesMb = opt('sizes', '0.1,5,20').split(',').map(Number);
const runs = Number(opt('runs', '7'));

async function makePlan(file: string, mb: number): Promise<void> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  page.drawText('Ke hoach giao duc nam hoc 2025-2026', { x: 50, y: 780, size: 16, font });
  // Bulk that does not compress, like the scanned pages and photos real plans carry.
  const blob = pdf.context.register(pdf.context.stream(randomBytes(Math.max(1, Math.round(mb * 1024 * 1024))), {}));
  page.node.set(PDFName.of('PieceInfo'), pdf.context.obj({ Bulk: blob }));
  fs.writeFileSync(file, await pdf.save({ useObjectStreams: false }));
}

const f = (x: number) => x.toFixed(0).padStart(5);
const pair = (t: { wallMs: number; cpuMs: number }) => `${f(t.wallMs)} / ${f(t.cpuMs)}`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-bench-verify-'));
try {
  const before = beforeRevision(args);
  const builds: CliBuild[] = [...(before ? [buildCli(dir, `before (${before})`, before)] : []), buildCli(dir, 'now')];
  const env = { ...process.env, HOSOKY_DATA: path.join(dir, 'data') };
  const pki = await createTestPki();
  pki.writeTo(path.join(dir, 'pki'));
  const rootPem = path.join(dir, 'pki', 'root.pem');
  const store = loadTrustStore({ explicitFiles: [rootPem] });
  const nodeBare = compare(runs, [{ name: 'node', cmd: process.execPath, argv: ['-e', '0'] }]).get('node')!;
  console.log(`hosoky verify vs pdfsig — 4 signatures, whole process, median of ${runs} runs taking turns; ${loadAverage()}`);
  console.log(`wall / CPU in ms; a bare \`node -e 0\` here: ${pair(nodeBare)}`);
  console.log(`size     ${builds.map((b) => `${b.label.padEnd(18)}`).join(' ')} pdfsig              in-process  verdicts`);
  for (const mb of sizesMb) {
    const base = path.join(dir, `plan-${mb}.pdf`);
    await makePlan(base, mb);
    let cur = base;
    const people = [
      { identity: pki.teacher, certify: true, reason: 'Trình kế hoạch giáo dục' },
      { identity: pki.groupHead, reason: 'Tổ trưởng xem xét' },
      { identity: pki.principal, reason: 'Phê duyệt' },
      { identity: pki.seal, reason: 'Đóng dấu' },
    ];
    for (const [i, p] of people.entries()) {
      const next = path.join(dir, `plan-${mb}-s${i + 1}.pdf`);
      await signAs(cur, next, { ...p, chain: [pki.caGov] });
      cur = next;
    }
    const timed = compare(runs, [
      ...builds.map((b) => ({ name: b.label, cmd: process.execPath, argv: [b.cli, 'verify', cur, '--trust', rootPem], env })),
      { name: 'pdfsig', cmd: 'pdfsig', argv: [cur] },
    ]);
    const inProc: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await verifyPdf(cur, { trustStore: store });
      inProc.push(performance.now() - t);
    }
    const pdfsigValid = (timed.get('pdfsig')!.last.stdout.match(/Signature is Valid/g) ?? []).length;
    const size = `${(fs.statSync(cur).size / 1024 / 1024).toFixed(1)} MB`;
    console.log(`${size.padEnd(8)} ${builds.map((b) => `${pair(timed.get(b.label)!)}     `).join(' ')} ${pair(timed.get('pdfsig')!)}       ${f(median(inProc))}     hosoky exit 0 (valid), pdfsig ${pdfsigValid}/4 valid`);
  }

  // Signing: the same key for both tools (a .p12 for hosoky, imported into NSS for pdfsig).
  const p12 = path.join(dir, 'teacher.p12');
  const pkiDir = path.join(dir, 'pki');
  execFileSync('openssl', ['pkcs12', '-export', '-inkey', path.join(pkiDir, 'teacher.key.pem'), '-in', path.join(pkiDir, 'teacher.pem'), '-certfile', path.join(pkiDir, 'caGov.pem'), '-name', 'teacher', '-out', p12, '-passout', 'pass:bench1234']);
  const nss = path.join(dir, 'nss');
  fs.mkdirSync(nss);
  execFileSync('certutil', ['-N', '--empty-password', '-d', `sql:${nss}`]);
  execFileSync('pk12util', ['-i', p12, '-d', `sql:${nss}`, '-W', 'bench1234', '-K', ''], { stdio: 'pipe' });
  const input = path.join(dir, 'plan-5mb.pdf');
  await makePlan(input, 5);
  const signEnv = { ...env, BENCH_PW: 'bench1234' };
  const signed = compare(runs, [
    ...builds.map((b) => ({ name: b.label, cmd: process.execPath, argv: [b.cli, 'sign', input, '-o', path.join(dir, `ours-${b.dir.length}.pdf`), '--p12', p12, '--pin-env', 'BENCH_PW', '--reason', 'bench'], env: signEnv })),
    // pdfsig refuses to overwrite: each run writes a new file.
    { name: 'pdfsig', cmd: 'sh', argv: ['-c', `out=${dir}/poppler-$$.pdf; pdfsig -nssdir sql:${nss} -add-signature -nick teacher -reason bench ${input} $out && rm $out`] },
  ]);
  console.log(`\nhosoky sign (.p12) vs pdfsig -add-signature (NSS), 5 MB plan, whole process, median of ${runs}; ${loadAverage()}`);
  for (const [name, t] of signed) console.log(`  ${name.padEnd(20)} ${pair(t)} ms (wall / CPU)`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
