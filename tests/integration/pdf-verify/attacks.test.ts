import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as attacks from '../../support/pdf-attacks';
import { createVerifyFixture, reasonCodes, type VerifyFixture } from './fixture';

/**
 * The known attack classes on PDF signatures, each built from a real file signed by the app's signer:
 * none may come out valid, and each must say why in Vietnamese.
 */
describe('attacks on signed PDFs are not valid', () => {
  let fx: VerifyFixture;
  let signed: string; // teacher, approval signature (no certification)
  let twice: string; // teacher + principal
  let prepared: number;
  const file = (name: string) => path.join(fx.dir, name);

  beforeAll(async () => {
    fx = await createVerifyFixture('hosoky-attacks-');
    const base = file('base.pdf');
    prepared = (await attacks.makeBasePdf(base, { formField: true, shadow: true })).preparedContent!;
    signed = file('signed.pdf');
    await attacks.signAs(base, signed, { identity: fx.pki.teacher, chain: [fx.pki.caGov] });
    twice = file('twice.pdf');
    await attacks.signAs(signed, twice, { identity: fx.pki.principal, chain: [fx.pki.caGov], reason: 'Phê duyệt', placement: { page: 1, rect: [300, 80, 200, 60] } });
  });
  afterAll(() => fx.cleanup());

  it('accepts the untouched files (control)', async () => {
    for (const f of [signed, twice]) {
      const r = await fx.verify(f);
      expect(r.verdict).toBe('valid');
      expect(r.signatures.every((s) => s.verdict === 'valid')).toBe(true);
    }
    const r = await fx.verify(twice);
    expect(r.signatures[0]!.modifications.map((m) => m.kind)).toEqual(['signature-added']);
    expect(r.signatures[0]!.coversWholeFile).toBe(false);
    expect(r.signatures[1]!.coversWholeFile).toBe(true);
  });

  it('incremental saving attack: replaced page content', async () => {
    const out = file('isa-content.pdf');
    await attacks.isaReplacePageContent(twice, out);
    const r = await fx.verify(out);
    expect(r.verdict).toBe('invalid');
    for (const s of r.signatures) {
      expect(s.verdict).toBe('invalid');
      expect(s.checks.modifications.code).toBe('MODIFIED_AFTER_SIGNING');
      expect(s.modifications.some((m) => !m.allowed && m.kind === 'page-content' && m.page === 1)).toBe(true);
    }
    expect(r.signatures[1]!.checks.modifications.vi).toContain('Trang 1: nội dung trang bị thay đổi sau khi ký');
    // The integrity of each signed revision itself is intact: the report says what is wrong, not more.
    expect(r.signatures[1]!.checks.digest.status).toBe('passed');
  });

  it('incremental saving attack: content stream rewritten under the same object number', async () => {
    const out = file('isa-rewrite.pdf');
    await attacks.isaRewriteContentStream(signed, out);
    const r = await fx.verify(out);
    expect(r.signatures[0]!.verdict).toBe('invalid');
    expect(r.signatures[0]!.modifications.some((m) => m.kind === 'page-content' && !m.allowed)).toBe(true);
  });

  it('incremental saving attack: a page added after signing', async () => {
    const out = file('isa-page.pdf');
    await attacks.isaAddPage(signed, out);
    const r = await fx.verify(out);
    expect(r.signatures[0]!.verdict).toBe('invalid');
    expect(r.signatures[0]!.modifications.map((m) => m.kind)).toEqual(expect.arrayContaining(['page-added']));
  });

  it('shadow hide (overlay): an annotation painted over page 1 after signing', async () => {
    const out = file('overlay.pdf');
    await attacks.overlayAnnotation(signed, out);
    const r = await fx.verify(out);
    expect(r.signatures[0]!.verdict).toBe('invalid');
    expect(r.signatures[0]!.modifications.some((m) => m.kind === 'annotation-added' && !m.allowed && m.page === 1)).toBe(true);
  });

  it('shadow hide: the cover prepared before signing is emptied', async () => {
    const out = file('shadow-hide.pdf');
    await attacks.shadowHide(signed, out);
    const r = await fx.verify(out);
    expect(r.signatures[0]!.verdict).toBe('invalid');
    expect(r.signatures[0]!.modifications.some((m) => m.kind === 'page-resources' && !m.allowed)).toBe(true);
  });

  it('shadow replace: a prepared form field gets another value and appearance', async () => {
    const out = file('shadow-replace.pdf');
    await attacks.shadowReplaceFormValue(signed, out);
    const r = await fx.verify(out);
    expect(r.signatures[0]!.verdict).toBe('invalid');
    const m = r.signatures[0]!.modifications.find((x) => x.kind === 'form-field-value');
    expect(m?.allowed).toBe(false);
    expect(m?.vi).toContain('ghi_chu');
  });

  it('shadow hide-and-replace: the page is pointed at content that was already in the signed file', async () => {
    const out = file('shadow-hide-replace.pdf');
    await attacks.shadowHideAndReplace(signed, out, prepared);
    const r = await fx.verify(out);
    expect(r.signatures[0]!.verdict).toBe('invalid');
    expect(r.signatures[0]!.modifications.some((m) => m.kind === 'page-content' && !m.allowed)).toBe(true);
  });

  it('signature wrapping: unsigned bytes slipped into the ByteRange gap', async () => {
    const out = attacks.write(fx.dir, 'swa.pdf', attacks.signatureWrapping(fs.readFileSync(twice)));
    const r = await fx.verify(out);
    const last = r.signatures[r.signatures.length - 1]!;
    expect(last.verdict).toBe('invalid');
    expect(reasonCodes(r)).toContain('BYTE_RANGE_GAP_MISMATCH');
    expect(last.checks.byteRange.vi).toContain('không được ký');
  });

  it('universal signature forgery: missing, null, empty and garbage values', async () => {
    const bytes = fs.readFileSync(signed);
    const cases: Array<[string, Buffer, string[]]> = [
      ['usf-no-byterange.pdf', attacks.usfNoByteRange(bytes), ['BYTE_RANGE_MISSING']],
      ['usf-null-byterange.pdf', attacks.usfNullByteRange(bytes), ['BYTE_RANGE_MISSING']],
      ['usf-empty-contents.pdf', attacks.usfEmptyContents(bytes), ['CMS_NOT_SIGNED_DATA', 'CMS_NOT_DER']],
      ['usf-garbage-contents.pdf', attacks.usfGarbageContents(bytes), ['CMS_NOT_SIGNED_DATA', 'CMS_NOT_DER']],
      ['usf-zero-byterange.pdf', attacks.withByteRange(bytes, [0, 0, 0, 0]), ['BYTE_RANGE_OVERLAP']],
    ];
    for (const [name, data, expected] of cases) {
      const r = await fx.verify(attacks.write(fx.dir, name, data));
      expect(r.signatures, name).toHaveLength(1);
      expect(r.signatures[0]!.verdict, name).toBe('invalid');
      expect(reasonCodes(r).some((c) => expected.includes(c)), `${name}: ${reasonCodes(r).join(',')}`).toBe(true);
    }
  });

  it('the report’s SHA-256 is the whole file’s, whether the signed ranges were hashed or not', async () => {
    const garbage = attacks.write(fx.dir, 'sha-garbage.pdf', attacks.usfGarbageContents(fs.readFileSync(signed)));
    for (const f of [file('base.pdf'), signed, twice, garbage]) {
      const r = await fx.verify(f);
      expect(r.sha256, path.basename(f)).toBe(createHash('sha256').update(fs.readFileSync(f)).digest('hex').toUpperCase());
    }
  });
});
