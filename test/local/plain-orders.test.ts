import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOrdersFrom, type OrderBook, type ReadOptions } from '../../src/core/orders';
import { plainOrders, readOrdersOfTable } from '../../src/local/plain-orders';
import { readTable } from '../../src/local/table-file';
import { dataSet } from '../data-sets';

/**
 * A plain CSV file (no quote, ASCII only) is read into orders straight from its text
 * (`plainOrders`), the general way otherwise: the orders must be the same either way, and the
 * general way must be taken whenever the plain reading could differ.
 */

const directory = mkdtempSync(join(tmpdir(), 'segmento-plain-'));
let files = 0;

function fileOf(text: string): string {
  const path = join(directory, `orders-${files++}.csv`);
  writeFileSync(path, text, 'latin1');
  return path;
}

/** The book without its source and day function; its source's size and cells compared apart. */
function withoutSource(book: OrderBook): Partial<OrderBook> {
  const rest: Partial<OrderBook> = { ...book };
  delete rest.source;
  delete rest.dayOf;
  return rest;
}

/** Both readings of one file: the plain one (null when it gives up) and the general one. */
function bothReadings(path: string, options: ReadOptions) {
  const general = readOrdersFrom(readTable(path), options);
  const table = readTable(path);
  return { plain: plainOrders(table, options), general, chosen: readOrdersOfTable(readTable(path), options) };
}

function expectSameBooks(plain: OrderBook, general: OrderBook): void {
  expect(withoutSource(plain)).toEqual(withoutSource(general));
  expect(plain.source.rowCount).toBe(general.source.rowCount);
  expect(plain.source.width).toBe(general.source.width);
  for (let row = 0; row < general.source.rowCount; row++)
    for (let column = 0; column < general.source.width; column++)
      expect(plain.source.cell(row, column)).toBe(general.source.cell(row, column));
}

/** Cells of each column: the first ones read in place, the second ones not, or not always. */
const cells: [string[], string[]][] = [
  [
    ['1', '2', '3', '536365', '536366'],
    ['007', 'A1', ''],
  ],
  [
    ['c1', 'c2', '00017', '42', '7', 'A-12'],
    [' c1', '17850.0', '', 'c 2', '\t=1'],
  ],
  [
    ['2025-06-30', '2025/06/29', '20250701', '2024.02.29'],
    ['20251340', '2025-06-30 10:00', '30/06/2025', '06/07/2025', '17 oct. 2025', ''],
  ],
  [
    ['12', '12.5', '-2.55', '0', '1234567.89'],
    ['12.505', '1,5', '1 234,56', '€3', 'x', ''],
  ],
  [
    ['1', 'x', ''],
    ['a;b', 'a,b', 'a\tb'],
  ],
];
const row = fc.tuple(...cells.map(([common]) => fc.constantFrom(...common)));
/** A cell read otherwise: its column, its value, and the row it goes to. */
const oddCell = fc
  .nat(cells.length - 1)
  .chain((column) =>
    fc.record({ column: fc.constant(column), value: fc.constantFrom(...cells[column][1]), row: fc.nat() }),
  );

/** An order file: its text and its columns (header, order id, extra column) as drawn. */
const plainFiles = fc
  .record({
    separator: fc.constantFrom(',', ';', '\t'),
    lineEnd: fc.constantFrom('\n', '\r\n', '\r'),
    header: fc.boolean(),
    orderId: fc.boolean(),
    lastLineEnd: fc.boolean(),
    byteOrderMark: fc.boolean(),
    rows: fc.array(row, { minLength: 0, maxLength: 30 }),
    odd: fc.oneof(fc.constant(null), oddCell),
    oddRow: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat() }),
  })
  .map(({ separator, lineEnd, header, orderId, lastLineEnd, byteOrderMark, rows, odd, oddRow }) => {
    if (odd !== null && rows.length > 0) rows[odd.row % rows.length][odd.column] = odd.value;
    const names = orderId
      ? ['order', 'customer', 'date', 'amount', 'note']
      : ['customer', 'date', 'amount', 'note'];
    const lines = rows.map(([order, ...rest]) => (orderId ? [order, ...rest] : rest));
    // Now and then a row one cell short or one cell long, or blank.
    if (oddRow !== null && lines.length > 0) {
      const line = lines[oddRow % lines.length];
      if (oddRow % 3 === 0) line.pop();
      else if (oddRow % 3 === 1) line.push('more');
      else line.splice(0, line.length, '');
    }
    const text = [...(header ? [names] : []), ...lines].map((cells) => cells.join(separator)).join(lineEnd);
    return `${byteOrderMark ? '\u00ef\u00bb\u00bf' : ''}${text}${lastLineEnd ? lineEnd : ''}`;
  });

describe('orders read straight from a plain file', () => {
  it('are the orders read the general way, and the general way is taken whenever they could differ', () => {
    const taken = { plain: 0, general: 0, refused: 0 };
    fc.assert(
      fc.property(plainFiles, fc.constantFrom('en_US', 'fr_FR'), (text, locale) => {
        const path = fileOf(text);
        let general: OrderBook;
        try {
          general = readOrdersFrom(readTable(path), { locale });
        } catch (error) {
          taken.refused++;
          // A file the general reading refuses (no amount column found…) is refused either way.
          expect(() => readOrdersOfTable(readTable(path), { locale })).toThrow((error as Error).message);
          return;
        }
        const { plain, chosen } = bothReadings(path, { locale });
        expectSameBooks(chosen, general);
        if (plain === null) {
          taken.general++;
          return;
        }
        taken.plain++;
        expectSameBooks(plain, general);
        // Read straight from the text: nothing rejected, no numeric date whose order is in question.
        expect(plain.rejected).toEqual([]);
        expect(plain.dateOrder).toBeNull();
      }),
      { numRuns: 400 },
    );
    // Both ways were taken often.
    expect(taken.plain).toBeGreaterThan(100);
    expect(taken.general).toBeGreaterThan(50);
  });

  it('read a plain file without splitting its rows, and give up on a quote, a byte outside ASCII or a reject', () => {
    const rows = ['customer,date,amount', 'c1,2025-06-30,12.50', 'c1,2025-07-01,3', 'c2,20250702,-1.5'];
    const plain = plainOrders(readTable(fileOf(`${rows.join('\n')}\n`)));
    expect(plain?.customerIds).toEqual(['c1', 'c2']);
    expect(Array.from(plain!.orderAmount)).toEqual([12_500, 3000, -1500]);
    expect(Array.from(plain!.lineRow)).toEqual([1, 2, 3]);
    for (const changed of [
      '"c1",2025-06-30,12.50',
      'cé,2025-06-30,12.50',
      'c1,2025-06-31,12.50',
      'c1,2025-06-30,12.505',
    ])
      expect(plainOrders(readTable(fileOf(`${[...rows, changed].join('\n')}\n`)))).toBeNull();
  });

  it('give up on order ids that are not whole numbers, and on amounts of quantity × unit price', () => {
    for (const [text, orders] of [
      ['customer,date,amount,order\nc1,20250101,5,A1\nc1,20250101,7,A1\nc2,20250102,3,B2\n', 2],
      ['customer,date,amount,order\nc1,20250101,5,A1\nc1,20250101,7,A1\nc1,20250102,3,B2\n', 2],
      ['customer,date,quantity,unit_price\nc1,20250101,2,3.5\nc2,20250102,1,4\n', 2],
    ] as const) {
      const path = fileOf(text);
      expect(plainOrders(readTable(path))).toBeNull();
      const general = readOrdersFrom(readTable(path));
      expect(general.orderCount).toBe(orders);
      expect(withoutSource(readOrdersOfTable(readTable(path)))).toEqual(withoutSource(general));
    }
  });

  it("are read chunk by chunk, a customer's lines on both sides of a chunk's end", () => {
    // 2,000 lines of 700 customers, sorted by customer, in chunks of 8 KB (about 300 lines).
    const lines = Array.from({ length: 2000 }, (_, line) => {
      const customer = String(Math.floor((line * 7) / 20)).padStart(5, '0');
      const month = String(1 + (line % 12)).padStart(2, '0');
      return `${customer},2025${month}15,${line % 7},${(line * 37) % 1000}.${line % 100}`;
    });
    const path = fileOf(`customer_id,date,number_of_cds,dollar_value\r\n${lines.join('\r\n')}\r\n`);
    const general = readOrdersFrom(readTable(path), { locale: 'fr_FR' });
    expect(general.customerIds.length).toBe(700);
    for (const chunkBytes of [8192, 1 << 19]) {
      const plain = plainOrders(readTable(path, chunkBytes), { locale: 'fr_FR' });
      expect(plain).not.toBeNull();
      expectSameBooks(plain!, general);
    }
  });

  it('tell the columns from the same first rows as the general reading, when they span chunks', () => {
    // Column `a` shows its decimals from the 101st row on only; the first chunk of 8 KB holds about
    // 60 rows: columns told from those alone would take `b` for the amount.
    const note = 'x'.repeat(100);
    const lines = Array.from({ length: 300 }, (_, line) => {
      const a = line < 100 ? '1' : '1.50';
      return `c${line % 40},2025-06-${String(1 + (line % 28)).padStart(2, '0')},${a},5,${note}`;
    });
    const path = fileOf(`customer_id,date,a,b,note\n${lines.join('\n')}\n`);
    const general = readOrdersFrom(readTable(path), { locale: 'en_US' });
    expect(general.columns.amount).toBe(2);
    const plain = plainOrders(readTable(path, 8192), { locale: 'en_US' });
    expect(plain).not.toBeNull();
    expectSameBooks(plain!, general);
  });

  it('read the CDNOW master file, written as a CSV, as the general way does', () => {
    const master = dataSet('CDNOW_master.txt');
    if (master === null) return;
    const csv = readFileSync(master, 'latin1')
      .trim()
      .split('\n')
      .map((line) => line.trim().split(/\s+/).join(','));
    expect(csv[0]).toBe('customer_id,date,number_of_cds,dollar_value');
    const path = fileOf(`${csv.join('\n')}\n`);
    const { plain, general } = bothReadings(path, { locale: 'en_US' });
    expect(plain).not.toBeNull();
    expect(general.lineCount).toBe(69_659);
    expectSameBooks(plain!, general);
  });
});
