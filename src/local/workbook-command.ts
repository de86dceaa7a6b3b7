/**
 * `segmento run ORDERS --out WORKBOOK.xlsx` and `segmento demo`: the Apply pipeline of the add-on,
 * unchanged, over an .xlsx workbook, with the KPI summary printed as a table.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { dayFromText, localeFormat, type Cell } from '../core/values';
import { cellsOf, type RowSource } from '../core/rows';
import { dayFromIso, dayInZone, isoDay, SHEETS_SERIAL_OF_EPOCH } from '../core/days';
import { intlLocale, labelLang, UserError, type Lang } from '../core/labels';
import { PRESET_IDS, presetSegments, type PresetId } from '../core/presets';
import { applySegmentation, type ApplySummary } from '../workbook/apply';
import { KPI_FORMATS } from '../workbook/kpi-tab';
import { acquisitionTabContent } from '../workbook/acquisition-table';
import { campaignsTabContent } from '../workbook/campaigns-table';
import { createHandTabIfMissing } from '../workbook/paying-off';
import type { NumberFormat, WorkbookPort, WriteCell } from '../workbook/port';
import { serialOfDay } from '../workbook/segment-tabs';
import { ROLE_FORMATS, type TitledTable } from '../workbook/tab-content';
import { type Settings } from '../workbook/settings-model';
import { issuesText, parseSettings } from '../workbook/settings-tab';
import { parseColumns, USAGE } from './cli';
import { readTable, readTableFile } from './table-file';
import { CliError, cliText, commandLineWords, EXIT_CODES, summarised } from './messages';
import { readXlsxSheet, XlsxFile, xlsxSheetNames, type XlsxWorkbook } from './xlsx-port';
import { DEMO_CONTACTS_TAB, DEMO_FILES, DEMO_RUN_BEFORE_CAMPAIGNS } from './demo-paying-off';

export interface WorkbookCommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether stderr is a terminal (progress is redrawn in place). */
  interactive: boolean;
  locale: string;
  /** Where the shipped demo orders are. */
  demoOrders: string;
}

const PROGRESS_FROM_ROWS = 100_000;
/** How long a run waits for another run on the same workbook before saying who holds it. */
const RUN_LOCK_WAIT_MS = 120_000;

/**
 * Reads an order file as a sheet would hold it: CSV / .csv.gz / whitespace columns (kept as their
 * text, each cell read when asked, its rows split at once: this runs while the workbook inflates),
 * or an .xlsx tab.
 */
async function readOrderFile(path: string, sheet: string | undefined, timeZone: string): Promise<RowSource> {
  if (/\.xlsx$/i.test(path)) return readXlsxSheet(path, sheet, timeZone);
  const table = readTable(path);
  table.splitPending();
  return table;
}

/** The settings tab layout, read from a CSV or .xlsx file (as exported from the settings tab). */
export async function readSettingsFile(path: string, lang: Lang, locale: string): Promise<Settings> {
  // Read with its dates as UTC wall clocks, so that they are read back as days through UTC too.
  const values = cellsOf(await readOrderFile(path, undefined, 'UTC'));
  const parsed = parseSettings(values, lang, locale, dayInZone('UTC'));
  if (parsed.settings) return parsed.settings;
  throw new CliError('settings', 'settings.invalid', { path, issues: issuesText(parsed.issues) });
}

/**
 * The orders file seen as one more tab of the workbook, read-only: Apply reads its rows where they
 * are (`readRows`), and any other reader gets its values, made when first asked for.
 */
export function withOrders(port: WorkbookPort, name: string, rows: RowSource): WorkbookPort {
  let values: Cell[][] | null = null;
  const overrides: Partial<WorkbookPort> = {
    sheetNames: () => [name, ...port.sheetNames()],
    readRange: (sheetName, a1) =>
      sheetName === name
        ? { values: (values ??= cellsOf(rows)), firstRow: 1 }
        : port.readRange(sheetName, a1),
    readRows: (sheetName, a1) =>
      sheetName === name ? { rows, firstRow: 1 } : (port.readRows?.(sheetName, a1) ?? null),
  };
  return new Proxy(port, {
    get: (target, property: keyof WorkbookPort) => overrides[property] ?? target[property]!.bind(target),
  });
}

function textOf(cell: WriteCell, lang: Lang, format: NumberFormat): string {
  if (format === 'date' && typeof cell === 'number') return isoDay(cell - SHEETS_SERIAL_OF_EPOCH);
  if (cell === null) return '—';
  if (typeof cell !== 'number') return String(cell);
  const options: Intl.NumberFormatOptions =
    format === 'percent'
      ? { style: 'percent', maximumFractionDigits: 1 }
      : format === 'money'
        ? { minimumFractionDigits: 2, maximumFractionDigits: 2 }
        : { maximumFractionDigits: format === 'integer' || format === 'count' ? 0 : 2 };
  return cell.toLocaleString(intlLocale(lang), options);
}

/** The KPI table with aligned columns: text left, numbers right, each column in its format. */
export function kpiTableText(rows: WriteCell[][], lang: Lang): string {
  return tableText(rows, KPI_FORMATS, lang);
}

/** A table (header first) with aligned columns: the first left, the others right, each in its format. */
function tableText(rows: WriteCell[][], formats: readonly NumberFormat[], lang: Lang): string {
  const cells = rows.map((row, r) =>
    row.map((cell, c) => (r === 0 ? String(cell) : textOf(cell, lang, formats[c]))),
  );
  const widths = cells[0].map((_, c) => Math.max(...cells.map((row) => row[c].length)));
  const line = (row: string[]) =>
    row.map((text, c) => (c === 0 ? text.padEnd(widths[c]) : text.padStart(widths[c]))).join('  ');
  return [
    line(cells[0]),
    widths.map((width) => '─'.repeat(width)).join('  '),
    ...cells.slice(1).map(line),
  ].join('\n');
}

function progress(io: WorkbookCommandIo, enabled: () => boolean) {
  const steps = 3;
  let step = 0;
  return (message: string) => {
    if (!enabled()) return;
    step = Math.min(step + 1, steps);
    const bar = `[${'#'.repeat(step * 10).padEnd(steps * 10)}]`;
    io.err(
      io.interactive ? `\r${bar} ${message.padEnd(60)}${step === steps ? '\n' : ''}` : `${bar} ${message}\n`,
    );
  };
}

/** Runs `run` or `demo`; returns the exit code. */
export async function runWorkbookCommand(argv: string[], io: WorkbookCommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      sheet: { type: 'string' },
      'as-of': { type: 'string' },
      preset: { type: 'string' },
      settings: { type: 'string' },
      locale: { type: 'string', default: io.locale },
      'time-zone': { type: 'string', default: 'Europe/Paris' },
      columns: { type: 'string' },
    },
  });
  const [command, file] = positionals;
  const demo = command === 'demo';
  const ordersPath = demo ? io.demoOrders : file;
  if (!ordersPath) {
    io.err(`${USAGE}\n`);
    return 2;
  }
  const locale = demo && !argv.includes('--locale') ? 'fr_FR' : (values.locale ?? io.locale);
  const timeZone = values['time-zone'] ?? 'Europe/Paris';
  const lang = labelLang(locale);
  const out =
    values.out ??
    (demo
      ? 'out/segmento-demo.xlsx'
      : `${ordersPath.replace(/(\.csv)?(\.gz)?$|\.xlsx$|\.txt$/i, '')}-segmento.xlsx`);
  const preset = values.preset;
  if (preset !== undefined && !PRESET_IDS.includes(preset as PresetId)) {
    throw new Error(`--preset: ${PRESET_IDS.join(', ')}`);
  }
  const asOfText = values['as-of'];
  const asOfDay = asOfText === undefined ? null : dayFromText(asOfText, localeFormat(locale));
  if (asOfText !== undefined && asOfDay === null)
    throw new UserError('error.badAsOf', { value: asOfText }, lang);
  const fromFile =
    values.settings === undefined ? null : await readSettingsFile(values.settings, lang, locale);

  // The orders are read as the workbook is being loaded: an update inflates its large tabs in the
  // thread pool, and this thread reads the orders instead of waiting for them (a tenth of a second
  // at a million rows). An order file that cannot be read is said first, whatever else goes wrong,
  // and before anything is written or waited for.
  let readFailed = false;
  const reading = new Promise<RowSource>((resolve, reject) =>
    setImmediate(() => readOrderFile(ordersPath, values.sheet, timeZone).then(resolve, reject)),
  );
  reading.catch(() => (readFailed = true));
  let orders: RowSource | null = null;
  const show = progress(io, () => io.interactive && (orders?.rowCount ?? 0) > PROGRESS_FROM_ROWS);
  // No workbook to load in a folder still to make: the orders first, and a folder only for them.
  const folder = dirname(out) || '.';
  if (!existsSync(folder)) orders = await reading;
  mkdirSync(folder, { recursive: true });
  const source = basename(ordersPath);
  const workbookFile = new XlsxFile(out, {
    locale,
    timeZone,
    notify: show,
    warn: (message) => io.err(`segmento: ${message}\n`),
  });
  // Read, compute and write under the workbook's lock, again from the start if another program
  // saved the file meanwhile: a concurrent run waits, and no one's save is overwritten.
  const demoTables = demo ? readDemoTables(dirname(ordersPath)) : null;
  const update = workbookFile.update(
    async (workbook) => {
      orders ??= await reading;
      const port = withOrders(workbook.port, source, orders);
      const today = dayInZone(timeZone)(new Date());
      if (demoTables) {
        // The shop's own tables, then the run of 31 May 2026 that the campaigns' segments come from.
        seedDemoTables(workbook, port, demoTables, lang);
        const before = applySegmentation(port, {
          today,
          userLocale: locale,
          now: `${DEMO_RUN_BEFORE_CAMPAIGNS}T20:00:00Z`,
          adjust: (saved) => ({
            ...saved,
            sourceSheet: source,
            sourceRange: '',
            asOf: { kind: 'date', day: dayFromIso(DEMO_RUN_BEFORE_CAMPAIGNS)! },
          }),
        });
        if (!before.ok) return { result: before, skippedCharts: 0 };
      }
      const result = applySegmentation(port, {
        today,
        userLocale: locale,
        adjust: (saved) => ({
          ...(fromFile ?? saved),
          sourceSheet: source,
          sourceRange: '',
          ...(asOfDay === null ? {} : { asOf: { kind: 'date', day: asOfDay } as const }),
          ...(values.columns === undefined ? {} : { mapping: parseColumns(values.columns) }),
          ...(preset === undefined
            ? {}
            : { preset: preset as PresetId, segments: presetSegments(preset as PresetId, lang) }),
        }),
      });
      if (result.ok) await workbook.save();
      return { result, skippedCharts: workbook.skippedCharts().length };
    },
    { lockWaitMs: RUN_LOCK_WAIT_MS, giveUp: () => readFailed },
  );
  const done = await update.catch(async (error: unknown) => {
    await reading; // its error first, when the order file could not be read
    throw error;
  });
  if (!done.result.ok) {
    io.err(
      `segmento: ${summarised(commandLineWords(done.result.message, lang, asOfText), lang)}\n${await tabsHint(ordersPath, values.sheet, lang)}`,
    );
    if (done.result.issues.length > 0) return EXIT_CODES.settings;
    // More than the workbook can hold (a tab past Excel's grid): the output cannot be written.
    return done.result.tooLarge ? EXIT_CODES.output : EXIT_CODES.input;
  }
  io.out(summaryText(done.result.summary, out, lang, done.skippedCharts));
  return 0;
}

/** For orders read from the first tab of an .xlsx by default: which tab was read, the others, and --sheet. */
async function tabsHint(path: string, sheet: string | undefined, lang: Lang): Promise<string> {
  if (sheet !== undefined || !/\.xlsx$/i.test(path)) return '';
  const sheets = await xlsxSheetNames(path);
  if (sheets.length < 2) return '';
  return `${cliText(lang, 'input.firstTab', { sheet: sheets[0], sheets: sheets.join(', ') })}\n`;
}

/**
 * A titled table as printed: its title, then the table; a last column of notes (text after the
 * figures) is printed under the table instead, one line per note, after its row's first cell.
 */
function titledTableText(table: TitledTable, lang: Lang): string {
  const { columns } = table;
  const last = columns.length - 1;
  const notes =
    columns[last].role === 'text' && last > 0 ? table.rows.map((row) => String(row[last] ?? '')) : [];
  const shown = notes.length > 0 ? columns.slice(0, last) : columns;
  const rows = [shown.map((column) => column.header), ...table.rows.map((row) => row.slice(0, shown.length))];
  const formats = shown.map((column) => ROLE_FORMATS[column.role]);
  const noteLines = notes.flatMap((note, index) =>
    note === '' ? [] : [`  ${String(table.rows[index][0])} — ${note}`],
  );
  return [table.title, tableText(rows, formats, lang), ...noteLines].join('\n');
}

function summaryText(summary: ApplySummary, out: string, lang: Lang, skippedCharts: number): string {
  const charts =
    skippedCharts === 0 ? '' : `\n${cliText(lang, 'run.chartsSkipped', { count: skippedCharts })}`;
  const written = cliText(lang, 'run.written', { path: out });
  const payingOff = summary.payingOffTables
    .filter((table) => table.rows.length > 0)
    .map((table) => `${titledTableText(table, lang)}\n\n`)
    .join('');
  return `${summary.message}\n\n${kpiTableText(summary.kpis, lang)}\n\n${payingOff}${written}${charts}\n`;
}

/** The demo's hand tables and contacted list, as shipped beside the demo orders (src/local/demo-paying-off.ts). */
interface DemoTables {
  campaigns: string[][];
  acquisition: string[][];
  contacts: string[][];
}

function readDemoTables(folder: string): DemoTables {
  const read = (name: string) => readTableFile(join(folder, name));
  return {
    campaigns: read(DEMO_FILES.campaigns),
    acquisition: read(DEMO_FILES.acquisition),
    contacts: read(DEMO_FILES.contacts),
  };
}

/** A cell of a demo CSV as a person would have typed it: an ISO date a date, a whole number a number. */
function typedCell(text: string): WriteCell {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(text) ? dayFromIso(text) : null;
  if (day !== null) return serialOfDay(day);
  return /^\d+$/.test(text) ? Number(text) : text;
}

/**
 * Puts the demo's tables into the workbook when it has none of them yet (a re-run keeps what a
 * person changed): the contacted list as a person's tab, the campaigns and acquisition tables.
 */
function seedDemoTables(workbook: XlsxWorkbook, port: WorkbookPort, tables: DemoTables, lang: Lang): void {
  workbook.addPlainTab(DEMO_CONTACTS_TAB, tables.contacts);
  const rows = (table: string[][]) => table.slice(1).map((row) => row.map(typedCell));
  createHandTabIfMissing(port, campaignsTabContent(lang, rows(tables.campaigns)));
  createHandTabIfMissing(port, acquisitionTabContent(lang, rows(tables.acquisition)));
}
