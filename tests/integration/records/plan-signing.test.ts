import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/main/api';
import { createTestPki, type Identity, type TestPki } from '../../support/pki';
import { openTestStore, seedSchool, tempDir, writePdf, type School } from './fixture';
import { pdftotextExtractor } from '../../../src/main/core/records/extract-text';
import type { DocumentDetail, TransitionInfo } from '../../../src/shared/contract/records';

let dir: string;
let app: App;
let pki: TestPki;
let s: School;
const p12: Record<string, string> = {};

function makeP12(id: Identity, chain: Identity[]): string {
  const base = path.join(dir, id.key);
  fs.writeFileSync(`${base}.pem`, id.pem);
  fs.writeFileSync(`${base}.key.pem`, id.keyPem);
  fs.writeFileSync(`${base}.chain.pem`, chain.map((c) => c.pem).join('\n'));
  execFileSync('openssl', ['pkcs12', '-export', '-inkey', `${base}.key.pem`, '-in', `${base}.pem`, '-certfile', `${base}.chain.pem`, '-out', `${base}.p12`, '-passout', 'pass:123456']);
  return `${base}.p12`;
}

const call = async <T>(name: string, input: unknown): Promise<T> => {
  const r = await app.server.call(name, input);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};

beforeAll(async () => {
  dir = tempDir('hosoky-plan-sign-');
  pki = await createTestPki();
  for (const who of [pki.teacher, pki.principal, pki.seal]) p12[who.key] = makeP12(who, [pki.caGov, pki.root]);
  // The school trusts the test root, as it would trust the Ban Cơ yếu root.
  fs.mkdirSync(path.join(dir, 'data', 'trust'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'data', 'trust', 'root.pem'), pki.root.pem);
  app = createApp({ dataDir: path.join(dir, 'data'), host: 'cli', version: 'test' });
  await call('records.getSchool', {});
  const { recordsService } = await import('../../../src/main/api/services/records');
  s = seedSchool(recordsService(app.ctx).db);
}, 120_000);
afterAll(async () => {
  await app.ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('plans signed through the workflow (PAdES via pdf.sign)', () => {
  it('submit signs as the author, approve adds the approver and the school seal, each as a new version', async () => {
    const files = [await writePdf(dir, 'tuan5.pdf', ['Kế hoạch bài dạy tuần 5']), await writePdf(dir, 'tuan6.pdf', ['Kế hoạch bài dạy tuần 6'])];
    const imported = await call<Array<{ documentId: number }>>('records.import', { paths: files, folderId: s.folder('gv.ke_hoach_bai_day'), ownerStaffId: s.staff.teacher, subjectGroupId: s.groups.toan });
    const ids = imported.map((r) => r.documentId);
    for (const documentId of ids) {
      const r = await call<TransitionInfo>('plans.submit', { documentId, actorStaffId: s.staff.teacher, signing: { signer: { kind: 'p12', path: p12.teacher, password: '123456' } } });
      expect(r).toMatchObject({ status: 'submitted', versionNumber: 2 });
    }
    const progress: number[] = [];
    const off = app.ctx.events.subscribe((name, p) => name === 'records.progress' && progress.push((p as { done: number }).done));
    const approved = await call<Array<{ ok: boolean; result?: TransitionInfo }>>('plans.approve', {
      documentIds: ids, actorStaffId: s.staff.principal,
      signing: { signer: { kind: 'p12', path: p12.principal, password: '123456' }, seal: { signer: { kind: 'p12', path: p12.seal, password: '123456' } } },
    });
    off();
    expect(approved.map((a) => [a.ok, a.result?.status, a.result?.versionNumber])).toEqual([[true, 'approved', 3], [true, 'approved', 3]]);
    expect(progress).toEqual([1, 2]);

    const d = await call<DocumentDetail>('records.get', { documentId: ids[0] });
    expect(d.versions.map((v) => v.origin)).toEqual(['import', 'submit', 'approve']);
    expect(d.versions[1]!.signatures.map((x) => [x.role, x.signerName])).toEqual([['author', pki.teacher.cert.subjectName.getField('CN')[0]]]);
    const final = d.versions[2]!;
    expect(final.signatures.map((x) => x.role)).toEqual(['author', 'approver', 'seal']);
    expect(final.signatures.map((x) => x.signerName)).toEqual([pki.teacher, pki.principal, pki.seal].map((i) => i.cert.subjectName.getField('CN')[0]));
    for (const sig of final.signatures) expect(sig.verdict).not.toBe('invalid');
    // The stored signed file passes pdfsig and qpdf; the imported original is untouched.
    const { recordsService } = await import('../../../src/main/api/services/records');
    const blobs = recordsService(app.ctx).blobs;
    const pdfsig = execFileSync('pdfsig', [blobs.pathOf(final.sha256)]).toString();
    expect(pdfsig.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(3);
    execFileSync('qpdf', ['--check', blobs.pathOf(final.sha256)]);
    expect(await blobs.check(d.versions[0]!.sha256)).toBe('ok');
    expect(execFileSync('sha256sum', [files[0]!]).toString().split(' ')[0]).toBe(d.versions[0]!.sha256);

    // Imported again as a file, the signed plan brings its three signatures with it.
    const copy = path.join(dir, 'da-duyet.pdf');
    fs.copyFileSync(blobs.pathOf(final.sha256), copy);
    const [again] = await call<Array<{ documentId: number; signatureCount: number }>>('records.import', { paths: [copy], folderId: s.folder('gv.ke_hoach_bai_day'), ownerStaffId: s.staff.teacher });
    expect(again!.signatureCount).toBe(3);
    const stored = (await call<DocumentDetail>('records.get', { documentId: again!.documentId })).versions[0]!.signatures;
    expect(stored.map((x) => [x.signerName, x.verdict])).toEqual(final.signatures.map((x) => [x.signerName, x.verdict]));

    // The signature check runs only for files that carry a signature (an unsigned file is not parsed).
    const checked: string[] = [];
    const u = openTestStore(undefined, { extractText: pdftotextExtractor(), readSignatures: async (p) => (checked.push(p), []) });
    try {
      const us = seedSchool(u.db);
      const results = await u.store.importFiles([copy, files[1]!].map((file) => ({ file, folderId: us.folder('gv.ke_hoach_bai_day') })));
      expect(results.map((r) => r.ok)).toEqual([true, true]);
      expect(checked).toEqual([u.blobs.pathOf(final.sha256)]);
    } finally {
      u.cleanup();
    }
  });

  it('a batch approval answers for every plan in the order asked; a refused plan stops none of the others', async () => {
    const files = await Promise.all([1, 2, 3, 4].map((n) => writePdf(dir, `lo-${n}.pdf`, [`Kế hoạch giáo dục tháng ${n}`])));
    const imported = await call<Array<{ documentId: number }>>('records.import', { paths: files, folderId: s.folder('gv.ke_hoach_bai_day'), ownerStaffId: s.staff.teacher, subjectGroupId: s.groups.toan });
    const [a, draft, b, c] = imported.map((r) => r.documentId) as [number, number, number, number];
    for (const documentId of [a, b, c]) {
      await call('plans.submit', { documentId, actorStaffId: s.staff.teacher, signing: { signer: { kind: 'p12', path: p12.teacher, password: '123456' } } });
    }
    const progress: Array<{ done: number; ok?: boolean }> = [];
    const off = app.ctx.events.subscribe((name, p) => name === 'records.progress' && progress.push(p as { done: number; ok?: boolean }));
    const res = await call<Array<{ documentId: number; ok: boolean; result?: TransitionInfo; error?: { code: string; message: string } }>>('plans.approve', {
      documentIds: [a, draft, b, c], actorStaffId: s.staff.principal,
      signing: { signer: { kind: 'p12', path: p12.principal, password: '123456' }, seal: { signer: { kind: 'p12', path: p12.seal, password: '123456' } } },
    });
    off();
    expect(res.map((r) => [r.documentId, r.ok, r.result?.status ?? r.error?.code])).toEqual([
      [a, true, 'approved'], [draft, false, expect.stringMatching(/^RECORDS_WORKFLOW_/)], [b, true, 'approved'], [c, true, 'approved'],
    ]);
    expect(res[1]!.error!.message).toMatch(/[ạảãáàâăđêôơư]/); // said in Vietnamese
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4]);
    expect(progress.filter((p) => p.ok === false)).toHaveLength(1);
    for (const id of [a, b, c]) {
      const d = await call<DocumentDetail>('records.get', { documentId: id });
      expect(d.versions.at(-1)!.signatures.map((x) => x.role)).toEqual(['author', 'approver', 'seal']);
    }
    expect((await call<DocumentDetail>('records.get', { documentId: draft })).versions).toHaveLength(1);
  });

  it('offline with a timestamp level asked, a plan is still submitted, and no upgrade is queued for a temporary file', async () => {
    await call('settings.update', { signatureLevel: 'B-T', tsaUrl: 'http://127.0.0.1:9/tsa' });
    try {
      const file = await writePdf(dir, 'offline.pdf', ['Kế hoạch tuần 12']);
      const [r] = await call<Array<{ documentId: number }>>('records.import', { paths: [file], folderId: s.folder('gv.ke_hoach_bai_day'), ownerStaffId: s.staff.teacher, subjectGroupId: s.groups.toan });
      const t = await call<TransitionInfo>('plans.submit', { documentId: r!.documentId, actorStaffId: s.staff.teacher, signing: { signer: { kind: 'p12', path: p12.teacher, password: '123456' } } });
      expect(t).toMatchObject({ status: 'submitted', versionNumber: 2 });
      const status = await call<{ items: Array<{ source: string }> }>('ltv.status', {});
      for (const item of status.items) expect(fs.existsSync(item.source)).toBe(true);
    } finally {
      await call('settings.update', { signatureLevel: 'B-B' });
    }
  });

  it('refuses to sign an approval the rules do not allow, and stores nothing', async () => {
    const file = await writePdf(dir, 'own.pdf', ['Kế hoạch của hiệu trưởng']);
    const [r] = await call<Array<{ documentId: number }>>('records.import', { paths: [file], folderId: s.folder('nt.ke_hoach_giao_duc'), ownerStaffId: s.staff.principal });
    await call('plans.submit', { documentId: r!.documentId, actorStaffId: s.staff.principal });
    const res = await call<Array<{ ok: boolean; error?: { code: string } }>>('plans.approve', { documentIds: [r!.documentId], actorStaffId: s.staff.principal, signing: { signer: { kind: 'p12', path: p12.principal, password: '123456' } } });
    expect(res[0]).toMatchObject({ ok: false, error: { code: 'RECORDS_WORKFLOW_OWN_PLAN' } });
    expect((await call<DocumentDetail>('records.get', { documentId: r!.documentId })).versions).toHaveLength(1);
  });
});
