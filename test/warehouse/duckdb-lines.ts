/**
 * The typed orders table the SQL proof runs on, made by our own reader: one row per readable line
 * (customer text, order id text or null, date DATE, amount DECIMAL(18, 3), line = its source row),
 * loaded into DuckDB; and the query's rows written as `segmento scores` writes its CSV.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import {
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBInstance,
  type DuckDBConnection,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { ColumnMapping } from '../../src/core/columns';
import { readOrders, type OrderBook } from '../../src/core/orders';
import { customerId, decimalOfThousandths, type Cell } from '../../src/core/values';
import { csvField } from '../../src/local/csv-field';
import { SCORE_COLUMNS } from '../../src/warehouse/compile-sql';

export interface TypedLine {
  line: number;
  customer: string;
  orderId: string | null;
  day: number;
  thousandths: number;
  /** The cells of the extra columns (`book.columns.attributes`), as text. */
  attributes: string[];
}

/**
 * Every readable line of the rows, as src/core reads it: the rows are read a second time with the
 * order-id cells left empty, so that each line is an order of its own (its day and amount are the
 * line's), the lines whose order id another customer used included (the query leaves them out).
 */
export function typedLines(book: OrderBook, rows: Cell[][], locale: string): TypedLine[] {
  const { columns } = book;
  const orderColumn = columns.orderId;
  const mapping: ColumnMapping = {
    customer: columns.customer,
    date: columns.date,
    hasHeader: columns.hasHeader,
    ...(columns.amount >= 0
      ? { amount: columns.amount }
      : { quantity: columns.quantity, unitPrice: columns.unitPrice }),
    ...(orderColumn >= 0 ? { orderId: orderColumn } : {}),
  };
  const first = columns.hasHeader ? 1 : 0;
  const blanked =
    orderColumn < 0
      ? rows
      : rows.map((row, index) =>
          index < first ? row : row.map((cell, column) => (column === orderColumn ? '' : cell)),
        );
  const lines = readOrders(blanked, { locale, mapping });
  const typed: TypedLine[] = [];
  for (let line = 0; line < lines.lineCount; line++) {
    const order = lines.lineOrder[line];
    const row = lines.lineRow[line];
    const orderId = orderColumn < 0 ? '' : customerId(rows[row][orderColumn]);
    typed.push({
      line: row,
      customer: lines.customerIds[lines.orderCustomer[order]],
      orderId: orderId === '' ? null : orderId,
      day: lines.orderDay[order],
      thousandths: lines.orderAmount[order],
      attributes: columns.attributes.map((column) => String(rows[row][column] ?? '')),
    });
  }
  return typed;
}

/**
 * The lines as table `name` (quoted by the caller): line, customer, order_id, order_date, amount,
 * then one text column per extra column, named by `attributes` (quoted here).
 */
export async function loadLines(
  connection: DuckDBConnection,
  name: string,
  lines: TypedLine[],
  attributes: readonly string[] = [],
): Promise<void> {
  const quoted = attributes.map((attribute) => `"${attribute.replace(/"/g, '""')}"`);
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE staged_lines (line BIGINT, customer VARCHAR, order_id VARCHAR, order_date DATE, amount_th BIGINT${quoted.map((column) => `, ${column} VARCHAR`).join('')})`,
  );
  const appender = await connection.createAppender('staged_lines');
  for (const line of lines) {
    appender.appendBigInt(BigInt(line.line));
    appender.appendVarchar(line.customer);
    if (line.orderId === null) appender.appendNull();
    else appender.appendVarchar(line.orderId);
    appender.appendDate(new DuckDBDateValue(line.day));
    appender.appendBigInt(BigInt(line.thousandths));
    for (let k = 0; k < attributes.length; k++) appender.appendVarchar(line.attributes[k]);
    appender.endRow();
  }
  appender.closeSync();
  await connection.run(
    `CREATE OR REPLACE TABLE ${name} AS SELECT line, customer, order_id, order_date,
       CAST(CAST(amount_th AS DECIMAL(18, 0)) * CAST(0.001 AS DECIMAL(4, 3)) AS DECIMAL(18, 3)) AS amount${quoted.map((column) => `, ${column}`).join('')}
     FROM staged_lines`,
  );
}

/** Rows of the query as `segmento scores` writes them: the same field functions, same header. */
export function csvOfRows(columnNames: string[], rows: DuckDBValue[][]): string {
  expect(columnNames).toEqual([...SCORE_COLUMNS]);
  const field = (value: DuckDBValue, column: string): string => {
    if (value instanceof DuckDBDecimalValue) {
      expect(value.scale).toBe(3);
      return decimalOfThousandths(Number(value.value));
    }
    if (column === 'customer' || column === 'segment') return csvField(String(value));
    return String(value);
  };
  const lines = rows.map((row) => row.map((value, index) => field(value, columnNames[index])).join(','));
  return `${SCORE_COLUMNS.join(',')}\n${lines.map((line) => `${line}\n`).join('')}`;
}

export async function runSql(connection: DuckDBConnection, sql: string): Promise<string> {
  const reader = await connection.runAndReadAll(sql);
  return csvOfRows(reader.columnNames(), reader.getRows());
}

/** An in-memory DuckDB for a test file: opened before its tests, closed after; `db.connection` in between. */
export function duckdbForSuite(): { readonly connection: DuckDBConnection } {
  let instance: DuckDBInstance | undefined;
  const db = {} as { connection: DuckDBConnection };
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    db.connection = await instance.connect();
  });
  afterAll(() => {
    db.connection?.closeSync();
    instance?.closeSync();
  });
  return db;
}
