/**
 * Structural comparison of PDF objects across revisions and reachability from a root, for the
 * modification analysis. Streams compare by dictionary and raw (encoded) bytes.
 */
import { PdfDict, PdfName, PdfRef, PdfReal, PdfStream, PdfString, type PdfObject } from '../parser';
import type { PdfDocument, Revision } from '../parser';

const MAX_DEPTH = 64;

export function sameObject(doc: PdfDocument, a: PdfObject | undefined, b: PdfObject | undefined, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (typeof a === 'number' || a instanceof PdfReal) {
    const x = typeof a === 'number' ? a : a.value;
    const y = typeof b === 'number' ? b : b instanceof PdfReal ? b.value : NaN;
    return x === y;
  }
  if (typeof a === 'boolean') return a === b;
  if (a instanceof PdfName) return b instanceof PdfName && a.name === b.name;
  if (a instanceof PdfRef) return b instanceof PdfRef && a.equals(b);
  if (a instanceof PdfString) return b instanceof PdfString && Buffer.compare(Buffer.from(a.bytes), Buffer.from(b.bytes)) === 0;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => sameObject(doc, v, b[i], depth + 1));
  if (a instanceof PdfStream) {
    if (!(b instanceof PdfStream) || a.length !== b.length || !sameDict(doc, a.dict, b.dict, depth + 1, ['Length'])) return false;
    return Buffer.compare(Buffer.from(doc.rawStreamBytes(a)), Buffer.from(doc.rawStreamBytes(b))) === 0;
  }
  if (a instanceof PdfDict) return b instanceof PdfDict && sameDict(doc, a, b, depth + 1);
  return false;
}

function sameDict(doc: PdfDocument, a: PdfDict, b: PdfDict, depth: number, ignore: string[] = []): boolean {
  const keys = new Set([...a.map.keys(), ...b.map.keys()]);
  for (const k of keys) {
    if (ignore.includes(k)) continue;
    if (!sameObject(doc, a.get(k), b.get(k), depth)) return false;
  }
  return true;
}

/** Keys whose values differ between two dictionaries. */
export function changedKeys(doc: PdfDocument, a: PdfDict, b: PdfDict): string[] {
  const keys = new Set([...a.map.keys(), ...b.map.keys()]);
  return [...keys].filter((k) => !sameObject(doc, a.get(k), b.get(k)));
}

/** Object numbers reachable from `root` (following references, into streams' dictionaries), as of `rev`. */
export function reachable(doc: PdfDocument, root: PdfObject | undefined, rev: Revision, limit = 20_000, stopAt?: (ref: PdfRef, dict: PdfDict | undefined) => boolean): Set<number> {
  const seen = new Set<number>();
  const stack: Array<{ o: PdfObject | undefined; d: number }> = [{ o: root, d: 0 }];
  while (stack.length > 0 && seen.size < limit) {
    const { o, d } = stack.pop()!;
    if (d > MAX_DEPTH || o === undefined || o === null) continue;
    if (o instanceof PdfRef) {
      if (seen.has(o.num)) continue;
      let target: PdfObject;
      try {
        target = doc.getObject(o.num, rev);
      } catch {
        continue;
      }
      const dict = target instanceof PdfDict ? target : target instanceof PdfStream ? target.dict : undefined;
      if (stopAt?.(o, dict)) continue;
      seen.add(o.num);
      stack.push({ o: target, d: d + 1 });
    } else if (Array.isArray(o)) {
      for (const v of o) stack.push({ o: v, d: d + 1 });
    } else if (o instanceof PdfDict) {
      for (const v of o.map.values()) stack.push({ o: v, d: d + 1 });
    } else if (o instanceof PdfStream) {
      for (const v of o.dict.map.values()) stack.push({ o: v, d: d + 1 });
    }
  }
  return seen;
}

export const refsIn = (o: PdfObject | undefined): PdfRef[] => (Array.isArray(o) ? o.filter((x): x is PdfRef => x instanceof PdfRef) : []);
