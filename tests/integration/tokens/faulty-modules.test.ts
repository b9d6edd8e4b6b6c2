import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm';
import { buildFaultyModules } from '../../fixtures/pkcs11/build-faulty';
import { TokenManager } from '../../../src/main/infra/pkcs11/token-manager';
import { hostProbe } from '../../../src/main/infra/pkcs11/host-probe';

let dir: string;
let hsm: SoftHsm;
let modules: ReturnType<typeof buildFaultyModules>;
let manager: TokenManager;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-faulty-'));
  modules = buildFaultyModules(dir);
  hsm = createSoftHsm();
  // An empty token is enough to see the real module keep answering.
  hsm.initToken('GIAO-VIEN', '11112222');
  process.env.SOFTHSM2_CONF = hsm.confPath;
  manager = new TokenManager({
    probe: hostProbe(),
    settingsModulePaths: async () => [],
    idleMinutes: async () => 10,
    emit: () => undefined,
    worker: { initTimeoutMs: 1500, callTimeoutMs: 1500 },
  });
});

afterAll(async () => {
  await manager?.close();
  hsm?.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The real token keeps answering whatever another driver did. */
async function softHsmStillWorks() {
  const [report] = await manager.list([hsm.modulePath]);
  expect(report!.error).toBeUndefined();
  expect(report!.tokens.map((t) => t.label)).toEqual(['GIAO-VIEN']);
}

describe('drivers that are not PKCS#11, hang or crash', () => {
  it('explains a file that is not a PKCS#11 library, a missing file and a 32-bit driver', async () => {
    const text = path.join(dir, 'readme.txt');
    fs.writeFileSync(text, 'không phải thư viện');
    const elf32 = path.join(dir, 'libold32.so');
    fs.writeFileSync(elf32, Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1]), Buffer.alloc(57)]));
    const reports = await manager.list([text, modules.notPkcs11, path.join(dir, 'missing.so'), elf32]);
    expect(reports.map((r) => r.error?.code)).toEqual(['TOKEN_MODULE_INVALID', 'TOKEN_MODULE_INVALID', 'TOKEN_MODULE_NOT_FOUND', 'TOKEN_MODULE_WRONG_ARCH']);
    expect(reports[0]!.error!.message).toContain('không phải trình điều khiển token PKCS#11');
    expect(reports[3]!.error!.message).toContain('32-bit');
    await softHsmStillWorks();
  });

  it('stops a driver that hangs, says so plainly, and the rest keeps working', async () => {
    const started = Date.now();
    const [hung] = await manager.list([modules.hanging]);
    expect(hung!.error?.code).toBe('TOKEN_MODULE_HUNG');
    expect(hung!.error?.message).toContain('không phản hồi');
    expect(Date.now() - started).toBeLessThan(6000);
    await softHsmStillWorks();
    // Next use starts a fresh worker (and reports the hang again rather than waiting forever).
    const [again] = await manager.list([modules.hanging]);
    expect(again!.error?.code).toBe('TOKEN_MODULE_HUNG');
  });

  it('reports a crashing driver, restarts its worker on next use, and the rest keeps working', async () => {
    process.env.HOSOKY_FIXTURE_CRASH = '1';
    try {
      const [crashed] = await manager.list([modules.crashing]);
      expect(crashed!.error?.code).toBe('TOKEN_MODULE_CRASHED');
      expect(crashed!.error?.message).toContain('dừng đột ngột');
      expect(crashed!.error?.details).toMatchObject({ how: 'SIGSEGV' });
    } finally {
      delete process.env.HOSOKY_FIXTURE_CRASH;
    }
    await softHsmStillWorks();
    const [restarted] = await manager.list([modules.crashing]);
    expect(restarted!.error).toBeUndefined();
    expect(restarted!.library?.manufacturer).toBe('Hosoky test fixture');
    expect(restarted!.tokens).toEqual([]);
  });
});
