import type { Migration } from './index';

/**
 * The office's part of the staff table: the personal facts the Department's request form asks for
 * (seed 004), the working status behind the revocation list, and the certificates each person holds
 * (several per person: personal and the school seal, special-purpose and commercial).
 */
export const m0010_staff_details: Migration = {
  version: 10,
  name: 'staff_details',
  up(db) {
    db.exec(`
      ALTER TABLE staff ADD COLUMN date_of_birth TEXT;
      ALTER TABLE staff ADD COLUMN cccd TEXT;
      ALTER TABLE staff ADD COLUMN cccd_issued_on TEXT;
      ALTER TABLE staff ADD COLUMN phone TEXT;
      ALTER TABLE staff ADD COLUMN status TEXT NOT NULL DEFAULT 'working'
        CHECK (status IN ('working','moved_province','left_sector','other'));
      ALTER TABLE staff ADD COLUMN status_note TEXT;
      ALTER TABLE staff ADD COLUMN updated_at TEXT;
      CREATE UNIQUE INDEX staff_cccd ON staff(cccd) WHERE cccd IS NOT NULL;

      CREATE TABLE staff_certificates (
        id INTEGER PRIMARY KEY,
        staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
        holder TEXT NOT NULL CHECK (holder IN ('personal','organisation')),
        special_purpose INTEGER NOT NULL CHECK (special_purpose IN (0,1)),
        provider_name TEXT NOT NULL,
        serial_number TEXT NOT NULL,
        issuer TEXT NOT NULL,
        subject TEXT,
        valid_from TEXT NOT NULL,
        valid_to TEXT NOT NULL,
        token TEXT,
        sha256_fingerprint TEXT UNIQUE,
        source TEXT NOT NULL CHECK (source IN ('token','manual')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (issuer, serial_number)
      );
      CREATE INDEX staff_certificates_staff ON staff_certificates(staff_id);
      CREATE INDEX staff_certificates_valid_to ON staff_certificates(valid_to);
    `);
  },
};
