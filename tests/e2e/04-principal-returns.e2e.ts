/** Flow 4: the principal returns another plan with a reason; the teacher sees the reason. */
import { test, expect } from '@playwright/test';
import { openApp, goTo, screen, actAs } from './support/app';
import { api, readState } from './support/state';

interface Staff { id: number; fullName: string }
interface TokenReport { modules: Array<{ tokens: Array<{ tokenId: string; label: string; certificates: Array<{ certificateId: string }> }> }> }

test('the principal returns a plan with a reason and the teacher sees it', async ({ page }) => {
  const s = readState();
  // Precondition through the API: the teacher has imported, signed and submitted week 6.
  const staff = await api<Staff[]>('staff.list', {});
  const teacher = staff.find((p) => p.fullName === 'Nguyễn Thị Hoa')!;
  const years = await api<Array<{ id: number }>>('records.listSchoolYears', {});
  const tree = await api<Array<{ id: number; name: string }>>('records.tree', { schoolYearId: years[0]!.id });
  const folder = tree.find((f) => f.name === 'Hồ sơ quản lý hoạt động giáo dục')!;
  const [imported] = await api<Array<{ documentId: number }>>('records.import', { paths: [s.plans[1]], folderId: folder.id, ownerStaffId: teacher.id, actorStaffId: teacher.id });
  const list = await api<TokenReport>('tokens.list', {});
  const token = list.modules.flatMap((m) => m.tokens).find((t) => t.label === s.tokens.teacher.label)!;
  const login = await api<{ sessionId: string }>('tokens.login', { tokenId: token.tokenId, pin: s.tokens.teacher.pin });
  await api('plans.submit', { documentId: imported!.documentId, actorStaffId: teacher.id, signing: { signer: { kind: 'token', sessionId: login.sessionId, certificateId: token.certificates[0]!.certificateId } } });
  await api('tokens.logout', { sessionId: login.sessionId });

  await openApp(page);
  await actAs(page, 'Lê Thị Thu Hương');
  await goTo(page, 'Hồ sơ điện tử');
  await page.getByRole('treeitem', { name: /Hồ sơ quản lý hoạt động giáo dục/ }).click();
  await page.getByTestId('documents').getByRole('option', { name: /Kế hoạch giáo dục tuần 6/ }).dblclick();
  await page.getByRole('button', { name: 'Ký, trình hoặc duyệt' }).click();
  const reason = 'Bổ sung mục tiêu giáo dục kỹ năng sống và thời gian biểu thứ Sáu.';
  await page.getByLabel('Lý do trả lại (người lập sẽ thấy)').fill(reason);
  await page.getByRole('button', { name: 'Trả lại kế hoạch' }).click();
  await expect(page.getByTestId('sign-done')).toContainText('Đã trả lại kế hoạch kèm lý do.');

  await actAs(page, 'Nguyễn Thị Hoa');
  await goTo(page, 'Hồ sơ điện tử');
  // The teacher finds it by typing without diacritics.
  await page.getByRole('searchbox', { name: 'Tìm hồ sơ' }).fill('ke hoach giao duc tuan 6');
  const found = page.getByRole('list', { name: /kết quả tìm kiếm/ });
  await expect(found).toContainText('Kế hoạch giáo dục tuần 6');
  await expect(found).toContainText('Bị trả lại');
  await page.getByRole('searchbox', { name: 'Tìm hồ sơ' }).fill('');
  const row = page.getByTestId('documents').getByRole('option', { name: /Kế hoạch giáo dục tuần 6/ });
  await expect(row).toContainText('Bị trả lại');
  await row.dblclick();
  await expect(page.getByTestId('return-reason')).toContainText(reason);
  await screen(page, 'document-returned');
});
