/**
 * Signing benchmarks (issue 4): time against file size split into parse / hash / token / write, peak
 * memory above the same process before signing, a batch of 100 one-page plans after one token login
 * (SoftHSM2 through the app's API and token worker). `hosoky sign` as a whole process against poppler's
 * `pdfsig` is timed by bench/verify.ts, with the command line as `npm run build` makes it.
 * Run: npx tsx bench/sign.ts [--quick] [--batch-only] [--runs N]
 * Batch figures give the wall time, this process's CPU time (user + system; the token worker's own CPU is
 * not counted) and the load average, since the machine is shared.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const quick = process.argv.includes('--quick');
const batchOnly = process.argv.includes('--batch-only');
const runsArg = process.argv.indexOf('--runs');
const batchRuns = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 3;

/** A valid PDF of about `size` bytes: one page and one incompressible image stream, written in chunks. */
function makePdf(file: string, size: number): void {
  const fd = fs.openSync(file, 'w');
  let pos = 0;
  const offsets: number[] = [];
  const w = (s: string | Buffer) => {
    const b = typeof s === 'string' ? Buffer.from(s, 'latin1') : s;
    fs.writeSync(fd, b);
    pos += b.length;
  };
  w('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');
  const obj = (n: number, body: string) => {
    offsets[n] = pos;
    w(`${n} 0 obj\n${body}\nendobj\n`);
  };
  obj(1, '<</Type/Catalog/Pages 2 0 R>>');
  obj(2, '<</Type/Pages/Kids[3 0 R]/Count 1>>');
  obj(3, '<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</XObject<</Im1 5 0 R>>>>/Contents 4 0 R>>');
  const content = 'q 400 0 0 300 100 400 cm /Im1 Do Q';
  obj(4, `<</Length ${content.length}>>\nstream\n${content}\nendstream`);
  const dataLen = Math.max(3, size - 1200);
  const side = Math.floor(Math.sqrt(dataLen / 3));
  const n = side * side * 3;
  offsets[5] = pos;
  w(`5 0 obj\n<</Type/XObject/Subtype/Image/Width ${side}/Height ${side}/ColorSpace/DeviceRGB/BitsPerComponent 8/Length ${n}>>\nstream\n`);
  for (let left = n; left > 0; left -= 4 << 20) w(crypto.randomBytes(Math.min(left, 4 << 20)));
  w('\nendstream\nendobj\n');
  const xref = pos;
  w(`xref\n0 6\n0000000000 65535 f\r\n${offsets.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n\r\n`).join('')}`);
  w(`trailer\n<</Size 6/Root 1 0 R/ID[<${'ab'.repeat(16)}><${'ab'.repeat(16)}>]>>\nstartxref\n${xref}\n%%EOF\n`);
  fs.closeSync(fd);
}

const MB = 1024 * 1024;
const fmt = (ms: number) => ms.toFixed(ms < 10 ? 2 : 0);

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-bench-sign-'));
  try {
    const { createTestPki } = await import('../tests/support/pki');
    const pki = await createTestPki();
    pki.writeTo(path.join(work, 'pki'));
    fs.writeFileSync(path.join(work, 'pki', 'teacher.der'), pki.teacher.der);
    fs.writeFileSync(path.join(work, 'pki', 'caGov.der'), pki.caGov.der);

    if (batchOnly) {
      await batch(work, pki, quick ? 20 : 100);
      return;
    }
    // 1. Size sweep, each in a fresh child process so that peak RSS is its own.
    console.log('\n## Signing time against size (one process per file; invisible signature, software RSA-2048 key)');
    console.log('| size | parse+prepare ms | copy+hash ms | sign (key) ms | write+fsync+rename ms | total ms | peak RSS above pre-sign baseline MiB |');
    console.log('|---|---|---|---|---|---|---|');
    const sizes = quick ? [100 * 1024, 5 * MB] : [100 * 1024, MB, 5 * MB, 50 * MB, 200 * MB];
    const warm: { label: string; t: Record<'parseMs' | 'hashMs' | 'signMs' | 'writeMs' | 'totalMs', number> }[] = [];
    for (const size of sizes) {
      const input = path.join(work, `plan-${size}.pdf`);
      makePdf(input, size);
      const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench', 'sign-child.ts'), input, path.join(work, 'out.pdf'), path.join(work, 'pki'), '--warm', '5'], { cwd: root, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(r.stderr);
      const m = JSON.parse(r.stdout.trim().split('\n').pop()!);
      const label = size >= MB ? `${size / MB} MB` : `${size / 1024} KB`;
      console.log(`| ${label} | ${fmt(m.timings.parseMs)} | ${fmt(m.timings.hashMs)} | ${fmt(m.timings.signMs)} | ${fmt(m.timings.writeMs)} | ${fmt(m.timings.totalMs)} | ${(m.rssDeltaKb / 1024).toFixed(1)} |`);
      warm.push({ label, t: m.warmTimings });
      fs.rmSync(input);
      fs.rmSync(path.join(work, 'out.pdf'), { force: true });
    }
    const bare = spawnSync(process.execPath, ['-e', 'console.log(process.resourceUsage().maxRSS)'], { encoding: 'utf8' });
    console.log(`(bare Node peak RSS: ${(Number(bare.stdout) / 1024).toFixed(1)} MiB; load ${os.loadavg()[0]!.toFixed(2)})`);
    console.log('\n## In the app: the same files signed again in the warm process (the median of 5 by total), total against hash + sign + write');
    for (const { label, t } of warm) {
      const core = t.hashMs + t.signMs + t.writeMs;
      console.log(`- ${label}: total ${fmt(t.totalMs)} ms, hash + sign + write ${fmt(core)} ms = ${(t.totalMs / core).toFixed(2)}× (parse+prepare ${fmt(t.parseMs)} ms)`);
    }

    // 2. Batch of 100 one-page plans after one login, through the API and the token worker.
    await batch(work, pki, quick ? 20 : 100);

  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function batch(work: string, pki: Awaited<ReturnType<typeof import('../tests/support/pki')['createTestPki']>>, count: number): Promise<void> {
  const { createSoftHsm, SOFTHSM_MODULE } = await import('../tests/support/softhsm');
  const { getCorpus } = await import('../tests/support/pdf-corpus');
  const { createApp } = await import('../src/main/api');
  const hsm = createSoftHsm('hosoky-bench-hsm-');
  try {
    hsm.initToken('BENCH', '123456');
    // Personalise with the vendor tools (softhsm.ts's importer needs vitest's CommonJS interop for pkcs11js).
    const keyPem = path.join(work, 'pki', 'teacher.key.pem');
    execFileSync('softhsm2-util', ['--import', keyPem, '--token', 'BENCH', '--label', 'teacher', '--id', pki.teacher.id, '--pin', '123456'], { env: hsm.env, stdio: 'pipe' });
    execFileSync('pkcs11-tool', ['--module', SOFTHSM_MODULE, '--token-label', 'BENCH', '--login', '--pin', '123456', '--write-object', path.join(work, 'pki', 'teacher.der'), '--type', 'cert', '--id', pki.teacher.id, '--label', 'teacher'], { env: hsm.env, stdio: 'pipe' });
    process.env.SOFTHSM2_CONF = hsm.confPath;
    const corpus = await getCorpus();
    const inDir = path.join(work, 'batch-in');
    fs.mkdirSync(inDir);
    for (let i = 0; i < count; i++) fs.copyFileSync(corpus.chromium, path.join(inDir, `ke-hoach-${String(i).padStart(3, '0')}.pdf`));
    const app = createApp({ dataDir: path.join(work, 'data'), host: 'cli', version: 'bench' });
    try {
      const list = await app.server.call('tokens.list', { modulePaths: [SOFTHSM_MODULE] });
      if (!list.ok) throw new Error(list.error.message);
      const token = (list.value as { modules: { tokens: { tokenId: string; label: string }[] }[] }).modules.flatMap((m) => m.tokens).find((t) => t.label.trim() === 'BENCH')!;
      const login = await app.server.call('tokens.login', { tokenId: token.tokenId, pin: '123456' });
      if (!login.ok) throw new Error(login.error.message);
      const session = login.value as { sessionId: string; certificates: { certificateId: string }[] };
      const signer = { kind: 'token' as const, sessionId: session.sessionId, certificateId: session.certificates[0]!.certificateId };
      console.log(`\n## Batch: ${count} one-page plans (Chromium print), SoftHSM2 token, one login, through pdf.signBatch`);
      const runs = [
        ['invisible', {}],
        ['visible (Decree 30 appearance, signature image)', { placement: { page: 1, rect: [330, 60, 220, 90] }, image: await sampleImage(work) }],
      ] as const;
      // The first run of each kind includes loading code on first use (pdf-lib and fontkit for the visible
      // one): what a user waits for on the first batch after starting the app; later runs are steady state.
      for (const [label, extra] of runs) {
        for (let run = 1; run <= batchRuns; run++) {
          const out = path.join(work, `batch-out-${label.length}-${run}`);
          const cpu = process.cpuUsage();
          const t = performance.now();
          const r = await app.server.call('pdf.signBatch', { inputDir: inDir, outputDir: out, signer, reason: 'Trình kế hoạch bài dạy', ...extra });
          const ms = performance.now() - t;
          const used = process.cpuUsage(cpu);
          if (!r.ok) throw new Error(r.error.message);
          const v = r.value as { signed: number; failed: number };
          const cpuMs = (used.user + used.system) / 1000;
          console.log(`- ${label}, run ${run}: ${v.signed} signed, ${v.failed} failed in ${(ms / 1000).toFixed(2)} s (${fmt(ms / count)} ms per plan; CPU ${(cpuMs / 1000).toFixed(2)} s; load ${os.loadavg()[0]!.toFixed(2)})`);
          fs.rmSync(out, { recursive: true, force: true });
        }
      }
      // The first visible batch also loads fontkit: under tsx (this bench) its 1.5 MB bundle is compiled
      // by tsx; the app and the built CLI load it with plain Node.
      const plain = spawnSync(process.execPath, ['-e', "const t = performance.now(); require('@pdf-lib/fontkit'); console.log(performance.now() - t)"], { cwd: root, encoding: 'utf8' });
      console.log(`  (loading fontkit with plain Node, as the app does: ${fmt(Number(plain.stdout))} ms)`);
    } finally {
      await app.ctx.close();
    }
  } finally {
    hsm.cleanup();
  }
}

async function sampleImage(work: string): Promise<string> {
  const { sampleSignaturePng } = await import('../src/main/core/pdf/appearance');
  const p = path.join(work, 'chu-ky.png');
  fs.writeFileSync(p, sampleSignaturePng());
  return p;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
