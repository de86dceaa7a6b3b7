/**
 * Orders read by our own reader, staged as the typed table the SQL query expects, in DuckDB; and the
 * query's rows written as `segmento scores` writes its CSV. Used by `segmento sql --run` and by the
 * proof in test/warehouse/. DuckDB is a native module the bundle cannot hold: it is loaded only
 * here, when asked for (`loadDuckDB`), and its types only are imported.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { ColumnMapping } from '../core/columns';
import { readOrdersFrom, type OrderBook } from '../core/orders';
import type { RowSource } from '../core/rows';
import { customerId, decimalOfThousandths } from '../core/values';
import { SCORE_COLUMNS, type SqlOrdersTable } from '../warehouse/compile-sql';
import { csvField } from './csv-field';
import { CliError } from './messages';

export type DuckDBModule = typeof import('@duckdb/node-api');

/** The DuckDB engine (`@duckdb/node-api`), or a `CliError` saying what to install. */
export async function loadDuckDB(): Promise<DuckDBModule> {
  try {
    return await import('@duckdb/node-api');
  } catch (error) {
    throw new CliError('dependency', 'sql.noDuckdb', { detail: (error as Error).message.split('\n')[0] });
  }
}

/**
 * Every readable line of the rows, as src/core reads it: the rows read a second time with the
 * order-id cells left empty, so that each line is an order of its own (its day and amount are the
 * line's), the lines whose order id another customer used included (the query leaves them out).
 * The line's order id and extra cells are read from `source` as they are appended.
 */
export interface TypedLines {
  lines: OrderBook;
  source: RowSource;
  /** The order-id column, or -1. */
  orderColumn: number;
  /** The extra columns (`book.columns.attributes`). */
  attributes: readonly number[];
}

export function typedLines(book: OrderBook, source: RowSource, locale: string): TypedLines {
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
  const blanked: RowSource =
    orderColumn < 0
      ? source
      : {
          rowCount: source.rowCount,
          width: source.width,
          cell: (row, column) => (column === orderColumn && row >= first ? '' : source.cell(row, column)),
        };
  return {
    lines: readOrdersFrom(blanked, { locale, mapping }),
    source,
    orderColumn,
    attributes: columns.attributes,
  };
}

/** A DuckDB identifier: `"` doubled inside double quotes. */
const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The lines as table `name` (quoted by the caller): line, customer, order_id, order_date, amount
 * (DECIMAL(18, 3)), then one text column per extra column, named by `attributes` (quoted here).
 */
export async function loadLines(
  connection: DuckDBConnection,
  name: string,
  typed: TypedLines,
  attributes: readonly string[] = [],
): Promise<void> {
  const columns = attributes.map(quoted);
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE staged_lines (line BIGINT, customer VARCHAR, order_id VARCHAR, order_day INTEGER, amount_th BIGINT${columns.map((column) => `, ${column} VARCHAR`).join('')})`,
  );
  const appender = await connection.createAppender('staged_lines');
  const { lines, source, orderColumn } = typed;
  const extra = typed.attributes.slice(0, attributes.length);
  for (let line = 0; line < lines.lineCount; line++) {
    const order = lines.lineOrder[line];
    const row = lines.lineRow[line];
    const orderId = orderColumn < 0 ? '' : customerId(source.cell(row, orderColumn));
    appender.appendBigInt(BigInt(row));
    appender.appendVarchar(lines.customerIds[lines.orderCustomer[order]]);
    if (orderId === '') appender.appendNull();
    else appender.appendVarchar(orderId);
    appender.appendInteger(lines.orderDay[order]);
    appender.appendBigInt(BigInt(lines.orderAmount[order]));
    for (const column of extra) appender.appendVarchar(String(source.cell(row, column) ?? ''));
    appender.endRow();
  }
  appender.closeSync();
  await connection.run(
    `CREATE OR REPLACE TABLE ${name} AS SELECT line, customer, order_id, DATE '1970-01-01' + order_day AS order_date,
       CAST(CAST(amount_th AS DECIMAL(18, 0)) * CAST(0.001 AS DECIMAL(4, 3)) AS DECIMAL(18, 3)) AS amount${columns.map((column) => `, ${column}`).join('')}
     FROM staged_lines`,
  );
  await connection.run('DROP TABLE staged_lines');
}

/**
 * The table `loadLines` makes, as the query reads it: the extra columns staged as `column_1`… and
 * found by their headers (the first column of a header, as src/core reads a sheet).
 */
export function stagedOrders(table: string, headers: readonly string[]): SqlOrdersTable {
  const attributes: Record<string, string> = {};
  headers.forEach((header, k) => {
    if (!(header in attributes)) attributes[header] = stagedColumn(k);
  });
  return {
    table: [table],
    customer: 'customer',
    orderId: 'order_id',
    date: 'order_date',
    amount: 'amount',
    line: 'line',
    attributes,
  };
}

/** The staged name of the k-th extra column (from 0). */
export const stagedColumn = (k: number) => `column_${k + 1}`;

/** The header of `segmento scores`' CSV, once the query's columns are checked to be its columns. */
export function scoresHeader(columnNames: string[]): string {
  if (columnNames.join(',') !== SCORE_COLUMNS.join(','))
    throw new Error(`Unexpected columns: ${columnNames.join(',')}`);
  return `${SCORE_COLUMNS.join(',')}\n`;
}

/**
 * Rows of the query as `segmento scores` writes them: the same field functions, money from its
 * exact decimal (3 decimals), a text cell guarded against formulas unless `raw`.
 */
export function csvLines(
  duckdb: DuckDBModule,
  columnNames: string[],
  rows: DuckDBValue[][],
  { raw = false }: { raw?: boolean } = {},
): string {
  const field = (value: DuckDBValue, column: string): string => {
    if (value instanceof duckdb.DuckDBDecimalValue) {
      if (value.scale !== 3) throw new Error(`Unexpected scale ${value.scale} in ${column}`);
      return decimalOfThousandths(Number(value.value));
    }
    if (column === 'customer' || column === 'segment') return csvField(String(value), raw);
    return String(value);
  };
  return rows
    .map((row) => `${row.map((value, index) => field(value, columnNames[index])).join(',')}\n`)
    .join('');
}
