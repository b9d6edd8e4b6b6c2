import type { Migration } from './index';

/**
 * The search vocabulary: every token of the search index with the number of documents holding it,
 * kept by the code that writes the index (same transaction). Search reads it to expand the word
 * being typed into the few words it can become (FTS5's own `word*` merges the whole posting list of
 * every completion first) and to know how common each word is before asking FTS5 for bm25, whose
 * IDF reads the complete posting list of every query word. Filled here from the index itself.
 */
export const m0003_search_terms: Migration = {
  version: 3,
  name: 'search_terms',
  // Stores already at 10 or 20 (staff, ltv) were made before this migration existed.
  isApplied: (db) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_terms'").get() !== undefined,
  up(db) {
    db.exec(`
      CREATE TABLE search_terms (
        term TEXT PRIMARY KEY,
        docs INTEGER NOT NULL CHECK (docs > 0)
      ) WITHOUT ROWID;
      CREATE VIRTUAL TABLE temp.documents_fts_vocab USING fts5vocab(main, documents_fts, 'row');
      INSERT INTO search_terms (term, docs) SELECT term, doc FROM temp.documents_fts_vocab;
      DROP TABLE temp.documents_fts_vocab;
    `);
  },
};
