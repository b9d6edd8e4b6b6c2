/** Flow 5: the office exports the request form and the revocation list; the inspection report shows the figures. */
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import JSZip from 'jszip';
import { openApp, goTo, screen } from './support/app';
import { api } from './support/state';

const docxText = async (file: string) => {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
};

test('the office exports the request form and the revocation list; the report shows the figures', async ({ page }) => {
  // A teacher who moved to another province still holds a valid certificate: it must be revoked.
  const moved = await api<{ id: number }>('staff.save', {
    staff: { fullName: 'Trần Văn Nam', position: 'Giáo viên', cccd: '031185004321', status: 'moved_province', roles: ['teacher'] },
  });
  const today = new Date();
  const day = (d: Date) => d.toISOString().slice(0, 10);
  await api('staff.saveCertificate', {
    staffId: moved.id,
    certificate: {
      holder: 'personal', specialPurpose: true, providerName: 'Ban Cơ yếu Chính phủ', serialNumber: '5403A1B2C3D4',
      issuer: 'CA phục vụ các cơ quan Nhà nước', validFrom: day(new Date(today.getTime() - 200 * 864e5)), validTo: day(new Date(today.getTime() + 700 * 864e5)),
    },
  });

  await openApp(page);
  await goTo(page, 'Biểu mẫu');
  await page.getByRole('button', { name: 'Tạo biểu mẫu đề nghị' }).click();
  const request = page.getByTestId('form-result-request');
  await expect(request).toContainText('Đã tạo tệp');
  await page.getByRole('button', { name: 'Tạo danh sách thu hồi' }).click();
  const revocation = page.getByTestId('form-result-revocation');
  await expect(revocation).toContainText('Trần Văn Nam');
  await screen(page, 'forms');
  const requestPath = (await request.locator('.path').textContent())!;
  const revocationPath = (await revocation.locator('.path').textContent())!;
  const requestText = await docxText(requestPath);
  expect(requestText).toContain('Nguyễn Thị Hoa');
  expect(requestText).toContain('031190001234');
  const revocationText = await docxText(revocationPath);
  expect(revocationText).toContain('Trần Văn Nam');
  expect(revocationText).toMatch(/Chuyển công tác/i);

  await goTo(page, 'Báo cáo kiểm tra');
  await page.getByLabel('Từ ngày').fill(`${today.getFullYear()}-01-01`);
  await page.getByRole('button', { name: 'Xem số liệu' }).click();
  const figures = page.getByTestId('inspection-figures');
  await expect(figures.locator('[data-figure="approvedPlans"]')).toContainText('1');
  await expect(figures.locator('[data-figure="staffSigned"]')).toContainText('2 /');
  await expect(figures).toContainText('Kế hoạch giáo dục tuần 5');
  await screen(page, 'report');
});
