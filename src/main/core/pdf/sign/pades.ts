import { AppError } from '../../errors';
import type { Signer } from '../../signing/signer';
import { PdfDocument } from '../parser/document';
import { PdfDict, PdfName, PdfRef, PdfStream, PdfString } from '../parser/objects';
import { signatureFields } from '../parser/structure';
import { IncrementalUpdate } from '../writer/incremental';
import type { AtomicFileWriter } from '../writer/append';
import { assembleSignedData, commonName, parseCertificate, signedAttributes } from './cms';
import { checkSignerCertificate, type SignWarning } from './certificate-check';
import { docMdpPermission, placeSignatureField, type Placement, type PlacedField } from './field';
import { signaturePlaceholders, writeSignedRevision } from './reserve';
import { pdfDate } from './time';

export interface SignPdfOptions {
  input: string;
  output: string;
  signer: Signer;
  /** temp → fsync → rename (infra/fs withTempFile). */
  writeFile: AtomicFileWriter;
  placement: Placement;
  reason?: string;
  location?: string;
  contactInfo?: string;
  /** Signer name for /Name; default the certificate's CN. */
  name?: string;
  /** Certify the document (DocMDP P=2: form filling and signing allowed). Only for the first signature. */
  certify?: boolean;
  /** Name for a new field (default Signature1, 2, …). */
  fieldName?: string;
  /** The signing time written to /M and shown in the appearance (default: now). */
  signingTime?: Date;
  /**
   * Draws the visible appearance once the widget size is known; returns the form XObject reference
   * (objects added to the update). Not called for invisible signatures.
   */
  appearance?: (placed: PlacedField, update: IncrementalUpdate, signingTime: Date) => Promise<PdfRef>;
  /** RFC 3161 hook (LTV): given the signature value, returns a TimeStampToken DER to embed, or null. */
  timestamp?: (signatureValue: Uint8Array) => Promise<Uint8Array | null>;
  /** Bytes reserved for the CMS (default: sized from the certificates, plus room for a timestamp). */
  contentsSize?: number;
}

export interface SignPdfResult {
  output: string;
  fieldName: string;
  byteRange: [number, number, number, number];
  warnings: SignWarning[];
  timings: { parseMs: number; hashMs: number; signMs: number; writeMs: number; totalMs: number };
}

/**
 * Signs a PDF as a PAdES baseline B-B signature in a new incremental revision (stages after pyHanko:
 * prepare the revision → reserve → digest → sign → embed). The input is never modified.
 */
export async function signPdf(opts: SignPdfOptions): Promise<SignPdfResult> {
  const t0 = performance.now();
  const signingTime = opts.signingTime ?? new Date();
  const warnings = checkSignerCertificate(opts.signer, signingTime);
  const doc = PdfDocument.open(opts.input);
  try {
    const existing = signatureFields(doc).filter((f) => f.signed);
    const mdp = docMdpPermission(doc);
    if (mdp === 1)
      throw new AppError('PDF_CERTIFIED_NO_CHANGES', 'Tài liệu đã được chứng nhận với quyền "không cho phép thay đổi" nên không thể ký thêm.', 'The document is certified with "no changes allowed"; it cannot be signed again.');
    if (opts.certify && (existing.length > 0 || mdp !== undefined))
      throw new AppError('PDF_CERTIFY_NOT_FIRST', 'Chỉ chữ ký đầu tiên mới được chứng nhận tài liệu. Hãy ký bình thường (bỏ tuỳ chọn chứng nhận).', 'Only the first signature may certify the document. Sign without --certify.');

    const update = new IncrementalUpdate(doc);
    const cert = parseCertificate(opts.signer.certificate);
    const size = opts.contentsSize ?? defaultContentsSize(opts.signer, !!opts.timestamp);
    const { byteRange, contents } = signaturePlaceholders(size);
    const sigRef = update.allocate();
    const sig = new PdfDict({
      Type: PdfName.of('Sig'),
      Filter: PdfName.of('Adobe.PPKLite'),
      SubFilter: PdfName.of('ETSI.CAdES.detached'),
      ByteRange: byteRange,
      Contents: contents,
      M: new PdfString(Buffer.from(pdfDate(signingTime), 'latin1')),
      Name: PdfString.fromText(opts.name ?? (commonName(cert) || 'Unknown')),
    });
    if (opts.reason) sig.set('Reason', PdfString.fromText(opts.reason));
    if (opts.location) sig.set('Location', PdfString.fromText(opts.location));
    if (opts.contactInfo) sig.set('ContactInfo', PdfString.fromText(opts.contactInfo));
    if (opts.certify)
      sig.set('Reference', [
        new PdfDict({
          Type: PdfName.of('SigRef'),
          TransformMethod: PdfName.of('DocMDP'),
          TransformParams: new PdfDict({ Type: PdfName.of('TransformParams'), P: 2, V: PdfName.of('1.2') }),
        }),
      ]);
    update.set(sigRef, sig);

    const placed = placeSignatureField(doc, update, sigRef, opts.placement, { certify: opts.certify, fieldName: opts.fieldName });
    const visible = placed.width > 0 && placed.height > 0;
    const ap = visible && opts.appearance ? await opts.appearance(placed, update, signingTime) : update.add(emptyAppearance());
    placed.widgetDict.set('AP', new PdfDict({ N: ap }));
    const parseMs = performance.now() - t0;

    const signer = opts.signer;
    const result = await writeSignedRevision({
      doc,
      update,
      output: opts.output,
      writeFile: opts.writeFile,
      hash: signer.hash,
      produce: async (digest) => {
        const { attrs, der } = signedAttributes(digest, signer.certificate);
        const signature = await signer.sign(der);
        const timestampToken = opts.timestamp ? await opts.timestamp(signature) : null;
        return assembleSignedData({ signer, attrs, signature, timestampToken });
      },
    });
    return {
      output: opts.output,
      fieldName: placed.name,
      byteRange: result.byteRange,
      warnings,
      timings: { parseMs, ...result.timings, totalMs: performance.now() - t0 },
    };
  } finally {
    doc.close();
  }
}

function emptyAppearance(): PdfStream {
  return PdfStream.ofData(new PdfDict({ Type: PdfName.of('XObject'), Subtype: PdfName.of('Form'), BBox: [0, 0, 0, 0] }), new Uint8Array());
}

/** Room for the CMS: certificates + signed attributes + signature, doubled for safety, + a timestamp. */
function defaultContentsSize(signer: Signer, withTimestamp: boolean): number {
  const certs = signer.certificate.length + signer.chain.reduce((a, c) => a + c.length, 0);
  const base = certs + 2048 + (signer.keyBits > 4096 ? 1024 : 512);
  return Math.ceil((base + (withTimestamp ? 12_000 : 0)) / 1024) * 1024;
}
