/** Flow 2: a wrong PIN shows the remaining tries; the token is pulled out and plugged back in. */
import { test, expect } from '@playwright/test';
import { openApp, goTo, screen } from './support/app';
import { pullToken, readState } from './support/state';

test('a wrong PIN shows the tries left; pulling the token out and back is noticed', async ({ page }) => {
  const s = readState();
  await openApp(page);
  await goTo(page, 'Thiết bị ký số');
  const card = page.locator(`article[data-token="${s.tokens.teacher.label}"]`);
  await expect(card).toBeVisible();
  await expect(card).toContainText('Nguyễn Thị Hoa');
  await card.getByLabel('Mã PIN', { exact: true }).fill('99990000');
  await card.getByRole('button', { name: 'Đăng nhập thiết bị' }).click();
  await expect(card.getByRole('alert')).toContainText('không đúng');
  await expect(card.getByTestId('pin-tries')).toContainText('Số lần thử PIN còn lại');
  await screen(page, 'token-wrong-pin');

  // The right PIN still works (the app never retried the wrong one).
  await card.getByLabel('Mã PIN', { exact: true }).fill(s.tokens.teacher.pin);
  await card.getByRole('button', { name: 'Đăng nhập thiết bị' }).click();
  await expect(card).toContainText('Đã đăng nhập');

  const putBack = pullToken(s.tokens.teacher.label);
  try {
    await expect(card).toHaveCount(0, { timeout: 15_000 });
    await expect(page.getByText('Thiết bị đã được rút ra nên phiên ký đã đóng.')).toBeVisible();
  } finally {
    putBack();
  }
  await expect(card).toBeVisible({ timeout: 15_000 });
  await expect(card).toContainText('Chưa đăng nhập');
  await screen(page, 'token');
});
