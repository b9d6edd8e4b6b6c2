import { afterAll, beforeAll, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestPki, type TestPki } from '../../support/pki';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm';
import { openTokenSigners } from '../../support/pkcs11-signer';
import { getCorpus } from '../../support/pdf-corpus';
import { nssTrusting, pdfsig, qpdfCheck } from '../../support/pdf-check';
import { signPdf } from '../../../src/main/core/pdf/sign';
import { withTempFile } from '../../../src/main/infra/fs/atomic-write';
import { signChain } from './chain';

let pki: TestPki;
let hsm: SoftHsm;
let dir: string;
let nss: string;
let token: ReturnType<typeof openTokenSigners>;

beforeAll(async () => {
  pki = await createTestPki();
  hsm = createSoftHsm();
  hsm.initToken('HOA SEN', '123456');
  await hsm.importIdentities('HOA SEN', '123456', [pki.teacher, pki.groupHead, pki.principal, pki.seal, pki.ecSigner]);
  token = openTokenSigners(hsm, 'HOA SEN', '123456', [pki.teacher, pki.groupHead, pki.principal, pki.seal, pki.ecSigner], [pki.caGov.der]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-pdfsign-hsm-'));
  nss = nssTrusting(path.join(dir, 'nss'), pki.root.pem);
});
afterAll(() => {
  token?.close();
  hsm?.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('a full four-signature chain made with keys on a SoftHSM2 token is valid and trusted in pdfsig', async () => {
  const corpus = await getCorpus();
  const s = token.signers;
  const { outputs } = await signChain(corpus.objstreams, dir, { teacher: s.get('teacher')!, groupHead: s.get('groupHead')!, principal: s.get('principal')!, seal: s.get('seal')! });
  const last = outputs[3]!;
  const sigs = await pdfsig(last, nss);
  expect(sigs).toHaveLength(4);
  for (const sig of sigs) {
    expect(sig.valid, sig.text).toBe(true);
    expect(sig.trusted, sig.text).toBe(true);
  }
  expect(sigs.filter((x) => x.total)).toHaveLength(1);
  expect((await qpdfCheck(last)).code).toBe(0);
});

it('an ECDSA P-256 key on the token (raw CKM_ECDSA, DER-encoded for CMS) makes a valid signature', async () => {
  const corpus = await getCorpus();
  const ecSigner = { ...token.signers.get('ecSigner')!, chain: [pki.caCommercial.der] };
  const out = path.join(dir, 'ec.pdf');
  await signPdf({ input: corpus.libreoffice, output: out, signer: ecSigner, writeFile: withTempFile, placement: 'invisible', reason: 'Trình kế hoạch giáo dục' });
  const [sig] = await pdfsig(out, nss);
  expect(sig?.valid, sig?.text).toBe(true);
  expect(sig?.trusted, sig?.text).toBe(true);
  expect(sig?.text).toContain('Phạm Quỳnh Anh');
});
