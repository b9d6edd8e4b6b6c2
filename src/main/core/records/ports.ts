/**
 * What the record store needs from the outside, implemented in infra/: a SQL database (better-sqlite3
 * satisfies this shape) and the content-addressed file store.
 */
export interface SqlStatement {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

export interface SqlDb {
  prepare(sql: string): SqlStatement;
  exec(sql: string): unknown;
  /** Wraps `fn` so that calling the result runs it in one transaction (BEGIN … COMMIT, ROLLBACK on throw). */
  transaction<T>(fn: () => T): () => T;
}

export interface StoredBlob {
  sha256: string;
  size: number;
}

export interface BlobStore {
  pathOf(sha256: string): string;
  has(sha256: string): boolean;
  putBytes(bytes: Uint8Array, opts?: { deferDirSync?: boolean }): Promise<StoredBlob>;
  /** Makes deferred writes durable; must run before a transaction that names those files commits. */
  syncDirs(): Promise<void>;
  putFile(source: string): Promise<StoredBlob>;
  read(sha256: string): Promise<Buffer>;
  check(sha256: string): Promise<'ok' | 'missing' | 'altered'>;
}
