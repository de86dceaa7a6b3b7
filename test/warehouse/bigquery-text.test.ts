/**
 * The BigQuery (GoogleSQL) text of every variant the DuckDB proof runs, read by node-sql-parser's
 * BigQuery grammar (https://github.com/taozhi8833998/node-sql-parser): one statement, reading one
 * table. The constructs with no DuckDB twin run through are pinned as text.
 */
import { Parser } from 'node-sql-parser';
import { describe, expect, it } from 'vitest';
import { PRESET_IDS, presetSegments } from '../../src/core/presets';
import type { Scoring } from '../../src/core/scores';
import type { SegmentSet } from '../../src/core/segments';
import { compileSql, type SqlOrdersTable } from '../../src/warehouse/compile-sql';

const parser = new Parser();
const BIGQUERY = { database: 'BigQuery' };

const ORDERS: SqlOrdersTable = {
  table: ['my-project', 'shop', 'orders'],
  customer: 'customer_id',
  orderId: 'invoice no',
  date: 'order_date',
  amount: 'amount',
  line: 'line',
  attributes: { pays: 'country; --', 'E-mail': 'e"mail' },
};

const SCORINGS: Scoring[] = [
  { kind: 'quantile', classes: 3 },
  { kind: 'quantile', classes: 5 },
  { kind: 'quantile', classes: 10 },
  { kind: 'fixed', recency: [90, 365], frequency: [1, 3], monetary: [50, 200.5] },
  {
    kind: 'fixed',
    recency: [7, 14, 30, 60, 90.5, 180, 365, 500, 730],
    frequency: [1, 2, 3, 4, 5, 6, 8, 10, 20],
    monetary: [10, 20, 30.25, 50, 100, 200, 500, 1000, 5000],
  },
];

const HOSTILE = [
  "it's'; DROP TABLE orders; --",
  'back"tick /* open',
  'semi;colon -- comment\nnew line',
  "back\\slash\\' end",
];
const CONDITIONS: SegmentSet = {
  scale: 4,
  rules: HOSTILE.map((name, index) => ({
    name,
    color: '#000000',
    r: { min: 1, max: index + 1 },
    conditions: [
      {
        field: index % 2 ? 'averageBasket' : 'monetary',
        op: index % 2 ? '<' : '>=',
        value: 1e21 / (index + 1),
      },
    ],
  })),
  fallback: { name: "Others'); --", color: '#9e9e9e' },
};

const ATTRIBUTES: SegmentSet = {
  scale: 5,
  rules: [
    { name: 'FR', color: '#000000', conditions: [{ attribute: 'Pays', op: '=', value: "Fr'; DROP --" }] },
    {
      name: 'Mail',
      color: '#000000',
      conditions: [{ attribute: 'e-mail', op: 'contains', value: '\\@x\n' }],
    },
    { name: 'Nowhere', color: '#000000', conditions: [{ attribute: 'absent', op: '!=', value: '' }] },
  ],
  fallback: { name: 'Others', color: '#9e9e9e' },
};

const SETS: [string, SegmentSet][] = [
  ...PRESET_IDS.map((id): [string, SegmentSet] => [id, presetSegments(id, 'fr')]),
  ['hostile names and conditions', CONDITIONS],
  ['attribute conditions', ATTRIBUTES],
];

const TABLES: [string, SqlOrdersTable][] = [
  ['order ids and lines', ORDERS],
  ['order ids, no line', { ...ORDERS, line: undefined }],
  ['no order ids', { ...ORDERS, orderId: undefined, line: undefined }],
  ['a hostile table path', { ...ORDERS, table: ["p'; DROP TABLE x; --", 'd"s', 'o /* x'] }],
];

describe('every BigQuery variant is one GoogleSQL statement reading one table', () => {
  for (const [setLabel, segments] of SETS)
    for (const scoring of SCORINGS)
      for (const [tableLabel, orders] of TABLES)
        for (const asOfDay of [undefined, 19_800]) {
          const label = `${setLabel}, ${scoring.kind} ${scoring.kind === 'quantile' ? scoring.classes : scoring.recency.length + 1}, ${tableLabel}, ${asOfDay === undefined ? 'latest order' : 'as of 2024-03-18'}`;
          it(label, () => {
            const sql = compileSql({ dialect: 'bigquery', orders, scoring, segments, asOfDay });
            const ast = parser.astify(sql, BIGQUERY);
            expect(Array.isArray(ast) ? ast.length : 1).toBe(1);
            const tables = parser
              .tableList(sql, BIGQUERY)
              .filter(
                (table) =>
                  !/::null::(lines|owners|orders|analysis_date|metrics|measured|thresholds|scored|segmented|readings|attribute_lines|attribute_value_\d+|dated)$/.test(
                    table,
                  ),
              );
            expect(tables).toEqual([
              `select::${orders.table.slice(0, -1).join('.')}::${orders.table.at(-1)}`,
            ]);
          });
        }
});

describe('the GoogleSQL constructs DuckDB does not run, pinned', () => {
  const sql = compileSql({ dialect: 'bigquery', orders: ORDERS, segments: CONDITIONS });

  it('PERCENTILE_CONT is analytic (OVER ()), its fraction a plain literal, one row kept', () => {
    expect(sql).toContain('PERCENTILE_CONT(CAST(recency_days AS FLOAT64), 0.2) OVER () AS r1,');
    expect(sql).toContain(
      'PERCENTILE_CONT(CAST(monetary_th AS FLOAT64), 0.8) OVER () AS m4\n  FROM measured\n  LIMIT 1',
    );
    const thirds = compileSql({
      dialect: 'bigquery',
      orders: ORDERS,
      segments: CONDITIONS,
      scoring: { kind: 'quantile', classes: 3 },
    });
    expect(thirds).toContain('PERCENTILE_CONT(CAST(frequency AS FLOAT64), 0.3333333333333333) OVER () AS f1');
  });

  it('days, whole division, money and the owner of an order id', () => {
    expect(sql).toContain('DATE_DIFF(as_of, last_purchase, DAY) AS recency_days');
    expect(sql).toContain('DIV(2 * purchase_th + frequency, 2 * frequency) AS basket_th');
    expect(sql).toContain('CAST(ROUND(CAST(`amount` AS NUMERIC) * 1000) AS INT64) AS amount');
    expect(sql).toContain('CAST(monetary_th AS NUMERIC) / 1000 AS monetary');
    expect(sql).toContain('MIN_BY(customer, line) AS owner');
    expect(sql).toContain("REGEXP_CONTAINS(customer, r'^[0-9]+$')");
    expect(sql).toContain('FROM `my-project`.`shop`.`orders`');
    expect(sql).toContain("NULLIF(CAST(`invoice no` AS STRING), '') AS order_id");
  });

  it('segment names are string literals with GoogleSQL escapes; numbers plain literals', () => {
    expect(sql).toContain("THEN 'it\\'s\\'; DROP TABLE orders; --'");
    expect(sql).toContain("THEN 'semi;colon -- comment\\u000anew line'");
    expect(sql).toContain("THEN 'back\\\\slash\\\\\\' end'");
    expect(sql).toContain("ELSE 'Others\\'); --' END AS segment");
    expect(sql).toContain('CAST(monetary_th AS FLOAT64) / 1000 >= 1e+21');
  });

  it('attribute values are the latest line’s, trimmed as JavaScript trims; conditions compare literals', () => {
    const attributes = compileSql({ dialect: 'bigquery', orders: ORDERS, segments: ATTRIBUTES });
    expect(attributes).toContain('CAST(`country; --` AS STRING) AS attribute_1');
    expect(attributes).toContain('MAX_BY(value, line) AS value');
    expect(attributes).toContain("WHEN LOWER(TRIM(attribute_1, '\\u0009\\u000a");
    expect(attributes).toContain(") = 'fr\\'; drop --' THEN 'FR'");
    expect(attributes).toContain('STRPOS(LOWER(TRIM(attribute_2, ');
    expect(attributes).toContain("WHEN '' <> '' THEN 'Nowhere'");
  });
});
