/**
 * The proof's DuckDB: an in-memory database per test file, and the query's rows as `segmento
 * scores` writes its CSV. The typed orders table is made by our own reader, as `segmento sql --run`
 * makes it (src/local/duckdb-orders.ts).
 */
import { afterAll, beforeAll } from 'vitest';
import * as duckdb from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { csvLines, scoresHeader } from '../../src/local/duckdb-orders';

export async function runSql(connection: DuckDBConnection, sql: string): Promise<string> {
  const reader = await connection.runAndReadAll(sql);
  const names = reader.columnNames();
  return scoresHeader(names) + csvLines(duckdb, names, reader.getRows());
}

/** An in-memory DuckDB for a test file: opened before its tests, closed after; `db.connection` in between. */
export function duckdbForSuite(): { readonly connection: DuckDBConnection } {
  let instance: duckdb.DuckDBInstance | undefined;
  const db = {} as { connection: DuckDBConnection };
  beforeAll(async () => {
    instance = await duckdb.DuckDBInstance.create(':memory:');
    db.connection = await instance.connect();
  });
  afterAll(() => {
    db.connection?.closeSync();
    instance?.closeSync();
  });
  return db;
}
