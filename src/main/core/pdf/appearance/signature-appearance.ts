import type { PdfRef } from '../parser/objects';
import type { IncrementalUpdate } from '../writer/incremental';
import type { PlacedField } from '../sign/field';
import { commonName, parseCertificate } from '../sign/cms';
import { isoVietnam } from '../sign/time';
import { buildAppearance } from './build';

/**
 * The appearance callback for `signPdf`: the Decree 30 text lines worded from the certificate
 * (signer's CN, organisation O, signing time in ISO 8601 with +07:00) and the image.
 */
export function decree30Appearance(opts: { certificate: Uint8Array; kind: 'person' | 'organisation'; image?: Uint8Array; fontPath?: string }) {
  const cert = parseCertificate(opts.certificate);
  const signerName = commonName(cert);
  const organisation = commonName(cert, 'subject', '2.5.4.10');
  return async (placed: PlacedField, update: IncrementalUpdate, signingTime: Date): Promise<PdfRef> => {
    const time = isoVietnam(signingTime);
    const lines =
      opts.kind === 'person'
        ? [`Ký bởi: ${signerName}`, ...(organisation ? [`Cơ quan: ${organisation}`] : []), `Thời gian ký: ${time}`]
        : [organisation || signerName, time];
    return buildAppearance(update, { kind: opts.kind, width: placed.width, height: placed.height, rotate: placed.page.rotate, lines, ...(opts.image ? { image: opts.image } : {}), ...(opts.fontPath ? { fontPath: opts.fontPath } : {}) });
  };
}
