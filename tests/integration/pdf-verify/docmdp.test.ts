import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import path from 'node:path';
import * as attacks from '../../support/pdf-attacks';
import { createVerifyFixture, type VerifyFixture } from './fixture';

/** The three DocMDP permissions of a certification signature decide what may follow it. */
describe('DocMDP permissions', () => {
  let fx: VerifyFixture;
  const file = (n: string) => path.join(fx.dir, n);

  beforeAll(async () => {
    fx = await createVerifyFixture('hosoky-docmdp-');
    await attacks.makeBasePdf(file('base.pdf'), { formField: true });
    for (const p of [1, 3] as const) await attacks.signWithStages(file('base.pdf'), file(`p${p}.pdf`), { identity: fx.pki.teacher, chain: [fx.pki.caGov], docMdp: p });
  });
  afterAll(() => fx.cleanup());

  it('P=1: the certified file alone is valid; a further signature or form filling breaks the certification', async () => {
    const alone = await fx.verify(file('p1.pdf'));
    expect(alone.verdict).toBe('valid');
    expect(alone.signatures[0]).toMatchObject({ kind: 'certification', docMdpPermission: 1 });

    await attacks.signWithStages(file('p1.pdf'), file('p1-signed.pdf'), { identity: fx.pki.principal, chain: [fx.pki.caGov] });
    const signed = await fx.verify(file('p1-signed.pdf'));
    expect(signed.signatures[0]!.verdict).toBe('invalid');
    expect(signed.signatures[0]!.modifications).toEqual([expect.objectContaining({ kind: 'signature-added', allowed: false })]);
    expect(signed.signatures[1]!.verdict).toBe('valid');

    await attacks.shadowReplaceFormValue(file('p1.pdf'), file('p1-filled.pdf'));
    expect((await fx.verify(file('p1-filled.pdf'))).signatures[0]!.verdict).toBe('invalid');
  });

  it('P=3: annotations may be added after certification; page content still may not change', async () => {
    await attacks.overlayAnnotation(file('p3.pdf'), file('p3-annotated.pdf'));
    const annotated = await fx.verify(file('p3-annotated.pdf'));
    expect(annotated.verdict).toBe('valid');
    expect(annotated.signatures[0]!.modifications.some((m) => m.kind === 'annotation-added' && m.allowed)).toBe(true);
    await attacks.isaReplacePageContent(file('p3.pdf'), file('p3-content.pdf'));
    expect((await fx.verify(file('p3-content.pdf'))).verdict).toBe('invalid');
  });
});
