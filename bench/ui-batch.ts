/**
 * Batch approval of N submitted plans through the UI: the principal logs in once, selects all the
 * waiting plans, presses approve; timed from the click until every per-file result is on screen.
 * Preconditions (school, staff, N imported plans signed and submitted by the teacher) go through the API.
 */
import os from 'node:os';
import type { Browser } from 'playwright-core';
import { prepareWaitingPlans, type WaitingPlans } from './support/waiting-plans';

export async function benchBatchApproval(browser: Browser, work: string, n: number): Promise<string> {
  let plans: WaitingPlans | undefined;
  try {
    plans = await prepareWaitingPlans(work, n);
    const { host, principal } = plans;
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    await page.goto(host.pageUrl);
    const actor = page.getByTestId('actor');
    await actor.selectOption((await actor.locator('option', { hasText: 'Lê Thị Thu Hương' }).getAttribute('value'))!);
    await page.getByRole('navigation').getByRole('button', { name: 'Ký, trình, duyệt' }).click();
    const tokenSelect = page.getByLabel('Thiết bị', { exact: true });
    await tokenSelect.selectOption((await tokenSelect.locator('option', { hasText: principal.token.label }).getAttribute('value'))!);
    await page.getByLabel('Mã PIN', { exact: true }).fill(principal.pin);
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
    await plans?.close();
  }
}
