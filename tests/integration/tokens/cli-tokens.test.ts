import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createTestPki } from '../../support/pki';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm';
import type { ModuleReport } from '../../../src/shared/contract/tokens';

const run = promisify(execFile);
let hsm: SoftHsm;
let dataDir: string;

beforeAll(async () => {
  const pki = await createTestPki();
  hsm = createSoftHsm();
  hsm.initToken('HIEU-TRUONG', '33334444');
  await hsm.importIdentities('HIEU-TRUONG', '33334444', [pki.principal, pki.seal]);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-cli-tokens-'));
});

afterAll(() => {
  hsm?.cleanup();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const env = () => ({ ...process.env, SOFTHSM2_CONF: hsm.confPath, HOSOKY_DATA: dataDir });
/** Exactly what a user types in the repository. */
const npxHosoky = (args: string[]) => run('npx', ['hosoky', ...args], { env: env(), encoding: 'utf8', timeout: 60_000 });
/** The same bin script without npx's own start-up, for the second case. */
const hosoky = (args: string[]) => run(process.execPath, [path.join(process.cwd(), 'bin', 'hosoky.mjs'), ...args], { env: env(), encoding: 'utf8', timeout: 60_000 });

describe('hosoky tokens', () => {
  it('lists a SoftHSM2 token set up by someone else, with parsed certificate fields, as JSON', async () => {
    const { stdout } = await npxHosoky(['tokens', '--module', hsm.modulePath, '--json']);
    const result = JSON.parse(stdout) as { ok: true; value: { modules: ModuleReport[] } };
    expect(result.ok).toBe(true);
    const [module] = result.value.modules;
    expect(module!.module).toMatchObject({ path: hsm.modulePath, provider: 'softhsm', present: true });
    const [token] = module!.tokens;
    expect(token).toMatchObject({ label: 'HIEU-TRUONG', manufacturer: 'SoftHSM project', model: 'SoftHSM v2' });
    const principal = token!.certificates.find((c) => c.info.holder === 'personal')!;
    expect(principal.info).toMatchObject({
      subjectCommonName: 'Lê Thị Thu Hương',
      identity: { cccd: '031178009876' },
      subjectFields: { T: ['Hiệu trưởng'] },
      provider: { id: 'vgca', specialPurpose: true },
      keyType: 'RSA',
      keyBits: 2048,
      keyUsage: ['digitalSignature', 'nonRepudiation'],
    });
    expect(token!.certificates.find((c) => c.info.holder === 'organisation')!.info.identity.mst).toBe('0201234567');
  });

  it('prints Vietnamese text without --json and explains a wrong driver path', async () => {
    const { stdout } = await hosoky(['tokens', '--module', hsm.modulePath, '--module', '/etc/hostname']);
    expect(stdout).toContain('Token "HIEU-TRUONG"');
    expect(stdout).toContain('Lê Thị Thu Hương (cá nhân; CCCD 031178009876)');
    expect(stdout).toContain('Trường Mầm non Hoa Sen (tổ chức; MST 0201234567)');
    expect(stdout).toContain('— Ban Cơ yếu Chính phủ (chuyên dùng)');
    expect(stdout).toContain('không phải trình điều khiển token PKCS#11');
  });
});
