import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../../src/main/api';
import { createTestPki, type TestPki } from '../../support/pki';
import { makeBasePdf } from '../../support/pdf-attacks';
import { sign } from './support';
import { main as cli } from '../../../src/main/cli/index';
import type { TrustAddResult, TrustAnchorInfo } from '../../../src/shared/contract/trust';
import type { PdfVerificationReport } from '../../../src/shared/contract/verify';

let pki: TestPki;
let dir: string;
let app: App;

beforeAll(async () => {
  pki = await createTestPki();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-ltv-trust-'));
  app = createApp({ dataDir: path.join(dir, 'data'), host: 'bridge', version: 'test' });
  pki.writeTo(path.join(dir, 'pki'));
});
afterAll(async () => {
  await app.ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const call = async <T>(name: string, input: unknown) => {
  const r = await app.server.call(name, input);
  return r as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
};
const list = async () => ((await call<{ anchors: TrustAnchorInfo[] }>('trust.list', {})) as { value: { anchors: TrustAnchorInfo[] } }).value.anchors;

describe('trust anchors: shipped, added and removed by the school, used by the verifier', () => {
  it('lists the shipped Vietnamese anchors with their published names, roots as anchors and intermediates apart', async () => {
    const anchors = await list();
    const national = anchors.find((a) => a.sha256 === 'BAC8BF609AB420A8EE1780D74F4DE5C7F7184959D2A7375B0A75E4C29F0908E7');
    expect(national).toMatchObject({ role: 'anchor', source: 'bundled' });
    expect(national?.publishedAs).toContain('Vietnam National Root CA');
    expect(anchors.find((a) => a.subject.includes('RootCA chuyên dùng Chính phủ G2'))).toMatchObject({ role: 'anchor', source: 'bundled' });
    expect(anchors.find((a) => a.subject.includes('CA phục vụ các cơ quan Nhà nước G2'))).toMatchObject({ role: 'intermediate', source: 'bundled' });
  });

  it('adds a root from a file and a CA from a token certificate (PEM text); refuses a signer certificate; the verifier then trusts the chain', async () => {
    const signed = path.join(dir, 'signed.pdf');
    await makeBasePdf(path.join(dir, 'plan.pdf'));
    await sign(path.join(dir, 'plan.pdf'), signed, pki.teacher, pki.caGov);
    const before = (await call<PdfVerificationReport>('pdf.verify', { path: signed })) as { value: PdfVerificationReport };
    expect(before.value.signatures[0]!.checks.chain.status).not.toBe('passed');

    const root = await call<TrustAddResult>('trust.add', { path: path.join(dir, 'pki', 'root.pem') });
    expect(root.ok && root.value.added).toMatchObject([{ role: 'anchor', source: 'user', subject: pki.root.cert.subject }]);
    const again = await call<TrustAddResult>('trust.add', { path: path.join(dir, 'pki', 'root.pem') });
    expect(again.ok && again.value.alreadyPresent).toHaveLength(1);
    const ca = await call<TrustAddResult>('trust.add', { certificate: pki.caCommercial.pem });
    expect(ca.ok && ca.value.added).toMatchObject([{ role: 'intermediate', source: 'user' }]);
    const leaf = await call<TrustAddResult>('trust.add', { path: path.join(dir, 'pki', 'teacher.pem') });
    expect(!leaf.ok && leaf.error.code).toBe('TRUST_NOT_A_CA');
    expect(!leaf.ok && leaf.error.message).toContain('không phải của CA');

    const after = (await call<PdfVerificationReport>('pdf.verify', { path: signed })) as { value: PdfVerificationReport };
    expect(after.value.signatures[0]!.checks.chain.status).toBe('passed');
    // The report names the anchor the chain ends in: the one the school added.
    expect(after.value.signatures[0]!.trustAnchor).toMatchObject({ source: 'user', sha256Fingerprint: (await list()).find((a) => a.source === 'user' && a.role === 'anchor')!.sha256 });
  });

  it('hosoky trust list shows the shipped roots in Vietnamese', async () => {
    const out: string[] = [];
    const io = { out: (t: string) => void out.push(t), err: (t: string) => void out.push(t), readStdin: async () => '', env: { HOSOKY_DATA: app.ctx.options.dataDir } };
    expect(await cli(['trust', 'list'], io)).toBe(0);
    expect(out.join('\n')).toMatch(/gốc\s+đi kèm\s+C=VN, O=Ban Cơ yếu Chính phủ, CN=RootCA chuyên dùng Chính phủ G2|RootCA chuyên dùng Chính phủ G2/);
    expect(out.join('\n')).toContain('BAC8BF609AB420A8EE1780D74F4DE5C7F7184959D2A7375B0A75E4C29F0908E7');
  });

  it('removes what the school added, never a shipped anchor', async () => {
    const user = (await list()).filter((a) => a.source === 'user');
    expect(user.length).toBe(2);
    const bundled = (await list()).find((a) => a.source === 'bundled')!;
    const refused = await call('trust.remove', { sha256: bundled.sha256 });
    expect(!refused.ok && refused.error.code).toBe('TRUST_BUNDLED_NOT_REMOVABLE');
    for (const a of user) expect((await call('trust.remove', { sha256: a.sha256 })).ok).toBe(true);
    expect((await list()).filter((a) => a.source === 'user')).toHaveLength(0);
    expect(fs.readdirSync(path.join(dir, 'data', 'trust')).filter((f) => f.endsWith('.pem'))).toHaveLength(0);
  });
});
