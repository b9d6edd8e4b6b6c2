/** Flow 1: a teacher imports a plan, places the visible signature, enters the PIN and submits. */
import { test, expect } from '@playwright/test';
import { openApp, goTo, screen, actAs, chooseOption, watchErrors } from './support/app';
import { readState } from './support/state';

test('a teacher imports a plan, places the signature, enters the PIN and submits', async ({ page }) => {
  const s = readState();
  const problems = watchErrors(page);
  await openApp(page);
  await actAs(page, 'Nguyễn Thị Hoa');
  await goTo(page, 'Hồ sơ điện tử');
  await page.getByRole('treeitem', { name: /Hồ sơ quản lý hoạt động giáo dục/ }).click();
  await page.getByText('Thêm văn bản vào thư mục này').click();
  await page.getByTestId('import-picker').setInputFiles(s.plans[0]!);
  await expect(page.getByRole('list', { name: 'Kết quả thêm văn bản' })).toContainText('đã thêm');
  const row = page.getByTestId('documents').getByRole('option', { name: /Kế hoạch giáo dục tuần 5/ });
  await expect(row).toContainText('Bản nháp');
  await screen(page, 'records');
  await row.dblclick();

  await expect(page.getByRole('heading', { level: 1 })).toContainText('Kế hoạch giáo dục tuần 5');
  await expect(page.getByTestId('pdf-page')).toHaveAttribute('data-rendered', 'true');
  await expect(page.getByTestId('verification-summary')).toBeVisible();
  await screen(page, 'document-draft');
  await page.getByRole('button', { name: 'Ký, trình hoặc duyệt' }).click();

  // PIN once, on the signing screen.
  await chooseOption(page.getByLabel('Thiết bị', { exact: true }), s.tokens.teacher.label);
  await page.getByLabel('Mã PIN', { exact: true }).fill(s.tokens.teacher.pin);
  await page.getByRole('button', { name: 'Đăng nhập thiết bị' }).click();
  await expect(page.getByTestId('personal-cert')).toContainText('Nguyễn Thị Hoa');

  // Place the signature box by clicking on the page, near the bottom right.
  const target = page.getByTestId('pdf-page');
  await expect(target).toHaveAttribute('data-rendered', 'true');
  const box = (await target.boundingBox())!;
  await target.click({ position: { x: box.width * 0.72, y: box.height * 0.82 } });
  await expect(page.getByTestId('signature-box')).toBeVisible();
  await expect(page.getByTestId('appearance-preview')).toContainText('Ký bởi: Nguyễn Thị Hoa');
  await screen(page, 'sign-submit');

  await page.getByRole('button', { name: 'Ký và trình' }).click();
  await expect(page.getByTestId('sign-done')).toContainText('Đã ký và trình kế hoạch.');
  await expect(page.getByRole('heading', { name: /Kế hoạch giáo dục tuần 5/ }).locator('[data-status]')).toHaveAttribute('data-status', 'submitted');
  // Logging out at the end, as the user does when leaving the computer (the token session closes).
  await goTo(page, 'Thiết bị ký số');
  await page.getByRole('button', { name: 'Đăng xuất thiết bị' }).click();
  await expect(page.getByTestId('session')).toHaveCount(0);
  expect(problems).toEqual([]);
});
