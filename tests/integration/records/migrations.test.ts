import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/infra/db/connection';
import { migrations } from '../../../src/main/infra/db/migrations';
import type { AppError } from '../../../src/main/core/errors';
import { tempDir } from './fixture';

const dirs: string[] = [];
const fresh = () => {
  const d = tempDir('hosoky-migr-');
  dirs.push(d);
  return path.join(d, 'hosoky.sqlite');
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const newest = Math.max(...migrations.map((m) => m.version));

describe('database and migrations', () => {
  it('creates a new store at the newest version with WAL, synchronous=FULL and foreign keys on', () => {
    const file = fresh();
    const { db, migration } = openDatabase(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(newest);
      expect(migration!.applied.map((m) => m.version)).toEqual([...migrations].map((m) => m.version).sort((a, b) => a - b));
      expect(migration!.backupFile).toBeNull();
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(() => db.prepare("INSERT INTO folders (school_year_id, name, created_at) VALUES (999, 'x', 'now')").run()).toThrow(/FOREIGN KEY/);
    } finally {
      db.close();
    }
  });

  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  for (const [i, from] of sorted.slice(0, -1).entries()) {
    it(`upgrades a store from version ${from.version} (${from.name}), keeping its data and a backup of the old file`, () => {
      const file = fresh();
      const old = openDatabase(file, { migrations: sorted.slice(0, i + 1) }).db;
      old.prepare("INSERT INTO school (id, name, level, created_at) VALUES (1, 'Trường Mầm non Hoa Sen', 'mam_non', '2024-09-01')").run();
      old.prepare("INSERT INTO staff (full_name, roles, created_at) VALUES ('Nguyễn Thị Hương', '[\"teacher\"]', '2024-09-01')").run();
      expect(old.pragma('user_version', { simple: true })).toBe(from.version);
      old.close();
      const { db, migration } = openDatabase(file);
      try {
        expect(db.pragma('user_version', { simple: true })).toBe(newest);
        expect(migration!.from).toBe(from.version);
        expect((db.prepare('SELECT full_name FROM staff').get() as { full_name: string }).full_name).toBe('Nguyễn Thị Hương');
        expect(fs.existsSync(migration!.backupFile!)).toBe(true);
        const backup = new Database(migration!.backupFile!, { readonly: true });
        expect(backup.pragma('user_version', { simple: true })).toBe(from.version);
        expect((backup.prepare('SELECT name FROM school').get() as { name: string }).name).toBe('Trường Mầm non Hoa Sen');
        backup.close();
      } finally {
        db.close();
      }
    });
  }

  it('adds the search vocabulary to a store made before it existed (already at version 20), from its index', () => {
    const file = fresh();
    const before = migrations.filter((m) => m.name !== 'search_terms');
    const old = openDatabase(file, { migrations: before }).db;
    const rows = [['ke hoach tuan 5', 'nguyen thi huong', 'phep cong phan so'], ['so dang bo', 'van thu', 'danh sach hoc sinh lop 6'], ['ke hoach giao duc', '', 'hoc ky 1']];
    rows.forEach(([title, meta, body], i) => old.prepare('INSERT INTO documents_fts (rowid, title, meta, body) VALUES (?,?,?,?)').run(i + 1, title, meta, body));
    expect(old.pragma('user_version', { simple: true })).toBe(newest);
    old.close();
    const { db, migration } = openDatabase(file);
    try {
      expect(migration!.applied.map((m) => m.name)).toEqual(['search_terms']);
      expect(fs.existsSync(migration!.backupFile!)).toBe(true);
      expect(db.pragma('user_version', { simple: true })).toBe(newest);
      const count = (term: string) => (db.prepare('SELECT docs FROM search_terms WHERE term = ?').get(term) as { docs: number } | undefined)?.docs;
      expect([count('ke'), count('hoach'), count('hoc'), count('bo'), count('xyz')]).toEqual([2, 2, 2, 1, undefined]);
    } finally {
      db.close();
    }
    // Opened again: nothing left to apply.
    const again = openDatabase(file);
    expect(again.migration!.applied).toEqual([]);
    again.db.close();
  });

  it('refuses a store written by a newer Hồ Sơ Ký, in Vietnamese, without touching it', () => {
    const file = fresh();
    openDatabase(file).db.close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${newest + 5}`);
    raw.close();
    const before = fs.readFileSync(file);
    try {
      openDatabase(file);
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).code).toBe('RECORDS_DB_TOO_NEW');
      expect((e as AppError).messageVi).toContain('phiên bản Hồ Sơ Ký mới hơn');
    }
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('rolls a failing migration back whole and leaves the version where it was', () => {
    const file = fresh();
    const broken = { version: 2, name: 'broken', up: (db: Database.Database) => { db.exec('CREATE TABLE half_done (x)'); throw new Error('boom'); } };
    expect(() => openDatabase(file, { migrations: [sorted[0]!, broken] })).toThrow('boom');
    const db = new Database(file);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    db.close();
  });
});
