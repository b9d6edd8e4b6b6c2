import type { SqlDb } from './ports';
import { foldedWords, matchExpression } from './fold';
import { summariesByIds, type DocumentSummary } from './documents';

/**
 * bm25 needs, for its IDF, the number of documents holding each word: for a word in nearly every
 * document ("kế hoạch") that means reading a 100,000-entry list on every search. So the newest matches
 * are read first (cheap: FTS5 walks them in rowid order and stops); when there are fewer than
 * RANK_WINDOW the ranking is exact bm25, otherwise those newest RANK_WINDOW are ordered by the same
 * field weights without the IDF (each query word in the title 10, in the metadata 4, else in the text 1).
 */
export const RANK_WINDOW = 200;
const WEIGHTS = { title: 10, meta: 4, body: 1 };

export interface SearchHit extends DocumentSummary {
  /** Lower is better: bm25 (negative) for selective queries, minus the field-weight score otherwise. */
  score: number;
}

/**
 * Full-text search over the folded title, metadata and PDF text. The query is folded the same way, so
 * it works with or without diacritics.
 */
export function searchDocuments(db: SqlDb, query: string, opts: { schoolYearId?: number; limit?: number; rankWindow?: number } = {}): SearchHit[] {
  const window = opts.rankWindow ?? RANK_WINDOW;
  const match = matchExpression(query);
  if (!match) return [];
  const limit = opts.limit ?? 50;
  const yearFilter = opts.schoolYearId === undefined ? '' : 'AND rowid IN (SELECT d.id FROM documents d JOIN folders f ON f.id = d.folder_id WHERE f.school_year_id = ?)';
  const params = opts.schoolYearId === undefined ? [match] : [match, opts.schoolYearId];
  const newest = db.prepare(`SELECT rowid AS id FROM documents_fts WHERE documents_fts MATCH ? ${yearFilter} ORDER BY rowid DESC LIMIT ?`).all(...params, window) as Array<{ id: number }>;
  let ranked: Array<{ id: number; score: number }>;
  if (newest.length < window) {
    ranked = db.prepare(`SELECT rowid AS id, bm25(documents_fts, ${WEIGHTS.title}.0, ${WEIGHTS.meta}.0, ${WEIGHTS.body}.0) AS score FROM documents_fts WHERE documents_fts MATCH ? ${yearFilter} ORDER BY score LIMIT ?`).all(...params, limit) as Array<{ id: number; score: number }>;
  } else {
    const words = foldedWords(query);
    const last = words.length - 1;
    const has = (text: string, w: string, i: number) => {
      const tokens = ` ${text.replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
      return i === last && matchExpression(w)!.endsWith('*') ? tokens.includes(` ${w}`) : tokens.includes(` ${w} `);
    };
    const get = db.prepare('SELECT title, meta FROM documents_fts WHERE rowid = ?');
    ranked = newest.map(({ id }) => {
      const row = get.get(id) as { title: string; meta: string };
      const score = words.reduce((sum, w, i) => sum + (has(row.title, w, i) ? WEIGHTS.title : has(row.meta, w, i) ? WEIGHTS.meta : WEIGHTS.body), 0);
      return { id, score: -score };
    }).sort((a, b) => a.score - b.score || b.id - a.id).slice(0, limit);
  }
  const scores = new Map(ranked.map((r) => [r.id, r.score]));
  return summariesByIds(db, ranked.map((r) => r.id)).map((s) => ({ ...s, score: scores.get(s.id) ?? 0 }));
}
