import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkcs11js from 'pkcs11js';
import { webcrypto } from 'node:crypto';
import { createTestPki, type TestPki } from '../../support/pki';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm';
import { CKM_RSA_PKCS, CKM_SHA256_RSA_PKCS, signStep } from '../../../src/main/infra/pkcs11/mechanisms';
import { ecdsaDerToRaw, ecdsaRawToDer } from '../../../src/main/core/pki/ecdsa';

let pki: TestPki;
let hsm: SoftHsm;
let p11: pkcs11js.PKCS11;
let session: Buffer;

const key = (id: string) => {
  p11.C_FindObjectsInit(session, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY }, { type: pkcs11js.CKA_ID, value: Buffer.from(id, 'hex') }]);
  const [k] = p11.C_FindObjects(session, 1);
  p11.C_FindObjectsFinal(session);
  return k!;
};
const signWith = (id: string, step: { mechanism: number; input: Buffer }) => {
  p11.C_SignInit(session, { mechanism: step.mechanism }, key(id));
  return new Uint8Array(p11.C_Sign(session, step.input, Buffer.alloc(1024)));
};

beforeAll(async () => {
  pki = await createTestPki();
  hsm = createSoftHsm();
  hsm.initToken('CO-CHE', '11112222');
  await hsm.importIdentities('CO-CHE', '11112222', [pki.teacher, pki.ecSigner]);
  process.env.SOFTHSM2_CONF = hsm.confPath;
  p11 = new pkcs11js.PKCS11();
  p11.load(hsm.modulePath);
  p11.C_Initialize();
  const slot = p11.C_GetSlotList(true).find((s) => p11.C_GetTokenInfo(s).label.trim() === 'CO-CHE')!;
  session = p11.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
  p11.C_Login(session, pkcs11js.CKU_USER, '11112222');
});

afterAll(() => {
  p11?.C_Finalize();
  p11?.close();
  hsm?.cleanup();
});

describe('signing mechanisms on a real token', () => {
  const data = Buffer.from('Thuộc tính ký CMS của kế hoạch giáo dục');

  it('uses CKM_SHA256_RSA_PKCS when the token has it, and raw CKM_RSA_PKCS + DigestInfo when not: both verify as RSASSA-PKCS1-v1_5/SHA-256', async () => {
    const publicKey = (await pki.teacher.cert.publicKey.export()) as webcrypto.CryptoKey;
    const combined = signStep('RSA', new Set([CKM_SHA256_RSA_PKCS, CKM_RSA_PKCS]), data);
    expect(combined.name).toBe('CKM_SHA256_RSA_PKCS');
    const fallback = signStep('RSA', new Set([CKM_RSA_PKCS]), data);
    expect(fallback.name).toBe('CKM_RSA_PKCS');
    expect(signStep('RSA', new Set(), data, true).name).toBe('CKM_RSA_PKCS');
    for (const step of [combined, fallback]) {
      const sig = signWith(pki.teacher.id, step);
      expect(await webcrypto.subtle.verify('RSASSA-PKCS1-v1_5', publicKey, sig, data)).toBe(true);
    }
    // PKCS#1 v1.5 is deterministic: the two ways give the same signature.
    expect(Buffer.from(signWith(pki.teacher.id, combined)).equals(Buffer.from(signWith(pki.teacher.id, fallback)))).toBe(true);
  });

  it('hashes for raw CKM_ECDSA, and the DER form verifies', async () => {
    const step = signStep('EC', new Set(), data);
    expect(step.name).toBe('CKM_ECDSA');
    const der = ecdsaRawToDer(signWith(pki.ecSigner.id, step));
    const publicKey = (await pki.ecSigner.cert.publicKey.export()) as webcrypto.CryptoKey;
    expect(await webcrypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, ecdsaDerToRaw(der, 32), data)).toBe(true);
  });
});
