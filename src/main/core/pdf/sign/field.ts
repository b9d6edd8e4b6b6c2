import { AppError } from '../../errors';
import type { PdfDocument } from '../parser/document';
import { PdfDict, PdfName, PdfRef, PdfString, num, type PdfObject } from '../parser/objects';
import { catalog, pages, signatureFields, pageOfWidget, type PageInfo } from '../parser/structure';
import type { IncrementalUpdate } from '../writer/incremental';

export type Placement = { page: number; rect: [number, number, number, number] } | { field: string } | 'invisible';

/** Where the widget ended up: its page and size, for drawing the appearance. */
export interface PlacedField {
  name: string;
  widget: PdfRef;
  widgetDict: PdfDict;
  page: PageInfo;
  width: number;
  height: number;
}

const n = PdfName.of;

/**
 * Puts a signature field in the update: a new field + widget on a page (page /Annots updated, /F 132 =
 * print + locked), or an existing empty signature field filled by name, or an invisible one (Rect
 * [0 0 0 0] on the first page). The AcroForm gets the field and /SigFlags 3; certifying adds /Perms.
 * `setAppearance` is called once the widget's size is known.
 */
export function placeSignatureField(
  doc: PdfDocument,
  update: IncrementalUpdate,
  sigRef: PdfRef,
  placement: Placement,
  opts: { certify?: boolean; fieldName?: string },
): PlacedField {
  const cat = catalog(doc);
  const catDict = cat.dict.clone();
  let formRef: PdfRef | undefined;
  let form: PdfDict;
  const formObj = catDict.get('AcroForm');
  if (formObj instanceof PdfRef) {
    formRef = formObj;
    form = (doc.dict(formObj) ?? new PdfDict()).clone();
  } else form = formObj instanceof PdfDict ? formObj.clone() : new PdfDict();
  form.set('SigFlags', 3);

  let placed: PlacedField;
  if (typeof placement === 'object' && 'field' in placement) {
    const f = signatureFields(doc).find((x) => x.name === placement.field);
    if (!f)
      throw new AppError('PDF_FIELD_NOT_FOUND', `Không tìm thấy ô ký tên "${placement.field}" trong tệp PDF. Hãy kiểm tra lại tên ô ký.`, `No signature field named "${placement.field}" in the PDF.`);
    if (f.signed)
      throw new AppError('PDF_FIELD_ALREADY_SIGNED', `Ô ký "${placement.field}" đã có chữ ký. Hãy chọn ô ký khác hoặc tạo ô ký mới.`, `The signature field "${placement.field}" is already signed.`);
    const w = f.widgets[0];
    if (!w) throw new AppError('PDF_FIELD_NOT_FOUND', `Ô ký "${placement.field}" không có vị trí trên trang.`, `The field "${placement.field}" has no widget.`);
    const fieldDict = f.dict.clone().set('V', sigRef);
    update.set(f.ref, fieldDict);
    const widgetDict = w.ref.equals(f.ref) ? fieldDict : w.dict.clone();
    if (!w.ref.equals(f.ref)) update.set(w.ref, widgetDict);
    const page = (w.pageRef && pages(doc).find((p) => p.ref.equals(w.pageRef!))) || pageOfWidget(doc, w.ref) || pages(doc)[0]!;
    const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = w.rect;
    placed = { name: f.name, widget: w.ref, widgetDict, page, width: Math.abs(x2 - x1), height: Math.abs(y2 - y1) };
  } else {
    const all = pages(doc);
    const pageNo = placement === 'invisible' ? 1 : placement.page;
    const page = all[pageNo - 1];
    if (!page)
      throw new AppError('PDF_PAGE_NOT_FOUND', `Tệp PDF không có trang ${pageNo} (chỉ có ${all.length} trang). Hãy chọn lại trang đặt chữ ký.`, `The PDF has no page ${pageNo} (it has ${all.length}).`);
    const rect = placement === 'invisible' ? [0, 0, 0, 0] : toPageRect(page, placement.rect);
    const used = new Set(signatureFields(doc).map((f) => f.name));
    let name = opts.fieldName ?? '';
    for (let i = 1; !name || used.has(name); i++) name = `Signature${i}`;
    const widgetRef = update.allocate();
    const widgetDict = new PdfDict({
      Type: n('Annot'),
      Subtype: n('Widget'),
      FT: n('Sig'),
      T: PdfString.fromText(name),
      V: sigRef,
      F: 132,
      Rect: rect,
      P: page.ref,
    });
    update.set(widgetRef, widgetDict);
    addToArray(doc, update, page.ref, page.dict, 'Annots', widgetRef);
    const fields = form.get('Fields');
    if (fields instanceof PdfRef) {
      const arr = doc.resolve(fields);
      update.set(fields, [...(Array.isArray(arr) ? arr : []), widgetRef]);
    } else form.set('Fields', [...(Array.isArray(fields) ? fields : []), widgetRef]);
    placed = { name, widget: widgetRef, widgetDict, page, width: rect[2]! - rect[0]!, height: rect[3]! - rect[1]! };
  }

  if (opts.certify) catDict.set('Perms', new PdfDict({ DocMDP: sigRef }));
  if (formRef) update.set(formRef, form);
  else catDict.set('AcroForm', form);
  update.set(cat.ref, catDict);
  return placed;
}

/** [x, y, w, h] in the page's user space (origin at the page's lower-left corner) → a PDF Rect. */
function toPageRect(page: PageInfo, r: [number, number, number, number]): number[] {
  const [ox, oy] = page.mediaBox;
  return [ox + r[0], oy + r[1], ox + r[0] + r[2], oy + r[1] + r[3]];
}

/** Appends `ref` to an array entry of an object: the array object itself when indirect, else the owner. */
function addToArray(doc: PdfDocument, update: IncrementalUpdate, ownerRef: PdfRef, owner: PdfDict, key: string, ref: PdfRef): void {
  const cur = owner.get(key);
  if (cur instanceof PdfRef) {
    const arr = doc.resolve(cur);
    update.set(cur, [...(Array.isArray(arr) ? arr : []), ref]);
    return;
  }
  update.set(ownerRef, owner.clone().set(key, [...(Array.isArray(cur) ? cur : []), ref]));
}

/** The DocMDP permission (1–3) set by a certification signature, if the document has one. */
export function docMdpPermission(doc: PdfDocument): number | undefined {
  const perms = doc.dict(catalog(doc).dict.get('Perms'));
  const sig = doc.dict(perms?.get('DocMDP'));
  const refs = doc.resolve(sig?.get('Reference'));
  if (!Array.isArray(refs)) return undefined;
  for (const r of refs) {
    const d = doc.dict(r);
    if (d?.nameOf('TransformMethod') !== 'DocMDP') continue;
    const p = num(doc.resolve(doc.dict(d.get('TransformParams'))?.get('P')) as PdfObject);
    return p ?? 2;
  }
  return undefined;
}
