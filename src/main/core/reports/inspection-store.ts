/**
 * Reads what the inspection needs from the record store, read-only: documents with their top-level
 * category (the root of their folder), the signatures of each document's newest version, the number of
 * staff at work. The record tables belong to the records area (migration 1); only SELECTs here.
 */
import type { SqlDb } from '../records/ports';
import { getSchool, type School } from '../records/school';
import { treeTemplateFor } from '../records/tree';
import type { DocumentFact, InspectionInput, InspectionPeriod, SignatureFact } from './inspection';

// The newest version of each document through the (document_id, number) unique index.
const DOCUMENTS_SQL = `
SELECT d.uid, d.title, d.doc_date, d.status, d.folder_id, v.id AS version_id
FROM documents d
LEFT JOIN versions v ON v.document_id = d.id AND v.number = (SELECT MAX(number) FROM versions WHERE document_id = d.id)
WHERE d.doc_date BETWEEN ? AND ?
ORDER BY d.doc_date, d.id`;

const SIGNATURES_SQL = `
SELECT s.version_id, s.signer_name, s.certificate_sha256, s.role, s.verdict, s.signing_time,
       sc.staff_id, sc.holder, st.full_name
FROM signatures s
LEFT JOIN staff_certificates sc ON sc.sha256_fingerprint = UPPER(s.certificate_sha256)
LEFT JOIN staff st ON st.id = sc.staff_id
WHERE s.version_id IN (SELECT value FROM json_each(?))
ORDER BY s.version_id, s.position`;

type DocRow = { uid: string; title: string; doc_date: string; status: DocumentFact['status']; folder_id: number; version_id: number | null };
type FolderRow = { id: number; parent_id: number | null; code: string | null; name: string };
type SigRow = {
  version_id: number;
  signer_name: string | null;
  certificate_sha256: string | null;
  role: SignatureFact['role'];
  verdict: SignatureFact['verdict'];
  signing_time: string | null;
  staff_id: number | null;
  holder: 'personal' | 'organisation' | null;
  full_name: string | null;
};

const foldName = (n: string) => n.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');

export function readInspectionInput(db: SqlDb, period: InspectionPeriod, opts: { requireSeal: boolean }): { school: School | null; input: InspectionInput } {
  const school = getSchool(db);
  // A school has tens or hundreds of folders: finding each one's top-level category here is cheaper than a recursive query per document.
  const folders = new Map((db.prepare('SELECT id, parent_id, code, name FROM folders').all() as FolderRow[]).map((f) => [f.id, f]));
  const rootOf = (id: number): FolderRow => {
    let f = folders.get(id)!;
    for (let guard = 0; f.parent_id !== null && guard < 100; guard++) f = folders.get(f.parent_id)!;
    return f;
  };
  const docs = db.prepare(DOCUMENTS_SQL).all(period.from, period.to) as DocRow[];
  const versionIds = docs.map((d) => d.version_id).filter((v): v is number => v !== null);
  const sigsByVersion = new Map<number, SignatureFact[]>();
  for (const s of db.prepare(SIGNATURES_SQL).all(JSON.stringify(versionIds)) as SigRow[]) {
    const seal = s.role === 'seal' || s.holder === 'organisation';
    const name = s.full_name ?? s.signer_name;
    const signerKey = s.staff_id !== null ? `staff:${s.staff_id}` : s.signer_name ? `name:${foldName(s.signer_name)}` : s.certificate_sha256 ? `cert:${s.certificate_sha256}` : null;
    const list = sigsByVersion.get(s.version_id) ?? [];
    list.push({ signerKey, signerName: name, seal, role: s.role, verdict: s.verdict, signingTime: s.signing_time });
    sigsByVersion.set(s.version_id, list);
  }

  const roots = [...folders.values()].filter((f): f is FolderRow & { code: string } => f.parent_id === null && f.code !== null);
  const categories = school ? treeTemplateFor(school.level).map((t) => ({ code: t.code, name: t.name })) : uniqueBy(roots, (r) => r.code).map((r) => ({ code: r.code, name: r.name }));

  const first = db.prepare("SELECT MIN(signing_time) AS t FROM signatures WHERE signing_time IS NOT NULL AND verdict <> 'invalid'").get() as { t: string | null };
  const working = db.prepare("SELECT COUNT(*) AS n FROM staff WHERE status = 'working'").get() as { n: number };

  return {
    school,
    input: {
      period,
      categories,
      staffWorking: working.n,
      firstSigningTime: first.t,
      requireSeal: opts.requireSeal,
      documents: docs.map((d) => {
        const root = rootOf(d.folder_id);
        return {
          uid: d.uid,
          title: d.title,
          docDate: d.doc_date,
          categoryCode: root.code ?? `folder:${root.id}`,
          categoryName: root.name,
          status: d.status,
          signatures: d.version_id === null ? [] : (sigsByVersion.get(d.version_id) ?? []),
        };
      }),
    },
  };
}

function uniqueBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => (seen.has(key(t)) ? false : (seen.add(key(t)), true)));
}
