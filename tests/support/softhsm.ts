/**
 * Real PKCS#11 tokens for the tests: SoftHSM2 with a configuration and token folder of the test's own
 * (never the machine's global store), initialised with softhsm2-util and personalised through pkcs11js
 * (private key + certificate under one CKA_ID), as a CA would hand a token to a teacher.
 */
import pkcs11js from 'pkcs11js';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { webcrypto } from 'node:crypto';
import type { Identity } from './pki';

export const SOFTHSM_MODULE = ['/usr/lib/softhsm/libsofthsm2.so', '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so'].find((p) => fs.existsSync(p)) ?? '/usr/lib/softhsm/libsofthsm2.so';

export interface SoftHsm {
  /** Folder holding softhsm2.conf and the tokens. */
  dir: string;
  confPath: string;
  /** Environment for a process that loads the module (SOFTHSM2_CONF set). */
  env: NodeJS.ProcessEnv;
  modulePath: string;
  initToken(label: string, userPin: string, soPin?: string): void;
  /** Imports the private key and certificate of each identity into the token, under its CKA_ID. */
  importIdentities(label: string, userPin: string, identities: Identity[]): Promise<void>;
  /** Deletes a token (what pulling a USB token looks like to SoftHSM2). */
  deleteToken(label: string): void;
  /** Copies a token's files aside and back: used to "re-insert" a pulled token. */
  snapshotToken(label: string): () => void;
  cleanup(): void;
}

const b64uToBuf = (s: string) => Buffer.from(s, 'base64url');
/** DER of the named-curve OID for P-256 (1.2.840.10045.3.1.7), as CKA_EC_PARAMS wants it. */
const P256_PARAMS = Buffer.from('06082a8648ce3d030107', 'hex');

export function createSoftHsm(prefix = 'hosoky-hsm-'): SoftHsm {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const tokenDir = path.join(dir, 'tokens');
  fs.mkdirSync(tokenDir);
  const confPath = path.join(dir, 'softhsm2.conf');
  fs.writeFileSync(confPath, `directories.tokendir = ${tokenDir}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = true\n`);
  const env = { ...process.env, SOFTHSM2_CONF: confPath };
  const util = (args: string[]) => execFileSync('softhsm2-util', args, { env, stdio: 'pipe' }).toString();

  const tokenFolderOf = (label: string): string | undefined => {
    for (const entry of fs.readdirSync(tokenDir)) {
      const tokenObject = path.join(tokenDir, entry, 'token.object');
      if (fs.existsSync(tokenObject) && fs.readFileSync(tokenObject).includes(Buffer.from(label))) return path.join(tokenDir, entry);
    }
    return undefined;
  };

  return {
    dir,
    confPath,
    env,
    modulePath: SOFTHSM_MODULE,
    initToken(label, userPin, soPin = '12345678') {
      util(['--init-token', '--free', '--label', label, '--pin', userPin, '--so-pin', soPin]);
    },
    async importIdentities(label, userPin, identities) {
      // SoftHSM2 reads SOFTHSM2_CONF when the module initialises: this process loads it only here.
      const previous = process.env.SOFTHSM2_CONF;
      process.env.SOFTHSM2_CONF = confPath;
      const p11 = new pkcs11js.PKCS11();
      p11.load(SOFTHSM_MODULE);
      p11.C_Initialize();
      try {
        const slot = p11.C_GetSlotList(true).find((s) => p11.C_GetTokenInfo(s).label.trim() === label);
        if (!slot) throw new Error(`no SoftHSM2 token labelled ${label}`);
        const session = p11.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION);
        p11.C_Login(session, pkcs11js.CKU_USER, userPin);
        for (const idn of identities) {
          const id = Buffer.from(idn.id, 'hex');
          const jwk = await webcrypto.subtle.exportKey('jwk', idn.keys.privateKey);
          const common = [
            { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
            { type: pkcs11js.CKA_TOKEN, value: true },
            { type: pkcs11js.CKA_PRIVATE, value: true },
            { type: pkcs11js.CKA_SENSITIVE, value: true },
            { type: pkcs11js.CKA_SIGN, value: true },
            { type: pkcs11js.CKA_ID, value: id },
            { type: pkcs11js.CKA_LABEL, value: idn.key },
          ];
          const keyAttrs =
            idn.kind === 'rsa'
              ? [
                  { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_RSA },
                  { type: pkcs11js.CKA_MODULUS, value: b64uToBuf(jwk.n!) },
                  { type: pkcs11js.CKA_PUBLIC_EXPONENT, value: b64uToBuf(jwk.e!) },
                  { type: pkcs11js.CKA_PRIVATE_EXPONENT, value: b64uToBuf(jwk.d!) },
                  { type: pkcs11js.CKA_PRIME_1, value: b64uToBuf(jwk.p!) },
                  { type: pkcs11js.CKA_PRIME_2, value: b64uToBuf(jwk.q!) },
                  { type: pkcs11js.CKA_EXPONENT_1, value: b64uToBuf(jwk.dp!) },
                  { type: pkcs11js.CKA_EXPONENT_2, value: b64uToBuf(jwk.dq!) },
                  { type: pkcs11js.CKA_COEFFICIENT, value: b64uToBuf(jwk.qi!) },
                ]
              : [
                  { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_EC },
                  { type: pkcs11js.CKA_EC_PARAMS, value: P256_PARAMS },
                  { type: pkcs11js.CKA_VALUE, value: b64uToBuf(jwk.d!) },
                ];
          p11.C_CreateObject(session, [...common, ...keyAttrs]);
          p11.C_CreateObject(session, [
            { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
            { type: pkcs11js.CKA_CERTIFICATE_TYPE, value: pkcs11js.CKC_X_509 },
            { type: pkcs11js.CKA_TOKEN, value: true },
            { type: pkcs11js.CKA_ID, value: id },
            { type: pkcs11js.CKA_LABEL, value: idn.key },
            { type: pkcs11js.CKA_SUBJECT, value: Buffer.from(idn.cert.subjectName.toArrayBuffer()) },
            { type: pkcs11js.CKA_VALUE, value: idn.der },
          ]);
        }
        p11.C_Logout(session);
        p11.C_CloseSession(session);
      } finally {
        p11.C_Finalize();
        p11.close();
        if (previous === undefined) delete process.env.SOFTHSM2_CONF;
        else process.env.SOFTHSM2_CONF = previous;
      }
    },
    deleteToken(label) {
      util(['--delete-token', '--token', label]);
    },
    snapshotToken(label) {
      const folder = tokenFolderOf(label);
      if (!folder) throw new Error(`no token folder for ${label}`);
      const copy = path.join(dir, `snapshot-${path.basename(folder)}`);
      fs.cpSync(folder, copy, { recursive: true });
      return () => fs.cpSync(copy, folder, { recursive: true });
    },
    cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
