import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import * as attacks from '../../support/pdf-attacks';
import { main } from '../../../src/main/cli/index';
import type { CliIo } from '../../../src/main/cli/io';
import { createApp } from '../../../src/main/api';
import type { PdfVerificationReport } from '../../../src/shared/contract/verify';
import { createVerifyFixture, type VerifyFixture } from './fixture';

/** `hosoky verify` (exit codes, Vietnamese text, --json, --trust) and the `pdf.verify` API method. */
describe('hosoky verify and pdf.verify', () => {
  let fx: VerifyFixture;
  let good: string;
  let bad: string;
  let dataDir: string;

  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { out: (t) => void out.push(t), err: (t) => void err.push(t), readStdin: async () => '', env: { HOSOKY_DATA: dataDir } };
    const code = await main(['verify', ...argv], io);
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  beforeAll(async () => {
    fx = await createVerifyFixture('hosoky-verify-cli-');
    dataDir = path.join(fx.dir, 'data');
    await attacks.makeBasePdf(path.join(fx.dir, 'base.pdf'));
    good = path.join(fx.dir, 'good.pdf');
    await attacks.signAs(path.join(fx.dir, 'base.pdf'), good, { identity: fx.pki.principal, chain: [fx.pki.caGov], reason: 'Phê duyệt' });
    bad = attacks.write(fx.dir, 'bad.pdf', attacks.changeSignedByte(fs.readFileSync(good)));
  });
  afterAll(() => fx.cleanup());

  it('exit 0 and a Vietnamese report for a valid file trusted with --trust', async () => {
    const r = await run(good, '--trust', fx.rootPem);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Kết luận: HỢP LỆ');
    expect(r.out).toContain('Người ký:            Lê Thị Thu Hương');
    expect(r.out).toContain('CA cấp chứng thư:    CA phục vụ các cơ quan Nhà nước (kiểm thử)');
    expect(r.out).toContain('Thu hồi                Chưa kiểm tra được trạng thái thu hồi: không có dữ liệu kèm theo và đang ngoại tuyến');
  });

  it('exit 1 when not valid: tampered, untrusted, unsigned, unreadable', async () => {
    const tampered = await run(bad, '--trust', fx.rootPem);
    expect(tampered.code).toBe(1);
    expect(tampered.out).toContain('KHÔNG HỢP LỆ');
    expect(tampered.out).toContain('Giá trị băm không khớp');
    const untrusted = await run(good);
    expect(untrusted.code).toBe(1);
    expect(untrusted.out).toContain('CHƯA XÁC ĐỊNH');
    expect((await run(path.join(fx.dir, 'base.pdf'))).code).toBe(1);
    const missing = await run(path.join(fx.dir, 'khong-co.pdf'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^Lỗi: /);
  });

  it('--json prints the Result with the report; bad usage exits 2', async () => {
    const r = await run(good, '--trust', fx.rootPem, '--json');
    const parsed = JSON.parse(r.out) as { ok: true; value: PdfVerificationReport };
    expect(parsed.ok).toBe(true);
    expect(parsed.value.signatures[0]!.signer!.holder).toBe('personal');
    expect(parsed.value.signatures[0]!.trustAnchor!.source).toBe('explicit');
    expect((await run()).code).toBe(2);
    expect((await run(good, '--no-such-option')).code).toBe(2);
  });

  it('pdf.verify through the API server validates its input and trusts <dataDir>/trust, as it is at each call', async () => {
    const app = createApp({ dataDir, host: 'bridge', version: 'test' });
    const chainCode = async () => ((await app.server.call('pdf.verify', { path: good })) as { ok: true; value: PdfVerificationReport }).value.signatures[0]!.checks.chain.code;
    try {
      const invalid = await app.server.call('pdf.verify', { path: '' });
      expect(invalid.ok).toBe(false);
      // The trust store is kept between calls, yet a CA the office adds (or removes) while the app runs counts at once.
      expect(await chainCode()).not.toBe('CHAIN_TRUSTED');
      fs.mkdirSync(path.join(dataDir, 'trust'), { recursive: true });
      fs.copyFileSync(fx.rootPem, path.join(dataDir, 'trust', 'school-root.pem'));
      const r = await app.server.call('pdf.verify', { path: good });
      expect(r.ok).toBe(true);
      const report = (r as { ok: true; value: PdfVerificationReport }).value;
      // (The verdict also depends on the revocation checker the ltv part plugs into the app.)
      expect(report.signatures[0]!.checks.chain.code).toBe('CHAIN_TRUSTED');
      expect(report.signatures[0]!.checks.digest.code).toBe('DIGEST_OK');
      expect(report.signatures[0]!.trustAnchor).toMatchObject({ source: 'user', file: path.join(dataDir, 'trust', 'school-root.pem') });
      fs.rmSync(path.join(dataDir, 'trust', 'school-root.pem'));
      expect(await chainCode()).not.toBe('CHAIN_TRUSTED');
    } finally {
      await app.ctx.close();
      fs.rmSync(path.join(dataDir, 'trust'), { recursive: true, force: true });
    }
  });
});
