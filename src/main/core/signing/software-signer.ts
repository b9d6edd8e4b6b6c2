import { webcrypto } from 'node:crypto';
import { ecdsaRawToDer } from '../pki/ecdsa';
import type { Signer, HashAlgorithm } from './signer';

/**
 * A signer over a WebCrypto private key: the .p12 file signer and the demo profile use it, and tests
 * use it to sign without a token. (A token signer never holds the key: see infra/pkcs11.)
 */
export function createSoftwareSigner(opts: {
  privateKey: CryptoKey;
  certificate: Uint8Array;
  chain?: Uint8Array[];
  source: 'p12' | 'demo';
  hash?: HashAlgorithm;
}): Signer {
  const alg = opts.privateKey.algorithm as RsaHashedKeyAlgorithm | EcKeyAlgorithm;
  const isRsa = alg.name === 'RSASSA-PKCS1-v1_5' || alg.name === 'RSA-PSS';
  const hash = opts.hash ?? 'SHA-256';
  const keyBits = isRsa ? (alg as RsaHashedKeyAlgorithm).modulusLength : Number((alg as EcKeyAlgorithm).namedCurve.replace('P-', ''));
  return {
    certificate: opts.certificate,
    chain: opts.chain ?? [],
    keyType: isRsa ? 'RSA' : 'EC',
    keyBits,
    signatureAlgorithm: isRsa ? (alg.name === 'RSA-PSS' ? 'RSASSA-PSS' : 'RSASSA-PKCS1-v1_5') : 'ECDSA',
    hash,
    source: opts.source,
    async sign(data) {
      const params = isRsa
        ? alg.name === 'RSA-PSS'
          ? { name: 'RSA-PSS', saltLength: 32 }
          : { name: 'RSASSA-PKCS1-v1_5' }
        : { name: 'ECDSA', hash };
      const sig = new Uint8Array(await webcrypto.subtle.sign(params, opts.privateKey, new Uint8Array(data)));
      return isRsa ? sig : ecdsaRawToDer(sig);
    },
  };
}
