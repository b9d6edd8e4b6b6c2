import type { SqlDb } from './ports';
import { matchExpression } from './fold';
import { summariesByIds, type DocumentSummary } from './documents';

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
  const rows = (opts.schoolYearId === undefined
    ? db.prepare('SELECT rowid AS id, bm25(documents_fts, 10.0, 4.0, 1.0) AS score FROM documents_fts WHERE documents_fts MATCH ? ORDER BY score LIMIT ?').all(match, limit)
    : db.prepare(`SELECT x.id, x.score FROM (SELECT rowid AS id, bm25(documents_fts, 10.0, 4.0, 1.0) AS score FROM documents_fts WHERE documents_fts MATCH ?) x
        JOIN documents d ON d.id = x.id JOIN folders f ON f.id = d.folder_id WHERE f.school_year_id = ? ORDER BY x.score LIMIT ?`).all(match, opts.schoolYearId, limit)) as Array<{ id: number; score: number }>;
  const scores = new Map(rows.map((r) => [r.id, r.score]));
  return summariesByIds(db, rows.map((r) => r.id)).map((s) => ({ ...s, score: scores.get(s.id) ?? 0 }));
}
