import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import * as attacks from '../../support/pdf-attacks';
import { isAppError } from '../../../src/main/core/errors';
import { createVerifyFixture, reasonCodes, type VerifyFixture } from './fixture';

/** Damaged and tampered files: each is reported not valid with the right reason, never a crash. */
describe('hostile inputs', () => {
  let fx: VerifyFixture;
  let signed: string;
  let twice: string;
  let bytes: Buffer;

  const errorCode = async (file: string) => {
    try {
      await fx.verify(file);
      return null;
    } catch (e) {
      if (!isAppError(e)) throw e;
      expect(e.messageVi.length).toBeGreaterThan(20);
      return e.code;
    }
  };

  beforeAll(async () => {
    fx = await createVerifyFixture('hosoky-hostile-');
    const base = path.join(fx.dir, 'base.pdf');
    await attacks.makeBasePdf(base, { pages: 2 });
    signed = path.join(fx.dir, 'signed.pdf');
    await attacks.signAs(base, signed, { identity: fx.pki.teacher, chain: [fx.pki.caGov] });
    twice = path.join(fx.dir, 'twice.pdf');
    await attacks.signAs(signed, twice, { identity: fx.pki.principal, chain: [fx.pki.caGov], reason: 'Phê duyệt' });
    bytes = fs.readFileSync(signed);
  });
  afterAll(() => fx.cleanup());

  it('a byte of the signed content changed after signing', async () => {
    const r = await fx.verify(attacks.write(fx.dir, 'changed.pdf', attacks.changeSignedByte(bytes)));
    expect(r.signatures[0]!.verdict).toBe('invalid');
    expect(reasonCodes(r)).toContain('DIGEST_MISMATCH');
    expect(r.signatures[0]!.checks.digest.vi).toContain('đã bị thay đổi sau khi ký');
  });

  it('a /Contents string that overflows its ByteRange gap', async () => {
    const r = await fx.verify(attacks.write(fx.dir, 'overflow.pdf', attacks.contentsOverflowsGap(bytes)));
    expect(r.signatures[0]!.verdict).toBe('invalid');
    expect(reasonCodes(r)).toContain('BYTE_RANGE_GAP_MISMATCH');
  });

  it('a ByteRange that skips bytes before /Contents', async () => {
    const r = await fx.verify(attacks.write(fx.dir, 'skips.pdf', attacks.byteRangeSkipsBytes(bytes)));
    expect(r.signatures[0]!.verdict).toBe('invalid');
    expect(reasonCodes(r)).toContain('BYTE_RANGE_GAP_MISMATCH');
  });

  it('a ByteRange that stops short of the end of its revision', async () => {
    const { ranges } = attacks.lastSignature(bytes);
    const r = await fx.verify(attacks.write(fx.dir, 'short.pdf', attacks.withByteRange(bytes, [0, ranges[1], ranges[2], ranges[3] - 30])));
    expect(r.signatures[0]!.verdict).toBe('invalid');
    expect(reasonCodes(r)).toContain('BYTE_RANGE_NOT_REVISION');
  });

  it('a ByteRange that does not start at byte 0', async () => {
    const { ranges } = attacks.lastSignature(bytes);
    const r = await fx.verify(attacks.write(fx.dir, 'offset.pdf', attacks.withByteRange(bytes, [10, ranges[1] - 10, ranges[2], ranges[3]])));
    expect(reasonCodes(r)).toContain('BYTE_RANGE_NOT_FROM_START');
  });

  it('a file truncated inside the last signature: no valid verdict, a plain message', async () => {
    const full = fs.readFileSync(twice);
    for (const keep of [full.length - 10, Math.floor(full.length * 0.9), Math.floor(full.length * 0.5), 100, 0]) {
      const file = attacks.write(fx.dir, `trunc-${keep}.pdf`, attacks.truncate(full, keep));
      const code = await errorCode(file);
      if (code) {
        expect(['VERIFY_FILE_DAMAGED', 'PDF_NOT_PDF']).toContain(code);
      } else {
        const r = await fx.verify(file);
        expect(r.verdict, `truncated to ${keep}`).not.toBe('valid');
      }
    }
  });

  it('bytes appended after the last revision are flagged', async () => {
    const file = attacks.write(fx.dir, 'appended.pdf', Buffer.concat([fs.readFileSync(twice), Buffer.from('\n1 0 obj (junk) endobj\n', 'latin1')]));
    const r = await fx.verify(file);
    expect(r.verdict).toBe('invalid');
    expect(r.signatures.every((s) => s.modifications.some((m) => m.kind === 'trailing-data' && !m.allowed))).toBe(true);
  });

  it('a file that is not a PDF, and a missing file, give a clear error', async () => {
    expect(await errorCode(attacks.write(fx.dir, 'not.pdf', Buffer.from('Xin chào, đây không phải PDF')))).toBe('PDF_NOT_PDF');
    expect(await errorCode(path.join(fx.dir, 'khong-co.pdf'))).toMatch(/FILE_NOT_FOUND$/);
  });

  it('a verification over its time budget stops with VERIFY_TIMEOUT instead of hanging', async () => {
    await expect(fx.verify(twice, { timeLimitMs: 0 })).rejects.toMatchObject({ code: 'VERIFY_TIMEOUT' });
  });

  it('an unsigned PDF is not called valid', async () => {
    const r = await fx.verify(path.join(fx.dir, 'base.pdf'));
    expect(r.signatures).toHaveLength(0);
    expect(r.verdict).toBe('indeterminate');
    expect(r.summaryVi).toContain('không có chữ ký số');
  });
});
