/**
 * Which table and columns the query reads (`SqlOrdersTable`), from what a person knows: the column
 * names typed on the command line, or the headers of the sheet the sidebar reads (a sheet exported
 * as CSV and loaded into BigQuery keeps its headers as column names).
 */
import type { Columns } from '../core/columns';
import { ruleAttributes, type SegmentSet } from '../core/segments';
import type { SqlOrdersTable } from './compile-sql';

/** The roles the query reads by column name; `line` is the source row number (optional). */
export const SQL_ROLES = ['customer', 'date', 'amount', 'orderId', 'line'] as const;
export type SqlRole = (typeof SQL_ROLES)[number];
export type SqlColumnNames = Partial<Record<SqlRole, string>>;

/** The column names of a role not named: those the README asks a loaded orders table to have. */
export const DEFAULT_COLUMN_NAMES = { customer: 'customer', date: 'order_date', amount: 'amount' } as const;

/** The table path the sidebar shows, to be replaced by the team's own. */
export const EXAMPLE_TABLE = ['project', 'dataset', 'orders'] as const;

/**
 * The table at `table` with the columns named (the defaults for customer, date and amount; no
 * order id or line unless named); each column an attribute condition names is read from the
 * column of that name.
 */
export function namedOrdersTable(
  table: readonly string[],
  names: SqlColumnNames,
  segments: SegmentSet,
): SqlOrdersTable {
  const { orderId, line } = names;
  return {
    table,
    customer: names.customer ?? DEFAULT_COLUMN_NAMES.customer,
    date: names.date ?? DEFAULT_COLUMN_NAMES.date,
    amount: names.amount ?? DEFAULT_COLUMN_NAMES.amount,
    ...(orderId === undefined ? {} : { orderId }),
    ...(line === undefined ? {} : { line }),
    attributes: Object.fromEntries(ruleAttributes(segments).map((attribute) => [attribute, attribute])),
  };
}

/**
 * The table at `table` as loaded from a sheet with these columns: each role's column and each
 * extra column named by its header. Without headers (or without the sheet), and for an amount made
 * of quantity × unit price, the default names.
 */
export function sheetOrdersTable(
  table: readonly string[],
  columns: Columns | null,
  segments: SegmentSet,
): SqlOrdersTable {
  if (columns === null || !columns.hasHeader) return namedOrdersTable(table, {}, segments);
  const header = (column: number) => (column >= 0 ? columns.headers[column] : undefined);
  const attributes = Object.fromEntries(
    columns.attributes.map((column) => [columns.headers[column], columns.headers[column]]),
  );
  return {
    ...namedOrdersTable(
      table,
      {
        customer: header(columns.customer),
        date: header(columns.date),
        amount: header(columns.amount),
        orderId: header(columns.orderId),
      },
      segments,
    ),
    attributes,
  };
}
