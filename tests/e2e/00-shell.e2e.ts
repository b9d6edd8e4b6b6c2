import { test, expect } from '@playwright/test';
import { openApp, screen } from './support/app';

test('the app shell opens in Vietnamese, switches to English and back, and is usable by keyboard', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await openApp(page);
  await expect(page).toHaveTitle('Hồ Sơ Ký');
  // The secret is taken out of the address bar at once.
  expect(page.url()).not.toContain('bridge=');
  // Keyboard: the skip link is the first stop and leads to the main content.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Bỏ qua, đến nội dung chính' })).toBeFocused();
  const nav = page.getByRole('navigation', { name: 'Các màn hình' });
  for (const name of ['Thiết bị ký số', 'Hồ sơ điện tử', 'Ký, trình, duyệt', 'Nhân sự và chứng thư số', 'Biểu mẫu', 'Báo cáo kiểm tra', 'Cài đặt']) {
    await expect(nav.getByRole('button', { name })).toBeVisible();
  }
  await nav.getByRole('button', { name: 'Cài đặt' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cài đặt' })).toBeFocused();
  await screen(page, 'settings');

  await page.getByRole('button', { name: /English/ }).click();
  await expect(page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Settings' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await screen(page, 'settings-en');
  await page.getByRole('button', { name: /Tiếng Việt/ }).click();
  await expect(nav.getByRole('button', { name: 'Cài đặt' })).toBeVisible();
  expect(problems).toEqual([]);
});

test('the page is refused by the API without the per-run secret', async ({ page, request }) => {
  await openApp(page);
  const origin = new URL(page.url()).origin;
  const r = await request.post(`${origin}/api/system.info`, { data: {} });
  expect(r.status()).toBe(403);
});
