import type { SqlDb } from './ports';
import { indexTokens, queryWords } from './fold';
import { cached, summariesByIds, type DocumentSummary } from './documents';

/**
 * Search cost at 100,000 documents comes from posting lists read whole: FTS5's `word*` merges the
 * complete list of every completion before it returns a row, and bm25's IDF reads the complete list
 * of every query word ("kế hoạch" is in nearly every document). So:
 *  - the word being typed is expanded from the vocabulary (search_terms) into itself and its most
 *    common completions (PREFIX_TERMS in all), which FTS5 walks lazily as an OR (each costs a seek
 *    per index segment);
 *  - the newest RANK_WINDOW matches are read first (FTS5 walks them in rowid order and stops);
 *  - exact bm25 (title 10, metadata 4, text 1) runs only when the matches fit in that window and the
 *    query's words are in at most BM25_BUDGET documents together (its IDF reads that many entries);
 *  - otherwise the window is ordered by where each word is (title, metadata, text), each word
 *    counting more the rarer it is (bm25's IDF, from the vocabulary's counts), newest first on ties.
 */
export const RANK_WINDOW = 200;
export const BM25_BUDGET = 20_000;
export const PREFIX_TERMS = 8;
const WEIGHTS = { title: 10, meta: 4, body: 1 };

export interface SearchHit extends DocumentSummary {
  /** Lower is better: bm25 (negative) for selective queries, minus the field-weight score otherwise. */
  score: number;
}

interface Candidate {
  id: number;
  title: string;
  meta: string;
}

interface ResolvedWord {
  /** The FTS5 expression for this word. */
  match: string;
  /** Whether a title or metadata token is this word. */
  matches(token: string): boolean;
  /** Documents holding it (for a prefix, the sum over its completions: an upper bound). */
  docs: number;
}

const quote = (t: string) => `"${t.replace(/"/g, '""')}"`;

/**
 * The vocabulary entries a typed word stands for. A word the vocabulary lacks is asked of FTS5 as
 * typed (no document has it, so that costs nothing): the vocabulary only makes searching cheaper, it
 * never hides a document (e.g. one indexed by an older Hồ Sơ Ký that did not keep it).
 */
function resolve(db: SqlDb, word: string, prefix: boolean): ResolvedWord {
  const asTyped: ResolvedWord = { match: prefix ? `${quote(word)}*` : quote(word), matches: (t) => (prefix ? t.startsWith(word) : t === word), docs: 0 };
  if (!prefix) {
    const row = cached(db, 'SELECT docs FROM search_terms WHERE term = ?').get(word) as { docs: number } | undefined;
    return row ? { ...asTyped, docs: row.docs } : asTyped;
  }
  const last = word.codePointAt(word.length - 1)!;
  const upper = word.slice(0, word.length - (last > 0xffff ? 2 : 1)) + String.fromCodePoint(last + 1);
  const all = cached(db, 'SELECT term, docs FROM search_terms WHERE term >= ? AND term < ?').all(word, upper) as Array<{ term: string; docs: number }>;
  // A short prefix can have hundreds of completions: the word itself and the most common others are
  // kept (a rare completion is found once one more letter is typed).
  const kept = all.length <= PREFIX_TERMS ? all : [...all.filter((r) => r.term === word), ...all.filter((r) => r.term !== word).sort((a, b) => b.docs - a.docs).slice(0, PREFIX_TERMS - 1)];
  if (kept.length === 0) return asTyped;
  const terms = new Set(kept.map((r) => r.term));
  return { match: kept.length === 1 ? quote(kept[0]!.term) : `(${kept.map((r) => quote(r.term)).join(' OR ')})`, matches: (t) => terms.has(t), docs: kept.reduce((n, r) => n + r.docs, 0) };
}

/**
 * Full-text search over the folded title, metadata and PDF text. The query is folded the same way, so
 * it works with or without diacritics.
 */
export function searchDocuments(db: SqlDb, query: string, opts: { schoolYearId?: number; limit?: number; rankWindow?: number } = {}): SearchHit[] {
  const window = opts.rankWindow ?? RANK_WINDOW;
  const limit = opts.limit ?? 50;
  const words = queryWords(query).map(({ word, prefix }) => resolve(db, word, prefix));
  if (words.length === 0) return [];
  // Rarest first: FTS5 then steps through the short list and seeks in the long ones.
  const match = [...words].sort((a, b) => a.docs - b.docs).map((w) => w.match).join(' AND ');
  const inYear = opts.schoolYearId === undefined ? '' : 'AND EXISTS (SELECT 1 FROM documents d JOIN folders f ON f.id = d.folder_id WHERE d.id = documents_fts.rowid AND f.school_year_id = ?)';
  const params = opts.schoolYearId === undefined ? [match] : [match, opts.schoolYearId];
  const newest = cached(db, `SELECT rowid AS id, title, meta FROM documents_fts WHERE documents_fts MATCH ? ${inYear} ORDER BY rowid DESC LIMIT ?`).all(...params, window) as Candidate[];
  let ranked: Array<{ id: number; score: number }>;
  if (newest.length < window && words.reduce((n, w) => n + w.docs, 0) <= BM25_BUDGET) {
    ranked = cached(db, `SELECT rowid AS id, bm25(documents_fts, ${WEIGHTS.title}.0, ${WEIGHTS.meta}.0, ${WEIGHTS.body}.0) AS score FROM documents_fts WHERE documents_fts MATCH ? ${inYear} ORDER BY score LIMIT ?`).all(...params, limit) as Array<{ id: number; score: number }>;
  } else {
    ranked = byPlace(db, words, newest).slice(0, limit);
  }
  const scores = new Map(ranked.map((r) => [r.id, r.score]));
  return summariesByIds(db, ranked.map((r) => r.id)).map((s) => ({ ...s, score: scores.get(s.id) ?? 0 }));
}

/**
 * Orders matches by where each word is: every match holds every word (the query is an AND), so what
 * tells them apart is whether a word is in the title, the metadata or only the text. Each word counts
 * (1 + its IDF) times the weight of that place, so a title hit on a common word still beats a text hit.
 */
function byPlace(db: SqlDb, words: ResolvedWord[], matches: Candidate[]): Array<{ id: number; score: number }> {
  const total = (cached(db, 'SELECT COALESCE(SUM(document_count), 0) AS n FROM folders').get() as { n: number }).n;
  const weights = words.map((w) => 1 + Math.log(1 + (Math.max(total, w.docs) - w.docs + 0.5) / (w.docs + 0.5)));
  const has = (tokens: string[], w: ResolvedWord) => tokens.some((t) => w.matches(t));
  return matches.map(({ id, title, meta }) => {
    const inTitle = indexTokens(title);
    const inMeta = indexTokens(meta);
    const score = words.reduce((sum, w, i) => sum + weights[i]! * (has(inTitle, w) ? WEIGHTS.title : has(inMeta, w) ? WEIGHTS.meta : WEIGHTS.body), 0);
    return { id, score: -score };
  }).sort((a, b) => a.score - b.score || b.id - a.id);
}
