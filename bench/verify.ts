/**
 * Verify throughput: `hosoky verify` (whole process, the built CLI) against poppler's `pdfsig` on the same
 * 4-signature plan (teacher, group head, principal, school seal), at a few file sizes, side by side in
 * one run; plus the in-process verification time (the app, modules loaded) and the agreement of verdicts.
 *   npx tsx bench/verify.ts [--sizes 0.1,5,20] [--runs 7]
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, StandardFonts, PDFName } from 'pdf-lib';
import { createTestPki } from '../tests/support/pki';
import { signAs } from '../tests/support/pdf-attacks';
import { verifyPdf } from '../src/main/core/pdf/verify/verify-pdf';
import { loadTrustStore } from '../src/main/core/pki/trust-store';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const sizesMb = opt('sizes', '0.1,5,20').split(',').map(Number);
const runs = Number(opt('runs', '7'));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** Wall time, and CPU time (user + system, from GNU time) which a busy shared machine distorts less. */
function timeRun(cmd: string, argv: string[]): { ms: number; cpuMs: number; out: string; status: number | null } {
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', 'CPU %U %S', cmd, ...argv], { encoding: 'utf8', env: { ...process.env, HOSOKY_DATA: path.join(dir, 'data') } });
  const ms = performance.now() - t;
  const m = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? '');
  return { ms, cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN, out: (r.stdout ?? '') + (r.stderr ?? ''), status: r.status };
}

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

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-bench-verify-'));
try {
  const cli = path.join(dir, 'cli.mjs');
  // The command line as `npm run build` makes it (scripts/build.mjs options), built here so the bench
  // does not depend on the rest of the tree being buildable.
  await build({ entryPoints: [path.join(root, 'src/main/cli/main.ts')], outfile: cli, platform: 'node', target: 'node20', bundle: true, format: 'esm', packages: 'external', logLevel: 'warning', absWorkingDir: root, nodePaths: [path.join(root, 'node_modules')] });
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ type: 'module', version: '0.0.0' }));
  const pki = await createTestPki();
  pki.writeTo(path.join(dir, 'pki'));
  const rootPem = path.join(dir, 'pki', 'root.pem');
  const store = loadTrustStore({ explicitFiles: [rootPem] });
  console.log(`verify benchmark — ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}, ${runs} runs each, median`);
  console.log('size      hosoky verify (wall / CPU)   pdfsig (wall / CPU)   ratio wall / CPU   in-process   verdicts');
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
    const ours: number[] = [];
    const theirs: number[] = [];
    const oursCpu: number[] = [];
    const theirsCpu: number[] = [];
    let ourOut = '';
    let theirOut = '';
    for (let i = 0; i < runs; i++) {
      const a = timeRun(process.execPath, [cli, 'verify', cur, '--trust', rootPem]);
      const b = timeRun('pdfsig', [cur]);
      ours.push(a.ms);
      theirs.push(b.ms);
      oursCpu.push(a.cpuMs);
      theirsCpu.push(b.cpuMs);
      ourOut = `${a.status}`;
      theirOut = b.out;
    }
    const inProc: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await verifyPdf(cur, { trustStore: store });
      inProc.push(performance.now() - t);
    }
    const pdfsigValid = (theirOut.match(/Signature is Valid/g) ?? []).length;
    const size = `${(fs.statSync(cur).size / 1024 / 1024).toFixed(1)} MB`;
    const f = (x: number) => x.toFixed(0).padStart(6);
    console.log(
      `${size.padEnd(9)} ${f(median(ours))} / ${f(median(oursCpu))} ms      ${f(median(theirs))} / ${f(median(theirsCpu))} ms   ${(median(ours) / median(theirs)).toFixed(2).padStart(5)}× / ${(median(oursCpu) / median(theirsCpu)).toFixed(2).padStart(5)}×  ${f(median(inProc))} ms    hosoky exit ${ourOut}, pdfsig ${pdfsigValid}/4 valid`,
    );
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
