import type { PdfDocument, Revision } from './document';
import { PdfDict, PdfName, PdfRef, PdfString, num, type PdfObject } from './objects';
import { malformed } from './errors';

export interface PageInfo {
  /** 0-based position in the document. */
  index: number;
  ref: PdfRef;
  dict: PdfDict;
  /** [llx, lly, urx, ury], inherited from ancestors when absent. */
  mediaBox: [number, number, number, number];
  cropBox: [number, number, number, number];
  rotate: number;
}

export interface FieldInfo {
  /** Fully qualified name (partial names joined by '.'). */
  name: string;
  ref: PdfRef;
  dict: PdfDict;
  /** Field type, inherited: 'Sig', 'Tx', 'Btn', 'Ch'. */
  type: string | undefined;
  /** The value (/V), unresolved: for a signature field, the reference to its signature dictionary. */
  value: PdfObject | undefined;
  /** Widget annotations: the field itself when merged, else its kids without /T. */
  widgets: { ref: PdfRef; dict: PdfDict; pageRef: PdfRef | undefined; rect: number[] }[];
}

export interface AnnotationInfo {
  ref: PdfRef | undefined;
  dict: PdfDict;
  subtype: string | undefined;
}

const MAX_TREE = 100_000;
const MAX_DEPTH = 64;

export function catalog(doc: PdfDocument, rev: Revision = doc.latest): { ref: PdfRef; dict: PdfDict } {
  const root = rev.trailer.get('Root');
  const dict = doc.dict(root, rev);
  if (!(root instanceof PdfRef) || !dict) throw malformed('the document catalog is missing');
  return { ref: root, dict };
}

const box = (o: PdfObject | undefined, doc: PdfDocument, rev: Revision): [number, number, number, number] | undefined => {
  const v = doc.resolve(o, rev);
  if (!Array.isArray(v) || v.length < 4) return undefined;
  const n = v.slice(0, 4).map((x) => num(doc.resolve(x, rev)) ?? 0);
  return [Math.min(n[0]!, n[2]!), Math.min(n[1]!, n[3]!), Math.max(n[0]!, n[2]!), Math.max(n[1]!, n[3]!)];
};

/** The pages in order, walking the page tree (loops and absurd depth are refused). */
export function pages(doc: PdfDocument, rev: Revision = doc.latest): PageInfo[] {
  const out: PageInfo[] = [];
  const seen = new Set<string>();
  const rootRef = catalog(doc, rev).dict.get('Pages');
  if (!(rootRef instanceof PdfRef)) throw malformed('the page tree is missing');
  type Inherited = { media?: [number, number, number, number]; crop?: [number, number, number, number]; rotate?: number };
  const walk = (ref: PdfRef, inh: Inherited, depth: number) => {
    if (depth > MAX_DEPTH) throw malformed('page tree too deep');
    if (seen.has(ref.key)) throw malformed('page tree loops');
    if (seen.size > MAX_TREE) throw malformed('page tree too large');
    seen.add(ref.key);
    const node = doc.dict(ref, rev);
    if (!node) throw malformed(`page tree node ${ref.num} is missing`);
    const here: Inherited = {
      media: box(node.get('MediaBox'), doc, rev) ?? inh.media,
      crop: box(node.get('CropBox'), doc, rev) ?? inh.crop,
      rotate: num(doc.resolve(node.get('Rotate'), rev)) ?? inh.rotate,
    };
    const kids = doc.resolve(node.get('Kids'), rev);
    if (node.nameOf() === 'Pages' || (Array.isArray(kids) && node.nameOf() !== 'Page')) {
      if (!Array.isArray(kids)) throw malformed('page tree node without /Kids');
      for (const k of kids) if (k instanceof PdfRef) walk(k, here, depth + 1);
      return;
    }
    const media = here.media ?? [0, 0, 612, 792];
    out.push({ index: out.length, ref, dict: node, mediaBox: media, cropBox: here.crop ?? media, rotate: (((here.rotate ?? 0) % 360) + 360) % 360 });
  };
  walk(rootRef, {}, 0);
  return out;
}

/** The annotations of a page (each resolved; direct annotation dictionaries have no ref). */
export function annotations(doc: PdfDocument, page: PageInfo, rev: Revision = doc.latest): AnnotationInfo[] {
  const annots = doc.resolve(page.dict.get('Annots'), rev);
  if (!Array.isArray(annots)) return [];
  const out: AnnotationInfo[] = [];
  for (const a of annots.slice(0, MAX_TREE)) {
    const dict = doc.dict(a, rev);
    if (dict) out.push({ ref: a instanceof PdfRef ? a : undefined, dict, subtype: dict.nameOf('Subtype') });
  }
  return out;
}

/** The interactive form (AcroForm) dictionary, resolved, if any. */
export function acroForm(doc: PdfDocument, rev: Revision = doc.latest): PdfDict | undefined {
  return doc.dict(catalog(doc, rev).dict.get('AcroForm'), rev);
}

/** Every terminal field of the AcroForm with its fully qualified name, type, value and widgets. */
export function fields(doc: PdfDocument, rev: Revision = doc.latest): FieldInfo[] {
  const form = acroForm(doc, rev);
  const top = doc.resolve(form?.get('Fields'), rev);
  if (!Array.isArray(top)) return [];
  const out: FieldInfo[] = [];
  const seen = new Set<string>();
  const walk = (ref: PdfRef, parentName: string, parentType: string | undefined, depth: number) => {
    if (depth > MAX_DEPTH || seen.has(ref.key) || seen.size > MAX_TREE) return;
    seen.add(ref.key);
    const dict = doc.dict(ref, rev);
    if (!dict) return;
    const t = doc.resolve(dict.get('T'), rev);
    const partial = t instanceof PdfString ? t.text() : undefined;
    const name = partial === undefined ? parentName : parentName ? `${parentName}.${partial}` : partial;
    const ftObj = doc.resolve(dict.get('FT'), rev);
    const type = ftObj instanceof PdfName ? ftObj.name : parentType;
    const kids = doc.resolve(dict.get('Kids'), rev);
    const kidFields = Array.isArray(kids)
      ? kids.filter((k): k is PdfRef => k instanceof PdfRef && doc.dict(k, rev)?.has('T') === true)
      : [];
    if (kidFields.length > 0) {
      for (const k of kidFields) walk(k, name, type, depth + 1);
      return;
    }
    const widgetRefs = Array.isArray(kids) && kids.length > 0 ? kids.filter((k): k is PdfRef => k instanceof PdfRef) : [ref];
    const widgets = widgetRefs.flatMap((w) => {
      const wd = doc.dict(w, rev);
      if (!wd) return [];
      const p = wd.get('P');
      const rect = doc.resolve(wd.get('Rect'), rev);
      return [{ ref: w, dict: wd, pageRef: p instanceof PdfRef ? p : undefined, rect: Array.isArray(rect) ? rect.map((x) => num(doc.resolve(x, rev)) ?? 0) : [] }];
    });
    out.push({ name, ref, dict, type, value: dict.get('V') ?? inheritedValue(doc, dict, rev), widgets });
  };
  for (const f of top) if (f instanceof PdfRef) walk(f, '', undefined, 0);
  return out;
}

function inheritedValue(doc: PdfDocument, dict: PdfDict, rev: Revision): PdfObject | undefined {
  let cur = doc.dict(dict.get('Parent'), rev);
  for (let i = 0; cur && i < MAX_DEPTH; i++) {
    if (cur.has('V')) return cur.get('V');
    cur = doc.dict(cur.get('Parent'), rev);
  }
  return undefined;
}

/** Signature fields (/FT /Sig), filled or empty. */
export function signatureFields(doc: PdfDocument, rev: Revision = doc.latest): (FieldInfo & { signed: boolean })[] {
  return fields(doc, rev)
    .filter((f) => f.type === 'Sig')
    .map((f) => ({ ...f, signed: doc.dict(f.value, rev) !== undefined }));
}

/** Finds which page a widget is on when it has no /P (some producers omit it). */
export function pageOfWidget(doc: PdfDocument, widget: PdfRef, rev: Revision = doc.latest): PageInfo | undefined {
  for (const p of pages(doc, rev)) {
    const annots = doc.resolve(p.dict.get('Annots'), rev);
    if (Array.isArray(annots) && annots.some((a) => a instanceof PdfRef && a.equals(widget))) return p;
  }
  return undefined;
}
