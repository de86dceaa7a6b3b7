/**
 * Reading order rows into orders (see src/core/README.md, "Reading rows"): ignore empty rows,
 * reject unreadable rows with their row number, group lines into orders by order id. Columnar, one
 * pass, nothing quadratic.
 */
import { detectColumns, type ColumnMapping, type Columns } from './columns';
import { dayInZone, type DayOf } from './days';
import { langOf, t, UserError, type Lang } from './labels';
import { CellRows, rowCells, type RowSource } from './rows';
import { OrderIds } from './order-ids';
import { TextNumbers } from './text-numbers';
import {
  cellText,
  customerId,
  dayFirstEvidence,
  exactThousandths,
  isEmptyCell,
  localeFormat,
  numericDateParts,
  parseDay,
  parseMoney,
  parseNumber,
  toThousandths,
  type Cell,
  type DateOrder,
  type LocaleFormat,
} from './values';
import { largeArray } from './large-arrays';

/** Rows after the first whose values tell the roles of columns no header names. */
const INFERENCE_ROWS = 200;

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
  /** The source rows, never modified (attributes are read from them). */
  source: RowSource;
  firstRowNumber: number;
  customerIds: string[];
  orderCount: number;
  orderCustomer: Int32Array;
  /** Earliest line's day. */
  orderDay: Int32Array;
  /** Net amount: the sum of the order's lines. */
  orderAmount: Float64Array;
  lineCount: number;
  /** Row index in `source` of each used line. */
  lineRow: Int32Array;
  lineOrder: Int32Array;
  emptyRows: number;
  rejected: RejectedRow[];
  /** The calendar day of a Date cell in the spreadsheet's time zone (attributes that are dates). */
  dayOf: DayOf;
  /**
   * The order in which the date column's numeric dates (`05/06/2024`) were read, and what decided
   * it, with the sheet row of the value that did; null when the column has none.
   */
  dateOrder: DateOrder | null;
}

/** Read a range as Sheets gives it. Throws a UserError only when a needed column is missing. */
export function readOrders(rows: Cell[][], options: ReadOptions = {}): OrderBook {
  return readOrdersFrom(new CellRows(rows), options);
}

/** Rows `orderColumns` reads: the first, then those after it whose values tell columns' roles. */
export const COLUMN_SAMPLE_ROWS = INFERENCE_ROWS + 1;

/**
 * The columns of the order rows, from the first row (a header, or not) and the values of the
 * `COLUMN_SAMPLE_ROWS` first rows. Throws a UserError only when a needed column is missing.
 */
export function orderColumns(source: RowSource, options: ReadOptions = {}): Columns {
  const { rowCount, width } = source;
  const sample = Array.from({ length: Math.max(Math.min(rowCount, COLUMN_SAMPLE_ROWS) - 1, 0) }, (_, index) =>
    rowCells(source, index + 1),
  );
  return detectColumns(
    rowCount > 0 ? rowCells(source, 0) : [],
    width,
    langOf(options.locale),
    options.mapping,
    {
      rows: sample,
      format: localeFormat(options.locale ?? 'en_US'),
    },
  );
}

/** The same, from any row source (a table file read by the command line). */
export function readOrdersFrom(source: RowSource, options: ReadOptions = {}): OrderBook {
  const lang = langOf(options.locale);
  const format = localeFormat(options.locale ?? 'en_US');
  const dayOf = dayInZone(options.timeZone);
  const columns = orderColumns(source, options);
  const firstRowNumber = options.firstRowNumber ?? 1;
  // Read with the locale's order of numeric dates until a date says otherwise; then once more
  // with the order that date decided (a date contradicting a decided order is an error).
  let read = readLines(source, columns, firstRowNumber, format, dayOf, lang, null);
  if (!('columns' in read)) read = readLines(source, columns, firstRowNumber, format, dayOf, lang, read);
  if (!('columns' in read)) throw new Error('the order of dates was decided twice');
  return read;
}

/**
 * Order lines as they are read, columnar: their customers numbered, each line added to its order
 * (by order id; a line without one is an order of its own). `readOrders` reads lines into it, and
 * so does a reader of a plain file's cells where they stand (src/local/plain-orders.ts).
 */
export class OrderLines {
  readonly customers: TextNumbers;
  private readonly orderIds: OrderIds;
  private readonly orderCustomer: Int32Array;
  private readonly orderDay: Int32Array;
  private readonly orderAmount: Float64Array;
  private readonly lineRow: Int32Array;
  private readonly lineOrder: Int32Array;
  private orderCount = 0;
  private lineCount = 0;
  // The lines of an order, and often the orders of a customer, follow one another: the previous
  // customer and order are not looked up again.
  private numberedCustomer = '';
  private numberedCustomerNumber = -1;
  private numberedOrderKey: string | number = '';
  private numberedOrder = -1;

  /** `capacity`: the most lines there may be; `orderIds`: whether lines have order ids. */
  constructor(capacity: number, orderIds: boolean) {
    this.customers = new TextNumbers(true, capacity);
    this.orderIds = new OrderIds(orderIds ? capacity : 0);
    this.orderCustomer = largeArray(Int32Array, capacity);
    this.orderDay = largeArray(Int32Array, capacity);
    this.orderAmount = largeArray(Float64Array, capacity);
    this.lineRow = largeArray(Int32Array, capacity);
    this.lineOrder = largeArray(Int32Array, capacity);
  }

  /** The number of a customer id (the next one for a new customer). */
  customerNumber(customer: string): number {
    if (customer !== this.numberedCustomer) {
      this.numberedCustomerNumber = this.customers.numberOf(customer);
      this.numberedCustomer = customer;
    }
    return this.numberedCustomerNumber;
  }

  /**
   * Adds the line of source row `row` to the order of `orderKey` ('' for an order of its own), and
   * returns -1; when that order is another customer's, adds nothing and returns that customer's
   * number.
   */
  add(row: number, customer: number, day: number, amount: number, orderKey: string | number): number {
    const order =
      orderKey === ''
        ? this.orderCount
        : orderKey === this.numberedOrderKey
          ? this.numberedOrder
          : this.orderIds.orderOf(orderKey, this.orderCount);
    if (order === this.orderCount) {
      this.orderCount++;
      this.orderCustomer[order] = customer;
      this.orderDay[order] = day;
      this.orderAmount[order] = amount;
    } else if (this.orderCustomer[order] !== customer) {
      return this.orderCustomer[order];
    } else {
      this.orderAmount[order] += amount;
      if (day < this.orderDay[order]) this.orderDay[order] = day;
    }
    this.numberedOrderKey = orderKey;
    this.numberedOrder = order;
    this.lineRow[this.lineCount] = row;
    this.lineOrder[this.lineCount++] = order;
    return -1;
  }

  /** The book of the lines added. */
  book(
    source: RowSource,
    columns: Columns,
    firstRowNumber: number,
    dayOf: DayOf,
    { emptyRows, rejected, dateOrder }: Pick<OrderBook, 'emptyRows' | 'rejected' | 'dateOrder'>,
  ): OrderBook {
    const { orderCount, lineCount } = this;
    return {
      columns,
      source,
      firstRowNumber,
      customerIds: this.customers.texts,
      orderCount,
      orderCustomer: this.orderCustomer.subarray(0, orderCount),
      orderDay: this.orderDay.subarray(0, orderCount),
      orderAmount: this.orderAmount.subarray(0, orderCount),
      lineCount,
      lineRow: this.lineRow.subarray(0, lineCount),
      lineOrder: this.lineOrder.subarray(0, lineCount),
      emptyRows,
      rejected,
      dayOf,
      dateOrder,
    };
  }
}

/**
 * The lines of the order rows read into orders, numeric dates in `decided` order, else the
 * locale's. Returns, instead of the orders, the order a date decided when it contradicts the
 * locale's (the caller reads again with it); a date that contradicts a decided order is an error.
 */
function readLines(
  source: RowSource,
  columns: Columns,
  firstRowNumber: number,
  format: LocaleFormat,
  dayOf: (date: Date) => number,
  lang: Lang,
  decided: DateOrder | null,
): OrderBook | DateOrder {
  const rowCount = source.rowCount;
  const start = columns.hasHeader ? 1 : 0;
  const dateFormat = { ...format, dayFirst: decided?.dayFirst ?? format.dayFirst, strictDateOrder: true };
  let dateOrder: DateOrder | null = decided;
  const lines = new OrderLines(Math.max(rowCount - start, 0), columns.orderId >= 0);
  const rejected: RejectedRow[] = [];
  let emptyRows = 0;
  const { customer: customerColumn, date: dateColumn, amount: amountColumn, orderId: orderColumn } = columns;
  // A cell equal to the previous row's is not read again.
  let previousCustomerCell: Cell = undefined;
  let previousCustomer = '';
  let previousDateCell: Cell = undefined;
  let previousDay: number | null = null;
  let previousOrderCell: Cell = undefined;
  let previousOrderKey = '';

  for (let index = start; index < rowCount; index++) {
    const rowNumber = firstRowNumber + index;
    const customerCell = source.cell(index, customerColumn);
    if (customerCell !== previousCustomerCell) {
      previousCustomerCell = customerCell;
      previousCustomer = customerId(customerCell, dayOf);
    }
    const customer = previousCustomer;
    if (customer === '') {
      if (isEmptyRow(source, index)) emptyRows++;
      else rejected.push({ row: rowNumber, reason: 'noCustomer', value: '' });
      continue;
    }
    // A date in digits alone read where it stands when the source can (it is never a numeric date
    // whose order is in question), else the cell, read again only when it changed.
    let day = source.digitsDayAt === undefined ? undefined : source.digitsDayAt(index, dateColumn);
    if (day === undefined) {
      const dateCell = source.cell(index, dateColumn);
      if (dateCell !== previousDateCell) {
        previousDateCell = dateCell;
        previousDay = parseDay(dateCell, dateFormat, dayOf);
        // Until a date has decided the order, and for a date unreadable in it, look at the parts.
        if (dateOrder === null || dateOrder.decidedBy === 'locale' || previousDay === null) {
          const parts = numericDateParts(dateCell);
          const evidence = parts === null ? null : dayFirstEvidence(parts);
          if (parts !== null) dateOrder ??= { dayFirst: dateFormat.dayFirst, decidedBy: 'locale' };
          if (evidence !== null && dateOrder !== null) {
            const told: DateOrder = {
              dayFirst: evidence,
              decidedBy: 'values',
              row: rowNumber,
              value: String(dateCell),
            };
            if (evidence === dateFormat.dayFirst) {
              if (previousDay !== null && dateOrder.decidedBy === 'locale') dateOrder = told;
            } else if (parseDay(dateCell, { ...dateFormat, dayFirst: evidence }, dayOf) !== null) {
              // Readable in the other order only.
              if (dateOrder.decidedBy === 'values') throw mixedDateOrder(dateOrder, told, lang);
              return told;
            }
          }
        }
      }
      day = previousDay;
    }
    if (day === null) {
      const dateCell = source.cell(index, dateColumn);
      rejected.push({ row: rowNumber, reason: 'badDate', value: cellText(dateCell, dayOf) });
      continue;
    }
    // A plain decimal read where it stands when the source can, else the cell read and parsed.
    let amountCell: Cell = undefined;
    let amount: number | string | null | undefined =
      amountColumn >= 0 && source.plainThousandthsAt !== undefined
        ? source.plainThousandthsAt(index, amountColumn)
        : undefined;
    if (amount === undefined) {
      amountCell = amountColumn >= 0 ? source.cell(index, amountColumn) : undefined;
      amount =
        amountColumn >= 0
          ? parseMoney(amountCell, format)
          : lineAmount(source, index, columns, format, dayOf);
    }
    if (typeof amount === 'string') {
      rejected.push({ row: rowNumber, reason: 'badAmount', value: amount });
      continue;
    }
    if (amount === null) {
      rejected.push({ row: rowNumber, reason: 'badAmount', value: cellText(amountCell, dayOf) });
      continue;
    }
    const customerNumber = lines.customerNumber(customer);
    // The line's order id: the whole number it writes when the source reads that without making
    // its text (most ids, and a text apiece), else its text ('' when there is none).
    let orderKey: string | number = '';
    if (orderColumn >= 0) {
      const whole = source.wholeNumberAt === undefined ? -1 : source.wholeNumberAt(index, orderColumn);
      if (whole >= 0) orderKey = whole;
      else {
        const orderCell = source.cell(index, orderColumn);
        if (orderCell !== previousOrderCell) {
          previousOrderCell = orderCell;
          previousOrderKey = customerId(orderCell);
        }
        orderKey = previousOrderKey;
      }
    }
    const owner = lines.add(index, customerNumber, day, amount, orderKey);
    if (owner >= 0)
      rejected.push({
        row: rowNumber,
        reason: 'orderOfOtherCustomer',
        value: String(orderKey),
        owner: lines.customers.texts[owner],
      });
  }
  return lines.book(source, columns, firstRowNumber, dayOf, { emptyRows, rejected, dateOrder });
}

/** Both orders in one date column: an error naming a row read each way. */
function mixedDateOrder(decided: DateOrder, other: DateOrder, lang: Lang): UserError {
  const [dayFirst, monthFirst] = decided.dayFirst ? [decided, other] : [other, decided];
  return new UserError(
    'error.mixedDateOrder',
    {
      dayFirstRow: dayFirst.row ?? '',
      dayFirstValue: dayFirst.value ?? '',
      monthFirstRow: monthFirst.row ?? '',
      monthFirstValue: monthFirst.value ?? '',
    },
    lang,
  );
}

function isEmptyRow(source: RowSource, row: number): boolean {
  for (let column = 0; column < source.width; column++)
    if (!isEmptyCell(source.cell(row, column))) return false;
  return true;
}

/** Quantity × unit price in thousandths, or the unreadable cell's text. */
function lineAmount(
  source: RowSource,
  row: number,
  columns: Columns,
  format: ReturnType<typeof localeFormat>,
  dayOf: DayOf,
): number | string {
  const quantityCell = source.cell(row, columns.quantity);
  const quantity = parseNumber(quantityCell, format);
  if (quantity === null) return cellText(quantityCell, dayOf);
  const unitPriceCell = source.cell(row, columns.unitPrice);
  const unitPrice = parseMoney(unitPriceCell, format);
  if (unitPrice === null) return cellText(unitPriceCell, dayOf);
  const amount = Number.isInteger(quantity)
    ? quantity * unitPrice
    : toThousandths((quantity * unitPrice) / 1000);
  return exactThousandths(amount) ?? cellText(quantityCell, dayOf);
}

/** Why a row was rejected, in the user's language. */
export function rejectMessage(reject: RejectedRow, lang: Lang): string {
  return t(lang, `reject.${reject.reason}`, {
    value: reject.value,
    order: reject.value,
    owner: reject.owner ?? '',
  });
}

/** In which order the numeric dates were read and why, in the user's language. */
export function dateOrderMessage(order: DateOrder, lang: Lang, locale: string): string {
  const words = t(lang, order.dayFirst ? 'dateOrder.dayFirst' : 'dateOrder.monthFirst');
  return order.decidedBy === 'values'
    ? t(lang, 'dateOrder.values', { order: words, row: order.row ?? '', value: order.value ?? '' })
    : t(lang, 'dateOrder.locale', { order: words, locale });
}
