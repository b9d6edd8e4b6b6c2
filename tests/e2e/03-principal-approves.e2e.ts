/**
 * Flow 3: the principal approves the submitted plan with her own certificate and the school's seal in
 * one step; the document view then lists three valid signatures and pdfsig agrees.
 */
import { test, expect } from '@playwright/test';
import { openApp, goTo, screen, actAs, chooseOption } from './support/app';
import { api, readState } from './support/state';
import { pdfsigReport, pdfsigSignatures } from './support/pdfsig';

test('the principal approves with her certificate and the school seal; three valid signatures', async ({ page }) => {
  const s = readState();
  await openApp(page);
  await actAs(page, 'Lê Thị Thu Hương');
  await goTo(page, 'Ký, trình, duyệt');
  await chooseOption(page.getByLabel('Thiết bị', { exact: true }), s.tokens.principal.label);
  await page.getByLabel('Mã PIN', { exact: true }).fill(s.tokens.principal.pin);
  await page.getByRole('button', { name: 'Đăng nhập thiết bị' }).click();
  await expect(page.getByTestId('personal-cert')).toContainText('Lê Thị Thu Hương');
  await expect(page.getByTestId('seal-cert')).toContainText('Trường Mầm non Hoa Sen');

  // The waiting plans list has the teacher's plan; open it from the records to approve it alone.
  await expect(page.getByTestId('waiting')).toContainText('Kế hoạch giáo dục tuần 5');
  await goTo(page, 'Hồ sơ điện tử');
  await page.getByRole('treeitem', { name: /Hồ sơ quản lý hoạt động giáo dục/ }).click();
  await page.getByTestId('documents').getByRole('option', { name: /Kế hoạch giáo dục tuần 5/ }).dblclick();
  await page.getByRole('button', { name: 'Ký, trình hoặc duyệt' }).click();
  const target = page.getByTestId('pdf-page');
  await expect(target).toHaveAttribute('data-rendered', 'true');
  const box = (await target.boundingBox())!;
  await target.click({ position: { x: box.width * 0.3, y: box.height * 0.82 } });
  await expect(page.getByTestId('appearance-preview')).toContainText('Kèm con dấu: Trường Mầm non Hoa Sen');
  await screen(page, 'sign-approve');
  await page.getByRole('button', { name: 'Ký, đóng dấu và duyệt' }).click();
  await expect(page.getByTestId('sign-done')).toContainText('Đã ký, đóng dấu và duyệt.');

  await goTo(page, 'Hồ sơ điện tử');
  await page.getByTestId('documents').getByRole('option', { name: /Kế hoạch giáo dục tuần 5/ }).dblclick();
  const signatures = page.locator('li.signature');
  await expect(signatures).toHaveCount(3);
  for (let i = 0; i < 3; i++) await expect(signatures.nth(i)).toHaveAttribute('data-verdict', 'valid');
  await expect(signatures.nth(0)).toHaveAttribute('data-signer', 'Nguyễn Thị Hoa');
  await expect(signatures.nth(1)).toHaveAttribute('data-signer', 'Lê Thị Thu Hương');
  await expect(signatures.nth(2)).toHaveAttribute('data-signer', 'Trường Mầm non Hoa Sen');
  await expect(page.getByTestId('history')).toContainText('Đã duyệt');
  await screen(page, 'document-approved');
  // Logging out at the end, as the user does when leaving the computer (the token session closes).
  await goTo(page, 'Thiết bị ký số');
  await page.getByRole('button', { name: 'Đăng xuất thiết bị' }).click();
  await expect(page.getByTestId('session')).toHaveCount(0);

  // The stored file, checked by poppler's pdfsig (its text, since it exits 0 whatever it finds).
  const docs = await api<Array<{ id: number; title: string }>>('records.search', { query: 'ke hoach giao duc tuan 5' });
  const file = await api<{ path: string }>('files.documentVersion', { documentId: docs[0]!.id });
  const report = pdfsigReport(file.path);
  const each = pdfsigSignatures(report);
  expect(each).toHaveLength(3);
  for (const sig of each) {
    expect(sig).toContain('Signature Validation: Signature is Valid.');
    expect(sig).toContain('Certificate Validation: Certificate is Trusted.');
  }
  expect(each[2]).toContain('Total document signed');
  expect(s.tokens.principal.label).toBeTruthy();
});
