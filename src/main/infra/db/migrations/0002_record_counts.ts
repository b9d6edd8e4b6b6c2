import type { Migration } from './index';

/**
 * Counts kept by triggers so that opening the tree (documents per folder) and listing a folder
 * (versions per document) read one number instead of counting 100,000 rows each time.
 */
export const m0002_record_counts: Migration = {
  version: 2,
  name: 'record_counts',
  up(db) {
    db.exec(`
      ALTER TABLE folders ADD COLUMN document_count INTEGER NOT NULL DEFAULT 0;
      UPDATE folders SET document_count = (SELECT COUNT(*) FROM documents d WHERE d.folder_id = folders.id);
      CREATE TRIGGER documents_count_insert AFTER INSERT ON documents
      BEGIN UPDATE folders SET document_count = document_count + 1 WHERE id = NEW.folder_id; END;
      CREATE TRIGGER documents_count_delete AFTER DELETE ON documents
      BEGIN UPDATE folders SET document_count = document_count - 1 WHERE id = OLD.folder_id; END;
      CREATE TRIGGER documents_count_move AFTER UPDATE OF folder_id ON documents WHEN NEW.folder_id <> OLD.folder_id
      BEGIN
        UPDATE folders SET document_count = document_count - 1 WHERE id = OLD.folder_id;
        UPDATE folders SET document_count = document_count + 1 WHERE id = NEW.folder_id;
      END;

      ALTER TABLE documents ADD COLUMN version_count INTEGER NOT NULL DEFAULT 0;
      UPDATE documents SET version_count = (SELECT COUNT(*) FROM versions v WHERE v.document_id = documents.id);
      CREATE TRIGGER versions_count_insert AFTER INSERT ON versions
      BEGIN UPDATE documents SET version_count = version_count + 1 WHERE id = NEW.document_id; END;
      CREATE TRIGGER versions_count_delete AFTER DELETE ON versions
      BEGIN UPDATE documents SET version_count = version_count - 1 WHERE id = OLD.document_id; END;
    `);
  },
};
