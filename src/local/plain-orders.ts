/**
 * Orders read straight from the text of a plain CSV file: no quote anywhere, ASCII bytes only (a
 * `TextTable` whose chunks are all still pending, see `TextTable.plainTexts`). Each row is read in
 * one pass over its characters: the fields the orders need are read where they stand, with the
 * functions the table's cells would go through, and the table is never split into fields (a
 * tenth of a second and 30 MB at a million rows), unless something asks for its cells later.
 *
 * It reads only what it reads exactly as `readOrdersFrom` reads the table: every row as wide as
 * the widest of the first ones; a customer id; a date in digits alone; an amount written as a plain
 * decimal; an order id, if any, written as a whole number, of one customer. On any other row (or
 * an empty one, or a file without an amount column) it gives up, and the file is read the general
 * way: the answer is the same either way, this one only faster.
 */
import {
  COLUMN_SAMPLE_ROWS,
  OrderLines,
  orderColumns,
  readOrdersFrom,
  type OrderBook,
  type ReadOptions,
} from '../core/orders';
import type { Columns } from '../core/columns';
import { dayInZone } from '../core/days';
import type { RowSource } from '../core/rows';
import { wholeNumberIn } from '../core/text-numbers';
import { customerId, thousandthsOfPlainDecimalIn } from '../core/values';
import { CR, digitsDayIn, LF, TextTable } from './table-file';

/** What a column is read as. */
const OTHER = 0;
const CUSTOMER = 1;
const DATE = 2;
const AMOUNT = 3;
const ORDER_ID = 4;

/** The orders of a table file: read from its plain text when it is plain, else the general way. */
export function readOrdersOfTable(table: TextTable, options: ReadOptions = {}): OrderBook {
  return plainOrders(table, options) ?? readOrdersFrom(table, options);
}

/** The orders of a plain table read from its text, or null when they must be read the general way. */
export function plainOrders(table: TextTable, options: ReadOptions = {}): OrderBook | null {
  const texts = table.plainTexts();
  if (texts === null || texts[0] === '' || table.delimiter === null) return null;
  // The first rows, which tell the columns, from as many chunks as they take (rows never straddle two).
  let headText = texts[0];
  let headEnd = rowsEnd(headText, COLUMN_SAMPLE_ROWS);
  for (let next = 1; next < texts.length && headEnd === headText.length; next++) {
    headText += texts[next];
    headEnd = rowsEnd(headText, COLUMN_SAMPLE_ROWS);
  }
  const head = new TextTable(table.delimiter);
  head.add(headText.slice(0, headEnd), true);
  let columns: Columns;
  try {
    columns = orderColumns(head, options);
  } catch {
    return null;
  }
  const width = head.width;
  const roles = new Uint8Array(width);
  const read = [columns.customer, columns.date, columns.amount, columns.orderId];
  for (let role = CUSTOMER; role <= ORDER_ID; role++) {
    const column = read[role - CUSTOMER];
    if (column >= width || (column >= 0 && roles[column] !== OTHER)) return null;
    if (column >= 0) roles[column] = role;
  }
  if (columns.amount < 0) return null;
  // Every row holds at least a character per field (a delimiter or its line end): the lines'
  // arrays are made that long, their memory taken only as they fill.
  const length = texts.reduce((sum, text) => sum + text.length, 0);
  const lines = new OrderLines(Math.ceil(length / width), columns.orderId >= 0);
  const rows = new PlainRows(lines, roles, table.delimiter.charCodeAt(0), columns.hasHeader ? 1 : 0);
  // After the header, the first rows in a call of their own, then each text in one. V8 compiles
  // the loop over rows while it runs (on-stack replacement), from what the loop has done so far:
  // a loop compiled before any call had ended would find that step new and fall back to slower
  // code until compiled again, for a few thousand rows. These first rows end before it is compiled.
  const bodyStart = columns.hasHeader ? rowsEnd(texts[0], 1) : 0;
  const firstRowsEnd = Math.min(headEnd, texts[0].length);
  if (!rows.read(texts[0], bodyStart, firstRowsEnd)) return null;
  for (let index = 0; index < texts.length; index++)
    if (!rows.read(texts[index], index === 0 ? firstRowsEnd : 0, texts[index].length)) return null;
  const source: RowSource = {
    rowCount: rows.row,
    get width() {
      return table.width;
    },
    cell: (at, column) => table.cell(at, column),
  };
  return lines.book(source, columns, options.firstRowNumber ?? 1, dayInZone(options.timeZone), {
    emptyRows: 0,
    rejected: [],
    dateOrder: null,
  });
}

/** Reads the rows of a plain file's texts into order lines, a run of rows at each call. */
class PlainRows {
  /** The number of the next row. */
  row: number;
  // The customer cell of the row before, where it stands, and its customer's number; the length
  // of the date before.
  private customerText = '';
  private customerStart = 0;
  private customerLength = 0;
  private customer = -1;
  private dateLength = 0;

  constructor(
    private readonly lines: OrderLines,
    /** What each column is read as. */
    private readonly roles: Uint8Array,
    /** The delimiter's code. */
    private readonly separator: number,
    /** The number of the first row read (1 after a header). */
    firstRow: number,
  ) {
    this.row = firstRow;
  }

  /**
   * Reads the rows of `text` from `start` (a row's start) to `end` (a row's end); false on a row
   * the general reading would read otherwise.
   */
  read(text: string, start: number, end: number): boolean {
    const { lines, roles, separator } = this;
    const width = roles.length;
    let { row, customerText, customerStart, customerLength, customer, dateLength } = this;
    let position = start;
    while (position < end) {
      let day = 0;
      let amount = 0;
      let orderKey: number | '' = '';
      for (let column = 0; column < width; column++) {
        const start = position;
        const role = roles[column];
        let read: number | null | undefined;
        // A customer cell like the row before's, or a date as long as the one before, ends where
        // that one did: read without looking for its end.
        if (
          role === CUSTOMER &&
          customerLength > 0 &&
          isFieldEnd(text.charCodeAt(start + customerLength), separator) &&
          sameText(text, start, customerText, customerStart, customerLength)
        ) {
          position += customerLength;
        } else if (
          role === DATE &&
          isFieldEnd(text.charCodeAt(start + dateLength), separator) &&
          typeof (read = digitsDayIn(text, start, start + dateLength)) === 'number'
        ) {
          day = read;
          position += dateLength;
        } else {
          // The field ends at a delimiter, a line end or the text's end (NaN past it).
          let code = text.charCodeAt(position);
          while (code > CR ? code !== separator : !isFieldEnd(code, separator))
            code = text.charCodeAt(++position);
          if (role === CUSTOMER) {
            const id = customerId(text.slice(start, position));
            if (id === '') return false;
            customer = lines.customerNumber(id);
            customerText = text;
            customerStart = start;
            customerLength = position - start;
          } else if (role === DATE) {
            read = digitsDayIn(text, start, position);
            if (typeof read !== 'number') return false;
            day = read;
            dateLength = position - start;
          } else if (role === AMOUNT) {
            read = thousandthsOfPlainDecimalIn(text, start, position);
            if (typeof read !== 'number') return false;
            amount = read;
          } else if (role === ORDER_ID) {
            read = wholeNumberIn(text, start, position);
            if (read < 0) return false;
            orderKey = read;
          }
        }
        const code = text.charCodeAt(position);
        // Each field but the last ends at a delimiter, the last at the line's end.
        if ((code === separator) !== column < width - 1) return false;
        position++;
      }
      if (text.charCodeAt(position - 1) === CR && text.charCodeAt(position) === LF) position++;
      if (lines.add(row, customer, day, amount, orderKey) >= 0) return false;
      row++;
    }
    this.row = row;
    this.customerText = customerText;
    this.customerStart = customerStart;
    this.customerLength = customerLength;
    this.customer = customer;
    this.dateLength = dateLength;
    return true;
  }
}

/**
 * Whether a character ends a field: the delimiter, a line end, or none (NaN: past the text's end).
 * Every comparison is made each time (`|`, not `||`), so that the loops V8 compiles over it have
 * seen them all: a comparison first made after (a customer id longer than the one before, the
 * text's end) would throw the compiled loop away until compiled again.
 */
function isFieldEnd(code: number, separator: number): boolean {
  return (+(code === separator) | +(code === LF) | +(code === CR) | +(code !== code)) !== 0;
}

/**
 * Where the text's first `count` rows end: after the line end of the last (LF, CR LF or CR, as
 * `TextTable` splits them), or at the text's end.
 */
function rowsEnd(text: string, count: number): number {
  let position = 0;
  for (let row = 0; row < count && position < text.length; row++) {
    while (position < text.length && text.charCodeAt(position) !== LF && text.charCodeAt(position) !== CR)
      position++;
    if (text.charCodeAt(position) === CR) position++;
    if (text.charCodeAt(position) === LF) position++;
  }
  return position;
}

/** Whether `length` characters of `text` from `start` are those of `other` from `otherStart`. */
function sameText(text: string, start: number, other: string, otherStart: number, length: number): boolean {
  for (let index = 0; index < length; index++)
    if (text.charCodeAt(start + index) !== other.charCodeAt(otherStart + index)) return false;
  return true;
}
