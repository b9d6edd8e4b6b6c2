/**
 * A Signer over a real PKCS#11 token (SoftHSM2) through pkcs11js, for the signing tests when a test
 * wants to drive the token directly. RSA: CKM_SHA256_RSA_PKCS on the token; ECDSA: SoftHSM2 2.6 has no
 * CKM_ECDSA_SHA256, so hash here, sign with raw CKM_ECDSA and DER-encode r‖s.
 */
import * as pkcs11js from 'pkcs11js';
import { createHash } from 'node:crypto';
import { ecdsaRawToDer } from '../../src/main/core/pki/ecdsa';
import type { Signer } from '../../src/main/core/signing/signer';
import type { Identity } from './pki';
import type { SoftHsm } from './softhsm';

export function openTokenSigners(hsm: SoftHsm, label: string, pin: string, identities: Identity[], chain: Uint8Array[]): { signers: Map<string, Signer>; close(): void } {
  process.env.SOFTHSM2_CONF = hsm.confPath;
  const p11 = new pkcs11js.PKCS11();
  p11.load(hsm.modulePath);
  p11.C_Initialize();
  const slot = p11.C_GetSlotList(true).find((s) => p11.C_GetTokenInfo(s).label.trim() === label);
  if (!slot) throw new Error(`no token ${label}`);
  const session = p11.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
  p11.C_Login(session, pkcs11js.CKU_USER, pin);
  const signers = new Map<string, Signer>();
  for (const idn of identities) {
    p11.C_FindObjectsInit(session, [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
      { type: pkcs11js.CKA_ID, value: Buffer.from(idn.id, 'hex') },
    ]);
    const [key] = p11.C_FindObjects(session, 1);
    p11.C_FindObjectsFinal(session);
    if (!key) throw new Error(`no key ${idn.key} on the token`);
    const rsa = idn.kind === 'rsa';
    signers.set(idn.key, {
      certificate: idn.der,
      chain,
      keyType: rsa ? 'RSA' : 'EC',
      keyBits: rsa ? 2048 : 256,
      signatureAlgorithm: rsa ? 'RSASSA-PKCS1-v1_5' : 'ECDSA',
      hash: 'SHA-256',
      source: 'token',
      async sign(data) {
        if (rsa) {
          p11.C_SignInit(session, { mechanism: pkcs11js.CKM_SHA256_RSA_PKCS }, key);
          return new Uint8Array(p11.C_Sign(session, Buffer.from(data), Buffer.alloc(512)));
        }
        p11.C_SignInit(session, { mechanism: pkcs11js.CKM_ECDSA }, key);
        const raw = p11.C_Sign(session, createHash('sha256').update(data).digest(), Buffer.alloc(132));
        return ecdsaRawToDer(new Uint8Array(raw));
      },
    });
  }
  return {
    signers,
    close() {
      try {
        p11.C_Logout(session);
        p11.C_CloseSession(session);
      } finally {
        p11.C_Finalize();
        p11.close();
      }
    },
  };
}
