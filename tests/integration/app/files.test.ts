import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { createApp, type App } from '../../../src/main/api';
import { makePlanPdf } from '../../e2e/support/plans';

describe('files API: uploads from the window, export folder, stored versions', () => {
  let dir: string;
  let app: App;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-files-'));
    app = createApp({ dataDir: dir, host: 'bridge', version: '0.0.0-test' });
  });
  afterAll(async () => {
    await app.ctx.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stages a dropped file inside the data folder with its Vietnamese name and exact bytes', async () => {
    const bytes = crypto.randomBytes(5000);
    const r = await app.server.call('files.stage', { fileName: 'Kế hoạch tuần 5.pdf', contentBase64: bytes.toString('base64') });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const staged = r.value as { path: string; size: number };
    expect(path.basename(staged.path)).toBe('Kế hoạch tuần 5.pdf');
    expect(staged.path.startsWith(path.join(dir, 'inbox') + path.sep)).toBe(true);
    expect(fs.readFileSync(staged.path).equals(bytes)).toBe(true);
    const image = await app.server.call('files.stage', { fileName: 'chu-ky.png', contentBase64: 'iVBORw0KGgo=', purpose: 'image' });
    expect(image.ok && (image.value as { path: string }).path.startsWith(path.join(dir, 'images') + path.sep)).toBe(true);
  });

  it('refuses names that would leave the inbox and content that is not base64', async () => {
    for (const fileName of ['../evil.pdf', 'a/b.pdf', 'a\\b.pdf', '..', '']) {
      const r = await app.server.call('files.stage', { fileName, contentBase64: 'AAAA' });
      expect(r).toMatchObject({ ok: false, error: { code: 'API_INVALID_INPUT' } });
    }
    const notBase64 = await app.server.call('files.stage', { fileName: 'x.pdf', contentBase64: 'không phải base64' });
    expect(notBase64).toMatchObject({ ok: false, error: { code: 'API_INVALID_INPUT' } });
    expect(fs.existsSync(path.join(dir, 'evil.pdf'))).toBe(false);
  });

  it('gives an export folder that exists', async () => {
    const r = await app.server.call('files.exportFolder', {});
    expect(r.ok && fs.statSync((r.value as { path: string }).path).isDirectory()).toBe(true);
  });

  it('hands back the stored file of a document version, byte for byte', async () => {
    await app.server.call('records.setSchool', { name: 'Trường Mầm non Hoa Sen', level: 'mam_non' });
    const year = await app.server.call('records.addSchoolYear', { name: '2025-2026' });
    expect(year.ok).toBe(true);
    if (!year.ok) return;
    const tree = await app.server.call('records.tree', { schoolYearId: (year.value as { id: number }).id });
    const folder = (tree.ok ? (tree.value as Array<{ id: number }>) : [])[0]!;
    const pdf = await makePlanPdf(path.join(dir, 'Kế hoạch giáo dục tuần 5.pdf'), 'Kế hoạch giáo dục tuần 5', 'Nguyễn Thị Hoa', 1);
    const imported = await app.server.call('records.import', { paths: [pdf], folderId: folder.id });
    const documentId = (imported.ok ? (imported.value as Array<{ documentId: number }>) : [])[0]!.documentId;
    const r = await app.server.call('files.documentVersion', { documentId, withContent: true });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = r.value as { path: string; sha256: string; versionNumber: number; contentBase64: string };
    const original = fs.readFileSync(pdf);
    expect(v.versionNumber).toBe(1);
    expect(Buffer.from(v.contentBase64, 'base64').equals(original)).toBe(true);
    expect(crypto.createHash('sha256').update(fs.readFileSync(v.path)).digest('hex')).toBe(v.sha256);
    const missing = await app.server.call('files.documentVersion', { documentId, versionNumber: 9 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'FILES_VERSION_NOT_FOUND' } });
  });
});
