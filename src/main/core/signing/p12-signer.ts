/**
 * A signer over a .p12/.pfx file (a "software certificate" some CAs issue instead of a token). Parsed
 * with pkijs; files encrypted the legacy way (PKCS#12 PBE with 3DES/RC2 — the Windows export default
 * "TripleDES-SHA1", `openssl -legacy`) are decrypted with node-forge, which implements those schemes.
 * The password is used to open the file once and is not kept; the private key lives only in this
 * process's memory as a non-extractable WebCrypto key.
 */
import * as pkijs from 'pkijs';
import forge from 'node-forge';
import * as asn1js from 'asn1js';
import { createPrivateKey, createPublicKey, webcrypto } from 'node:crypto';
import { AppError } from '../errors';
import { parseCertificate } from '../pki/certificate';
import { createSoftwareSigner } from './software-signer';
import type { Signer } from './signer';

pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto }));

const BAG_KEY = '1.2.840.113549.1.12.10.1.1';
const BAG_SHROUDED_KEY = '1.2.840.113549.1.12.10.1.2';
const BAG_CERT = '1.2.840.113549.1.12.10.1.3';
const CONTENT_DATA = '1.2.840.113549.1.7.1';
const CONTENT_ENCRYPTED = '1.2.840.113549.1.7.6';

const invalidFile = (cause?: unknown) =>
  new AppError(
    'P12_INVALID',
    'Tệp này không phải tệp chứng thư số .p12/.pfx đọc được. Hãy chọn đúng tệp do nhà cung cấp chữ ký số cấp.',
    'This is not a readable .p12/.pfx certificate file. Choose the file your signature provider issued.',
    undefined,
    { cause },
  );

const wrongPassword = (cause?: unknown) =>
  new AppError(
    'P12_PASSWORD_INCORRECT',
    'Mật khẩu của tệp chứng thư số (.p12/.pfx) không đúng. Hãy nhập lại mật khẩu.',
    'The password of the .p12/.pfx file is wrong. Enter the password again.',
    undefined,
    { cause },
  );

const unsupportedEncryption = (cause?: unknown) =>
  new AppError(
    'P12_UNSUPPORTED_ENCRYPTION',
    'Tệp .p12/.pfx này dùng kiểu mã hóa mà phần mềm không mở được. Hãy xuất lại tệp với mã hóa AES-256 (trong Windows: chọn "AES256-SHA256" khi xuất).',
    'This .p12/.pfx file uses an encryption the app cannot open. Export it again with AES-256 (on Windows choose "AES256-SHA256").',
    undefined,
    { cause },
  );

/** What a .p12 holds once opened. */
export interface P12Contents {
  privateKeyInfo: Uint8Array;
  certificate: Uint8Array;
  chain: Uint8Array[];
}

const isLegacyPbe = (oid: string | undefined) => !!oid && oid.startsWith('1.2.840.113549.1.12.1.');

/** Opens a PKCS#12 file with its password. */
export async function readP12(bytes: Uint8Array, password: string): Promise<P12Contents> {
  let pfx: pkijs.PFX;
  try {
    pfx = pkijs.PFX.fromBER(new Uint8Array(bytes).buffer);
  } catch (e) {
    throw invalidFile(e);
  }
  const pwd = new TextEncoder().encode(password).buffer as ArrayBuffer;
  try {
    await pfx.parseInternalValues({ password: pwd, checkIntegrity: !!pfx.macData });
  } catch (e) {
    throw /integrity|mac|password/i.test(String(e)) ? wrongPassword(e) : invalidFile(e);
  }
  const authSafe = pfx.parsedValue?.authenticatedSafe;
  if (!authSafe) throw invalidFile();
  for (const info of authSafe.safeContents) {
    if (info.contentType === CONTENT_ENCRYPTED) {
      // Parse a copy: building EncryptedData from the original schema object spoils it for pkijs below.
      const copy = asn1js.fromBER((info.content as asn1js.BaseBlock).toBER(false)).result;
      const alg = new pkijs.EncryptedData({ schema: copy }).encryptedContentInfo.contentEncryptionAlgorithm.algorithmId;
      if (isLegacyPbe(alg)) return readLegacyP12(bytes, password);
    }
  }
  try {
    await authSafe.parseInternalValues({ safeContents: authSafe.safeContents.map((c) => (c.contentType === CONTENT_DATA ? {} : { password: pwd })) });
  } catch (e) {
    throw pfx.macData ? invalidFile(e) : wrongPassword(e);
  }
  const keys: Uint8Array[] = [];
  const certs: Uint8Array[] = [];
  for (const contents of authSafe.parsedValue?.safeContents ?? []) {
    for (const bag of contents.value.safeBags) {
      if (bag.bagId === BAG_SHROUDED_KEY) {
        const shrouded = bag.bagValue as pkijs.PKCS8ShroudedKeyBag;
        if (isLegacyPbe(shrouded.encryptionAlgorithm.algorithmId)) return readLegacyP12(bytes, password);
        try {
          await (shrouded as unknown as { parseInternalValues(p: { password: ArrayBuffer }): Promise<void> }).parseInternalValues({ password: pwd });
        } catch (e) {
          throw wrongPassword(e);
        }
        if (shrouded.parsedValue) keys.push(new Uint8Array(shrouded.parsedValue.toSchema().toBER(false)));
      } else if (bag.bagId === BAG_KEY) {
        keys.push(new Uint8Array((bag.bagValue as pkijs.PrivateKeyInfo).toSchema().toBER(false)));
      } else if (bag.bagId === BAG_CERT) {
        const certBag = bag.bagValue as pkijs.CertBag;
        const value = certBag.parsedValue as pkijs.Certificate | undefined;
        if (value) certs.push(new Uint8Array(value.toSchema().toBER(false)));
        else if (certBag.certValue instanceof asn1js.OctetString) certs.push(new Uint8Array(certBag.certValue.valueBlock.valueHexView));
      }
    }
  }
  return complete(keys, certs);
}

/** PKCS#12 PBE (3DES, RC2): node-forge decrypts; the bytes it returns are used as they are. */
function readLegacyP12(bytes: Uint8Array, password: string): Promise<P12Contents> {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const der = forge.util.createBuffer(Buffer.from(bytes).toString('binary'));
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der), true, password);
  } catch (e) {
    throw /password|MAC|decrypt/i.test(String(e)) ? wrongPassword(e) : unsupportedEncryption(e);
  }
  const toBytes = (a: forge.asn1.Asn1) => new Uint8Array(Buffer.from(forge.asn1.toDer(a).getBytes(), 'binary'));
  const keys: Uint8Array[] = [];
  const certs: Uint8Array[] = [];
  for (const contents of p12.safeContents) {
    for (const bag of contents.safeBags) {
      if (bag.type === forge.pki.oids.pkcs8ShroudedKeyBag || bag.type === forge.pki.oids.keyBag) {
        // forge keeps an RSA key as an object and any other key (EC) as its PrivateKeyInfo.
        const info = bag.key ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key as forge.pki.rsa.PrivateKey)) : bag.asn1;
        if (info) keys.push(toBytes(info));
      } else if (bag.type === forge.pki.oids.certBag) {
        const cert = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1;
        if (cert) certs.push(toBytes(cert));
      }
    }
  }
  return complete(keys, certs);
}

async function complete(keys: Uint8Array[], certs: Uint8Array[]): Promise<P12Contents> {
  const privateKeyInfo = keys[0];
  if (!privateKeyInfo || certs.length === 0) {
    throw new AppError(
      'P12_INCOMPLETE',
      'Tệp .p12/.pfx không chứa đủ khóa bí mật và chứng thư số. Hãy xuất lại tệp kèm khóa bí mật.',
      'The .p12/.pfx file does not hold both a private key and a certificate. Export it again with the private key.',
    );
  }
  return { privateKeyInfo, ...(await pickSignerCertificate(privateKeyInfo, certs)) };
}

/** The certificate whose public key matches the private key; the others are the chain (nearest first). */
async function pickSignerCertificate(pkcs8: Uint8Array, certs: Uint8Array[]): Promise<{ certificate: Uint8Array; chain: Uint8Array[] }> {
  const keyObject = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  const publicDer = createPublicKey(keyObject).export({ type: 'spki', format: 'der' });
  const spkiOf = (der: Uint8Array) => {
    const cert = pkijs.Certificate.fromBER(new Uint8Array(der).buffer);
    return Buffer.from(cert.subjectPublicKeyInfo.toSchema().toBER(false));
  };
  const index = certs.findIndex((c) => spkiOf(c).equals(publicDer));
  if (index < 0) {
    throw new AppError(
      'P12_INCOMPLETE',
      'Trong tệp .p12/.pfx không có chứng thư số khớp với khóa bí mật. Hãy xuất lại tệp từ đúng chứng thư.',
      'No certificate in the .p12/.pfx file matches its private key. Export the file again from the right certificate.',
    );
  }
  const certificate = certs[index]!;
  const rest = certs.filter((_, i) => i !== index);
  // Nearest first: walk issuer names from the signer upwards.
  const chain: Uint8Array[] = [];
  let current = parseCertificate(certificate);
  while (rest.length > 0 && !current.selfSigned) {
    const next = rest.findIndex((c) => parseCertificate(c).subject === current.issuer);
    if (next < 0) break;
    const [found] = rest.splice(next, 1);
    chain.push(found!);
    current = parseCertificate(found!);
  }
  return { certificate, chain: [...chain, ...rest] };
}

/** Opens a .p12/.pfx file as a Signer. */
export async function openP12Signer(bytes: Uint8Array, password: string): Promise<Signer> {
  const contents = await readP12(bytes, password);
  const info = parseCertificate(contents.certificate);
  const algorithm =
    info.keyType === 'RSA' ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } : { name: 'ECDSA', namedCurve: `P-${info.keyBits}` };
  const privateKey = await webcrypto.subtle.importKey('pkcs8', new Uint8Array(contents.privateKeyInfo), algorithm, false, ['sign']);
  contents.privateKeyInfo.fill(0);
  return createSoftwareSigner({ privateKey, certificate: contents.certificate, chain: contents.chain, source: 'p12' });
}
