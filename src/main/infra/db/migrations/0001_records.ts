import type { Migration } from './index';

/**
 * The school, its years, classes and subject groups, a base staff table (the office area adds personal
 * fields in 10+), and the record store: folders per school year, documents, immutable versions pointing
 * to content-addressed files, the signatures found in each version, workflow transitions, the
 * hash-chained audit trail and the search index.
 */
export const m0001_records: Migration = {
  version: 1,
  name: 'records',
  up(db) {
    db.exec(`
      CREATE TABLE school (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL,
        managing_unit TEXT,
        level TEXT NOT NULL CHECK (level IN ('mam_non','tieu_hoc','thcs','thpt','lien_cap')),
        created_at TEXT NOT NULL
      );
      CREATE TABLE school_years (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        starts_on TEXT,
        ends_on TEXT,
        created_at TEXT NOT NULL
      );
      CREATE TABLE subject_groups (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
      );
      CREATE TABLE classes (
        id INTEGER PRIMARY KEY,
        school_year_id INTEGER NOT NULL REFERENCES school_years(id),
        name TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'lop' CHECK (kind IN ('nhom','lop')),
        grade TEXT,
        created_at TEXT NOT NULL,
        UNIQUE (school_year_id, name)
      );
      CREATE TABLE staff (
        id INTEGER PRIMARY KEY,
        full_name TEXT NOT NULL,
        position TEXT,
        unit TEXT,
        subject_group_id INTEGER REFERENCES subject_groups(id),
        roles TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL
      );

      CREATE TABLE blobs (
        sha256 TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        created_at TEXT NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE folders (
        id INTEGER PRIMARY KEY,
        school_year_id INTEGER NOT NULL REFERENCES school_years(id),
        parent_id INTEGER REFERENCES folders(id),
        code TEXT,
        name TEXT NOT NULL,
        fixed INTEGER NOT NULL DEFAULT 0,
        position INTEGER NOT NULL DEFAULT 0,
        retention_years INTEGER,
        retention_permanent INTEGER NOT NULL DEFAULT 0,
        retention_source TEXT,
        created_at TEXT NOT NULL,
        UNIQUE (school_year_id, code)
      );
      CREATE INDEX folders_parent ON folders(school_year_id, parent_id, position);

      CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        folder_id INTEGER NOT NULL REFERENCES folders(id),
        title TEXT NOT NULL,
        kind TEXT,
        owner_staff_id INTEGER REFERENCES staff(id),
        class_id INTEGER REFERENCES classes(id),
        subject_group_id INTEGER REFERENCES subject_groups(id),
        meta TEXT NOT NULL DEFAULT '{}',
        status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','approved','returned')),
        doc_date TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX documents_folder ON documents(folder_id, title);
      CREATE INDEX documents_date ON documents(doc_date);
      CREATE INDEX documents_owner ON documents(owner_staff_id);

      CREATE TABLE versions (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id),
        number INTEGER NOT NULL,
        sha256 TEXT NOT NULL REFERENCES blobs(sha256),
        file_name TEXT NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('import','submit','approve','revision','exchange')),
        created_by_staff_id INTEGER REFERENCES staff(id),
        created_at TEXT NOT NULL,
        UNIQUE (document_id, number)
      );
      CREATE INDEX versions_sha ON versions(sha256);
      -- A version is immutable: its file and number never change once written.
      CREATE TRIGGER versions_immutable BEFORE UPDATE ON versions
      BEGIN SELECT RAISE(ABORT, 'versions are immutable'); END;

      CREATE TABLE signatures (
        id INTEGER PRIMARY KEY,
        version_id INTEGER NOT NULL REFERENCES versions(id),
        position INTEGER NOT NULL,
        field_name TEXT,
        signer_name TEXT,
        certificate BLOB,
        certificate_sha256 TEXT,
        signing_time TEXT,
        role TEXT NOT NULL DEFAULT 'unknown' CHECK (role IN ('author','approver','seal','unknown')),
        verdict TEXT NOT NULL CHECK (verdict IN ('valid','invalid','indeterminate','not_checked')),
        details TEXT NOT NULL DEFAULT '{}',
        checked_at TEXT NOT NULL,
        UNIQUE (version_id, position)
      );

      CREATE TABLE workflow_transitions (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id),
        from_status TEXT NOT NULL,
        to_status TEXT NOT NULL,
        actor_staff_id INTEGER REFERENCES staff(id),
        reason TEXT,
        version_id INTEGER REFERENCES versions(id),
        at TEXT NOT NULL
      );
      CREATE INDEX workflow_document ON workflow_transitions(document_id, id);

      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        entry_uid TEXT NOT NULL UNIQUE,
        at TEXT NOT NULL,
        actor TEXT,
        action TEXT NOT NULL,
        document_uid TEXT,
        details TEXT NOT NULL DEFAULT '{}',
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE INDEX audit_document ON audit_log(document_uid);
      -- The newest entry, kept beside the chain so that deleting the last entries is detected too.
      CREATE TABLE audit_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

      -- Search: the folded (no diacritics, đ→d, lower case) text of the title, metadata and PDF text.
      CREATE VIRTUAL TABLE documents_fts USING fts5(title, meta, body, tokenize = 'unicode61 remove_diacritics 0');
    `);
  },
};
