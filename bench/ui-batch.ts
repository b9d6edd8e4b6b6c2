/**
 * Batch approval of N submitted plans through the UI: the principal logs in once, selects all the
 * waiting plans, presses approve; timed from the click until every per-file result is on screen.
 * Preconditions (school, staff, N imported plans signed and submitted by the teacher) go through the API.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { build as esbuild } from 'esbuild';
import type { Browser } from 'playwright-core';
import { startDevHost } from '../src/main/transports/dev-host';
import { makePlanPdf } from '../tests/e2e/support/plans';

interface Prepared {
  dataDir: string;
  hsm: { dir: string; confPath: string; modulePath: string };
  tokens: { teacher: { label: string; pin: string }; principal: { label: string; pin: string } };
}

export async function benchBatchApproval(browser: Browser, work: string, n: number): Promise<string> {
  fs.mkdirSync(work, { recursive: true });
  // The same tokens as the end-to-end tests (SoftHSM2, test PKI), made by the e2e preparation script.
  // Bundled inside the repository so that its external packages resolve from node_modules.
  fs.mkdirSync('.tmp', { recursive: true });
  const bundle = path.resolve('.tmp/bench-prepare.cjs');
  await esbuild({ entryPoints: ['tests/e2e/support/prepare.ts'], outfile: bundle, bundle: true, platform: 'node', format: 'cjs', packages: 'external', logLevel: 'warning' });
  const out = spawnSync(process.execPath, [bundle, work], { encoding: 'utf8' });
  if (out.status !== 0) return `batch approval: not measured (token preparation failed: ${out.stderr.slice(0, 300)})`;
  const prep = JSON.parse(out.stdout.trim().split('\n').pop()!) as Prepared;
  process.env.SOFTHSM2_CONF = prep.hsm.confPath;
  const host = await startDevHost({ dataDir: prep.dataDir });
  const api = async <T>(method: string, input: unknown): Promise<T> => {
    const res = await fetch(`${host.bridge.url}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hosoky-secret': host.bridge.secret }, body: JSON.stringify(input) });
    const r = (await res.json()) as { ok: boolean; value: T; error?: { code: string; messageEn: string } };
    if (!r.ok) throw new Error(`${method}: ${r.error?.code} ${r.error?.messageEn}`);
    return r.value;
  };
  try {
    await api('settings.update', { tokenModulePaths: [prep.hsm.modulePath] });
    await api('records.setSchool', { name: 'Trường Mầm non Hoa Sen', managingUnit: 'Phòng GD&ĐT', level: 'mam_non' });
    const year = await api<{ id: number }>('records.addSchoolYear', { name: '2025-2026' });
    const teacher = await api<{ id: number }>('staff.save', { staff: { fullName: 'Nguyễn Thị Hoa', roles: ['teacher'], cccd: '031190001234' } });
    await api('staff.save', { staff: { fullName: 'Lê Thị Thu Hương', roles: ['principal'], cccd: '031178009876', position: 'Hiệu trưởng' } });
    const tree = await api<Array<{ id: number; code: string | null }>>('records.tree', { schoolYearId: year.id });
    const folder = tree.find((f) => f.code === 'mn.giao_duc')!;
    const plansDir = path.join(work, 'batch-plans');
    fs.mkdirSync(plansDir);
    const files: string[] = [];
    for (let i = 1; i <= n; i++) files.push(await makePlanPdf(path.join(plansDir, `Kế hoạch giáo dục số ${i}.pdf`), `Kế hoạch giáo dục số ${i}`, 'Nguyễn Thị Hoa', 1));
    const imported = await api<Array<{ ok: boolean; documentId: number }>>('records.import', { paths: files, folderId: folder.id, ownerStaffId: teacher.id, actorStaffId: teacher.id });
    const list = await api<{ modules: Array<{ tokens: Array<{ tokenId: string; label: string; certificates: Array<{ certificateId: string }> }> }> }>('tokens.list', {});
    const tokenOf = (label: string) => list.modules.flatMap((m) => m.tokens).find((t) => t.label === label)!;
    const tt = tokenOf(prep.tokens.teacher.label);
    const login = await api<{ sessionId: string }>('tokens.login', { tokenId: tt.tokenId, pin: prep.tokens.teacher.pin });
    for (const d of imported) await api('plans.submit', { documentId: d.documentId, actorStaffId: teacher.id, signing: { signer: { kind: 'token', sessionId: login.sessionId, certificateId: tt.certificates[0]!.certificateId } } });
    await api('tokens.logout', { sessionId: login.sessionId });

    const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    await page.goto(host.pageUrl);
    const actor = page.getByTestId('actor');
    await actor.selectOption((await actor.locator('option', { hasText: 'Lê Thị Thu Hương' }).getAttribute('value'))!);
    await page.getByRole('navigation').getByRole('button', { name: 'Ký, trình, duyệt' }).click();
    const tokenSelect = page.getByLabel('Thiết bị', { exact: true });
    await tokenSelect.selectOption((await tokenSelect.locator('option', { hasText: prep.tokens.principal.label }).getAttribute('value'))!);
    await page.getByLabel('Mã PIN', { exact: true }).fill(prep.tokens.principal.pin);
    await page.getByRole('button', { name: 'Đăng nhập thiết bị' }).click();
    await page.getByTestId('seal-cert').waitFor();
    await page.getByTestId('waiting').getByRole('checkbox').nth(n - 1).waitFor();
    await page.getByRole('checkbox', { name: 'Chọn tất cả' }).check();
    // Server side: from the first plan finished to the last (the core's share of the end-to-end time).
    const finished: number[] = [];
    const off = host.app.ctx.events.subscribe((name, p) => name === 'records.progress' && (p as { operation: string }).operation === 'approve' && finished.push(Date.now()));
    const t0 = Date.now();
    await page.getByRole('button', { name: new RegExp(`Duyệt ${n} kế hoạch`) }).click();
    await page.getByTestId('batch-results').locator('li').nth(n - 1).waitFor({ timeout: 120_000 });
    const ms = Date.now() - t0;
    off();
    const approved = await page.getByTestId('batch-results').locator('li.verdict-valid').count();
    return `batch approval of ${n} plans (principal's signature + school seal each, one PIN entry): ${(ms / 1000).toFixed(2)} s end to end (click → first plan done ${((finished[0]! - t0) / 1000).toFixed(2)} s, last plan done → all on screen ${((t0 + ms - finished.at(-1)!) / 1000).toFixed(2)} s), ${approved}/${n} approved, load ${os.loadavg()[0]!.toFixed(1)} — target < 5 s`;
  } catch (e) {
    return `batch approval: not measured (${e instanceof Error ? e.message : String(e)})`;
  } finally {
    await host.close();
    fs.rmSync(prep.hsm.dir, { recursive: true, force: true });
  }
}
