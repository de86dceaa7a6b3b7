/**
 * Reading order rows into orders (DESIGN.md §2): ignore empty rows, reject unreadable rows with
 * their row number, group lines into orders by order id. Columnar, one pass, nothing quadratic.
 */
import { detectColumns, type ColumnMapping, type Columns } from './columns';
import { dayInZone } from './days';
import { langOf, t, type Lang } from './labels';
import {
  customerId,
  isEmptyCell,
  localeFormat,
  parseDay,
  parseMoney,
  parseNumber,
  toThousandths,
  type Cell,
} from './values';

export interface ReadOptions {
  /** Spreadsheet locale, e.g. `fr_FR`: how text dates and amounts are read, and the language. */
  locale?: string;
  /** Spreadsheet time zone, e.g. `Europe/Paris`: the calendar day of a `Date` value. */
  timeZone?: string;
  mapping?: ColumnMapping;
  /** Sheet row number of the first row of the range (1 for `A:D`). */
  firstRowNumber?: number;
}

export type RejectReason = 'noCustomer' | 'badDate' | 'badAmount' | 'orderOfOtherCustomer';

export interface RejectedRow {
  /** Sheet row number. */
  row: number;
  reason: RejectReason;
  /** The offending value as text, or for a reused order id the order and its first customer. */
  value: string;
  owner?: string;
}

/** Orders read from a range, columnar. Money is in integer thousandths; days are day numbers. */
export interface OrderBook {
  columns: Columns;
  /** The source values, never modified (attributes are read from them). */
  rows: Cell[][];
  firstRowNumber: number;
  customerIds: string[];
  orderCount: number;
  orderCustomer: Int32Array;
  /** Earliest line's day. */
  orderDay: Int32Array;
  /** Net amount: the sum of the order's lines. */
  orderAmount: Float64Array;
  lineCount: number;
  /** Index in `rows` of each used line. */
  lineRow: Int32Array;
  lineOrder: Int32Array;
  emptyRows: number;
  rejected: RejectedRow[];
}

/** Read a range as Sheets gives it. Throws a UserError only when a needed column is missing. */
export function readOrders(rows: Cell[][], options: ReadOptions = {}): OrderBook {
  const lang = langOf(options.locale);
  const format = localeFormat(options.locale ?? 'en_US');
  const dayOf = dayInZone(options.timeZone);
  const width = rows.reduce((max, row) => Math.max(max, row.length), 0);
  const columns = detectColumns(rows[0] ?? [], width, lang, options.mapping);
  const firstRowNumber = options.firstRowNumber ?? 1;
  const start = columns.hasHeader ? 1 : 0;
  const capacity = Math.max(rows.length - start, 0);

  const customerIndex = new Map<string, number>();
  const customerIds: string[] = [];
  const orderIndex = new Map<string, number>();
  const orderCustomer = new Int32Array(capacity);
  const orderDay = new Int32Array(capacity);
  const orderAmount = new Float64Array(capacity);
  const lineRow = new Int32Array(capacity);
  const lineOrder = new Int32Array(capacity);
  const rejected: RejectedRow[] = [];
  let orderCount = 0;
  let lineCount = 0;
  let emptyRows = 0;
  const { customer: customerColumn, date: dateColumn, amount: amountColumn, orderId: orderColumn } = columns;

  for (let index = start; index < rows.length; index++) {
    const row = rows[index];
    const rowNumber = firstRowNumber + index;
    const customer = customerId(row[customerColumn]);
    if (customer === '') {
      if (row.every(isEmptyCell)) emptyRows++;
      else rejected.push({ row: rowNumber, reason: 'noCustomer', value: '' });
      continue;
    }
    const day = parseDay(row[dateColumn], format, dayOf);
    if (day === null) {
      rejected.push({ row: rowNumber, reason: 'badDate', value: cellText(row[dateColumn]) });
      continue;
    }
    const amount =
      amountColumn >= 0 ? parseMoney(row[amountColumn], format) : lineAmount(row, columns, format);
    if (typeof amount === 'string') {
      rejected.push({ row: rowNumber, reason: 'badAmount', value: amount });
      continue;
    }
    if (amount === null) {
      rejected.push({ row: rowNumber, reason: 'badAmount', value: cellText(row[amountColumn]) });
      continue;
    }
    let customerNumber = customerIndex.get(customer);
    if (customerNumber === undefined) {
      customerNumber = customerIds.length;
      customerIndex.set(customer, customerNumber);
      customerIds.push(customer);
    }
    const orderKey = orderColumn >= 0 ? customerId(row[orderColumn]) : '';
    let order = orderKey === '' ? undefined : orderIndex.get(orderKey);
    if (order === undefined) {
      order = orderCount++;
      if (orderKey !== '') orderIndex.set(orderKey, order);
      orderCustomer[order] = customerNumber;
      orderDay[order] = day;
      orderAmount[order] = amount;
    } else if (orderCustomer[order] !== customerNumber) {
      rejected.push({
        row: rowNumber,
        reason: 'orderOfOtherCustomer',
        value: orderKey,
        owner: customerIds[orderCustomer[order]],
      });
      continue;
    } else {
      orderAmount[order] += amount;
      if (day < orderDay[order]) orderDay[order] = day;
    }
    lineRow[lineCount] = index;
    lineOrder[lineCount] = order;
    lineCount++;
  }

  return {
    columns,
    rows,
    firstRowNumber,
    customerIds,
    orderCount,
    orderCustomer: orderCustomer.subarray(0, orderCount),
    orderDay: orderDay.subarray(0, orderCount),
    orderAmount: orderAmount.subarray(0, orderCount),
    lineCount,
    lineRow: lineRow.subarray(0, lineCount),
    lineOrder: lineOrder.subarray(0, lineCount),
    emptyRows,
    rejected,
  };
}

/** Quantity × unit price in thousandths, or the unreadable cell's text. */
function lineAmount(row: Cell[], columns: Columns, format: ReturnType<typeof localeFormat>): number | string {
  const quantity = parseNumber(row[columns.quantity], format);
  if (quantity === null) return cellText(row[columns.quantity]);
  const unitPrice = parseMoney(row[columns.unitPrice], format);
  if (unitPrice === null) return cellText(row[columns.unitPrice]);
  return Number.isInteger(quantity) ? quantity * unitPrice : toThousandths((quantity * unitPrice) / 1000);
}

function cellText(cell: Cell): string {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? 'Invalid Date' : cell.toISOString();
  return cell === null || cell === undefined ? '' : String(cell);
}

/** Why a row was rejected, in the user's language. */
export function rejectMessage(reject: RejectedRow, lang: Lang): string {
  return t(lang, `reject.${reject.reason}`, {
    value: reject.value,
    order: reject.value,
    owner: reject.owner ?? '',
  });
}
