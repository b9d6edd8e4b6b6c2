import { describe, it, expect, afterAll } from 'vitest';
import * as pkcs11js from 'pkcs11js';
import { createTestPki } from '../support/pki';
import { createSoftHsm } from '../support/softhsm';

describe('test PKI on a SoftHSM2 token', () => {
  const hsm = createSoftHsm();
  afterAll(() => hsm.cleanup());

  it('puts keys and certificates on the token that sign and verify', async () => {
    const pki = await createTestPki();
    expect(pki.teacher.cert.subject).toContain('Nguyễn Thị Hoa');
    expect(await pki.teacher.cert.verify({ publicKey: pki.caGov.cert.publicKey, signatureOnly: true })).toBe(true);
    hsm.initToken('GIAO-VIEN', '11112222');
    await hsm.importIdentities('GIAO-VIEN', '11112222', [pki.teacher, pki.ecSigner]);

    process.env.SOFTHSM2_CONF = hsm.confPath;
    const p11 = new pkcs11js.PKCS11();
    p11.load(hsm.modulePath);
    p11.C_Initialize();
    try {
      const slot = p11.C_GetSlotList(true).find((s) => p11.C_GetTokenInfo(s).label.trim() === 'GIAO-VIEN')!;
      const session = p11.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
      p11.C_Login(session, pkcs11js.CKU_USER, '11112222');
      p11.C_FindObjectsInit(session, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY }, { type: pkcs11js.CKA_ID, value: Buffer.from('01', 'hex') }]);
      const [key] = p11.C_FindObjects(session, 1);
      p11.C_FindObjectsFinal(session);
      p11.C_SignInit(session, { mechanism: pkcs11js.CKM_SHA256_RSA_PKCS }, key!);
      const data = Buffer.from('Kế hoạch giáo dục tuần 5');
      const sig = p11.C_Sign(session, data, Buffer.alloc(512));
      const ok = await crypto.subtle.verify('RSASSA-PKCS1-v1_5', await pki.teacher.cert.publicKey.export(), new Uint8Array(sig), new Uint8Array(data));
      expect(ok).toBe(true);
    } finally {
      p11.C_Finalize();
      p11.close();
    }
  });
});
