/**
 * What each incremental update changed, and whether a signer would accept it (modelled on pyHanko's
 * sign/diff_analysis whitelisting; no code taken). Each revision is compared with the one before it,
 * object by object: every object the update defines, changes or frees is given a role in the earlier
 * revision (catalog, page, page content, page resource, form field, signature, DSS, metadata …) and
 * judged by the rules for that role. Anything not recognised as allowed is not allowed.
 *
 * Allowed: new signature fields, their widgets and appearances, signature and document-timestamp
 * dictionaries, AcroForm /Fields growing by signature fields and /SigFlags, page /Annots growing by
 * those widgets, the DSS and its streams, metadata and /Info (informational); form filling only under
 * a certification signature with P ≥ 2; other annotations only under P = 3; nothing but DSS and
 * document timestamps under P = 1.
 */
import { PdfDict, PdfName, PdfRef, PdfStream, catalog, fields, pages, type FieldInfo, type PdfDocument, type PdfObject, type Revision } from '../parser';
import type { ModificationEntry } from '../../../../shared/contract/verify';
import { changedKeys, reachable, refsIn, sameObject } from './object-compare';

export interface DocMdpRule {
  permission: 1 | 2 | 3;
  /** Revision index (0-based) of the certification signature. */
  revision: number;
}

interface Roles {
  catalogNum: number;
  pageByNum: Map<number, number>;
  pageTreeNodes: Set<number>;
  contentByNum: Map<number, number>;
  resourceByNum: Map<number, number>;
  annotsArrayByNum: Map<number, number>;
  fieldByNum: Map<number, FieldInfo>;
  widgetByNum: Map<number, FieldInfo>;
  appearanceByNum: Map<number, FieldInfo>;
  sigDictByNum: Map<number, FieldInfo>;
  acroFormNum: number | undefined;
  fieldsArrayNum: number | undefined;
  dss: Set<number>;
  metadataNum: number | undefined;
  infoNum: number | undefined;
  /** Every object number the revision refers to from its catalog (free ones included). */
  referenced: Set<number>;
  pageRefs: number[];
}

const safe = <T>(f: () => T, fallback: T): T => {
  try {
    return f();
  } catch {
    return fallback;
  }
};

const refNum = (o: PdfObject | undefined) => (o instanceof PdfRef ? o.num : undefined);
const isPageDict = (_r: PdfRef, d: PdfDict | undefined) => d?.nameOf() === 'Page' || d?.nameOf() === 'Pages' || d?.nameOf() === 'Catalog';

function rolesOf(doc: PdfDocument, rev: Revision): Roles {
  const cat = catalog(doc, rev);
  const pageList = safe(() => pages(doc, rev), []);
  const roles: Roles = {
    catalogNum: cat.ref.num,
    pageByNum: new Map(),
    pageTreeNodes: new Set(),
    contentByNum: new Map(),
    resourceByNum: new Map(),
    annotsArrayByNum: new Map(),
    fieldByNum: new Map(),
    widgetByNum: new Map(),
    appearanceByNum: new Map(),
    sigDictByNum: new Map(),
    acroFormNum: refNum(cat.dict.get('AcroForm')),
    fieldsArrayNum: undefined,
    dss: reachable(doc, cat.dict.get('DSS'), rev),
    metadataNum: refNum(cat.dict.get('Metadata')),
    infoNum: refNum(rev.trailer.get('Info')),
    referenced: reachable(doc, cat.ref, rev, 200_000),
    pageRefs: pageList.map((p) => p.ref.num),
  };
  const form = doc.dict(cat.dict.get('AcroForm'), rev);
  roles.fieldsArrayNum = refNum(form?.get('Fields'));
  for (const n of reachable(doc, cat.dict.get('Pages'), rev, 200_000, (_r, d) => d?.nameOf() === 'Page')) roles.pageTreeNodes.add(n);
  for (const p of pageList) {
    roles.pageByNum.set(p.ref.num, p.index);
    roles.pageTreeNodes.delete(p.ref.num);
    const contents = p.dict.get('Contents');
    const contentNums = contents instanceof PdfRef ? [contents.num, ...refsIn(safe(() => doc.resolve(contents, rev), undefined)).map((r) => r.num)] : refsIn(contents).map((r) => r.num);
    for (const n of contentNums) if (!roles.contentByNum.has(n)) roles.contentByNum.set(n, p.index);
    for (const n of reachable(doc, p.dict.get('Resources'), rev, 50_000, isPageDict)) if (!roles.resourceByNum.has(n)) roles.resourceByNum.set(n, p.index);
    const annots = refNum(p.dict.get('Annots'));
    if (annots !== undefined) roles.annotsArrayByNum.set(annots, p.index);
  }
  for (const f of safe(() => fields(doc, rev), [])) {
    roles.fieldByNum.set(f.ref.num, f);
    for (const w of f.widgets) {
      roles.widgetByNum.set(w.ref.num, f);
      for (const n of reachable(doc, w.dict.get('AP'), rev, 10_000, isPageDict)) if (!roles.appearanceByNum.has(n)) roles.appearanceByNum.set(n, f);
    }
    const v = refNum(f.value);
    if (f.type === 'Sig' && v !== undefined && doc.dict(f.value, rev)) roles.sigDictByNum.set(v, f);
  }
  return roles;
}

type Entry = Omit<ModificationEntry, 'revision'>;
const FORM_FILL_KEYS = new Set(['V', 'AP', 'AS', 'MK', 'DA', 'NeedAppearances']);
const SIG_FIELD_SIGNING_KEYS = new Set(['V', 'AP', 'AS', 'F', 'MK', 'DA', 'Lock', 'SV']);
const INFORMATIONAL_CATALOG_KEYS = new Set(['Metadata', 'Extensions']);

/** Changes made by revision `r` (index ≥ 1) relative to revision `r - 1`. */
export function analyseRevision(doc: PdfDocument, r: number, docMdp: DocMdpRule | null): ModificationEntry[] {
  const prev = doc.revisions[r - 1]!;
  const cur = doc.revisions[r]!;
  const out: Entry[] = [];
  const mdp = docMdp && docMdp.revision < r ? docMdp.permission : null;
  const formFillAllowed = mdp !== null && mdp >= 2;
  const annotsAllowed = mdp === 3;
  const signingAllowed = mdp !== 1;
  const fieldLabel = (f: FieldInfo) => `"${f.name || '(không tên)'}"`;
  const old = rolesOf(doc, prev);
  let now: Roles;
  try {
    now = rolesOf(doc, cur);
  } catch {
    return [{ revision: r + 1, allowed: false, kind: 'catalog-missing', vi: 'Bản cập nhật làm hỏng danh mục tài liệu (catalog).', en: 'The update breaks the document catalog.' }];
  }

  // New signature fields and what they bring (widgets, appearances, signature dictionaries).
  const allowedNew = new Set<number>();
  const newFields = [...now.fieldByNum.values()].filter((f) => !old.fieldByNum.has(f.ref.num));
  for (const f of newFields) {
    if (f.type !== 'Sig') {
      out.push({ allowed: false, kind: 'field-added', vi: `Thêm ô biểu mẫu ${fieldLabel(f)} sau khi ký.`, en: `Form field ${fieldLabel(f)} was added after signing.` });
      continue;
    }
    for (const n of reachable(doc, f.ref, cur, 20_000, isPageDict)) allowedNew.add(n);
    const sig = doc.dict(f.value, cur);
    if (!sig) {
      out.push({ allowed: true, kind: 'signature-field-added', vi: `Thêm ô chữ ký trống ${fieldLabel(f)}.`, en: `Empty signature field ${fieldLabel(f)} added.` });
    } else if (sig.nameOf() === 'DocTimeStamp') {
      out.push({ allowed: true, kind: 'document-timestamp', vi: `Thêm dấu thời gian tài liệu ${fieldLabel(f)}.`, en: `Document timestamp ${fieldLabel(f)} added.` });
    } else {
      out.push({
        allowed: signingAllowed,
        kind: 'signature-added',
        vi: signingAllowed ? `Thêm chữ ký ${fieldLabel(f)}.` : `Thêm chữ ký ${fieldLabel(f)} trong khi chữ ký chứng nhận không cho phép thay đổi nào.`,
        en: signingAllowed ? `Signature ${fieldLabel(f)} added.` : `Signature ${fieldLabel(f)} added although the certification signature allows no changes.`,
      });
    }
  }
  // Existing empty signature fields signed in this revision.
  for (const [num, f] of old.fieldByNum) {
    const after = now.fieldByNum.get(num);
    if (f.type !== 'Sig' || !after || doc.dict(f.value, prev) || !doc.dict(after.value, cur)) continue;
    for (const n of reachable(doc, after.value, cur)) allowedNew.add(n);
    for (const w of after.widgets) for (const n of reachable(doc, w.dict.get('AP'), cur, 10_000, isPageDict)) allowedNew.add(n);
    const isTs = doc.dict(after.value, cur)?.nameOf() === 'DocTimeStamp';
    out.push({
      allowed: isTs || signingAllowed,
      kind: isTs ? 'document-timestamp' : 'signature-added',
      vi: isTs ? `Thêm dấu thời gian tài liệu vào ô ${fieldLabel(after)}.` : `Ký vào ô chữ ký ${fieldLabel(after)}.`,
      en: isTs ? `Document timestamp added in field ${fieldLabel(after)}.` : `Signature field ${fieldLabel(after)} signed.`,
    });
  }
  for (const n of now.dss) allowedNew.add(n);
  if (now.metadataNum !== undefined) allowedNew.add(now.metadataNum);
  if (now.infoNum !== undefined) allowedNew.add(now.infoNum);

  if (now.catalogNum !== old.catalogNum) {
    out.push({ allowed: false, kind: 'catalog-replaced', vi: 'Danh mục gốc của tài liệu (catalog) bị thay bằng một danh mục khác sau khi ký.', en: 'The document catalog was replaced after signing.' });
  }
  if (now.pageRefs.length !== old.pageRefs.length || now.pageRefs.some((n, i) => old.pageRefs[i] !== n)) {
    const added = now.pageRefs.length - old.pageRefs.length;
    out.push({
      allowed: false,
      kind: added > 0 ? 'page-added' : added < 0 ? 'page-removed' : 'pages-reordered',
      vi: added > 0 ? `Thêm ${added} trang mới sau khi ký.` : added < 0 ? `Xoá ${-added} trang sau khi ký.` : 'Thứ tự các trang bị thay đổi sau khi ký.',
      en: added > 0 ? `${added} page(s) added after signing.` : added < 0 ? `${-added} page(s) removed after signing.` : 'Pages were reordered after signing.',
    });
  }

  const structural = new Set<number>();
  for (const s of cur.sections) if (s.streamObject !== undefined) structural.add(s.streamObject);
  const numbers = new Set([...cur.objectNumbers, ...cur.freedNumbers]);
  const pageNo = (i: number) => i + 1;

  for (const n of [...numbers].sort((a, b) => a - b)) {
    if (structural.has(n)) continue;
    const before = safe(() => doc.getObject(n, prev), null);
    const after = cur.freedNumbers.includes(n) ? null : safe(() => doc.getObject(n, cur), null);
    if (after instanceof PdfStream && (after.dict.nameOf() === 'ObjStm' || after.dict.nameOf() === 'XRef') && before === null) continue;
    if (before === null) {
      if (after !== null && old.referenced.has(n) && !allowedNew.has(n)) {
        out.push({ allowed: false, kind: 'object-revealed', objectNumber: n, vi: `Đối tượng ${n} mà bản đã ký trỏ tới (khi đó còn trống) được bổ sung sau khi ký.`, en: `Object ${n}, referred to (but empty) in the signed version, was filled in after signing.` });
      }
      continue;
    }
    if (after === null) {
      out.push({ allowed: false, kind: 'object-removed', objectNumber: n, vi: `${describe(old, n)} bị xoá sau khi ký.`, en: `${describeEn(old, n)} was deleted after signing.` });
      continue;
    }
    if (sameObject(doc, before, after)) continue;
    out.push(...judgeChange(doc, n, before, after, { old, now, prev, cur, allowedNew, formFillAllowed, annotsAllowed, pageNo, fieldLabel }));
  }

  return out.map((e) => ({ revision: r + 1, ...e }));
}

interface Ctx {
  old: Roles;
  now: Roles;
  prev: Revision;
  cur: Revision;
  allowedNew: Set<number>;
  formFillAllowed: boolean;
  annotsAllowed: boolean;
  pageNo: (i: number) => number;
  fieldLabel: (f: FieldInfo) => string;
}

function describe(r: Roles, n: number): string {
  if (r.pageByNum.has(n)) return `Trang ${r.pageByNum.get(n)! + 1}`;
  if (r.contentByNum.has(n)) return `Nội dung trang ${r.contentByNum.get(n)! + 1}`;
  if (r.resourceByNum.has(n)) return `Tài nguyên (hình, phông chữ) của trang ${r.resourceByNum.get(n)! + 1}`;
  if (r.fieldByNum.has(n) || r.widgetByNum.has(n)) return `Ô biểu mẫu "${(r.fieldByNum.get(n) ?? r.widgetByNum.get(n))!.name}"`;
  if (r.sigDictByNum.has(n)) return `Chữ ký "${r.sigDictByNum.get(n)!.name}"`;
  return `Đối tượng ${n}`;
}
function describeEn(r: Roles, n: number): string {
  if (r.pageByNum.has(n)) return `Page ${r.pageByNum.get(n)! + 1}`;
  if (r.contentByNum.has(n)) return `The content of page ${r.contentByNum.get(n)! + 1}`;
  if (r.resourceByNum.has(n)) return `A resource (image, font) of page ${r.resourceByNum.get(n)! + 1}`;
  if (r.fieldByNum.has(n) || r.widgetByNum.has(n)) return `Form field "${(r.fieldByNum.get(n) ?? r.widgetByNum.get(n))!.name}"`;
  if (r.sigDictByNum.has(n)) return `Signature "${r.sigDictByNum.get(n)!.name}"`;
  return `Object ${n}`;
}

function judgeChange(doc: PdfDocument, n: number, before: PdfObject, after: PdfObject, c: Ctx): Entry[] {
  const { old } = c;
  const bd = before instanceof PdfDict ? before : before instanceof PdfStream ? before.dict : undefined;
  const ad = after instanceof PdfDict ? after : after instanceof PdfStream ? after.dict : undefined;
  const keys = bd && ad && !(before instanceof PdfStream) ? changedKeys(doc, bd, ad) : null;

  if (old.sigDictByNum.has(n)) {
    const f = old.sigDictByNum.get(n)!;
    return [{ allowed: false, kind: 'signature-changed', objectNumber: n, vi: `Từ điển chữ ký ${c.fieldLabel(f)} bị sửa sau khi ký.`, en: `The dictionary of signature ${c.fieldLabel(f)} was altered after signing.` }];
  }
  if (n === old.catalogNum && keys) return catalogChange(doc, keys, bd!, ad!, c);
  if (n === old.acroFormNum && keys) return acroFormChange(doc, keys, bd!, ad!, c);
  if (n === old.fieldsArrayNum) return fieldsArrayChange(before, after, c);
  if (old.pageByNum.has(n)) {
    const page = c.pageNo(old.pageByNum.get(n)!);
    if (!keys) return [{ allowed: false, kind: 'page-changed', page, vi: `Trang ${page} bị thay đổi sau khi ký.`, en: `Page ${page} was changed after signing.` }];
    const out: Entry[] = [];
    for (const k of keys) {
      if (k === 'Annots') out.push(...annotsChange(doc, page, bd!.get('Annots'), ad!.get('Annots'), c));
      else if (k === 'Contents') out.push({ allowed: false, kind: 'page-content', page, vi: `Trang ${page}: nội dung trang bị thay đổi sau khi ký.`, en: `Page ${page}: the page content was changed after signing.` });
      else if (k === 'Resources') out.push({ allowed: false, kind: 'page-resources', page, vi: `Trang ${page}: tài nguyên của trang (hình ảnh, phông chữ, khối nội dung) bị thay đổi sau khi ký.`, en: `Page ${page}: the page resources (images, fonts, form XObjects) were changed after signing.` });
      else out.push({ allowed: false, kind: 'page-attributes', page, vi: `Trang ${page}: thuộc tính /${k} của trang bị thay đổi sau khi ký.`, en: `Page ${page}: the page attribute /${k} was changed after signing.` });
    }
    return out;
  }
  if (old.annotsArrayByNum.has(n)) return annotsChange(doc, c.pageNo(old.annotsArrayByNum.get(n)!), before, after, c);
  if (old.contentByNum.has(n)) {
    const page = c.pageNo(old.contentByNum.get(n)!);
    return [{ allowed: false, kind: 'page-content', page, objectNumber: n, vi: `Trang ${page}: nội dung trang bị thay đổi sau khi ký.`, en: `Page ${page}: the page content was changed after signing.` }];
  }
  if (old.pageTreeNodes.has(n)) {
    return [{ allowed: false, kind: 'page-tree', objectNumber: n, vi: 'Cây trang của tài liệu bị thay đổi sau khi ký (thêm, bớt hoặc thay trang).', en: 'The page tree was changed after signing (pages added, removed or replaced).' }];
  }
  if (old.fieldByNum.has(n) || old.widgetByNum.has(n)) {
    const f = (old.fieldByNum.get(n) ?? old.widgetByNum.get(n))!;
    if (f.type === 'Sig') {
      const wasSigned = !!doc.dict(f.value, c.prev);
      if (!wasSigned && keys && keys.every((k) => SIG_FIELD_SIGNING_KEYS.has(k))) return [];
      return [{ allowed: false, kind: 'signature-field-changed', objectNumber: n, vi: `Ô chữ ký ${c.fieldLabel(f)} bị sửa sau khi ký.`, en: `Signature field ${c.fieldLabel(f)} was altered after signing.` }];
    }
    const fill = keys !== null && keys.every((k) => FORM_FILL_KEYS.has(k));
    return [
      fill && c.formFillAllowed
        ? { allowed: true, kind: 'form-filled', objectNumber: n, vi: `Điền ô biểu mẫu ${c.fieldLabel(f)} (được chữ ký chứng nhận cho phép).`, en: `Form field ${c.fieldLabel(f)} filled in (allowed by the certification signature).` }
        : {
            allowed: false,
            kind: fill ? 'form-field-value' : 'form-field-changed',
            objectNumber: n,
            vi: fill ? `Ô biểu mẫu ${c.fieldLabel(f)}: giá trị/hình hiển thị bị thay đổi sau khi ký.` : `Ô biểu mẫu ${c.fieldLabel(f)} bị sửa sau khi ký.`,
            en: fill ? `Form field ${c.fieldLabel(f)}: its value/appearance was changed after signing.` : `Form field ${c.fieldLabel(f)} was altered after signing.`,
          },
    ];
  }
  if (old.dss.has(n)) return [{ allowed: true, kind: 'dss', objectNumber: n, vi: 'Cập nhật dữ liệu kiểm tra hiệu lực (DSS).', en: 'Validation data (DSS) updated.' }];
  if (n === old.metadataNum) return [{ allowed: true, informational: true, kind: 'metadata', objectNumber: n, vi: 'Cập nhật siêu dữ liệu (XMP) của tài liệu.', en: 'Document metadata (XMP) updated.' }];
  if (n === old.infoNum) return [{ allowed: true, informational: true, kind: 'info', objectNumber: n, vi: 'Cập nhật thông tin tài liệu (/Info: tác giả, ngày sửa…).', en: 'Document information (/Info) updated.' }];
  if (old.resourceByNum.has(n)) {
    const page = c.pageNo(old.resourceByNum.get(n)!);
    return [{ allowed: false, kind: 'page-resources', page, objectNumber: n, vi: `Trang ${page}: tài nguyên của trang (hình ảnh, phông chữ, khối nội dung) bị thay đổi sau khi ký.`, en: `Page ${page}: a page resource (image, font, form XObject) was changed after signing.` }];
  }
  if (old.appearanceByNum.has(n)) {
    const f = old.appearanceByNum.get(n)!;
    if (f.type !== 'Sig' && c.formFillAllowed) return [{ allowed: true, kind: 'form-filled', objectNumber: n, vi: `Cập nhật hình hiển thị của ô biểu mẫu ${c.fieldLabel(f)}.`, en: `Appearance of form field ${c.fieldLabel(f)} updated.` }];
    return [{ allowed: false, kind: 'appearance-changed', objectNumber: n, vi: `Hình hiển thị của ô ${c.fieldLabel(f)} bị thay đổi sau khi ký.`, en: `The appearance of field ${c.fieldLabel(f)} was changed after signing.` }];
  }
  if (!old.referenced.has(n)) return [];
  return [{ allowed: false, kind: 'object-changed', objectNumber: n, vi: `Đối tượng ${n} của tài liệu bị thay đổi sau khi ký.`, en: `Object ${n} of the document was changed after signing.` }];
}

function catalogChange(doc: PdfDocument, keys: string[], before: PdfDict, after: PdfDict, c: Ctx): Entry[] {
  const out: Entry[] = [];
  for (const k of keys) {
    if (k === 'AcroForm') {
      const b = doc.dict(before.get('AcroForm'), c.prev);
      const a = doc.dict(after.get('AcroForm'), c.cur);
      if (!a) out.push({ allowed: false, kind: 'form-removed', vi: 'Biểu mẫu (AcroForm) của tài liệu bị xoá sau khi ký.', en: 'The interactive form was removed after signing.' });
      else if (!b) out.push(...acroFormChange(doc, changedKeys(doc, new PdfDict(), a), new PdfDict(), a, c));
      else if (before.get('AcroForm') instanceof PdfDict || !(after.get('AcroForm') instanceof PdfRef) || (before.get('AcroForm') as PdfRef).num !== (after.get('AcroForm') as PdfRef).num) {
        out.push(...acroFormChange(doc, changedKeys(doc, b, a), b, a, c));
      }
    } else if (k === 'DSS') {
      out.push({ allowed: true, kind: 'dss', vi: 'Bổ sung dữ liệu kiểm tra hiệu lực (DSS).', en: 'Validation data (DSS) added.' });
    } else if (INFORMATIONAL_CATALOG_KEYS.has(k)) {
      out.push({ allowed: true, informational: true, kind: 'catalog-metadata', vi: `Cập nhật /${k} của tài liệu.`, en: `Document /${k} updated.` });
    } else {
      out.push({ allowed: false, kind: 'catalog-changed', vi: `Danh mục tài liệu: mục /${k} bị thay đổi sau khi ký.`, en: `Document catalog: /${k} was changed after signing.` });
    }
  }
  return out;
}

function acroFormChange(doc: PdfDocument, keys: string[], before: PdfDict, after: PdfDict, c: Ctx): Entry[] {
  const out: Entry[] = [];
  for (const k of keys) {
    if (k === 'Fields') out.push(...fieldsArrayChange(doc.resolve(before.get('Fields'), c.prev) ?? [], doc.resolve(after.get('Fields'), c.cur) ?? [], c));
    else if (k === 'SigFlags' || k === 'DR' || k === 'DA') continue;
    else if (k === 'NeedAppearances' && c.formFillAllowed) continue;
    else out.push({ allowed: false, kind: 'form-changed', vi: `Biểu mẫu: mục /${k} bị thay đổi sau khi ký.`, en: `Interactive form: /${k} was changed after signing.` });
  }
  return out;
}

function fieldsArrayChange(before: PdfObject, after: PdfObject, c: Ctx): Entry[] {
  const b = new Set(refsIn(before).map((r) => r.num));
  const a = new Set(refsIn(after).map((r) => r.num));
  const removed = [...b].filter((n) => !a.has(n));
  if (removed.length === 0) return [];
  const names = removed.map((n) => c.old.fieldByNum.get(n)?.name ?? `${n}`).join(', ');
  return [{ allowed: false, kind: 'field-removed', vi: `Ô biểu mẫu/chữ ký bị gỡ khỏi tài liệu sau khi ký: ${names}.`, en: `Form/signature fields removed after signing: ${names}.` }];
}

function annotsChange(doc: PdfDocument, page: number, before: PdfObject | undefined, after: PdfObject | undefined, c: Ctx): Entry[] {
  const b = refsIn(doc.resolve(before, c.prev) ?? undefined).map((r) => r.num);
  const a = refsIn(doc.resolve(after, c.cur) ?? undefined).map((r) => r.num);
  const out: Entry[] = [];
  const removed = b.filter((n) => !a.includes(n));
  const added = a.filter((n) => !b.includes(n));
  if (removed.length > 0) {
    out.push(
      c.annotsAllowed
        ? { allowed: true, kind: 'annotation-removed', page, vi: `Trang ${page}: gỡ ${removed.length} chú thích (được chữ ký chứng nhận cho phép).`, en: `Page ${page}: ${removed.length} annotation(s) removed (allowed by the certification signature).` }
        : { allowed: false, kind: 'annotation-removed', page, vi: `Trang ${page}: ${removed.length} chú thích/ô bị gỡ sau khi ký.`, en: `Page ${page}: ${removed.length} annotation(s) removed after signing.` },
    );
  }
  for (const n of added) {
    if (c.now.widgetByNum.get(n)?.type === 'Sig' && c.allowedNew.has(n)) continue;
    const dict = safe(() => doc.dict(doc.getObject(n, c.cur), c.cur), undefined);
    const subtype = dict?.get('Subtype') instanceof PdfName ? (dict.get('Subtype') as PdfName).name : '?';
    out.push(
      c.annotsAllowed && subtype !== 'Widget'
        ? { allowed: true, kind: 'annotation-added', page, objectNumber: n, vi: `Trang ${page}: thêm chú thích /${subtype} (được chữ ký chứng nhận cho phép).`, en: `Page ${page}: /${subtype} annotation added (allowed by the certification signature).` }
        : { allowed: false, kind: 'annotation-added', page, objectNumber: n, vi: `Trang ${page}: thêm chú thích/lớp phủ (/${subtype}) có thể che hoặc thay nội dung sau khi ký.`, en: `Page ${page}: a /${subtype} annotation that can cover or replace content was added after signing.` },
    );
  }
  return out;
}

/** Bytes after the last revision's %%EOF that are not whitespace: not part of any saved state. */
export function trailingData(doc: PdfDocument): ModificationEntry | null {
  const r = doc.revisions.length - 1;
  const end = doc.revisions[r]!.endOffset;
  if (end < 0 || end >= doc.size) return null;
  const tail = doc.src.read(end, Math.min(doc.size, end + 4096));
  if (/^[\s\0]*$/.test(tail.toString('latin1')) && doc.size - end <= 4096) return null;
  return { revision: r + 1, allowed: false, kind: 'trailing-data', vi: `Có ${doc.size - end} byte dữ liệu lạ sau lần lưu cuối cùng của tệp.`, en: `${doc.size - end} bytes of unexplained data follow the last saved revision.` };
}
