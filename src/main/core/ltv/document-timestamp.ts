/**
 * Adds a document timestamp (ISO 32000-2 §12.8.5: /Type /DocTimeStamp, /SubFilter /ETSI.RFC3161) as a
 * new incremental revision, in an invisible signature field. Its /Contents is a bare RFC 3161 token
 * whose imprint is the SHA-256 of the ByteRange bytes, so it proves that everything before it (the
 * signatures and the DSS) existed at its time. Uses the signer's reserve → digest → embed stages.
 */
import { PdfDict, PdfName, PdfStream, signatureFields, type PdfDocument } from '../pdf/parser';
import { IncrementalUpdate, type AtomicFileWriter } from '../pdf/writer';
import { placeSignatureField, signaturePlaceholders, writeSignedRevision } from '../pdf/sign';
import type { TimestampAuthority } from './ports';

/** Room for a token with the TSA's certificate chain (real Vietnamese TSA tokens are 4–7 KB). */
const TOKEN_SPACE = 16 * 1024;

export async function addDocumentTimestamp(doc: PdfDocument, output: string, tsa: TimestampAuthority, writeFile: AtomicFileWriter): Promise<void> {
  const update = new IncrementalUpdate(doc);
  const { byteRange, contents } = signaturePlaceholders(TOKEN_SPACE);
  const sigRef = update.allocate();
  update.set(sigRef, new PdfDict({ Type: PdfName.of('DocTimeStamp'), Filter: PdfName.of('Adobe.PPKLite'), SubFilter: PdfName.of('ETSI.RFC3161'), ByteRange: byteRange, Contents: contents }));
  const used = new Set(signatureFields(doc).map((f) => f.name));
  let fieldName = '';
  for (let i = 1; !fieldName || used.has(fieldName); i++) fieldName = `DocTimeStamp${i}`;
  const placed = placeSignatureField(doc, update, sigRef, 'invisible', { fieldName });
  const empty = PdfStream.ofData(new PdfDict({ Type: PdfName.of('XObject'), Subtype: PdfName.of('Form'), BBox: [0, 0, 0, 0] }), new Uint8Array());
  placed.widgetDict.set('AP', new PdfDict({ N: update.add(empty) }));
  await writeSignedRevision({ doc, update, output, writeFile, hash: 'SHA-256', produce: (digest) => tsa.stamp(new Uint8Array(digest)) });
}
