/** PAdES B-B signing in stages: certificate check, field placement, reserve, digest, CMS, embed. */
export { signPdf, type SignPdfOptions, type SignPdfResult } from './pades';
export { signaturePlaceholders, writeSignedRevision, type SignedRevisionResult } from './reserve';
export { signedAttributes, assembleSignedData, parseCertificate, commonName } from './cms';
export { checkSignerCertificate, type SignWarning } from './certificate-check';
export { placeSignatureField, docMdpPermission, type Placement, type PlacedField } from './field';
export { pdfDate, isoVietnam } from './time';
