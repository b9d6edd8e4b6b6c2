/**
 * Writes the Document Security Store (ISO 32000-2 §12.8.4.3, ETSI EN 319 142-1 §5.4.2) as a new
 * incremental revision: the catalog's /DSS gets /Certs, /OCSPs and /CRLs (one stream per DER object,
 * existing ones kept) and a /VRI entry per signature, keyed by the upper-case hex SHA-1 of its /Contents.
 */
import { PdfDict, PdfName, PdfRef, PdfStream, catalog, type PdfDocument, type PdfObject } from '../pdf/parser';
import { IncrementalUpdate } from '../pdf/writer';
import { sha256Hex } from './der';
import type { ValidationData } from './validation-data';

export function buildDssUpdate(doc: PdfDocument, data: ValidationData): IncrementalUpdate {
  const update = new IncrementalUpdate(doc);
  const cat = catalog(doc);
  const old = doc.dict(cat.dict.get('DSS'));
  // What is already there is referenced again, not copied: fingerprint → existing stream reference.
  const known = new Map<string, PdfRef>();
  const arrayOf = (key: string): PdfRef[] => {
    const arr = old ? doc.resolve(old.get(key)) : undefined;
    const refs = Array.isArray(arr) ? arr.filter((r): r is PdfRef => r instanceof PdfRef) : [];
    for (const ref of refs) {
      const s = doc.resolve(ref);
      if (s instanceof PdfStream) known.set(sha256Hex(doc.streamBytes(s)), ref);
    }
    return refs;
  };
  const lists = { Certs: arrayOf('Certs'), OCSPs: arrayOf('OCSPs'), CRLs: arrayOf('CRLs') };
  const refOf = (list: PdfRef[], blobs: Map<string, Uint8Array>) => (fingerprint: string): PdfRef => {
    let ref = known.get(fingerprint);
    if (!ref) {
      ref = update.add(PdfStream.ofData(new PdfDict(), blobs.get(fingerprint)!));
      known.set(fingerprint, ref);
      list.push(ref);
    }
    return ref;
  };
  const certRef = refOf(lists.Certs, data.certs);
  const ocspRef = refOf(lists.OCSPs, data.ocsps);
  const crlRef = refOf(lists.CRLs, data.crls);
  for (const fp of data.certs.keys()) certRef(fp);
  for (const fp of data.ocsps.keys()) ocspRef(fp);
  for (const fp of data.crls.keys()) crlRef(fp);

  const oldVri = old ? doc.dict(old.get('VRI')) : undefined;
  const vri = oldVri ? oldVri.clone() : new PdfDict();
  for (const [key, entry] of data.vri) {
    const e = new PdfDict();
    if (entry.certs.length) e.set('Cert', entry.certs.map(certRef));
    if (entry.ocsps.length) e.set('OCSP', entry.ocsps.map(ocspRef));
    if (entry.crls.length) e.set('CRL', entry.crls.map(crlRef));
    vri.set(key, e);
  }
  const dss = new PdfDict({ Type: PdfName.of('DSS') });
  for (const [key, list] of Object.entries(lists)) if (list.length) dss.set(key, list as PdfObject);
  dss.set('VRI', update.add(vri));
  const catalogDict = cat.dict.clone();
  catalogDict.set('DSS', update.add(dss));
  // PAdES extension marker (ETSI EN 319 142-1 §5.4.1).
  const extensions = doc.dict(catalogDict.get('Extensions'))?.clone() ?? new PdfDict();
  if (!extensions.has('ESIC')) extensions.set('ESIC', new PdfDict({ BaseVersion: PdfName.of('1.7'), ExtensionLevel: 1 }));
  catalogDict.set('Extensions', extensions);
  update.set(cat.ref, catalogDict);
  return update;
}
