/**
 * What a signed PDF already holds for long-term validation: its signatures and document timestamps (in
 * the revision each was added), signature timestamps inside the CMS, the DSS of each revision, and the
 * PAdES baseline level that results (ETSI EN 319 142-1 §6):
 *   B-B   every signature is a PAdES signature;
 *   B-T   each also has a trusted time: a signature timestamp, or a document timestamp added after it;
 *   B-LT  B-T, and the DSS holds validation data (VRI entry) for every signature;
 *   B-LTA B-LT, and a document timestamp was added after that DSS.
 */
import { createHash } from 'node:crypto';
import { PdfDict, PdfDocument, PdfName, PdfStream, PdfString, catalog, num, signatureFields, type Revision } from '../pdf/parser';
import * as asn1js from 'asn1js';
import { verifyCms } from '../pdf/verify/cms';
import { X509 } from './der';
import { readTimestampToken } from './tsp';

type Certificate = InstanceType<typeof X509.X509Certificate>;
export type PadesLevel = 'B-B' | 'B-T' | 'B-LT' | 'B-LTA';
export const LEVELS: PadesLevel[] = ['B-B', 'B-T', 'B-LT', 'B-LTA'];
export const levelRank = (l: PadesLevel | 'none'): number => (l === 'none' ? -1 : LEVELS.indexOf(l));

export interface FoundSignature {
  field: string;
  kind: 'signature' | 'document-timestamp';
  /** Revision the signature was added in (0 = original document). */
  revision: number;
  /** Raw /Contents bytes (with padding): the VRI key is their SHA-1. */
  contents: Uint8Array;
  /** DER of the CMS (for a document timestamp: the token). */
  cms: Uint8Array;
  vriKey: string;
  signer: Certificate | null;
  certificates: Certificate[];
  /** The signature value and its RFC 3161 token, when the CMS carries one (B-T at signing). */
  signatureValue: Uint8Array | null;
  signatureTimestamp: Uint8Array | null;
  /** For a document timestamp: genTime. */
  genTime: Date | null;
  embeddedRevocation: { crls: Uint8Array[]; ocspResponses: Uint8Array[] };
}

export interface DssContent {
  certs: Uint8Array[];
  ocsps: Uint8Array[];
  crls: Uint8Array[];
  vriKeys: Set<string>;
}

export interface LtvState {
  signatures: FoundSignature[];
  documentTimestamps: FoundSignature[];
  dss: DssContent | null;
  level: PadesLevel | 'none';
}

/** /Contents is zero-padded after the DER: the DER alone. */
function trimContents(contents: Uint8Array): Uint8Array | null {
  const parsed = asn1js.fromBER(new Uint8Array(contents));
  return parsed.offset > 0 ? contents.subarray(0, parsed.offset) : null;
}

const vriKeyOf = (contents: Uint8Array) => createHash('sha1').update(contents).digest('hex').toUpperCase();
const NO_CONTENT = { digest: () => new Uint8Array(32) };

type CmsFacts = Pick<FoundSignature, 'cms' | 'signer' | 'certificates' | 'signatureValue' | 'signatureTimestamp' | 'genTime' | 'embeddedRevocation'>;
/** Parsed CMS by /Contents SHA-1: an upgrade reads the same signatures after every step. */
const parsed = new Map<string, CmsFacts>();
const PARSED_LIMIT = 512;

function cmsFacts(contents: Uint8Array, key: string, isDocTs: boolean): CmsFacts {
  const hit = parsed.get(key);
  if (hit) return hit;
  const facts = isDocTs ? tokenFacts(contents) : signatureFacts(contents);
  if (parsed.size >= PARSED_LIMIT) parsed.delete(parsed.keys().next().value!);
  parsed.set(key, facts);
  return facts;
}

/** A document timestamp is a bare token: read it with the (memoised) token reader, not as a signature. */
function tokenFacts(contents: Uint8Array): CmsFacts {
  const cms = new Uint8Array(trimContents(contents) ?? new Uint8Array());
  try {
    const token = readTimestampToken(cms);
    const tsa = token.certificates.find((c) => c.getExtension(X509.ExtendedKeyUsageExtension)?.usages.map(String).includes('1.3.6.1.5.5.7.3.8')) ?? token.certificates[0] ?? null;
    return { cms, signer: tsa, certificates: token.certificates, signatureValue: null, signatureTimestamp: null, genTime: token.genTime, embeddedRevocation: { crls: [], ocspResponses: [] } };
  } catch {
    return { cms, signer: null, certificates: [], signatureValue: null, signatureTimestamp: null, genTime: null, embeddedRevocation: { crls: [], ocspResponses: [] } };
  }
}

function signatureFacts(contents: Uint8Array): CmsFacts {
  const v = verifyCms(contents, NO_CONTENT, 'detached');
  return {
    // The verifier's reading already trimmed the padding (parsing the DER again cost as much as verifying).
    cms: new Uint8Array(v.der ?? new Uint8Array()),
    signer: v.signerCertificate,
    certificates: v.embeddedCertificates,
    signatureValue: v.signatureValue,
    signatureTimestamp: v.signatureTimestampToken,
    genTime: v.timestampGenTime,
    embeddedRevocation: v.embeddedRevocation,
  };
}

function revisionOf(doc: PdfDocument, byteRange: number[]): number {
  const end = (byteRange[2] ?? 0) + (byteRange[3] ?? 0);
  return (doc.revisions.find((r) => r.endOffset >= end) ?? doc.latest).index;
}

export function findSignatures(doc: PdfDocument): FoundSignature[] {
  const out: FoundSignature[] = [];
  for (const field of signatureFields(doc).filter((f) => f.signed)) {
    const sig = doc.dict(field.value);
    const contents = sig?.get('Contents');
    const byteRange = doc.resolve(sig?.get('ByteRange'));
    if (!sig || !(contents instanceof PdfString) || !Array.isArray(byteRange)) continue;
    const isDocTs = sig.nameOf('Type') === 'DocTimeStamp' || sig.nameOf('SubFilter') === 'ETSI.RFC3161';
    const vriKey = vriKeyOf(contents.bytes);
    out.push({
      field: field.name,
      kind: isDocTs ? 'document-timestamp' : 'signature',
      revision: revisionOf(doc, byteRange.map((x) => num(x) ?? 0)),
      contents: contents.bytes,
      vriKey,
      ...cmsFacts(contents.bytes, vriKey, isDocTs),
    });
  }
  return out.sort((a, b) => a.revision - b.revision);
}

/** The DSS as of a revision (ISO 32000-2 §12.8.4.3), or null. */
export function readDss(doc: PdfDocument, rev: Revision = doc.latest): DssContent | null {
  const dss = doc.dict(catalog(doc, rev).dict.get('DSS'), rev);
  if (!dss) return null;
  const streams = (key: string): Uint8Array[] => {
    const arr = doc.resolve(dss.get(key), rev);
    if (!Array.isArray(arr)) return [];
    return arr.flatMap((ref) => {
      const s = doc.resolve(ref, rev);
      return s instanceof PdfStream ? [doc.streamBytes(s)] : [];
    });
  };
  const vri = doc.dict(dss.get('VRI'), rev);
  return { certs: streams('Certs'), ocsps: streams('OCSPs'), crls: streams('CRLs'), vriKeys: new Set(vri ? [...vriKeysOf(vri)] : []) };
}

function* vriKeysOf(vri: PdfDict): Iterable<string> {
  for (const key of vri.map.keys()) yield key.toUpperCase();
}

export function ltvState(doc: PdfDocument): LtvState {
  const all = findSignatures(doc);
  const signatures = all.filter((s) => s.kind === 'signature');
  const documentTimestamps = all.filter((s) => s.kind === 'document-timestamp');
  const dss = readDss(doc);
  if (signatures.length === 0) return { signatures, documentTimestamps, dss, level: 'none' };
  const timed = signatures.every((s) => s.signatureTimestamp || documentTimestamps.some((t) => t.revision > s.revision));
  if (!timed) return { signatures, documentTimestamps, dss, level: 'B-B' };
  const covers = (d: DssContent | null) => !!d && signatures.every((s) => d.vriKeys.has(s.vriKey));
  if (!covers(dss)) return { signatures, documentTimestamps, dss, level: 'B-T' };
  // B-LTA: a document timestamp whose revision follows one that already had a complete DSS.
  const archived = documentTimestamps.some((t) => t.revision > 0 && covers(readDss(doc, doc.revisions[t.revision - 1]!)));
  return { signatures, documentTimestamps, dss, level: archived ? 'B-LTA' : 'B-LT' };
}

export const isPdfName = (o: unknown, name: string): boolean => o instanceof PdfName && o.name === name;

/** The PAdES baseline level of a file on disk ('none' when it has no signature). */
export function padesLevelOfFile(file: string): PadesLevel | 'none' {
  const doc = PdfDocument.open(file);
  try {
    return ltvState(doc).level;
  } finally {
    doc.close();
  }
}
