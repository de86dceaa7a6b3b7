/**
 * The query's contract lines on the smallest inputs (src/core/README.md, "Rows and orders",
 * "Metrics"), and no setting text changing what the query does: each run on DuckDB against
 * `segmento scores`.
 */
import { describe, expect, it } from 'vitest';
import { analyse, analyseBook } from '../../src/core/analysis';
import { dayFromIso } from '../../src/core/days';
import { readOrders } from '../../src/core/orders';
import { presetSegments } from '../../src/core/presets';
import type { SegmentSet } from '../../src/core/segments';
import type { Cell } from '../../src/core/values';
import { scoresCsv } from '../../src/local/cli';
import { compileSql, SqlSettingError, type SqlOrdersTable } from '../../src/warehouse/compile-sql';
import { loadLines, stagedOrders, typedLines } from '../../src/local/duckdb-orders';
import { CellRows } from '../../src/core/rows';
import { duckdbForSuite, runSql } from './duckdb-lines';

const db = duckdbForSuite();

/** The table `loadLines` stages, without extra columns. */
const ORDERS: SqlOrdersTable = stagedOrders('orders', []);
const SEGMENTS = presetSegments('simple', 'en');

/** The CSV of the DuckDB query over the rows (typed by our reader) and that of `segmento scores`. */
async function bothCsv(rows: Cell[][], orders = ORDERS, segments = SEGMENTS, asOf?: string) {
  const book = readOrders(rows, { locale: 'en_US' });
  const name = orders.table.map((part) => `"${part.replace(/"/g, '""')}"`).join('.');
  await loadLines(db.connection, 'orders', typedLines(book, new CellRows(rows), 'en_US'));
  if (name !== '"orders"') await db.connection.run(`CREATE OR REPLACE TABLE ${name} AS SELECT * FROM orders`);
  const asOfDay = asOf === undefined ? undefined : dayFromIso(asOf)!;
  const expected = scoresCsv(analyseBook(book, { lang: 'en', segments, asOfDay }));
  const actual = await runSql(db.connection, compileSql({ dialect: 'duckdb', orders, segments, asOfDay }));
  return { actual, expected };
}

const HEADER = ['Customer', 'Order', 'Date', 'Amount'];

describe('the query keeps src/core’s reading rules', () => {
  it('an order id reused by another customer: the lines after its first line’s customer are left out', async () => {
    const rows = [
      HEADER,
      ['b', 'X1', '2024-03-05', '30'],
      ['a', 'X1', '2024-03-01', '50'],
      ['b', 'X1', '2024-03-02', '20'],
      ['a', 'A2', '2024-03-09', '10'],
    ];
    const { actual, expected } = await bothCsv(rows);
    expect(actual).toBe(expected);
    expect(actual).toContain('\nb,7,1,50.00,');
  });

  it('an order’s day is its earliest line’s; orders after the analysis date are left out', async () => {
    const rows = [
      HEADER,
      ['a', 'O1', '2024-03-05', '30'],
      ['a', 'O1', '2024-01-02', '20'],
      ['a', 'O2', '2024-06-01', '5'],
      ['c', '', '2024-02-01', '1'],
    ];
    const { actual, expected } = await bothCsv(rows, ORDERS, SEGMENTS, '2024-04-01');
    expect(actual).toBe(expected);
    expect(actual).toContain('\na,90,1,50.00,');
  });

  it('a refund lowers spend but is not a purchase; zero amounts count; refund-only customers are left out', async () => {
    const rows = [
      HEADER,
      ['a', 'O1', '2024-03-01', '40'],
      ['a', 'R1', '2024-03-10', '-15.5'],
      ['z', 'Z1', '2024-03-03', '0'],
      ['r', 'R2', '2024-03-04', '-3'],
    ];
    const { actual, expected } = await bothCsv(rows);
    expect(actual).toBe(expected);
    expect(actual).toContain('\na,9,1,24.50,');
    expect(actual).toContain('\nz,7,1,0.00,');
    expect(actual).not.toContain('\nr,');
  });

  it('customers come in the CLI’s order: whole numbers by value, then texts by code point; money to the thousandth', async () => {
    const ids = ['100', '99', '00017', 'abc', 'Abc', '=1+1', 'é', '7'];
    const rows = [
      HEADER,
      ...ids.map((id, index) => [id, `O${index}`, `2024-03-0${index + 1}`, `${index}.${index}05`]),
    ];
    const { actual, expected } = await bothCsv(rows);
    expect(actual).toBe(expected);
  });

  it('without a line column, an order id used by several customers is left out whole (the table says no first line)', async () => {
    const rows = [
      HEADER,
      ['a', 'X1', '2024-03-01', '50'],
      ['b', 'X1', '2024-03-02', '20'],
      ['a', 'A2', '2024-03-09', '10'],
    ];
    const book = readOrders(rows, { locale: 'en_US' });
    await loadLines(db.connection, 'orders', typedLines(book, new CellRows(rows), 'en_US'));
    const withoutLine: SqlOrdersTable = { ...ORDERS, line: undefined };
    const csv = await runSql(
      db.connection,
      compileSql({ dialect: 'duckdb', orders: withoutLine, segments: SEGMENTS }),
    );
    expect(
      csv
        .split('\n')
        .slice(1, -1)
        .map((row) => row.split(',').slice(0, 4).join(',')),
    ).toEqual(['a,0,1,10.00']);
  });
});

describe('attribute conditions read the value src/core reads', () => {
  it('the latest order day’s non-empty value, the last line on a tie, an order dated by its earliest line', async () => {
    const rows = [
      ['Customer', 'Order', 'Date', 'Amount', 'Segment'],
      ['a', 'O1', '2024-03-01', '10', ' Gold '],
      ['a', 'O2', '2024-03-01', '10', 'silver'],
      ['a', 'O3', '2024-03-05', '10', '   '],
      ['b', 'P1', '2024-03-09', '10', 'gold'],
      ['b', 'P1', '2024-03-01', '10', ''],
      ['b', 'P2', '2024-03-04', '-1', 'SILVER\u00a0'],
      ['c', 'Q1', '2024-03-02', '10', 'gold'],
      ['c', 'Q2', '2024-03-20', '10', 'silver'],
    ];
    const segments: SegmentSet = {
      scale: 5,
      rules: [
        {
          name: 'Silver',
          color: '#000000',
          conditions: [{ attribute: 'segment', op: '=', value: 'SILVER' }],
        },
        {
          name: 'Old',
          color: '#000000',
          conditions: [{ attribute: 'segment', op: 'contains', value: 'ol' }],
        },
      ],
      fallback: { name: 'Others', color: '#9e9e9e' },
    };
    const book = readOrders(rows, { locale: 'en_US' });
    await loadLines(db.connection, 'orders', typedLines(book, new CellRows(rows), 'en_US'), ['Segment']);
    const asOfDay = dayFromIso('2024-03-10')!;
    const expected = scoresCsv(analyseBook(book, { lang: 'en', segments, asOfDay }));
    const orders = { ...ORDERS, attributes: { Segment: 'Segment' } };
    const actual = await runSql(db.connection, compileSql({ dialect: 'duckdb', orders, segments, asOfDay }));
    expect(actual).toBe(expected);
    expect(actual.split('\n').map((row) => row.split(',')[9])).toEqual([
      'segment',
      'Silver',
      'Silver',
      'Old',
      undefined,
    ]);
  });
});

describe('no setting text changes what the query does', () => {
  const HOSTILE = [
    "it's'; DROP TABLE orders; --",
    'back`tick` "double" /* open',
    'semi;colon -- comment\nnew line',
    "back\\slash\\' end",
    '=HYPERLINK("x")',
  ];

  it('hostile segment names come out as typed, and every customer is still there', async () => {
    const segments: SegmentSet = {
      scale: 5,
      rules: HOSTILE.map((name, index) => ({
        name,
        color: '#000000',
        r: { min: index + 1, max: index + 1 },
      })),
      fallback: { name: "Others'); --", color: '#9e9e9e' },
    };
    const rows = [
      HEADER,
      ...Array.from({ length: 40 }, (_, i) => [
        `c${i}`,
        `O${i}`,
        `2024-0${1 + (i % 9)}-1${i % 10}`,
        `${i * 3}`,
      ]),
    ];
    const { actual, expected } = await bothCsv(rows, ORDERS, segments);
    expect(actual).toBe(expected);
    const analysis = analyse(rows, { locale: 'en_US', lang: 'en', segments });
    expect(new Set(analysis.segment).size).toBeGreaterThan(3);
  });

  it('hostile table and column names are quoted identifiers in DuckDB', async () => {
    const orders: SqlOrdersTable = {
      table: ['o"; DROP TABLE orders; --'],
      customer: 'customer',
      orderId: 'order_id',
      date: 'order_date',
      amount: 'amount',
      line: 'line',
    };
    const rows = [HEADER, ['a', 'O1', '2024-03-01', '40'], ['b', 'O2', '2024-03-02', '10']];
    const { actual, expected } = await bothCsv(rows, orders);
    expect(actual).toBe(expected);
    const left = await db.connection.runAndReadAll('SELECT COUNT(*) AS n FROM orders');
    expect(Number(left.getRows()[0][0])).toBe(2);
    const sql = compileSql({
      dialect: 'duckdb',
      orders: { ...orders, customer: 'c"--' },
      segments: SEGMENTS,
    });
    expect(sql).toContain('CAST("c""--" AS VARCHAR) AS customer');
  });

  it('BigQuery refuses a name it could not hold rather than escape it', () => {
    for (const bad of ['a`b', 'a\\b', 'a\nb'])
      expect(() =>
        compileSql({
          dialect: 'bigquery',
          orders: { ...ORDERS, table: ['p', 'd', bad] },
          segments: SEGMENTS,
        }),
      ).toThrow(SqlSettingError);
  });

  it('a condition SQL cannot honour yet (the predicted value) is an error, never dropped', () => {
    const segments: SegmentSet = {
      ...SEGMENTS,
      rules: [
        { name: 'FR', color: '#000000', conditions: [{ field: 'probabilityAlive', op: '>', value: 0.5 }] },
      ],
    };
    expect(() => compileSql({ dialect: 'duckdb', orders: ORDERS, segments })).toThrow(/FR/);
  });
});
