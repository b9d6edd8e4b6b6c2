import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkcs11js from 'pkcs11js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { webcrypto } from 'node:crypto';
import { createTestPki, type TestPki } from '../../support/pki';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm';
import { createApp, type App } from '../../../src/main/api';
import { tokenService } from '../../../src/main/api/services/tokens';
import { TokenManager } from '../../../src/main/infra/pkcs11/token-manager';
import { hostProbe } from '../../../src/main/infra/pkcs11/host-probe';
import { ecdsaDerToRaw, ecdsaRawToDer } from '../../../src/main/core/pki/ecdsa';
import { CKM_RSA_PKCS, CKM_SHA256_RSA_PKCS, signStep } from '../../../src/main/infra/pkcs11/mechanisms';
import { isAppError } from '../../../src/main/core/errors';
import type { ModuleReport, TokenLogin, TokenSummary } from '../../../src/shared/contract/tokens';
import type { Result } from '../../../src/shared/result';

const TEACHER_PIN = '11112222';
const PRINCIPAL_PIN = '33334444';

let pki: TestPki;
let hsm: SoftHsm;
let app: App;
let dataDir: string;

const value = <T>(r: Result<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};

async function listSoftHsm(): Promise<TokenSummary[]> {
  const { modules } = value<{ modules: ModuleReport[] }>(await app.server.call('tokens.list', { modulePaths: [hsm.modulePath] }));
  expect(modules[0]!.error).toBeUndefined();
  return modules[0]!.tokens;
}

const tokenLabelled = async (label: string) => (await listSoftHsm()).find((t) => t.label === label)!;

async function verify(cert: TestPki['teacher'], signature: Uint8Array, data: Uint8Array): Promise<boolean> {
  const key = await cert.cert.publicKey.export();
  if (cert.kind === 'rsa') return webcrypto.subtle.verify('RSASSA-PKCS1-v1_5', key as webcrypto.CryptoKey, signature, data);
  return webcrypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key as webcrypto.CryptoKey, ecdsaDerToRaw(signature, 32), data);
}

beforeAll(async () => {
  pki = await createTestPki();
  hsm = createSoftHsm();
  hsm.initToken('GIAO-VIEN', TEACHER_PIN);
  hsm.initToken('HIEU-TRUONG', PRINCIPAL_PIN);
  await hsm.importIdentities('GIAO-VIEN', TEACHER_PIN, [pki.teacher, pki.ecSigner, pki.expired]);
  await hsm.importIdentities('HIEU-TRUONG', PRINCIPAL_PIN, [pki.principal, pki.seal]);
  // The token workers inherit this: each test file has its own SoftHSM2 store.
  process.env.SOFTHSM2_CONF = hsm.confPath;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-tokens-data-'));
  app = createApp({ dataDir, host: 'bridge', version: 'test' });
});

afterAll(async () => {
  await app?.ctx.close();
  hsm?.cleanup();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('listing tokens on SoftHSM2', () => {
  it('lists both tokens with their details and parsed certificates, Vietnamese names intact', async () => {
    const tokens = await listSoftHsm();
    expect(tokens.map((t) => t.label).sort()).toEqual(['GIAO-VIEN', 'HIEU-TRUONG']);
    const teacherToken = tokens.find((t) => t.label === 'GIAO-VIEN')!;
    expect(teacherToken.manufacturer).toBe('SoftHSM project');
    expect(teacherToken.model).toBe('SoftHSM v2');
    expect(teacherToken.serialNumber).toMatch(/^[0-9a-f]+$/);
    expect(teacherToken.flags).toMatchObject({ loginRequired: true, initialized: true, pinLocked: false, protectedAuthPath: false });
    expect(teacherToken.moduleLabel).toMatch(/SoftHSM2/);
    const byName = Object.fromEntries(teacherToken.certificates.map((c) => [c.ckaId, c]));
    expect(Object.keys(byName).sort()).toEqual(['01', '05', '06']);
    expect(byName['01']!.info.subjectCommonName).toBe('Nguyễn Thị Hoa');
    expect(byName['01']!.info.identity.cccd).toBe('031190001234');
    expect(byName['01']!.info.provider).toMatchObject({ id: 'vgca', specialPurpose: true });
    expect(byName['01']!.status).toBe('valid');
    expect(byName['05']!.info).toMatchObject({ subjectCommonName: 'Phạm Quỳnh Anh', keyType: 'EC', provider: { id: 'vnpt' } });
    expect(byName['06']!.status).toBe('expired');
    // SoftHSM2 hides private keys until login: the listing says it cannot tell yet.
    expect(byName['01']!.hasPrivateKey).toBeNull();

    const principalToken = tokens.find((t) => t.label === 'HIEU-TRUONG')!;
    const seal = principalToken.certificates.find((c) => c.ckaId === '04')!;
    expect(seal.info.holder).toBe('organisation');
    expect(seal.info.identity.mst).toBe('0201234567');
    expect(principalToken.certificates.find((c) => c.ckaId === '03')!.info.subjectFields.T).toEqual(['Hiệu trưởng']);
    // The same token keeps the same id across listings (the UI remembers the choice).
    expect((await tokenLabelled('GIAO-VIEN')).tokenId).toBe(teacherToken.tokenId);
  });
});

describe('login and signing', () => {
  it('refuses a wrong PIN once with a clear message and never retries it; the right PIN then works', async () => {
    const token = await tokenLabelled('HIEU-TRUONG');
    const wrong = await app.server.call('tokens.login', { tokenId: token.tokenId, pin: '00000000' });
    expect(wrong.ok).toBe(false);
    if (wrong.ok) return;
    expect(wrong.error.code).toBe('TOKEN_PIN_INCORRECT');
    expect(wrong.error.message).toContain('Mã PIN của token "HIEU-TRUONG" không đúng');
    expect(wrong.error.details).toMatchObject({ tokenLabel: 'HIEU-TRUONG', pinLocked: false });
    const missing = await app.server.call('tokens.login', { tokenId: token.tokenId });
    expect(!missing.ok && missing.error.code).toBe('TOKEN_PIN_REQUIRED');

    const login = value<TokenLogin>(await app.server.call('tokens.login', { tokenId: token.tokenId, pin: PRINCIPAL_PIN }));
    expect(login.tokenLabel).toBe('HIEU-TRUONG');
    expect(login.certificates.every((c) => c.hasPrivateKey === true)).toBe(true);
    expect(login.idleMinutes).toBe(10);
    expect((await tokenLabelled('HIEU-TRUONG')).loggedIn).toBe(true);
    const seal = login.certificates.find((c) => c.info.holder === 'organisation')!;
    const signer = await tokenService(app.ctx).getSigner(login.sessionId, seal.certificateId);
    const data = new TextEncoder().encode('Phê duyệt kế hoạch giáo dục năm học 2026–2027');
    expect(await verify(pki.seal, await signer.sign(data), data)).toBe(true);
    expect(value<{ closed: boolean }>(await app.server.call('tokens.logout', { sessionId: login.sessionId })).closed).toBe(true);
    await expect(signer.sign(data)).rejects.toMatchObject({ code: 'TOKEN_SESSION_CLOSED' });
  });

  it('signs RSA and ECDSA with the key matching each certificate, many times after one login', async () => {
    const token = await tokenLabelled('GIAO-VIEN');
    const login = value<TokenLogin>(await app.server.call('tokens.login', { tokenId: token.tokenId, pin: TEACHER_PIN }));
    const rsa = await tokenService(app.ctx).getSigner(login.sessionId, login.certificates.find((c) => c.ckaId === '01')!.certificateId);
    const ec = await tokenService(app.ctx).getSigner(login.sessionId, login.certificates.find((c) => c.ckaId === '05')!.certificateId);
    expect(rsa).toMatchObject({ keyType: 'RSA', keyBits: 2048, signatureAlgorithm: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', source: 'token' });
    expect(ec).toMatchObject({ keyType: 'EC', keyBits: 256, signatureAlgorithm: 'ECDSA' });
    expect(Buffer.from(rsa.certificate).equals(pki.teacher.der)).toBe(true);

    const docs = Array.from({ length: 20 }, (_, i) => new TextEncoder().encode(`Kế hoạch bài dạy tuần ${i + 1}`));
    const signatures = [];
    for (const d of docs) signatures.push(await rsa.sign(d));
    for (let i = 0; i < docs.length; i++) expect(await verify(pki.teacher, signatures[i]!, docs[i]!)).toBe(true);
    const ecData = new TextEncoder().encode('Sổ chủ nhiệm lớp 5A');
    expect(await verify(pki.ecSigner, await ec.sign(ecData), ecData)).toBe(true);
    // A signature over other data does not verify: the check above is real.
    expect(await verify(pki.teacher, signatures[0]!, docs[1]!)).toBe(false);
    await app.server.call('tokens.logout', { sessionId: login.sessionId });
  });

  it('resolves SignerRef kinds: token, .p12 file and demo profile', async () => {
    const { resolveSigner } = await import('../../../src/main/api/services/tokens');
    const demo = await resolveSigner(app.ctx, { kind: 'demo' });
    expect(demo.source).toBe('demo');
    const again = await resolveSigner(app.ctx, { kind: 'demo' });
    expect(Buffer.from(again.certificate).equals(Buffer.from(demo.certificate))).toBe(true);
    await expect(resolveSigner(app.ctx, { kind: 'token', sessionId: 'no-such-session', certificateId: 'AB' })).rejects.toMatchObject({ code: 'TOKEN_SESSION_CLOSED' });
    await expect(resolveSigner(app.ctx, { kind: 'p12', path: path.join(dataDir, 'missing.p12'), password: 'x' })).rejects.toMatchObject({ code: 'P12_FILE_NOT_FOUND' });
  });
});

describe('a token pulled out and plugged in', () => {
  it('reports removal mid-use with a clear error and an event within about 2 s, and notices a new token', async () => {
    const events: Array<{ name: string; payload: unknown }> = [];
    const unsubscribe = app.ctx.events.subscribe((name, payload) => events.push({ name, payload }));
    hsm.initToken('RUT-RA', '55556666');
    await hsm.importIdentities('RUT-RA', '55556666', [pki.groupHead]);
    const token = await tokenLabelled('RUT-RA');
    const login = value<TokenLogin>(await app.server.call('tokens.login', { tokenId: token.tokenId, pin: '55556666' }));
    const signer = await tokenService(app.ctx).getSigner(login.sessionId, login.certificates[0]!.certificateId);
    const data = new TextEncoder().encode('Biên bản họp tổ');
    expect(await verify(pki.groupHead, await signer.sign(data), data)).toBe(true);

    hsm.deleteToken('RUT-RA');
    const failed = await signer.sign(data).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isAppError(failed) && failed.code).toBe('TOKEN_REMOVED');
    expect(isAppError(failed) && failed.messageVi).toContain('rút ra');

    const started = Date.now();
    while (!events.some((e) => e.name === 'tokens.changed' && (e.payload as { removed: string[] }).removed.includes(token.tokenId)) && Date.now() - started < 4000) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(Date.now() - started).toBeLessThan(2500);
    expect(events.some((e) => e.name === 'tokens.sessionClosed' && (e.payload as { sessionId: string }).sessionId === login.sessionId)).toBe(true);

    // Inserted: SoftHSM2 shows a new token once its module is re-initialised, which the worker does
    // while no session is open.
    events.length = 0;
    hsm.initToken('CAM-VAO', '77778888');
    const insertedAt = Date.now();
    while (!events.some((e) => e.name === 'tokens.changed' && (e.payload as { tokens: Array<{ label: string }> }).tokens.some((t) => t.label === 'CAM-VAO')) && Date.now() - insertedAt < 4000) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(Date.now() - insertedAt).toBeLessThan(2500);
    unsubscribe();
    // Other tokens keep working.
    const other = await tokenLabelled('GIAO-VIEN');
    expect(other.certificates.length).toBe(3);
  });
});

describe('system.info', () => {
  it('offers the demo profile when no token driver is installed, and not once one is added in settings', async () => {
    const emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-demo-'));
    const fresh = createApp({ dataDir: emptyDir, host: 'bridge', version: 'test' });
    try {
      // This machine has no vendor driver in the built-in table (SoftHSM2 is not a real token).
      expect(value<{ demoProfile: boolean }>(await fresh.server.call('system.info', {})).demoProfile).toBe(true);
      const added = value<{ modulePaths: string[]; report: ModuleReport }>(await fresh.server.call('tokens.addModulePath', { path: hsm.modulePath }));
      expect(added.modulePaths).toEqual([hsm.modulePath]);
      expect(added.report.tokens.length).toBeGreaterThanOrEqual(2);
      expect(value<{ demoProfile: boolean }>(await fresh.server.call('system.info', {})).demoProfile).toBe(false);
      const modules = value<Array<{ path: string; source: string }>>(await fresh.server.call('tokens.modules', {}));
      expect(modules).toContainEqual(expect.objectContaining({ path: hsm.modulePath, source: 'settings' }));
      // A file that is not a driver is reported and not remembered.
      const bad = value<{ modulePaths: string[]; report: ModuleReport }>(await fresh.server.call('tokens.addModulePath', { path: '/etc/hostname' }));
      expect(bad.report.error?.code).toBe('TOKEN_MODULE_INVALID');
      expect(bad.modulePaths).toEqual([hsm.modulePath]);
      expect(value<{ modulePaths: string[] }>(await fresh.server.call('tokens.removeModulePath', { path: hsm.modulePath })).modulePaths).toEqual([]);
    } finally {
      await fresh.ctx.close();
      fs.rmSync(emptyDir, { recursive: true, force: true });
    }
  });
});

describe('idle sessions', () => {
  it('closes a session left unused for the idle time, so the key cannot be used without a new login', async () => {
    const closed: unknown[] = [];
    const manager = new TokenManager({
      probe: hostProbe(),
      settingsModulePaths: async () => [],
      idleMinutes: async () => 0.03, // 1.8 s
      emit: (name, payload) => void (name === 'tokens.sessionClosed' && closed.push(payload)),
    });
    try {
      const [report] = await manager.list([hsm.modulePath]);
      const token = report!.tokens.find((t) => t.label === 'GIAO-VIEN')!;
      const login = await manager.login(token.tokenId, TEACHER_PIN);
      const signer = await manager.getSigner(login.sessionId, login.certificates.find((c) => c.ckaId === '01')!.certificateId);
      const data = new TextEncoder().encode('Giáo án');
      // Each signature restarts the idle clock.
      for (let i = 0; i < 3; i++) {
        await new Promise((r) => setTimeout(r, 300));
        expect(await verify(pki.teacher, await signer.sign(data), data)).toBe(true);
      }
      await new Promise((r) => setTimeout(r, 2500));
      await expect(signer.sign(data)).rejects.toMatchObject({ code: 'TOKEN_SESSION_CLOSED' });
      expect(closed).toEqual([{ sessionId: login.sessionId, tokenId: token.tokenId, reason: 'idle' }]);
    } finally {
      await manager.close();
    }
  });
});

describe('signing mechanisms on the token itself', () => {
  const data = Buffer.from('Thuộc tính ký CMS của kế hoạch giáo dục');
  let p11: pkcs11js.PKCS11;
  let session: Buffer;
  const signWith = (id: string, step: { mechanism: number; input: Buffer }) => {
    p11.C_FindObjectsInit(session, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY }, { type: pkcs11js.CKA_ID, value: Buffer.from(id, 'hex') }]);
    const [key] = p11.C_FindObjects(session, 1);
    p11.C_FindObjectsFinal(session);
    p11.C_SignInit(session, { mechanism: step.mechanism }, key!);
    return new Uint8Array(p11.C_Sign(session, step.input, Buffer.alloc(1024)));
  };

  beforeAll(() => {
    p11 = new pkcs11js.PKCS11();
    p11.load(hsm.modulePath);
    p11.C_Initialize();
    const slot = p11.C_GetSlotList(true).find((s) => p11.C_GetTokenInfo(s).label.trim() === 'GIAO-VIEN')!;
    session = p11.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
    p11.C_Login(session, pkcs11js.CKU_USER, TEACHER_PIN);
  });
  afterAll(() => {
    p11?.C_Finalize();
    p11?.close();
  });

  it('uses CKM_SHA256_RSA_PKCS when the token has it, and raw CKM_RSA_PKCS + DigestInfo when not: both verify as RSASSA-PKCS1-v1_5/SHA-256', async () => {
    const combined = signStep('RSA', new Set([CKM_SHA256_RSA_PKCS, CKM_RSA_PKCS]), data);
    expect(combined.name).toBe('CKM_SHA256_RSA_PKCS');
    const fallback = signStep('RSA', new Set([CKM_RSA_PKCS]), data);
    expect(fallback.name).toBe('CKM_RSA_PKCS');
    expect(signStep('RSA', new Set(), data, true).name).toBe('CKM_RSA_PKCS');
    for (const step of [combined, fallback]) expect(await verify(pki.teacher, signWith(pki.teacher.id, step), data)).toBe(true);
    // PKCS#1 v1.5 is deterministic: the two ways give the same signature.
    expect(Buffer.from(signWith(pki.teacher.id, combined)).equals(Buffer.from(signWith(pki.teacher.id, fallback)))).toBe(true);
  });

  it('hashes for raw CKM_ECDSA, and the DER form verifies', async () => {
    const step = signStep('EC', new Set(), data);
    expect(step.name).toBe('CKM_ECDSA');
    expect(await verify(pki.ecSigner, ecdsaRawToDer(signWith(pki.ecSigner.id, step)), data)).toBe(true);
  });
});
