/**
 * Per-customer figures (see src/core/README.md, "Metrics"), columnar: index i of every array is the
 * same customer. Money is in integer thousandths, days are day numbers.
 */
import { normalizeHeader } from './columns';
import type { OrderBook } from './orders';
import { isoDayOf } from './days';
import { isEmptyCell, type Cell } from './values';
import { largeArray } from './large-arrays';

/** An attribute's value for a customer: a cell as read, a date already turned into its ISO day. */
export type AttributeValue = Exclude<Cell, Date>;

export interface CustomerMetrics {
  /** The analysis date: orders after it are left out. */
  asOfDay: number;
  /** Customers with at least one purchase up to the analysis date: the ones that get scores. */
  count: number;
  ids: string[];
  /** Each one's index in the book's `customerIds` (and `orderCustomer`): `ids[i]` is `customerIds[customers[i]]`. */
  customers: Int32Array;
  /** Calendar days from the last purchase to the analysis date. */
  recencyDays: Int32Array;
  /** Purchases: orders whose net amount is zero or more. */
  frequency: Int32Array;
  /** Net spend: every order's amount, refunds included. */
  monetary: Float64Array;
  /** Spend of purchases only (refunds excluded): the numerator of the average basket. */
  purchaseSpend: Float64Array;
  firstPurchase: Int32Array;
  lastPurchase: Int32Array;
  /**
   * Extra columns that describe the customer (see `describesCustomers`) or that a rule names: for
   * each customer, the latest non-empty value ('' when none).
   */
  attributes: { name: string; values: AttributeValue[] }[];
  /** Extra columns left out: their value changes from one of a customer's lines to the next (a product, a quantity). */
  lineColumns: string[];
  /** Orders dated after the analysis date, left out of this analysis. */
  ordersAfterAsOf: number;
  /** Customers whose orders up to the analysis date are only refunds: they have no score. */
  refundOnlyCustomers: number;
}

/** Average basket in thousandths: spend of purchases / number of purchases. */
export function averageBasket(metrics: CustomerMetrics, index: number): number {
  return metrics.purchaseSpend[index] / metrics.frequency[index];
}

/** Tenure in days: from the first purchase to the analysis date. */
export function tenureDays(metrics: CustomerMetrics, index: number): number {
  return metrics.asOfDay - metrics.firstPurchase[index];
}

/** Default analysis date: the latest order date in the data, refunds included; null when no order. */
export function latestOrderDay(book: OrderBook): number | null {
  let latest: number | null = null;
  for (let order = 0; order < book.orderCount; order++) {
    if (latest === null || book.orderDay[order] > latest) latest = book.orderDay[order];
  }
  return latest;
}

/** Which extra columns become customer attributes: those that describe customers, or only those named. */
export type AttributeColumns = 'all' | 'named';

/**
 * The per-customer figures at the analysis date. `keptColumns` names extra columns to keep as
 * attributes whatever their values (the ones segment rules test); the other extra columns are kept
 * when they describe customers (`attributes: 'all'`, for the tabs that show them), or not at all
 * (`'named'`: an output that shows none).
 */
export function computeMetrics(
  book: OrderBook,
  asOfDay: number,
  keptColumns: readonly string[] = [],
  attributes: AttributeColumns = 'all',
): CustomerMetrics {
  const all = book.customerIds.length;
  const frequency = largeArray(Int32Array, all);
  const monetary = largeArray(Float64Array, all);
  const purchaseSpend = largeArray(Float64Array, all);
  const firstPurchase = largeArray(Int32Array, all).fill(2 ** 31 - 1);
  const lastPurchase = largeArray(Int32Array, all).fill(-(2 ** 31));
  const hasOrder = largeArray(Uint8Array, all);
  let ordersAfterAsOf = 0;
  for (let order = 0; order < book.orderCount; order++) {
    const day = book.orderDay[order];
    if (day > asOfDay) {
      ordersAfterAsOf++;
      continue;
    }
    const customer = book.orderCustomer[order];
    const amount = book.orderAmount[order];
    hasOrder[customer] = 1;
    monetary[customer] += amount;
    if (amount < 0) continue;
    frequency[customer]++;
    purchaseSpend[customer] += amount;
    if (day < firstPurchase[customer]) firstPurchase[customer] = day;
    if (day > lastPurchase[customer]) lastPurchase[customer] = day;
  }

  // Keep customers with a purchase, in order of first appearance. Their figures move down to
  // their new index in place (never above the old one), so no array is copied.
  const keep = largeArray(Int32Array, all);
  const customers = largeArray(Int32Array, all);
  const recencyDays = largeArray(Int32Array, all);
  let count = 0;
  let refundOnlyCustomers = 0;
  for (let customer = 0; customer < all; customer++) {
    if (frequency[customer] === 0) {
      keep[customer] = -1;
      if (hasOrder[customer]) refundOnlyCustomers++;
      continue;
    }
    const kept = count++;
    keep[customer] = kept;
    customers[kept] = customer;
    recencyDays[kept] = asOfDay - lastPurchase[customer];
    if (kept === customer) continue;
    frequency[kept] = frequency[customer];
    monetary[kept] = monetary[customer];
    purchaseSpend[kept] = purchaseSpend[customer];
    firstPurchase[kept] = firstPurchase[customer];
    lastPurchase[kept] = lastPurchase[customer];
  }
  // Made at their length (an array grown by pushes is copied each time it fills).
  const ids = count === all ? book.customerIds.slice() : new Array<string>(count);
  if (count < all) for (let i = 0; i < count; i++) ids[i] = book.customerIds[customers[i]];

  return {
    asOfDay,
    count,
    ids,
    customers: customers.subarray(0, count),
    recencyDays: recencyDays.subarray(0, count),
    frequency: frequency.subarray(0, count),
    monetary: monetary.subarray(0, count),
    purchaseSpend: purchaseSpend.subarray(0, count),
    firstPurchase: firstPurchase.subarray(0, count),
    lastPurchase: lastPurchase.subarray(0, count),
    ...customerAttributes(book, asOfDay, keep, count, keptColumns, attributes),
    ordersAfterAsOf,
    refundOnlyCustomers,
  };
}

/** Share of customers with two values or more whose values all agree, from which a column describes customers. */
const CUSTOMER_COLUMN_SHARE = 0.9;

/** Two cells hold the same value (dates by their instant). */
function sameValue(a: Cell, b: Cell): boolean {
  return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
}

/**
 * Whether an extra column describes the customer rather than the order line: among the customers
 * with at least two non-empty values on their lines up to the analysis date, at least 90 % have
 * one value throughout (an e-mail, a name, a city, a channel; a product code or a quantity changes
 * from line to line). A column no customer has two values in is kept: nothing says otherwise.
 */
function describesCustomers(
  book: OrderBook,
  asOfDay: number,
  keep: Int32Array,
  count: number,
  column: number,
): boolean {
  const { source, lineRow, lineOrder, orderCustomer, orderDay } = book;
  const first: Cell[] = new Array(count);
  const values = largeArray(Int32Array, count);
  const varies = largeArray(Uint8Array, count);
  for (let line = 0; line < book.lineCount; line++) {
    const order = lineOrder[line];
    const customer = keep[orderCustomer[order]];
    if (customer < 0 || orderDay[order] > asOfDay) continue;
    const value = source.cell(lineRow[line], column);
    if (isEmptyCell(value)) continue;
    if (values[customer]++ === 0) first[customer] = value;
    else if (!varies[customer] && !sameValue(first[customer], value)) varies[customer] = 1;
  }
  let several = 0;
  let agreeing = 0;
  for (let customer = 0; customer < count; customer++) {
    if (values[customer] < 2) continue;
    several++;
    if (!varies[customer]) agreeing++;
  }
  return several === 0 || agreeing >= CUSTOMER_COLUMN_SHARE * several;
}

/** The extra columns kept as attributes (with their values) and the ones left out as line details. */
function customerAttributes(
  book: OrderBook,
  asOfDay: number,
  keep: Int32Array,
  count: number,
  keptColumns: readonly string[],
  attributes: AttributeColumns,
): Pick<CustomerMetrics, 'attributes' | 'lineColumns'> {
  const named = new Set(keptColumns.map(normalizeHeader));
  const kept: number[] = [];
  const lineColumns: string[] = [];
  for (const column of book.columns.attributes) {
    const name = book.columns.headers[column];
    if (
      named.has(normalizeHeader(name)) ||
      (attributes === 'all' && describesCustomers(book, asOfDay, keep, count, column))
    )
      kept.push(column);
    else lineColumns.push(name);
  }
  return { attributes: latestAttributes(book, asOfDay, keep, count, kept), lineColumns };
}

/**
 * For each extra column, each kept customer's value on their latest line up to the analysis date
 * (a date as its ISO day in the spreadsheet's time zone, never a Date):
 * the non-empty value of the line with the latest order date, the last such line on a tie. Lines
 * are visited from the last, so a line is only read when its date is later than the best found.
 */
function latestAttributes(
  book: OrderBook,
  asOfDay: number,
  keep: Int32Array,
  count: number,
  columns: readonly number[],
) {
  const { source, lineRow, lineOrder, orderCustomer, orderDay } = book;
  return columns.map((column) => {
    const values: AttributeValue[] = new Array(count).fill('');
    const bestDay = largeArray(Int32Array, count).fill(-(2 ** 31));
    for (let line = book.lineCount - 1; line >= 0; line--) {
      const order = lineOrder[line];
      const customer = keep[orderCustomer[order]];
      const day = orderDay[order];
      if (customer < 0 || day > asOfDay || day <= bestDay[customer]) continue;
      const value = source.cell(lineRow[line], column);
      if (isEmptyCell(value)) continue;
      bestDay[customer] = day;
      values[customer] = value instanceof Date ? isoDayOf(value, book.dayOf) : value;
    }
    return { name: book.columns.headers[column], values };
  });
}
