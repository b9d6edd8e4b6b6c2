import crypto from 'node:crypto';
import type { SqlDb } from './ports';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  seq: number;
  entryUid: string;
  at: string;
  actor: string | null;
  action: string;
  documentUid: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

type AuditRow = { seq: number; entry_uid: string; at: string; actor: string | null; action: string; document_uid: string | null; details: string; prev_hash: string; hash: string };

/** Canonical JSON: object keys sorted, so the same entry always hashes the same on every PC. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
    .join(',')}}`;
}

/**
 * Each entry's hash covers the previous entry's hash, its own position and every field: editing an
 * entry changes its hash (and breaks the next link); deleting one leaves a gap in the sequence and a
 * broken link; deleting the newest ones no longer matches the head kept in audit_head.
 */
export function entryHash(e: Omit<AuditEntry, 'hash'>): string {
  const body = canonicalJson({ seq: e.seq, entryUid: e.entryUid, at: e.at, actor: e.actor, action: e.action, documentUid: e.documentUid, details: e.details });
  return crypto.createHash('sha256').update(`${e.prevHash}\n${body}`).digest('hex');
}

/** Hash of an entry as recorded on the PC that wrote it (the hash stored there), for checking a package. */
export function entryIsSelfConsistent(e: AuditEntry): boolean {
  return entryHash(e) === e.hash;
}

export interface NewAuditEntry {
  action: string;
  actor: string | null;
  documentUid: string | null;
  details?: Record<string, unknown>;
  /** Given when an entry from another PC is copied in (its uid keeps a second import from copying it again). */
  entryUid?: string;
  at?: string;
}

/** Appends one entry; call inside the transaction that makes the change it records. */
export function appendAudit(db: SqlDb, at: string, e: NewAuditEntry): AuditEntry {
  const head = db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string } | undefined;
  const entry: Omit<AuditEntry, 'hash'> = {
    seq: (head?.seq ?? 0) + 1,
    entryUid: e.entryUid ?? crypto.randomUUID(),
    at: e.at ?? at,
    actor: e.actor,
    action: e.action,
    documentUid: e.documentUid,
    details: e.details ?? {},
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  const hash = entryHash(entry);
  db.prepare('INSERT INTO audit_log (seq, entry_uid, at, actor, action, document_uid, details, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?)').run(
    entry.seq, entry.entryUid, entry.at, entry.actor, entry.action, entry.documentUid, canonicalJson(entry.details), entry.prevHash, hash,
  );
  db.prepare('INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash').run(entry.seq, hash);
  return { ...entry, hash };
}

export const rowToEntry = (r: AuditRow): AuditEntry => ({
  seq: r.seq, entryUid: r.entry_uid, at: r.at, actor: r.actor, action: r.action, documentUid: r.document_uid,
  details: JSON.parse(r.details) as Record<string, unknown>, prevHash: r.prev_hash, hash: r.hash,
});

export function auditEntries(db: SqlDb, filter: { documentUid?: string; limit?: number } = {}): AuditEntry[] {
  const rows = filter.documentUid
    ? db.prepare('SELECT * FROM audit_log WHERE document_uid = ? ORDER BY seq').all(filter.documentUid)
    : db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?').all(filter.limit ?? 200);
  return (rows as AuditRow[]).map(rowToEntry);
}

export interface AuditProblem {
  seq: number;
  problem: 'edited' | 'missing' | 'broken_link' | 'head_mismatch';
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  problems: AuditProblem[];
}

export function verifyAudit(db: SqlDb): AuditVerification {
  const problems: AuditProblem[] = [];
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[]) {
    const e = rowToEntry(row);
    count++;
    if (e.seq !== expectedSeq) for (let s = expectedSeq; s < e.seq; s++) problems.push({ seq: s, problem: 'missing' });
    if (entryHash(e) !== e.hash) problems.push({ seq: e.seq, problem: 'edited' });
    else if (e.prevHash !== prev) problems.push({ seq: e.seq, problem: 'broken_link' });
    prev = e.hash;
    expectedSeq = e.seq + 1;
  }
  const head = db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string } | undefined;
  const lastSeq = expectedSeq - 1;
  if ((head && (head.seq !== lastSeq || head.hash !== prev)) || (!head && count > 0)) problems.push({ seq: head?.seq ?? lastSeq, problem: 'head_mismatch' });
  return { ok: problems.length === 0, entries: count, problems };
}
