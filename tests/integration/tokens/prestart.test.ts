import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm';
import { buildFaultyModules } from '../../fixtures/pkcs11/build-faulty';
import { TokenManager } from '../../../src/main/infra/pkcs11/token-manager';
import { hostProbe } from '../../../src/main/infra/pkcs11/host-probe';
import { closePrestartedWorkers, prestartWorker } from '../../../src/main/infra/pkcs11/worker-client';

let dir: string;
let hsm: SoftHsm;
let modules: ReturnType<typeof buildFaultyModules>;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-prestart-'));
  modules = buildFaultyModules(dir);
  hsm = createSoftHsm();
  hsm.initToken('GIAO-VIEN', '11112222');
  // A prestarted worker inherits this process's environment, as the command line's does.
  process.env.SOFTHSM2_CONF = hsm.confPath;
});

afterAll(async () => {
  await closePrestartedWorkers();
  hsm?.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The token workers this process has running now. */
function runningWorkers(): string[] {
  const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out.split('\n').filter((l) => /worker-main|token-worker/.test(l));
}

const newManager = () => new TokenManager({ probe: hostProbe(), settingsModulePaths: async () => [], idleMinutes: async () => 10, emit: () => undefined });

describe('a token worker started before the listing code is loaded (hosoky tokens, hosoky sign --module)', () => {
  it('is the worker the listing uses: the driver runs in one process, and none is left when the listing closes', async () => {
    prestartWorker(hsm.modulePath);
    expect(runningWorkers()).toHaveLength(1);
    const manager = newManager();
    try {
      const [report] = await manager.list([hsm.modulePath]);
      expect(report!.error).toBeUndefined();
      expect(report!.tokens.map((t) => t.label)).toEqual(['GIAO-VIEN']);
      expect(runningWorkers()).toHaveLength(1);
      // Taken by the listing: nothing of it is left for the command's final clean-up.
      await closePrestartedWorkers();
      expect(runningWorkers()).toHaveLength(1);
    } finally {
      await manager.close();
    }
    expect(runningWorkers()).toHaveLength(0);
  });

  it('reports a driver that does not load exactly as without it', async () => {
    const plain = newManager();
    const [expected] = await plain.list([modules.notPkcs11]);
    await plain.close();
    prestartWorker(modules.notPkcs11);
    const manager = newManager();
    try {
      const [report] = await manager.list([modules.notPkcs11]);
      expect(report!.error?.code).toBe('TOKEN_MODULE_INVALID');
      expect(report!.error).toEqual(expected!.error);
    } finally {
      await manager.close();
    }
  });

  it('is ended when nobody used it (a command that stopped early), so the command can exit', async () => {
    prestartWorker(hsm.modulePath);
    prestartWorker(path.join(dir, 'missing.so'));
    expect(runningWorkers()).toHaveLength(1);
    await closePrestartedWorkers();
    expect(runningWorkers()).toHaveLength(0);
  });
});
