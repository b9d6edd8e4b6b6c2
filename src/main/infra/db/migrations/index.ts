import type Database from 'better-sqlite3';
import { m0001_records } from './0001_records';
import { m0002_record_counts } from './0002_record_counts';
import { m0003_search_terms } from './0003_search_terms';
import { m0010_staff_details } from './0010_staff_details';
import { m0020_ltv_queue } from './0020_ltv_queue';

/** One schema step. Version ranges per area: records 1–9, staff/forms/report 10–19, ltv 20–29, settings 30–39. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
  /**
   * Set on a migration numbered below versions already shipped (each area has its own range, so a
   * store can be at 20 before records' 3 exists): whether this store already has it. Without it, a
   * migration at or below the store's version counts as applied.
   */
  isApplied?(db: Database.Database): boolean;
}

export const migrations: Migration[] = [
  m0001_records,
  m0002_record_counts,
  m0003_search_terms,
  m0010_staff_details,
  m0020_ltv_queue,
];
