import { afterAll, beforeAll, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestPki, type TestPki } from '../../support/pki';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm';
import { getCorpus, type CorpusName } from '../../support/pdf-corpus';
import { nssTrusting, pdfsig } from '../../support/pdf-check';
import { main } from '../../../src/main/cli/index';
import type { CliIo } from '../../../src/main/cli/io';

let pki: TestPki;
let hsm: SoftHsm;
let corpus: Record<CorpusName, string>;
let dir: string;
let nss: string;
const PIN = '246810';

beforeAll(async () => {
  [pki, corpus] = await Promise.all([createTestPki(), getCorpus()]);
  hsm = createSoftHsm();
  hsm.initToken('TRUONG HOA SEN', PIN);
  await hsm.importIdentities('TRUONG HOA SEN', PIN, [pki.teacher, pki.principal, pki.seal]);
  // The token worker is a child process: it finds the test's own SoftHSM2 store through the environment.
  process.env.SOFTHSM2_CONF = hsm.confPath;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-pdfsign-cli-'));
  nss = nssTrusting(path.join(dir, 'nss'), pki.root.pem, [pki.caGov.pem]);
});
afterAll(() => {
  hsm?.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function hosoky(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => void (out += t + '\n'), err: (t) => void (err += t + '\n'), readStdin: async () => stdin, env: { ...process.env, HOSO_PIN: PIN } };
  const code = await main([...args, '--db', path.join(dir, 'data')], io);
  return { code, out, err };
}

it('hosoky sign: teacher certifies with a visible signature, then the principal signs with the seal added, from the token', async () => {
  const t = ['--module', hsm.modulePath, '--token', 'TRUONG HOA SEN'];
  const one = path.join(dir, 'ke-hoach-1.pdf');
  const r1 = await hosoky(['sign', corpus.libreoffice, '-o', one, ...t, '--cert', 'Nguyễn Thị Hoa', '--pin-env', 'HOSO_PIN', '--certify', '--visible', '1:40,60,170,80', '--reason', 'Trình kế hoạch giáo dục', '--location', 'Hải Phòng', '--json']);
  expect(r1.code, r1.out + r1.err).toBe(0);
  const json = JSON.parse(r1.out);
  expect(json.ok).toBe(true);
  expect(json.value.warnings[0].code).toBe('SIGN_REVOCATION_NOT_CHECKED');

  const two = path.join(dir, 'ke-hoach-2.pdf');
  const r2 = await hosoky(['sign', one, '-o', two, ...t, '--cert', 'Lê Thị Thu Hương', '--pin-stdin', '--visible', '1:330,60,220,90', '--reason', 'Phê duyệt'], `${PIN}\n`);
  expect(r2.code, r2.out + r2.err).toBe(0);
  expect(r2.out).toContain('Đã ký thành công');
  const three = path.join(dir, 'ke-hoach-3.pdf');
  const r3 = await hosoky(['sign', two, '-o', three, ...t, '--cert', 'Trường Mầm non', '--pin-env', 'HOSO_PIN', '--visible', '1:330,60,220,90', '--seal', '--reason', 'Đóng dấu']);
  expect(r3.code, r3.out + r3.err).toBe(0);
  const sigs = await pdfsig(three, nss);
  expect(sigs).toHaveLength(3);
  for (const s of sigs) {
    expect(s.valid, s.text).toBe(true);
    expect(s.trusted, s.text).toBe(true);
  }
});

it('hosoky sign --batch signs every PDF of a folder after one login', async () => {
  const inDir = path.join(dir, 'batch-in');
  fs.mkdirSync(inDir);
  for (const n of ['tuan-01', 'tuan-02', 'tuan-03']) fs.copyFileSync(corpus.chromium, path.join(inDir, `${n}.pdf`));
  const outDir = path.join(dir, 'batch-out');
  const r = await hosoky(['sign', '--batch', inDir, '-o', outDir, '--module', hsm.modulePath, '--cert', 'Nguyễn Thị Hoa', '--pin-stdin', '--reason', 'Trình kế hoạch bài dạy'], PIN);
  expect(r.code, r.out + r.err).toBe(0);
  expect(r.out).toContain('Đã ký 3 tệp');
  for (const n of ['tuan-01', 'tuan-02', 'tuan-03']) {
    const [s] = await pdfsig(path.join(outDir, `${n}.pdf`), nss);
    expect(s?.valid, s?.text).toBe(true);
  }
});

it('a wrong PIN, a bad --visible and a missing PIN source are refused with Vietnamese messages', async () => {
  const wrong = await hosoky(['sign', corpus.chromium, '-o', path.join(dir, 'x.pdf'), '--module', hsm.modulePath, '--cert', 'Hoa', '--pin-stdin'], '000000');
  expect(wrong.code).toBe(1);
  expect(wrong.err).toMatch(/PIN/);
  expect(fs.existsSync(path.join(dir, 'x.pdf'))).toBe(false);
  const badRect = await hosoky(['sign', corpus.chromium, '--demo', '--visible', 'trang1']);
  expect(badRect.code).toBe(2);
  expect(badRect.err).toContain('TRANG:X,Y,R,C');
  const noPin = await hosoky(['sign', corpus.chromium, '--p12', path.join(dir, 'none.p12')]);
  expect(noPin.code).toBe(2);
  expect(noPin.err).toContain('mật khẩu');
});
