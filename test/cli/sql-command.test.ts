/**
 * `segmento sql` end to end, as a process (issue 16): the printed query is compileSql's for the
 * command line's settings; `--run` prints what `segmento scores` prints, byte for byte; a setting
 * text cannot change the query; a wrong line is a sentence and its exit code.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Parser } from 'node-sql-parser';
import * as duckdb from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { analyseBook } from '../../src/core/analysis';
import { dayFromIso } from '../../src/core/days';
import { readOrders } from '../../src/core/orders';
import { presetSegments } from '../../src/core/presets';
import type { SegmentSet } from '../../src/core/segments';
import { scoresCsv } from '../../src/local/cli';
import { loadLines, typedLines } from '../../src/local/duckdb-orders';
import { CellRows } from '../../src/core/rows';
import { EXIT_CODES } from '../../src/local/messages';
import { readTableFile } from '../../src/local/table-file';
import { defaultSettings, type Settings } from '../../src/workbook/settings-model';
import { settingsRows } from '../../src/workbook/settings-tab';
import { compileSql, SqlSettingError } from '../../src/warehouse/compile-sql';
import { EXAMPLE_TABLE, namedOrdersTable } from '../../src/warehouse/orders-table';
import { dataSet } from '../data-sets';

const cli = new URL('../../build/segmento.mjs', import.meta.url).pathname;
const DEMO = new URL('../../src/local/demo/commandes-demo.csv', import.meta.url).pathname;
const segmento = (args: string[], lang = 'en_US.UTF-8', command = cli) =>
  spawnSync('node', [command, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, LANG: lang },
    maxBuffer: 1 << 28,
  });
const dir = () => mkdtempSync(join(tmpdir(), 'segmento-sql-'));

/** Rules whose names and values no query may read as SQL, on metrics and on a column. */
const HOSTILE: SegmentSet = {
  scale: 5,
  rules: [
    {
      name: "Big'; DROP TABLE orders; --",
      color: '#000000',
      conditions: [{ field: 'monetary', op: '>=', value: 200 }],
    },
    {
      name: 'Basket `x` "y" /* z \\',
      color: '#000000',
      conditions: [{ attribute: 'Canal', op: '=', value: "Boutique' OR '1'='1" }],
    },
    {
      name: 'Shop /*',
      color: '#000000',
      conditions: [{ attribute: 'Canal', op: 'contains', value: 'bout' }],
    },
    { name: 'Recent; SELECT 1', color: '#000000', r: { min: 4, max: 5 } },
  ],
  fallback: { name: 'Others', color: '#9e9e9e' },
};

/** A settings tab exported as CSV, as `--settings` reads it. */
function settingsFile(settings: Settings, lang: 'fr' | 'en'): string {
  const path = join(dir(), 'settings.csv');
  const field = (cell: unknown) => `"${String(cell ?? '').replace(/"/g, '""')}"`;
  writeFileSync(
    path,
    settingsRows(settings, lang)
      .map((row) => row.map(field).join(','))
      .join('\n'),
  );
  return path;
}

describe('segmento sql prints the query of the command line', () => {
  it('by default: BigQuery, the example table, the default columns and settings', () => {
    const result = segmento(['sql']);
    expect(result.status).toBe(0);
    const segments = presetSegments('classique', 'en');
    expect(result.stdout).toBe(
      `${compileSql({ dialect: 'bigquery', orders: namedOrdersTable(EXAMPLE_TABLE, {}, segments), segments })}\n`,
    );
  });

  it('with a dialect, a table, column names, a date, a preset, classes and a language', () => {
    const result = segmento(
      [
        'sql',
        '--dialect',
        'duckdb',
        '--table',
        'shop.sales.orders',
        '--columns',
        'customer=customer_id,date=created_at,amount=total,orderId=invoice,line=row_number',
        '--as-of',
        '2024-06-30',
        '--preset',
        'score15',
        '--classes',
        '3',
      ],
      'fr_FR.UTF-8',
    );
    expect(result.status).toBe(0);
    const segments = presetSegments('score15', 'fr');
    const orders = namedOrdersTable(
      ['shop', 'sales', 'orders'],
      {
        customer: 'customer_id',
        date: 'created_at',
        amount: 'total',
        orderId: 'invoice',
        line: 'row_number',
      },
      segments,
    );
    expect(result.stdout).toBe(
      `${compileSql({
        dialect: 'duckdb',
        orders,
        asOfDay: dayFromIso('2024-06-30'),
        scoring: { kind: 'quantile', classes: 3 },
        segments,
        lang: 'fr',
      })}\n`,
    );
  });

  it('a settings file with hostile names: the query is compileSql’s, one statement reading one table', () => {
    const settings: Settings = {
      ...defaultSettings('en'),
      scoring: { kind: 'fixed', recency: [30, 90], frequency: [1, 3], monetary: [50, 200] },
      preset: null,
      segments: HOSTILE,
      asOf: { kind: 'date', day: dayFromIso('2026-06-30')! },
    };
    const result = segmento(['sql', '--settings', settingsFile(settings, 'en'), '--table', 'p.d.orders']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const expected = compileSql({
      dialect: 'bigquery',
      orders: namedOrdersTable(['p', 'd', 'orders'], {}, HOSTILE),
      asOfDay: settings.asOf.kind === 'date' ? settings.asOf.day : null,
      scoring: settings.scoring,
      segments: HOSTILE,
    });
    expect(result.stdout).toBe(`${expected}\n`);
    const parser = new Parser();
    const ast = parser.astify(result.stdout, { database: 'BigQuery' });
    expect(Array.isArray(ast) ? ast.length : 1).toBe(1);
    expect(parser.tableList(result.stdout, { database: 'BigQuery' })).toContain('select::p.d::orders');
  });

  it('a rule on the predicted value: the reason instead of a query, exit 3', () => {
    const settings: Settings = {
      ...defaultSettings('fr'),
      preset: null,
      segments: {
        scale: 5,
        rules: [
          {
            name: 'Vivants',
            color: '#000000',
            conditions: [{ field: 'probabilityAlive', op: '>', value: 0.5 }],
          },
        ],
        fallback: { name: 'Autres', color: '#9e9e9e' },
      },
    };
    const result = segmento(['sql', '--settings', settingsFile(settings, 'fr')], 'fr_FR.UTF-8');
    expect(result.stdout).toBe('');
    const reason = new SqlSettingError({ rule: 'Vivants' }, 'fr').message;
    expect(result.stderr).toBe(`segmento: Pas de requête SQL pour ces réglages : ${reason}\n`);
    expect(result.status).toBe(EXIT_CODES.settings);
  });
});

describe('segmento sql --run prints what segmento scores prints', () => {
  const retail = dataSet('rfm_data_orders.csv');
  const cases: [string, string | null, string[]][] = [
    ['the demo orders, in French', DEMO, ['--locale', 'fr_FR']],
    [
      'rfm_data_orders, 3 classes, score15, at a past date',
      retail,
      ['--classes', '3', '--preset', 'score15', '--as-of', '2006-06-30'],
    ],
  ];
  for (const [label, file, options] of cases)
    it.skipIf(file === null)(
      `${label}: byte for byte`,
      () => {
        const scores = segmento(['scores', file!, ...options]);
        const sql = segmento(['sql', '--run', file!, ...options]);
        expect(scores.status).toBe(0);
        expect(sql.status).toBe(0);
        expect(sql.stdout.length).toBe(scores.stdout.length);
        expect(sql.stdout === scores.stdout).toBe(true);
        expect(sql.stderr).toMatch(
          /customers scored by the DuckDB query|clients notés par la requête DuckDB/,
        );
      },
      60_000,
    );

  it('the settings file’s rules with hostile names and a column condition: the engine’s CSV', () => {
    const settings: Settings = { ...defaultSettings('fr'), preset: null, segments: HOSTILE };
    const result = segmento(
      ['sql', '--run', DEMO, '--settings', settingsFile(settings, 'fr')],
      'fr_FR.UTF-8',
    );
    expect(result.status).toBe(0);
    const book = readOrders(readTableFile(DEMO), { locale: 'fr_FR' });
    expect(result.stdout === scoresCsv(analyseBook(book, { lang: 'fr', segments: HOSTILE }))).toBe(true);
    for (const rule of [HOSTILE.rules[0], ...HOSTILE.rules.slice(2)])
      expect(result.stdout).toContain(rule.name.replace(/"/g, '""'));
  }, 60_000);

  it('a Parquet file of the typed lines, its columns named: the same CSV as scores on the CSV', async () => {
    const parquet = join(dir(), 'commandes.parquet');
    const rows = readTableFile(DEMO);
    const book = readOrders(rows, { locale: 'fr_FR' });
    const instance = await duckdb.DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await loadLines(connection, 'orders', typedLines(book, new CellRows(rows), 'fr_FR'));
    await connection.run(`COPY orders TO '${parquet}' (FORMAT parquet)`);
    connection.closeSync();
    instance.closeSync();
    const columns = 'customer=customer,date=order_date,amount=amount,orderId=order_id,line=line';
    const sql = segmento(['sql', '--run', parquet, '--columns', columns, '--locale', 'fr_FR']);
    const scores = segmento(['scores', DEMO, '--locale', 'fr_FR']);
    expect(sql.status).toBe(0);
    expect(sql.stdout.length).toBe(scores.stdout.length);
    expect(sql.stdout === scores.stdout).toBe(true);
  }, 60_000);

  it('without DuckDB installed: what to install, exit 6', () => {
    // The built command and the chunks it loads, away from node_modules.
    const folder = dir();
    const alone = join(folder, 'segmento.mjs');
    copyFileSync(cli, alone);
    cpSync(join(dirname(cli), 'segmento-chunks'), join(folder, 'segmento-chunks'), { recursive: true });
    const result = segmento(['sql', '--run', DEMO], 'fr_FR.UTF-8', alone);
    expect(result.stderr).toMatch(
      /^segmento: « segmento sql --run » a besoin de DuckDB, qui n’est pas installé ici \(.*@duckdb\/node-api.*\)\. Dans le dossier de Segmento, lancez npm install \(ou npm install @duckdb\/node-api\) ; sans --run, la requête s’affiche sans DuckDB\.\n$/,
    );
    expect(result.status).toBe(EXIT_CODES.dependency);
    expect(segmento(['sql'], 'en_US.UTF-8', alone).status).toBe(0);
  });
});

describe('segmento sql: a wrong command line is one sentence and exit 2', () => {
  it.each([
    [['--dialect', 'mysql'], '--dialect: "mysql" is not an SQL dialect; the dialects: bigquery, duckdb.'],
    [
      ['--dialect', 'constructor'],
      '--dialect: "constructor" is not an SQL dialect; the dialects: bigquery, duckdb.',
    ],
    [
      ['--run', 'orders.csv', '--dialect', 'bigquery'],
      '--run runs the DuckDB form of the query: remove --dialect bigquery or write --dialect duckdb.',
    ],
    [
      ['--run', DEMO, '--table', 'a.b'],
      '--table names the orders table in the warehouse; with --run, the table is the file read: remove --table.',
    ],
    [
      ['--table', 'project..orders'],
      '--table: "project..orders" is not a table path (names separated by dots, for example project.sales.orders).',
    ],
    [
      ['--table', 'p.d.orders`; DROP TABLE x; --'],
      '--table: "orders`; DROP TABLE x; --" cannot name a table or a column in bigquery (backtick, backslash or control character).',
    ],
    [
      ['--columns', 'customer=id`x'],
      '--columns: "id`x" cannot name a table or a column in bigquery (backtick, backslash or control character).',
    ],
    [
      ['--columns', 'client=id'],
      '--columns: "client=id" is not a role=column name. The roles: customer, date, amount, orderId, line; for example --columns customer=customer_id,date=order_date,amount=amount.',
    ],
    [
      ['--run', 'orders.xlsx'],
      '"segmento sql --run" reads a CSV or text file: export the orders tab of orders.xlsx as CSV.',
    ],
    [['--tabel', 'x'], 'Unknown option --tabel for "segmento sql". Did you mean --table?'],
    [['orders.csv'], 'Extra argument for "segmento sql": orders.csv.'],
  ])('%j', (args, message) => {
    const result = segmento(['sql', ...args]);
    expect(result.stderr).toBe(`segmento: ${message}\n`);
    expect(result.status).toBe(EXIT_CODES.usage);
  });

  it('a missing file to run: exit 1; a missing settings file: exit 3', () => {
    expect(segmento(['sql', '--run', join(dir(), 'none.csv')]).status).toBe(EXIT_CODES.input);
    expect(segmento(['sql', '--settings', join(dir(), 'none.csv')]).status).toBe(EXIT_CODES.settings);
  });
});
