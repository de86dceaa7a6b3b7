/**
 * `segmento sql`: the segmentation as one SQL query (src/warehouse/README.md), printed in the
 * BigQuery or the DuckDB dialect over the table named; with `--run FILE`, the DuckDB query run over
 * FILE — read by our own reader, as `segmento scores` reads it, and staged in an in-memory DuckDB;
 * or a Parquet file, typed already, read by DuckDB — printing the same CSV as `segmento scores`.
 */
import { dayInZone } from '../core/days';
import type { DuckDBConnection } from '@duckdb/node-api';
import { intlLocale } from '../core/labels';
import { DEFAULT_PRESET, presetSegments } from '../core/presets';
import { DEFAULT_SCORING } from '../core/scores';
import { asOfDay as settingsAsOfDay, type Settings } from '../workbook/settings-model';
import { compileSql, SqlSettingError, type SqlOrdersTable, type SqlSettings } from '../warehouse/compile-sql';
import { DIALECTS } from '../warehouse/dialects';
import { EXAMPLE_TABLE, namedOrdersTable } from '../warehouse/orders-table';
import { readingLines, type CliIo, type CommandLine } from './cli';
import {
  csvLines,
  loadDuckDB,
  scoresHeader,
  loadLines,
  stagedColumn,
  stagedOrders,
  typedLines,
} from './duckdb-orders';
import { checkOrders, checkReadable, checkSettingsFile } from './input-checks';
import { CliError, cliText, EXIT_CODES } from './messages';
import { readOrdersOfTable } from './plain-orders';
import { readTable } from './table-file';
import { readSettingsFile } from './workbook-command';

/** Runs `segmento sql`; returns the exit code. */
export async function runSqlCommand(line: CommandLine, io: CliIo): Promise<number> {
  const settingsPath = typeof line.values.settings === 'string' ? line.values.settings : undefined;
  const runPath = typeof line.values.run === 'string' ? line.values.run : undefined;
  if (settingsPath !== undefined) checkSettingsFile(settingsPath);
  if (runPath !== undefined) checkReadable(runPath, 'input');
  const saved =
    settingsPath === undefined ? null : await readSettingsFile(settingsPath, line.lang, line.locale);
  const analysis = analysisOf(line, saved);
  if (runPath === undefined) {
    const orders = namedOrdersTable(line.table ?? EXAMPLE_TABLE, line.columnNames ?? {}, analysis.segments);
    io.out(`${query({ ...analysis, orders, dialect: line.dialect })}\n`);
    return EXIT_CODES.ok;
  }
  const duckdb = await loadDuckDB();
  const instance = await duckdb.DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const { orders, reading } = PARQUET.test(runPath)
      ? await parquetOrders(connection, runPath, line, analysis)
      : await stageFile(connection, runPath, line, saved, analysis.asOfDay ?? null);
    const sql = query({ ...analysis, orders, dialect: 'duckdb' });
    // Streamed a chunk at a time: 1.65M customers are never held as values all at once.
    const started = performance.now();
    const result = await connection.stream(sql);
    const names = result.columnNames();
    let chunk = await result.fetchChunk();
    // The query ends with ORDER BY: its first rows come once it has computed them all.
    const seconds = ((performance.now() - started) / 1000).toLocaleString(intlLocale(line.lang), {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    io.out(scoresHeader(names));
    let customers = 0;
    for (; chunk !== null && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      customers += chunk.rowCount;
      io.out(csvLines(duckdb, names, chunk.getRows(), { raw: line.values.raw === true }));
    }
    const ran = cliText(line.lang, 'sql.ran', { customers, seconds });
    io.err(`${[...reading, ran].join('\n')}\n`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return EXIT_CODES.ok;
}

/**
 * Reads the file as `segmento scores` does and loads its lines into `orders`; returns the table the
 * query reads and the reading summary. The rows and lines are let go once loaded.
 */
async function stageFile(
  connection: DuckDBConnection,
  path: string,
  line: CommandLine,
  saved: Settings | null,
  asOfDay: number | null,
): Promise<{ orders: SqlOrdersTable; reading: string[] }> {
  // Read as `segmento scores` reads it: the file's text and its field positions, no array per row.
  const table = readTable(path);
  const book = readOrdersOfTable(table, { locale: line.locale, mapping: line.mapping ?? saved?.mapping });
  checkOrders(book, asOfDay, path);
  const headers = book.columns.attributes.map((column) => book.columns.headers[column]);
  const lines = typedLines(book, table, line.locale);
  await loadLines(
    connection,
    'orders',
    lines,
    headers.map((_, k) => stagedColumn(k)),
  );
  return {
    orders: stagedOrders('orders', headers),
    reading: readingLines(book, line.lang, table, line.locale),
  };
}

/** A Parquet file is typed already: DuckDB reads it as the table, its columns by name like a table's. */
const PARQUET = /\.parquet$/i;

async function parquetOrders(
  connection: DuckDBConnection,
  path: string,
  line: CommandLine,
  analysis: Analysis,
): Promise<{ orders: SqlOrdersTable; reading: string[] }> {
  await connection.run(`CREATE VIEW orders AS SELECT * FROM read_parquet(${DIALECTS.duckdb.text(path)})`);
  return { orders: namedOrdersTable(['orders'], line.columnNames ?? {}, analysis.segments), reading: [] };
}

type Analysis = Pick<SqlSettings, 'asOfDay' | 'scoring' | 'segments' | 'lang'>;

/**
 * The analysis of the command line over the settings file, as `segmento run` takes them: the
 * file's settings (else the defaults), `--preset`, `--classes` and `--as-of` overriding them.
 */
function analysisOf(line: CommandLine, saved: Settings | null): Analysis {
  const today = dayInZone(undefined)(new Date());
  return {
    lang: line.lang,
    asOfDay: line.asOfDay ?? (saved === null ? null : settingsAsOfDay(saved.asOf, today)),
    scoring:
      line.classes === undefined
        ? (saved?.scoring ?? DEFAULT_SCORING)
        : { kind: 'quantile', classes: line.classes },
    segments:
      line.preset === undefined
        ? (saved?.segments ?? presetSegments(DEFAULT_PRESET, line.lang))
        : presetSegments(line.preset, line.lang),
  };
}

/** The query, or the settings failure that says which rule SQL cannot write. */
function query(settings: SqlSettings): string {
  try {
    return compileSql(settings);
  } catch (error) {
    if (error instanceof SqlSettingError)
      throw new CliError('settings', 'sql.refused', { message: error.message });
    throw error;
  }
}
