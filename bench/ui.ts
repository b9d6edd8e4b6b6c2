/**
 * Renderer figures on this machine's Chromium (playwright-core, /usr/bin/chromium):
 *   1. initial JavaScript of the app shell, gzipped (pdf.js must not be in it);
 *   2. first paint of the app shell (first-contentful-paint, median of 5 cold page loads);
 *   3. a folder of 100,000 documents in the e-records tree: frame times while scrolling the list
 *      (virtualised; target: no frame over 100 ms);
 *   4. batch approval of 100 submitted plans with one PIN entry, end to end through the UI (target < 5 s).
 * Run: npx tsx bench/ui.ts   (builds first when dist-renderer/ is missing)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';
import { startDevHost } from '../src/main/transports/dev-host';
import { openDatabase } from '../src/main/infra/db/connection';
import { setSchool, addSchoolYear } from '../src/main/core/records/school';
import { insertDocument, insertVersion } from '../src/main/core/records/documents';
import { benchBatchApproval } from './ui-batch';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

if (!fs.existsSync('dist-renderer/index.html') || !fs.existsSync('dist/dev-host.js')) {
  spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}

/** Every script the page loads before any user action: the entry and what it statically imports. */
function initialJsGzipBytes(): { bytes: number; files: string[] } {
  const html = fs.readFileSync('dist-renderer/index.html', 'utf8');
  const entries = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\.?\/?([^"]+\.js)"/g)].map((m) => m[1]!);
  const seen = new Set<string>();
  const visit = (rel: string) => {
    if (seen.has(rel)) return;
    seen.add(rel);
    const code = fs.readFileSync(path.join('dist-renderer', rel), 'utf8');
    // Static imports only (`import … from "./x.js"`); dynamic import() chunks load later, on demand.
    for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[^'"()]*?from\s*)?["']\.\/([^"']+\.js)["']/g)) visit(path.posix.join(path.posix.dirname(rel), m[1]!));
  };
  entries.forEach(visit);
  const bytes = [...seen].reduce((n, f) => n + zlib.gzipSync(fs.readFileSync(path.join('dist-renderer', f)), { level: 9 }).length, 0);
  return { bytes, files: [...seen] };
}

async function firstPaint(browser: Browser, url: string): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < 5; i++) {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await ctx.newPage();
    await page.goto(url);
    await page.getByRole('navigation').waitFor();
    out.push(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN));
    await ctx.close();
  }
  return out;
}

function build100kStore(dataDir: string, n: number): void {
  const { db } = openDatabase(path.join(dataDir, 'hosoky.sqlite'));
  const at = '2025-09-05T01:00:00.000Z';
  setSchool(db, { name: 'Trường Mầm non Hoa Sen', managingUnit: 'Phòng GD&ĐT', level: 'mam_non' }, at);
  const year = addSchoolYear(db, '2025-2026', at);
  const folder = (db.prepare("SELECT id FROM folders WHERE school_year_id = ? AND code = 'mn.giao_duc'").get(year.id) as { id: number }).id;
  for (let made = 0; made < n; ) {
    db.transaction(() => {
      for (let k = 0; k < 5000 && made < n; k++, made++) {
        const { id } = insertDocument(db, { folderId: folder, title: `Kế hoạch giáo dục tuần ${(made % 35) + 1} – lớp ${(made % 12) + 1} – số ${made + 1}`, kind: 'ke_hoach', ownerStaffId: null, meta: {}, docDate: '2025-10-15' }, at);
        insertVersion(db, id, { sha256: made.toString(16).padStart(64, '0'), size: 120_000, fileName: `${made}.pdf`, origin: 'import', text: null }, at);
      }
    })();
  }
  db.close();
}

async function scrollFrames(browser: Browser, url: string): Promise<{ maxMs: number; p95Ms: number; frames: number; rowsInDom: number }> {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await page.goto(url);
  await page.getByRole('navigation').getByRole('button', { name: 'Hồ sơ điện tử' }).click();
  await page.getByRole('treeitem', { name: /Hồ sơ quản lý hoạt động giáo dục/ }).click();
  const list = page.getByTestId('documents');
  await list.getByRole('option').first().getByText('Kế hoạch').waitFor();
  // tsx names functions with an __name helper that the page does not have.
  await page.evaluate('globalThis.__name = (f) => f');
  // Scroll the whole list top to bottom in 3 s (about 33 rows per frame) and record every frame's length.
  return page.evaluate(async () => {
    const el = document.querySelector('[data-testid="documents"]') as HTMLElement;
    const deltas: number[] = [];
    let last = performance.now();
    const start = last;
    await new Promise<void>((done) => {
      const step = (now: number) => {
        deltas.push(now - last);
        last = now;
        const t = Math.min(1, (now - start) / 3000);
        el.scrollTop = t * (el.scrollHeight - el.clientHeight);
        if (t < 1) requestAnimationFrame(step);
        else done();
      };
      requestAnimationFrame(step);
    });
    const sorted = [...deltas].sort((a, b) => a - b);
    return { maxMs: sorted[sorted.length - 1]!, p95Ms: sorted[Math.floor(sorted.length * 0.95)]!, frames: deltas.length, rowsInDom: el.querySelectorAll('[role="option"]').length };
  });
}

const js = initialJsGzipBytes();
console.log(`initial JS (gzip): ${(js.bytes / 1024).toFixed(1)} KB in ${js.files.length} file(s) — target < 400 KB; pdf.js in it: ${js.files.some((f) => /pdf/.test(f)) ? 'YES' : 'no'}`);

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-bench-ui-'));
try {
  const emptyHost = await startDevHost({ dataDir: path.join(work, 'empty') });
  const fcp = await firstPaint(browser, emptyHost.pageUrl);
  await emptyHost.close();
  console.log(`first paint of the app shell: median ${median(fcp).toFixed(0)} ms (runs: ${fcp.map((x) => x.toFixed(0)).join(', ')}) — target < 800 ms`);

  const bigDir = path.join(work, 'big');
  fs.mkdirSync(bigDir);
  const t0 = Date.now();
  build100kStore(bigDir, 100_000);
  const bigHost = await startDevHost({ dataDir: bigDir });
  const scroll = await scrollFrames(browser, bigHost.pageUrl);
  await bigHost.close();
  console.log(`100,000-document folder (store built in ${((Date.now() - t0) / 1000).toFixed(1)} s): scrolled top to bottom in ${scroll.frames} frames, longest frame ${scroll.maxMs.toFixed(1)} ms, p95 ${scroll.p95Ms.toFixed(1)} ms, ${scroll.rowsInDom} rows in the DOM — target: no frame over 100 ms`);

  const batch = await benchBatchApproval(browser, path.join(work, 'batch'), 100);
  console.log(batch);
} finally {
  await browser.close();
  fs.rmSync(work, { recursive: true, force: true });
}
