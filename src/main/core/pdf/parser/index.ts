/** The lazy, file-backed PDF reader: revisions, objects as of a revision, page tree, forms. */
export { PdfDocument, type Revision, type ObjectLocation } from './document';
export { PdfDict, PdfName, PdfRef, PdfString, PdfStream, PdfReal, PdfRaw, name, num, isDict, type PdfObject } from './objects';
export { catalog, pages, annotations, acroForm, fields, signatureFields, pageOfWidget, type PageInfo, type FieldInfo, type AnnotationInfo } from './structure';
export type { XrefEntry, XrefSection } from './xref';
export { Lexer, MemoryReader, type ByteReader } from './lexer';
