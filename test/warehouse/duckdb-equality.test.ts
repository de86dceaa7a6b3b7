/**
 * Issue 16's proof: the DuckDB query of compileSql, run on every data set of ../shared/data (typed
 * by our own reader), prints the same CSV as `segmento scores`, byte for byte, for the three
 * presets, quantile and fixed scoring, 3 and 10 classes, and rules with metric conditions.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseBook } from '../../src/core/analysis';
import type { ColumnMapping } from '../../src/core/columns';
import { readOrders, type OrderBook } from '../../src/core/orders';
import { PRESET_IDS, presetSegments } from '../../src/core/presets';
import type { Scoring } from '../../src/core/scores';
import type { SegmentSet } from '../../src/core/segments';
import { scoresCsv } from '../../src/local/cli';
import { readTableFile } from '../../src/local/table-file';
import { compileSql, type SqlOrdersTable } from '../../src/warehouse/compile-sql';
import { dataSet } from '../data-sets';
import { loadLines, stagedOrders, typedLines } from '../../src/local/duckdb-orders';
import { CellRows } from '../../src/core/rows';
import { duckdbForSuite, runSql } from './duckdb-lines';

/** The table `loadLines` stages, without extra columns. */
const ORDERS: SqlOrdersTable = stagedOrders('orders', []);

const FIXED: Record<3 | 10, Scoring> = {
  3: { kind: 'fixed', recency: [90, 365], frequency: [1, 3], monetary: [50, 200.5] },
  10: {
    kind: 'fixed',
    recency: [7, 14, 30, 60, 90.5, 180, 365, 500, 730],
    frequency: [1, 2, 3, 4, 5, 6, 8, 10, 20],
    monetary: [10, 20, 30.25, 50, 100, 200, 500, 1000, 5000],
  },
};

/** Metric conditions, a rule on another scale, names no query should read as SQL. */
const CONDITIONS: SegmentSet = {
  scale: 4,
  rules: [
    {
      name: "Big'; DROP TABLE orders; --",
      color: '#000000',
      conditions: [
        { field: 'monetary', op: '>=', value: 1000.5 },
        { field: 'frequency', op: '>', value: 2 },
      ],
    },
    {
      name: 'Basket `x` "y" /* z',
      color: '#000000',
      r: { min: 3, max: 4 },
      conditions: [{ field: 'averageBasket', op: '<', value: 25.3 }],
    },
    {
      name: 'Recent\\n',
      color: '#000000',
      conditions: [
        { field: 'recency', op: '<=', value: 30 },
        { field: 'tenure', op: '!=', value: 0 },
      ],
    },
    {
      name: 'Once',
      color: '#000000',
      conditions: [{ field: 'frequency', op: '=', value: 1 }],
      total: { min: 3, max: 8 },
    },
  ],
  fallback: { name: '=Others', color: '#9e9e9e' },
};

/** Rules on an extra column of each data set (by its header), with metric conditions and scores. */
function attributeRules(column: string, value: string): SegmentSet {
  return {
    scale: 5,
    rules: [
      {
        name: 'Equal',
        color: '#000000',
        conditions: [{ attribute: column, op: '=', value: ` ${value.toUpperCase()} ` }],
      },
      {
        name: 'Contains',
        color: '#000000',
        conditions: [
          { attribute: column, op: 'contains', value: value.slice(1, 3) },
          { field: 'frequency', op: '>=', value: 2 },
        ],
      },
      { name: 'Other value', color: '#000000', conditions: [{ attribute: column, op: '!=', value }] },
      {
        name: 'No such column',
        color: '#000000',
        conditions: [
          { attribute: 'nowhere', op: '=', value: '' },
          { field: 'monetary', op: '>', value: 100 },
        ],
      },
    ],
    fallback: { name: 'Others', color: '#9e9e9e' },
  };
}

interface DataCase {
  name: string;
  file: string;
  locale: string;
  mapping?: ColumnMapping;
  /** Every variant, or the default settings only (the large set). */
  full: boolean;
  /** An extra column's header and one of its values, for attribute conditions. */
  attribute: [string, string];
}

const DATA: DataCase[] = [
  {
    name: 'CDNOW sample',
    file: 'CDNOW_sample.txt',
    locale: 'en_US',
    mapping: { customer: 1, date: 2, amount: 4, hasHeader: false },
    full: true,
    attribute: ['column 4', '1'],
  },
  {
    name: 'rfm_data_orders',
    file: 'rfm_data_orders.csv',
    locale: 'en_US',
    full: true,
    attribute: ['First Name', 'Shirl'],
  },
  {
    name: 'Online Retail',
    file: 'online_retail.csv.gz',
    locale: 'en_US',
    full: true,
    attribute: ['country', 'Germany'],
  },
];

interface Variant {
  label: string;
  scoring: Scoring;
  segments: SegmentSet;
}

function variants(full: boolean, attribute: [string, string]): Variant[] {
  if (!full)
    return [
      {
        label: 'classique, quantile 5',
        scoring: { kind: 'quantile', classes: 5 },
        segments: presetSegments('classique', 'en'),
      },
    ];
  const scorings: [string, Scoring][] = [
    ['quantile 3', { kind: 'quantile', classes: 3 }],
    ['quantile 5', { kind: 'quantile', classes: 5 }],
    ['quantile 10', { kind: 'quantile', classes: 10 }],
    ['fixed 3', FIXED[3]],
    ['fixed 10', FIXED[10]],
  ];
  const sets: [string, SegmentSet][] = [
    ...PRESET_IDS.map((id): [string, SegmentSet] => [id, presetSegments(id, 'fr')]),
    ['conditions', CONDITIONS],
    ['attribute conditions', attributeRules(...attribute)],
  ];
  return sets.flatMap(([setLabel, segments]) =>
    scorings.map(([scoringLabel, scoring]) => ({ label: `${setLabel}, ${scoringLabel}`, scoring, segments })),
  );
}

const db = duckdbForSuite();

for (const data of DATA) {
  const path = dataSet(data.file);
  describe.skipIf(!path)(`${data.name}: the DuckDB query prints what segmento scores prints`, () => {
    let book: OrderBook;
    let orders: SqlOrdersTable;
    beforeAll(async () => {
      const rows = readTableFile(path!);
      book = readOrders(rows, { locale: data.locale, mapping: data.mapping });
      const started = performance.now();
      const headers = book.columns.attributes.map((column) => book.columns.headers[column]);
      await loadLines(db.connection, 'orders', typedLines(book, new CellRows(rows), data.locale), headers);
      orders = { ...ORDERS, attributes: Object.fromEntries(headers.map((header) => [header, header])) };
      console.info(`${data.name}: typed table loaded in ${Math.round(performance.now() - started)} ms`);
    }, 120_000);

    for (const variant of variants(data.full, data.attribute)) {
      it(`${variant.label}: byte for byte`, async () => {
        const analysis = analyseBook(book, {
          lang: 'en',
          scoring: variant.scoring,
          segments: variant.segments,
        });
        const expected = scoresCsv(analysis);
        const sql = compileSql({
          dialect: 'duckdb',
          orders,
          scoring: variant.scoring,
          segments: variant.segments,
        });
        const started = performance.now();
        const actual = await runSql(db.connection, sql);
        if (data.file.endsWith('.gz'))
          console.info(`${data.name}, ${variant.label}: query ${Math.round(performance.now() - started)} ms`);
        expect(actual.length).toBe(expected.length);
        expect(actual === expected).toBe(true);
        if (variant.label.startsWith('attribute'))
          // The rules on =, contains and != each take customers: the conditions are exercised.
          expect([0, 1, 2].map((k) => analysis.segment.includes(k))).toEqual([true, true, true]);
        expect(expected.split('\n').length).toBeGreaterThan(100);
      }, 60_000);
    }

    it('at a past analysis date: the orders after it left out', async () => {
      const asOfDay = Math.min(...Array.from(book.orderDay)) + 200;
      const analysis = analyseBook(book, {
        lang: 'en',
        asOfDay,
        segments: presetSegments('classique', 'en'),
      });
      const sql = compileSql({
        dialect: 'duckdb',
        orders: ORDERS,
        asOfDay,
        segments: presetSegments('classique', 'en'),
      });
      expect((await runSql(db.connection, sql)) === scoresCsv(analysis)).toBe(true);
    }, 60_000);
  });
}
