/**
 * Hostile PDFs for the verifier, built from real signed files: the known attack classes on PDF
 * signatures (Mladenov et al., "1 Trillion Dollar Refund", 2019; Mainka et al., "Shadow Attacks",
 * 2021) and plain damage. Each builder takes a file signed by the app's own signer (core/pdf/sign)
 * and returns the attacked bytes; the tests then check that the verifier does not call them valid.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts, concatTransformationMatrix, drawObject, popGraphicsState, pushGraphicsState } from 'pdf-lib';
import { PdfDict, PdfDocument, PdfName, PdfRef, PdfStream, PdfString, catalog, fields, pages } from '../../src/main/core/pdf/parser';
import { IncrementalUpdate, appendRevision } from '../../src/main/core/pdf/writer';
import { assembleSignedData, placeSignatureField, signPdf, signaturePlaceholders, signedAttributes, writeSignedRevision, type Placement } from '../../src/main/core/pdf/sign';
import { createSoftwareSigner } from '../../src/main/core/signing/software-signer';
import { withTempFile } from '../../src/main/infra/fs/atomic-write';
import type { Identity } from './pki';

export interface BasePdfOptions {
  pages?: number;
  /** Adds a text form field "ghi_chu" with a value (for the form-field shadow attack). */
  formField?: boolean;
  /**
   * Shadow-attack preparation: a white form XObject "Cover" drawn over a hidden line of text on page 1,
   * and an unused content stream holding a different page text (object "prepared").
   */
  shadow?: boolean;
  /** Save with cross-reference streams and object streams instead of a classic table. */
  objectStreams?: boolean;
}

export const HIDDEN_TEXT = 'Chi phi: 900.000.000 dong';

/** A small plan made by pdf-lib (a real producer), with what the attacks need prepared before signing. */
export async function makeBasePdf(file: string, opts: BasePdfOptions = {}): Promise<{ preparedContent?: number }> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  let preparedContent: number | undefined;
  for (let i = 0; i < (opts.pages ?? 1); i++) {
    const page = pdf.addPage([595, 842]);
    page.drawText(`Ke hoach giao duc - trang ${i + 1}`, { x: 50, y: 780, size: 18, font });
    page.drawText('Chi phi: 9.000.000 dong', { x: 50, y: 740, size: 12, font });
    if (i === 0 && opts.shadow) {
      page.drawText(HIDDEN_TEXT, { x: 50, y: 700, size: 12, font });
      const cover = pdf.context.stream('1 1 1 rg 0 0 300 30 re f', {
        Type: 'XObject',
        Subtype: 'Form',
        BBox: [0, 0, 300, 30],
      });
      const coverRef = pdf.context.register(cover);
      const xName = page.node.newXObject('Cover', coverRef);
      page.pushOperators(pushGraphicsState(), concatTransformationMatrix(1, 0, 0, 1, 45, 695), drawObject(xName), popGraphicsState());
      const prepared = pdf.context.stream(`BT /${font.name} 12 Tf 50 740 Td (Chi phi: 90.000.000.000 dong) Tj ET`, {});
      preparedContent = pdf.context.register(prepared).objectNumber;
    }
  }
  if (opts.formField) {
    const form = pdf.getForm();
    const tf = form.createTextField('ghi_chu');
    tf.setText('Dong y');
    tf.addToPage(pdf.getPage(0), { x: 50, y: 600, width: 200, height: 20 });
  }
  fs.writeFileSync(file, await pdf.save({ useObjectStreams: !!opts.objectStreams }));
  return { preparedContent };
}

export interface SignAs {
  identity: Identity;
  chain?: Identity[];
  certify?: boolean;
  placement?: Placement;
  reason?: string;
  signingTime?: Date;
  fieldName?: string;
}

/** Signs with the app's own PAdES signer and a software key (the key a token would hold). */
export async function signAs(input: string, output: string, as: SignAs): Promise<void> {
  const signer = createSoftwareSigner({
    privateKey: as.identity.keys.privateKey,
    certificate: new Uint8Array(as.identity.der),
    chain: (as.chain ?? []).map((c) => new Uint8Array(c.der)),
    source: 'p12',
  });
  await signPdf({
    input,
    output,
    signer,
    writeFile: withTempFile,
    placement: as.placement ?? 'invisible',
    reason: as.reason ?? 'Trình kế hoạch giáo dục',
    location: 'Hải Phòng',
    ...(as.certify ? { certify: true } : {}),
    ...(as.signingTime ? { signingTime: as.signingTime } : {}),
    ...(as.fieldName ? { fieldName: as.fieldName } : {}),
  });
}

/**
 * Signs through the signer's own stages, without its policy checks: to certify with any DocMDP
 * permission (the app only certifies with P=2) and to sign after a P=1 certification, which the app
 * refuses but an attacker's tool would not.
 */
export async function signWithStages(input: string, output: string, as: SignAs & { docMdp?: 1 | 2 | 3 }): Promise<void> {
  const signer = createSoftwareSigner({ privateKey: as.identity.keys.privateKey, certificate: new Uint8Array(as.identity.der), chain: (as.chain ?? []).map((c) => new Uint8Array(c.der)), source: 'p12' });
  const doc = PdfDocument.open(input);
  try {
    const update = new IncrementalUpdate(doc);
    const { byteRange, contents } = signaturePlaceholders(8192);
    const sigRef = update.allocate();
    const sig = new PdfDict({ Type: PdfName.of('Sig'), Filter: PdfName.of('Adobe.PPKLite'), SubFilter: PdfName.of('ETSI.CAdES.detached'), ByteRange: byteRange, Contents: contents, M: new PdfString(Buffer.from('D:20261128091500+07\'00\'', 'latin1')) });
    if (as.docMdp) {
      sig.set('Reference', [new PdfDict({ Type: PdfName.of('SigRef'), TransformMethod: PdfName.of('DocMDP'), TransformParams: new PdfDict({ Type: PdfName.of('TransformParams'), P: as.docMdp, V: PdfName.of('1.2') }) })]);
    }
    update.set(sigRef, sig);
    const placed = placeSignatureField(doc, update, sigRef, as.placement ?? 'invisible', { certify: !!as.docMdp, ...(as.fieldName ? { fieldName: as.fieldName } : {}) });
    placed.widgetDict.set('AP', new PdfDict({ N: update.add(stream('', { Type: PdfName.of('XObject'), Subtype: PdfName.of('Form'), BBox: [0, 0, 0, 0] })) }));
    await writeSignedRevision({
      doc,
      update,
      output,
      writeFile: withTempFile,
      hash: 'SHA-256',
      produce: async (digest) => {
        const { attrs, der } = signedAttributes(digest, signer.certificate);
        return assembleSignedData({ signer, attrs, signature: await signer.sign(der) });
      },
    });
  } finally {
    doc.close();
  }
}

/** Appends one incremental update made by `edit` (the attacker's "save" in a PDF editor). */
export async function appendUpdate(input: string, output: string, edit: (doc: PdfDocument, update: IncrementalUpdate) => void): Promise<void> {
  const doc = PdfDocument.open(input);
  try {
    const update = new IncrementalUpdate(doc);
    edit(doc, update);
    await appendRevision(doc, update.build(), output, withTempFile);
  } finally {
    doc.close();
  }
}

const stream = (text: string, dict: Record<string, PdfDict | PdfName | number | number[]> = {}) => PdfStream.ofData(new PdfDict(dict), Buffer.from(text, 'latin1'));

// ---- Incremental saving attack (ISA): a later revision rewrites what page 1 shows.
export function isaReplacePageContent(input: string, output: string): Promise<void> {
  return appendUpdate(input, output, (doc, u) => {
    const page = pages(doc)[0]!;
    const content = u.add(stream('BT /F1 12 Tf 50 740 Td (Chi phi: 90.000.000.000 dong) Tj ET'));
    u.set(page.ref, page.dict.clone().set('Contents', content));
  });
}

/** ISA that changes an existing content stream in place (same object number, new bytes). */
export function isaRewriteContentStream(input: string, output: string): Promise<void> {
  return appendUpdate(input, output, (doc, u) => {
    const page = pages(doc)[0]!;
    const c = page.dict.get('Contents');
    const ref = c instanceof PdfRef ? c : Array.isArray(c) ? (c[0] as PdfRef) : undefined;
    if (!ref) throw new Error('page 1 has no content stream reference');
    u.set(ref, stream('BT /F1 12 Tf 50 740 Td (Noi dung da bi thay) Tj ET'));
  });
}

/** ISA adding a page. */
export function isaAddPage(input: string, output: string): Promise<void> {
  return appendUpdate(input, output, (doc, u) => {
    const root = catalog(doc).dict.get('Pages') as PdfRef;
    const tree = doc.dict(root)!;
    const kids = doc.resolve(tree.get('Kids')) as PdfRef[];
    const content = u.add(stream('BT 50 740 Td (Trang them sau khi ky) Tj ET'));
    const page = u.add(new PdfDict({ Type: PdfName.of('Page'), Parent: root, MediaBox: [0, 0, 595, 842], Contents: content }));
    u.set(root, tree.clone().set('Kids', [...kids, page]).set('Count', kids.length + 1));
  });
}

/** Shadow "hide" via an overlay: a new annotation paints over page 1 after signing. */
export function overlayAnnotation(input: string, output: string): Promise<void> {
  return appendUpdate(input, output, (doc, u) => {
    const page = pages(doc)[0]!;
    const ap = u.add(stream('1 1 1 rg 0 0 300 40 re f BT /Helv 12 Tf 5 15 Td (Chi phi: 90.000.000.000 dong) Tj ET', { Type: PdfName.of('XObject'), Subtype: PdfName.of('Form'), BBox: [0, 0, 300, 40] }));
    const annot = u.add(new PdfDict({ Type: PdfName.of('Annot'), Subtype: PdfName.of('FreeText'), Rect: [45, 730, 345, 770], AP: new PdfDict({ N: ap }), F: 4 }));
    const annots = doc.resolve(page.dict.get('Annots'));
    u.set(page.ref, page.dict.clone().set('Annots', [...(Array.isArray(annots) ? annots : []), annot]));
  });
}

/** Shadow "hide": the cover prepared before signing is emptied, revealing the hidden line. */
export function shadowHide(input: string, output: string): Promise<void> {
  return appendUpdate(input, output, (doc, u) => {
    const page = pages(doc)[0]!;
    const xobjects = doc.dict(doc.dict(page.dict.get('Resources'))?.get('XObject'));
    const cover = [...(xobjects?.map.values() ?? [])].find((v): v is PdfRef => v instanceof PdfRef);
    if (!cover) throw new Error('no prepared cover XObject');
    const old = doc.resolve(cover) as PdfStream;
    u.set(cover, PdfStream.ofData(old.dict, Buffer.from('', 'latin1')));
  });
}

/** Shadow "replace": a form field prepared before signing gets another value and appearance. */
export function shadowReplaceFormValue(input: string, output: string): Promise<void> {
  return appendUpdate(input, output, (doc, u) => {
    const f = fields(doc).find((x) => x.name === 'ghi_chu');
    if (!f) throw new Error('no prepared form field');
    const ap = u.add(stream('/Tx BMC BT /Helv 12 Tf 2 5 Td (Khong dong y) Tj ET EMC', { Type: PdfName.of('XObject'), Subtype: PdfName.of('Form'), BBox: [0, 0, 200, 20] }));
    u.set(f.ref, f.dict.clone().set('V', PdfString.fromText('Khong dong y')).set('AP', new PdfDict({ N: ap })));
  });
}

/** Shadow "hide-and-replace": the page is pointed at a content stream that was already in the signed file. */
export function shadowHideAndReplace(input: string, output: string, preparedContent: number): Promise<void> {
  return appendUpdate(input, output, (doc, u) => {
    const page = pages(doc)[0]!;
    u.set(page.ref, page.dict.clone().set('Contents', new PdfRef(preparedContent, 0)));
  });
}

// ---- Byte-level edits of a signed file (same length, so nothing else moves).

export interface SignatureBytes {
  /** Offsets of the last signature's /ByteRange array text and /Contents hex string. */
  byteRangeStart: number;
  byteRangeEnd: number;
  ranges: [number, number, number, number];
}

/** Finds the newest signature's /ByteRange in the raw bytes. */
export function lastSignature(bytes: Buffer): SignatureBytes {
  const text = bytes.toString('latin1');
  const at = text.lastIndexOf('/ByteRange');
  const open = text.indexOf('[', at);
  const close = text.indexOf(']', open);
  const ranges = text.slice(open + 1, close).trim().split(/\s+/).map(Number) as [number, number, number, number];
  // The signer pads after the array (fixed room for the numbers): that room is ours too.
  let end = close + 1;
  while (text[end] === ' ') end++;
  return { byteRangeStart: open, byteRangeEnd: end, ranges };
}

/** Writes a new ByteRange over the old one, in the same number of bytes. */
export function withByteRange(bytes: Buffer, ranges: number[] | string): Buffer {
  const sig = lastSignature(bytes);
  const width = sig.byteRangeEnd - sig.byteRangeStart;
  const body = typeof ranges === 'string' ? ranges : `[${ranges.join(' ')}]`;
  if (body.length > width) throw new Error('new ByteRange is wider than the old one');
  const out = Buffer.from(bytes);
  out.write(body.padEnd(width, ' '), sig.byteRangeStart, 'latin1');
  return out;
}

/** Universal signature forgery: /ByteRange removed (its key renamed, so the dictionary stays readable). */
export function usfNoByteRange(bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  const at = out.lastIndexOf('/ByteRange');
  out.write('/ByteRangX', at, 'latin1');
  return out;
}

/** USF: /ByteRange null. */
export const usfNullByteRange = (bytes: Buffer) => withByteRange(bytes, 'null');

/** USF: /Contents of zeros (an empty signature value). */
export function usfEmptyContents(bytes: Buffer): Buffer {
  const { ranges } = lastSignature(bytes);
  const out = Buffer.from(bytes);
  out.fill('0', ranges[1] + 1, ranges[2] - 1, 'latin1');
  return out;
}

/** USF: /Contents garbage (valid hex, no CMS). */
export function usfGarbageContents(bytes: Buffer): Buffer {
  const { ranges } = lastSignature(bytes);
  const out = Buffer.from(bytes);
  for (let i = ranges[1] + 1; i < ranges[2] - 1; i++) out[i] = 'f'.charCodeAt(0) + (i % 2 === 0 ? 0 : -1);
  return out;
}

/**
 * Signature wrapping (SWA): the /Contents string is closed early and unsigned bytes are slipped into the
 * rest of the gap, which no digest covers.
 */
export function signatureWrapping(bytes: Buffer): Buffer {
  const { ranges } = lastSignature(bytes);
  const out = Buffer.from(bytes);
  const hex = out.subarray(ranges[1] + 1, ranges[2] - 1).toString('latin1');
  const used = hex.replace(/(00)+$/, '');
  const endOfString = ranges[1] + 1 + used.length;
  const payload = `> /Reason (Da duyet chi 90 ty) /Dummy <`;
  if (endOfString + payload.length >= ranges[2] - 1) throw new Error('no room in the gap');
  out.write(payload, endOfString, 'latin1');
  return out;
}

/** ByteRange that skips bytes: the gap starts 20 bytes before /Contents. */
export function byteRangeSkipsBytes(bytes: Buffer): Buffer {
  const { ranges } = lastSignature(bytes);
  return withByteRange(bytes, [0, ranges[1] - 20, ranges[2], ranges[3]]);
}

/** /Contents overflows its gap: the ByteRange claims the gap ends before the string does. */
export function contentsOverflowsGap(bytes: Buffer): Buffer {
  const { ranges } = lastSignature(bytes);
  return withByteRange(bytes, [0, ranges[1], ranges[2] - 40, ranges[3] + 40]);
}

/** Changes one byte of the signed content after signing: page 1 grows by one point (842 → 843). */
export function changeSignedByte(bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  const at = out.indexOf('842]');
  if (at < 0) throw new Error('no MediaBox height to change');
  out.write('843]', at, 'latin1');
  return out;
}

export function truncate(bytes: Buffer, keep: number): Buffer {
  return Buffer.from(bytes.subarray(0, keep));
}

export const write = (dir: string, name: string, bytes: Buffer): string => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, bytes);
  return p;
};
