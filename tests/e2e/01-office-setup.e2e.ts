/**
 * The office sets the school up through the UI: school information, the school year, and the staff
 * (the teacher and the principal), then attaches the principal's token certificates to her record.
 */
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { openApp, goTo, screen } from './support/app';
import { readState } from './support/state';

test('the office enters the school, the school year, the trusted CAs and the staff', async ({ page }) => {
  const s = readState();
  await openApp(page);
  await goTo(page, 'Cài đặt');
  await page.getByLabel('Tên trường').fill('Trường Mầm non Hoa Sen');
  await page.getByLabel('Cơ quan quản lý').fill('Phòng Giáo dục và Đào tạo quận Dương Kinh');
  await page.getByLabel('Cấp học').selectOption({ label: 'Mầm non' });
  await page.getByRole('button', { name: 'Lưu thông tin nhà trường' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu.' })).toBeVisible();
  await page.getByLabel('Năm học mới').fill('2025-2026');
  await page.getByRole('button', { name: 'Thêm năm học' }).click();
  await expect(page.getByText('2025-2026', { exact: true })).toBeVisible();
  // The SoftHSM2 driver given to the app by the test host is listed with the drivers.
  await expect(page.getByRole('cell', { name: /libsofthsm2\.so/ })).toBeVisible();
  // The school's CA chain (root + the issuing CA), as its provider hands it over.
  await page.getByLabel('Thêm tệp chứng thư CA (.crt, .cer, .pem, .der, .p7b):').setInputFiles([path.join(s.pkiDir, 'root.pem'), path.join(s.pkiDir, 'caGov.pem')]);
  await expect(page.getByText('Đã thêm 2 chứng thư.')).toBeVisible();
  await expect(page.getByTestId('trust-table')).toContainText('CA phục vụ các cơ quan Nhà nước (kiểm thử)');
  // A school without internet: revocation is then reported as "not checked (offline)", not guessed.
  await page.getByRole('checkbox', { name: 'Cho phép kiểm tra trực tuyến (thu hồi chứng thư, dấu thời gian)' }).uncheck();
  await page.getByRole('form', { name: 'Ký số' }).getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('form', { name: 'Ký số' }).getByRole('status')).toHaveText('Đã lưu.');
  // The long-term-validation queue is visible to the office (nothing signed offline yet).
  await expect(page.getByTestId('ltv-counts')).toHaveText('Đang chờ: 0 · Đang chạy: 0 · Xong: 0 · Lỗi: 0');
  await screen(page, 'settings');

  await goTo(page, 'Nhân sự và chứng thư số');
  const people = [
    { name: 'Nguyễn Thị Hoa', position: 'Giáo viên', cccd: '031190001234', phone: '0912345678', role: 'Giáo viên' },
    { name: 'Lê Thị Thu Hương', position: 'Hiệu trưởng', cccd: '031178009876', phone: '0987654321', role: 'Hiệu trưởng' },
  ];
  for (const p of people) {
    await page.getByRole('button', { name: 'Thêm người' }).click();
    const form = page.getByRole('form', { name: 'Thêm người' });
    await form.getByLabel('Họ và tên').fill(p.name);
    await form.getByLabel('Chức vụ').fill(p.position);
    await form.getByLabel('Số căn cước công dân').fill(p.cccd);
    await form.getByLabel('Điện thoại').fill(p.phone);
    await form.getByRole('checkbox', { name: 'Giáo viên', exact: true }).setChecked(p.role === 'Giáo viên');
    await form.getByRole('checkbox', { name: p.role, exact: true }).check();
    await form.getByRole('button', { name: 'Lưu' }).click();
    await expect(page.getByTestId('staff-table').getByRole('cell', { name: p.name, exact: true })).toBeVisible();
  }
  await screen(page, 'staff');
});
