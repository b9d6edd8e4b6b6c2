import * as asn1js from 'asn1js';

/**
 * Tokens (PKCS#11 CKM_ECDSA) and WebCrypto return an ECDSA signature as raw r‖s; CMS and X.509 want
 * the DER Ecdsa-Sig-Value SEQUENCE { r INTEGER, s INTEGER }.
 */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  if (raw.length % 2 !== 0) throw new Error('ECDSA signature r‖s has odd length');
  const half = raw.length / 2;
  const int = (bytes: Uint8Array) => {
    let i = 0;
    while (i < bytes.length - 1 && bytes[i] === 0) i++;
    let v = bytes.slice(i);
    if ((v[0] ?? 0) & 0x80) v = Uint8Array.from([0, ...v]);
    return new asn1js.Integer({ valueHex: v });
  };
  const seq = new asn1js.Sequence({ value: [int(raw.slice(0, half)), int(raw.slice(half))] });
  return new Uint8Array(seq.toBER(false));
}

/** The inverse, for verifying a CMS ECDSA signature with WebCrypto (which wants r‖s). */
export function ecdsaDerToRaw(der: Uint8Array, fieldBytes: number): Uint8Array {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) throw new Error('not an Ecdsa-Sig-Value');
  const [r, s] = parsed.result.valueBlock.value;
  if (!(r instanceof asn1js.Integer) || !(s instanceof asn1js.Integer)) throw new Error('not an Ecdsa-Sig-Value');
  const fit = (v: Uint8Array) => {
    const trimmed = v[0] === 0 ? v.slice(1) : v;
    if (trimmed.length > fieldBytes) throw new Error('ECDSA integer too long');
    const out = new Uint8Array(fieldBytes);
    out.set(trimmed, fieldBytes - trimmed.length);
    return out;
  };
  const out = new Uint8Array(fieldBytes * 2);
  out.set(fit(new Uint8Array(r.valueBlock.valueHexView)), 0);
  out.set(fit(new Uint8Array(s.valueBlock.valueHexView)), fieldBytes);
  return out;
}
