import { expect, type Locator, type Page } from '@playwright/test';
import { readState } from './state';

/** Opens the app as a user would (the page URL the dev host printed) and waits for the shell. */
export async function openApp(page: Page): Promise<void> {
  await page.goto(readState().pageUrl);
  await expect(page.getByRole('navigation', { name: 'Các màn hình' })).toBeVisible();
}

export async function goTo(page: Page, screenName: string | RegExp): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: screenName }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

/** Saves a screenshot of a main screen as an artifact (test-results/screens/). */
export async function screen(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: false });
}

/** Selects the one option of a <select> whose text contains `text`. */
export async function chooseOption(select: Locator, text: string): Promise<void> {
  const option = select.locator('option', { hasText: text });
  await expect(option).toHaveCount(1);
  await select.selectOption((await option.getAttribute('value'))!);
}

/** Chooses who is using the app (the "Người dùng" box of the top bar). */
export async function actAs(page: Page, fullName: string): Promise<void> {
  await chooseOption(page.getByTestId('actor'), fullName);
}

/** Collects what the page reports as errors (uncaught exceptions, console errors) for a final check. */
export function watchErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(`${e.message}\n${e.stack ?? ''}`));
  return problems;
}
