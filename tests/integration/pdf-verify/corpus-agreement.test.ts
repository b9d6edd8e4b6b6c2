import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import path from 'node:path';
import { getCorpus, CORPUS_NAMES, type CorpusName } from '../../support/pdf-corpus';
import { nssTrusting, pdfsig } from '../../support/pdf-check';
import { createSoftwareSigner } from '../../../src/main/core/signing/software-signer';
import type { Identity } from '../../support/pki';
import { signChain } from '../pdf-sign/chain';
import { createVerifyFixture, type VerifyFixture } from './fixture';

/**
 * Round trips over the real producers' corpus (LibreOffice, Chromium, xref streams, linearized, form,
 * scan, 200 pages) with the school's four visible/invisible signatures: our verdict for every signature
 * agrees with pdfsig's, signature by signature (matched by field name), on the 1-signature and the
 * 4-signature files.
 */
describe('agreement with pdfsig on the producer corpus', () => {
  let fx: VerifyFixture;
  let corpus: Record<CorpusName, string>;
  let nss: string;

  beforeAll(async () => {
    [fx, corpus] = await Promise.all([createVerifyFixture('hosoky-verify-corpus-'), getCorpus()]);
    nss = nssTrusting(path.join(fx.dir, 'nss'), fx.pki.root.pem);
  });
  afterAll(() => fx.cleanup());

  const soft = (idn: Identity) => createSoftwareSigner({ privateKey: idn.keys.privateKey, certificate: idn.der, chain: [fx.pki.caGov.der], source: 'p12' });

  for (const name of CORPUS_NAMES) {
    it(name, async () => {
      const { pki } = fx;
      const { outputs } = await signChain(corpus[name], fx.dir, { teacher: soft(pki.teacher), groupHead: soft(pki.groupHead), principal: soft(pki.principal), seal: soft(pki.seal) }, name === 'acroform' ? { principalField: 'ChuKyHieuTruong' } : {});
      for (const out of [outputs[0]!, outputs[3]!]) {
        const ours = await fx.verify(out);
        const theirs = (await pdfsig(out, nss)).filter((s) => /Signature Type/.test(s.text));
        expect(ours.signatures).toHaveLength(theirs.length);
        for (const s of ours.signatures) {
          const t = theirs.find((x) => x.text.includes(`Signature Field Name: ${s.fieldName}\n`));
          expect(t, `${name}: pdfsig has no field ${s.fieldName}`).toBeDefined();
          expect(s.verdict === 'valid', `${name} ${s.fieldName}: ours ${s.verdict} (${s.reasons.map((r) => r.code).join(',')}), pdfsig valid=${t!.valid} trusted=${t!.trusted}`).toBe(t!.valid && t!.trusted);
          expect(s.coversWholeFile).toBe(t!.total);
        }
        expect(ours.verdict).toBe('valid');
      }
    });
  }
});
