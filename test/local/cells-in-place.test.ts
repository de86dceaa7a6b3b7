import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOrdersFrom, type OrderBook } from '../../src/core/orders';
import { CellRows } from '../../src/core/rows';
import { wholeNumberOf } from '../../src/core/text-numbers';
import { customerId, localeFormat, numericDateParts, parseDay, parseMoney } from '../../src/core/values';
import { readTable, type TextTable } from '../../src/local/table-file';

/**
 * A table file reads order ids, amounts and dates in digits where they stand, without making their
 * text (`TextTable.wholeNumberAt`, `plainThousandthsAt`, `digitsDayAt`): what it reads so must be
 * what the cell's text reads, and any other cell must be left to it.
 */

const directory = mkdtempSync(join(tmpdir(), 'segmento-in-place-'));
let files = 0;

/** The bytes written to a file and read back as a table file reads them. */
function tableOfFile(bytes: Buffer): TextTable {
  const path = join(directory, `orders-${files++}.csv`);
  writeFileSync(path, bytes);
  return readTable(path);
}

const ids = [
  '0',
  '7',
  '42',
  '536365',
  '007',
  '+1',
  '-3',
  '1.0',
  '17850.0',
  ' 12',
  '12 ',
  '"12"',
  '"1""2"',
  '123456789012345',
  '1234567890123456',
  '1e3',
  '١٢',
  'A12',
  '',
  'é7',
];
const amounts = [
  '12',
  '12.5',
  '12.50',
  '-2.55',
  '-0',
  '0.5',
  '.5',
  '5.',
  '12.505',
  '1,5',
  '1 234,56',
  '€3',
  '"12.5"',
  ' 12.5',
  '(3.00)',
  '1234567890123',
  '123456789012.5',
  '-',
  'x',
  '',
  '12.5é',
];
const dates = [
  '2025-06-30',
  '2025/06/30',
  '2025.06.30',
  '20250630',
  '20251340',
  '2025-13-01',
  '2025-06-30 10:00',
  '2025-06-30T10:00',
  '30/06/2025',
  '06/07/2025',
  '"2025-06-30"',
  ' 2025-06-30',
  '2025-6-30',
  '17 oct. 2025',
  '45000',
  '2025-06-30 é',
  '',
  'x',
];

/** Cells a whitespace-separated table can hold: one word each. */
const word = (value: string) => value !== '' && !/[\s"]/.test(value);

/**
 * A table file of order rows (order id, customer, date, amount, each from the values above) in one
 * of three layouts: a CSV in UTF-8; a CSV with semicolons in Windows-1252 (`é` one byte); words
 * separated by spaces, as CDNOW is.
 */
const orderFiles = fc.constantFrom('csv', 'windows-1252', 'whitespace').chain((layout) => {
  const from = (values: string[]) =>
    fc.constantFrom(...(layout === 'whitespace' ? values.filter(word) : values));
  const row = fc.tuple(from(ids), fc.constantFrom('c1', 'c2', 'c3'), from(dates), from(amounts));
  return fc.array(row, { minLength: 1, maxLength: 40 }).map((rows) => {
    const separator = layout === 'csv' ? ',' : layout === 'windows-1252' ? ';' : '  ';
    const text = [['order', 'customer', 'date', 'amount'], ...rows]
      .map((cells) => cells.join(separator))
      .join('\n');
    return { layout, bytes: Buffer.from(`${text}\n`, layout === 'windows-1252' ? 'latin1' : 'utf8') };
  });
});

/** The book without its source (a table file, or the same cells as a range) and its day function. */
function withoutSource(book: OrderBook): Partial<OrderBook> {
  const rest: Partial<OrderBook> = { ...book };
  delete rest.source;
  delete rest.dayOf;
  return rest;
}

describe('cells read where they stand in a table file', () => {
  it('an order id, an amount or a date read in place is what its text reads; any other is left to the text', () => {
    const formats = ['en_US', 'fr_FR'].map((locale) => ({ ...localeFormat(locale), strictDateOrder: true }));
    const dayOf = () => 0;
    const read = { ids: 0, amounts: 0, days: 0 };
    const layouts = new Set<string>();
    fc.assert(
      fc.property(orderFiles, ({ layout, bytes }) => {
        const table = tableOfFile(bytes);
        // Read as written: its delimiter, and Windows-1252 once a byte is not UTF-8.
        expect(table.delimiter).toBe({ csv: ',', 'windows-1252': ';', whitespace: null }[layout]);
        if (layout === 'windows-1252' && bytes.includes(0xe9)) expect(table.encoding).toBe('windows-1252');
        layouts.add(layout);
        for (let row = 1; row < table.rowCount; row++) {
          const [id, , date, amount] = [0, 1, 2, 3].map((column) => table.cell(row, column));
          const whole = table.wholeNumberAt(row, 0);
          if (whole >= 0) {
            read.ids++;
            expect(customerId(id)).toBe(String(whole));
            expect(wholeNumberOf(customerId(id))).toBe(whole);
          }
          const thousandths = table.plainThousandthsAt(row, 3);
          if (thousandths !== undefined) {
            read.amounts++;
            for (const format of formats) expect(parseMoney(amount, format)).toBe(thousandths);
          }
          const day = table.digitsDayAt(row, 2);
          if (day !== undefined) {
            read.days++;
            for (const format of formats) expect(parseDay(date, format, dayOf)).toBe(day);
            // Never a numeric date whose order of day and month is in question.
            expect(numericDateParts(date)).toBeNull();
          }
        }
      }),
      { numRuns: 200 },
    );
    // Some cells of each kind were read in place, and some were not, in every layout.
    expect(layouts.size).toBe(3);
    expect(read.ids).toBeGreaterThan(100);
    expect(read.amounts).toBeGreaterThan(100);
    expect(read.days).toBeGreaterThan(100);
  });

  it('orders read from a table file are those read from the same cells as a range', () => {
    fc.assert(
      fc.property(orderFiles, fc.constantFrom('en_US', 'fr_FR'), ({ bytes }, locale) => {
        const table = tableOfFile(bytes);
        const options = { locale, mapping: { orderId: 0, customer: 1, date: 2, amount: 3 } };
        const fromFile = readOrdersFrom(table, options);
        const fromRange = readOrdersFrom(new CellRows(table.rows()), options);
        expect(withoutSource(fromFile)).toEqual(withoutSource(fromRange));
      }),
      { numRuns: 300 },
    );
  });
});
