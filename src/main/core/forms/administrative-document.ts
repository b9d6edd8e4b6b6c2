/**
 * The frame of a Vietnamese administrative document as Decree 30/2020/NĐ-CP (Appendix I) sets it and the
 * Department's templates (seed 004) use it: A4, Times New Roman, the two-column header (managing unit and
 * unit on the left, national motto and place/date on the right, no borders), the bold title, the
 * signature block. Forms in this folder fill it with their table.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  convertMillimetersToTwip,
  type ISectionOptions,
} from 'docx';
import { placeAndDateLine, type IsoDate } from '../people/dates';

export const FONT = 'Times New Roman';
/** Sizes in half-points (docx unit): 13 pt body and tables, 14 pt title, as Decree 30 allows (13–14). */
export const SIZE = { body: 26, title: 28, header: 26 } as const;

/** Decree 30 margins: top and bottom 20–25 mm, left 30–35 mm (binding), right 15–20 mm. */
export const MARGINS_MM = { top: 20, bottom: 20, left: 30, right: 15 } as const;
export const A4_MM = { width: 210, height: 297 } as const;
/** A4 in twips exactly as Word writes it (converting 210 × 297 mm rounds one twip short). */
export const A4_TWIP = { width: 11906, height: 16838 } as const;

export interface DocumentHeading {
  /** TÊN ĐƠN VỊ QUẢN LÝ, e.g. "UBND PHƯỜNG LÊ CHÂN" or "SỞ GIÁO DỤC VÀ ĐÀO TẠO HẢI PHÒNG". */
  managingUnit: string | null;
  /** TÊN ĐƠN VỊ, the school. */
  unitName: string | null;
  /** Place of the place-and-date line ("Hải Phòng"). */
  place: string;
  date: IsoDate;
}

export interface SignatureBlock {
  /** "HIỆU TRƯỞNG" */
  title: string;
  /** The name under the signature, when known. */
  signerName?: string | null;
}

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER } as const;
const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const GRID = { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN } as const;

export function run(text: string, opts: { bold?: boolean; italics?: boolean; underline?: boolean; size?: number } = {}): TextRun {
  return new TextRun({ text, font: FONT, size: opts.size ?? SIZE.body, bold: opts.bold, italics: opts.italics, underline: opts.underline ? {} : undefined });
}

export function line(text: string, opts: { bold?: boolean; italics?: boolean; underline?: boolean; size?: number; align?: 'center' | 'left' | 'right' } = {}): Paragraph {
  const alignment = opts.align === 'left' ? AlignmentType.LEFT : opts.align === 'right' ? AlignmentType.RIGHT : AlignmentType.CENTER;
  return new Paragraph({ alignment, spacing: { before: 0, after: 0 }, children: text ? [run(text, opts)] : [] });
}

const upper = (s: string) => s.normalize('NFC').toLocaleUpperCase('vi');

/** Width of the usable text area in twips for the orientation. */
export function textWidthTwip(orientation: 'portrait' | 'landscape'): number {
  const pageWidth = orientation === 'portrait' ? A4_TWIP.width : A4_TWIP.height;
  return pageWidth - convertMillimetersToTwip(MARGINS_MM.left) - convertMillimetersToTwip(MARGINS_MM.right);
}

/** A borderless two-column layout table: the heading block and the signature block of Decree 30. */
function twoColumns(width: number, leftShare: number, left: Paragraph[], right: Paragraph[], opts: { cantSplit?: boolean } = {}): Table {
  const leftWidth = Math.round(width * leftShare);
  const cell = (children: Paragraph[], w: number) => new TableCell({ borders: NO_BORDERS, width: { size: w, type: WidthType.DXA }, children });
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: [leftWidth, width - leftWidth],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [new TableRow({ ...(opts.cantSplit ? { cantSplit: true } : {}), children: [cell(left, leftWidth), cell(right, width - leftWidth)] })],
  });
}

function heading(h: DocumentHeading, width: number): Table {
  return twoColumns(
    width,
    0.42,
    [
      line(h.managingUnit ? upper(h.managingUnit) : 'TÊN ĐƠN VỊ QUẢN LÝ', { size: SIZE.header }),
      line(h.unitName ? upper(h.unitName) : 'TÊN ĐƠN VỊ', { bold: true, size: SIZE.header, underline: false }),
      line('────────', { size: SIZE.header }),
    ],
    [
      line('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: SIZE.header }),
      line('Độc lập - Tự do - Hạnh phúc', { bold: true, underline: true, size: SIZE.body }),
      line(''),
      line(placeAndDateLine(h.place, h.date), { italics: true }),
    ],
  );
}

function signature(block: SignatureBlock, width: number): Table {
  return twoColumns(
    width,
    0.5,
    [line('')],
    [
      line(upper(block.title), { bold: true }),
      line('(Ký, ghi rõ họ tên, đóng dấu)', { italics: true }),
      line(''),
      line(''),
      line(''),
      line(''),
      line(block.signerName ?? '', { bold: true }),
    ],
    { cantSplit: true },
  );
}

export interface GridColumn {
  header: string;
  /** Share of the table width. */
  weight: number;
  align?: 'center' | 'left';
}

/**
 * A bordered table whose header row repeats on every page and whose rows never split across pages.
 * Cells carry no run formatting of their own (the document default is Times New Roman 13 pt) and the
 * cell margins are set once on the table: a report may hold thousands of cells.
 */
export function grid(columns: GridColumn[], rows: string[][], width: number): Table {
  const total = columns.reduce((s, c) => s + c.weight, 0);
  const widths = columns.map((c) => Math.floor((width * c.weight) / total));
  const cell = (text: string, i: number, head: boolean) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      children: text.split('\n').map(
        (t) =>
          new Paragraph({
            alignment: head || columns[i]!.align !== 'left' ? AlignmentType.CENTER : AlignmentType.LEFT,
            children: head ? [new TextRun({ text: t, bold: true })] : [new TextRun(t)],
          }),
      ),
    });
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: GRID,
    margins: { left: 60, right: 60, top: 30, bottom: 30 },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c, i) => cell(c.header, i, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((t, i) => cell(t, i, false)) })),
    ],
  });
}

export interface AdministrativeDocument {
  heading: DocumentHeading;
  title: string;
  /** Lines under the title (italic), e.g. the period of a report. */
  subtitle?: string[];
  orientation: 'portrait' | 'landscape';
  /** The body between title and signature block: tables and paragraphs. */
  body: Array<Paragraph | Table>;
  signature: SignatureBlock;
}

export async function renderDocx(doc: AdministrativeDocument): Promise<Buffer> {
  const width = textWidthTwip(doc.orientation);
  const section: ISectionOptions = {
    properties: {
      page: {
        size: {
          width: A4_TWIP.width,
          height: A4_TWIP.height,
          orientation: doc.orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        margin: {
          top: convertMillimetersToTwip(MARGINS_MM.top),
          bottom: convertMillimetersToTwip(MARGINS_MM.bottom),
          left: convertMillimetersToTwip(MARGINS_MM.left),
          right: convertMillimetersToTwip(MARGINS_MM.right),
        },
      },
    },
    children: [
      heading(doc.heading, width),
      line(''),
      line(upper(doc.title), { bold: true, size: SIZE.title }),
      ...(doc.subtitle ?? []).map((s) => line(s, { italics: true })),
      line(''),
      ...doc.body,
      line(''),
      signature(doc.signature, width),
    ],
  };
  const document = new Document({
    creator: 'Hồ Sơ Ký',
    title: doc.title,
    styles: { default: { document: { run: { font: FONT, size: SIZE.body }, paragraph: { spacing: { before: 0, after: 0 } } } } },
    sections: [section],
  });
  return Packer.toBuffer(document);
}
