import type { Migration } from './index';

/**
 * The long-term-validation queue: signed files waiting to be raised to a higher PAdES level (a
 * timestamp, validation data, an archive timestamp) when the network answers. Durable so that a file
 * signed offline on Monday is upgraded on Thursday even if the app was closed in between.
 */
export const m0020_ltv_queue: Migration = {
  version: 20,
  name: 'ltv_queue',
  up(db) {
    db.exec(`
      CREATE TABLE ltv_queue (
        id INTEGER PRIMARY KEY,
        source_path TEXT NOT NULL,
        output_path TEXT NOT NULL,
        document_id INTEGER,
        level_now TEXT NOT NULL CHECK (level_now IN ('none','B-B','B-T','B-LT','B-LTA')),
        wanted_level TEXT NOT NULL CHECK (wanted_level IN ('B-B','B-T','B-LT','B-LTA')),
        state TEXT NOT NULL CHECK (state IN ('waiting','running','done','failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        last_error_code TEXT,
        last_error TEXT,
        last_error_en TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        done_at TEXT
      );
      CREATE INDEX ltv_queue_due ON ltv_queue(state, next_attempt_at);
      CREATE INDEX ltv_queue_output ON ltv_queue(output_path);
    `);
  },
};
