import type { SqlDb } from './ports';
import { matchExpression } from './fold';
import { summariesByIds, type DocumentSummary } from './documents';

/**
 * Ranking reads the newest matching documents up to this many, then orders them by bm25: a word that
 * occurs in nearly every document ("kế hoạch") would otherwise make every search score 100,000 rows.
 * With fewer matches than this the ranking is exact.
 */
export const RANK_WINDOW = 500;

export interface SearchHit extends DocumentSummary {
  /** bm25 score (lower is better), title weighted 10, metadata 4, PDF text 1. */
  score: number;
}

/**
 * Full-text search over the folded title, metadata and PDF text. The query is folded the same way, so
 * it works with or without diacritics; results are ranked by bm25.
 */
export function searchDocuments(db: SqlDb, query: string, opts: { schoolYearId?: number; limit?: number } = {}): SearchHit[] {
  const match = matchExpression(query);
  if (!match) return [];
  const limit = opts.limit ?? 50;
  const candidates = (opts.schoolYearId === undefined
    ? db.prepare('SELECT rowid AS id, bm25(documents_fts, 10.0, 4.0, 1.0) AS score FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rowid DESC LIMIT ?').all(match, RANK_WINDOW)
    : db.prepare(`SELECT rowid AS id, bm25(documents_fts, 10.0, 4.0, 1.0) AS score FROM documents_fts WHERE documents_fts MATCH ?
        AND rowid IN (SELECT d.id FROM documents d JOIN folders f ON f.id = d.folder_id WHERE f.school_year_id = ?) ORDER BY rowid DESC LIMIT ?`).all(match, opts.schoolYearId, RANK_WINDOW)) as Array<{ id: number; score: number }>;
  const rows = candidates.sort((a, b) => a.score - b.score || b.id - a.id).slice(0, limit);
  const scores = new Map(rows.map((r) => [r.id, r.score]));
  return summariesByIds(db, rows.map((r) => r.id)).map((s) => ({ ...s, score: scores.get(s.id) ?? 0 }));
}
