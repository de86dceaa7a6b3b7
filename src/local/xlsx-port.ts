/**
 * The workbook port over an .xlsx file (exceljs), for the command line and the local preview. The
 * workbook is held in memory: the port's calls are synchronous, `save` writes the file.
 *
 * Managed tabs are listed in a very hidden tab, `_segmento`: one row per tab with a stable id, the
 * name, the exceljs sheet id and the tag (JSON). Each managed tab also carries a workbook defined
 * name, `_segmento_tab_<id>`, that refers to its cell A1: Excel and LibreOffice rewrite that
 * reference when a person renames the tab, and drop it (`#REF!`) when the tab is deleted. A tab is
 * found again on opening by, in order:
 * - its defined name, when it names an existing tab (renamed in Excel or LibreOffice, tabs moved,
 *   inserted or renumbered);
 * - its sheet id, when the defined name names a tab that no longer exists (renamed by a tool that
 *   keeps defined names as they were, such as exceljs; Excel keeps sheet ids, LibreOffice numbers
 *   them by position);
 * - its sheet id and its recorded name, for a tab written without a defined name (see
 *   `hasSafeReference`).
 * A tab found by none of these is no longer managed; a tab a person made is never in the index.
 */
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type {
  Cell as ExcelCell,
  CellValue,
  ConditionalFormattingOptions,
  Fill,
  Font,
  Workbook,
  WorkbookView,
  Worksheet,
  WorksheetView,
} from 'exceljs';
import { SHEETS_SERIAL_OF_EPOCH, zoneOffset } from '../core/days';
import type { Cell } from '../core/values';
import {
  NUMBER_FORMAT_PATTERNS,
  type Area,
  type CellFormat,
  type ChartSpec,
  type ManagedTab,
  type TabLayout,
  type TabTag,
  type WorkbookPort,
  type WriteCell,
} from '../workbook/port';
import { CliError } from './cli-messages';

/** The very hidden tab that lists the managed tabs; never listed by `sheetNames`. */
export const INDEX_SHEET = '_segmento';
const INDEX_HEADER = ['id', 'name', 'sheetId', 'tag', 'reference'];
const REFERENCE_NAME = /^_segmento_tab_(\d+)$/;

/** A lock file older than this is left over from a run that died, and is taken over. */
const LOCK_STALE_MS = 10 * 60_000;
const LOCK_POLL_MS = 25;
const MS_PER_DAY = 86_400_000;

export interface XlsxOptions {
  /** The locale (`fr_FR`) and time zone (`Europe/Paris`) the port reports, as a spreadsheet's. */
  locale: string;
  timeZone: string;
  /** Where user messages go; a line on the console by default. */
  notify?: (message: string) => void;
}

/** A chart asked for on a tab: exceljs cannot write charts, so none is in the file. */
export interface SkippedChart {
  tab: string;
  chart: ChartSpec;
}

export interface XlsxWorkbook {
  port: WorkbookPort;
  /** The charts asked for through `addChart` on tabs that still exist. */
  skippedCharts(): SkippedChart[];
  /** Writes the workbook to a temporary file beside it, then renames it over the file. */
  save(): Promise<void>;
}

/** The workbook at `path`, or a new empty one when there is no such file (written by `save`). */
export async function openXlsxWorkbook(path: string, options: XlsxOptions): Promise<XlsxWorkbook> {
  const workbook = new ExcelJS.Workbook();
  if (existsSync(path)) await readXlsxFile(workbook, path, 'output');
  const port = new XlsxPort(path, workbook, options);
  return { port, skippedCharts: () => port.skippedCharts(), save: () => port.save() };
}

/**
 * The data range of a tab (the first one by default) as Sheets would give it: `Date` for date
 * cells, numbers, strings, booleans, '' for empty cells; a formula cell gives its cached result, rich
 * text its plain text. A date cell is the instant of its wall-clock time in `timeZone`, so that the
 * same time zone reads back the same calendar day.
 */
export async function readXlsxSheet(path: string, sheetName?: string, timeZone = 'UTC'): Promise<Cell[][]> {
  const workbook = new ExcelJS.Workbook();
  await readXlsxFile(workbook, path, 'input');
  const sheets = workbook.worksheets.filter((sheet) => sheet.name !== INDEX_SHEET);
  const sheet =
    sheetName === undefined ? sheets[0] : sheets.find((candidate) => candidate.name === sheetName);
  if (!sheet) {
    const sheetNames = sheets.map((candidate) => `"${candidate.name}"`).join(', ');
    if (sheetName === undefined) throw new CliError('input', 'input.noSheet', { path });
    throw new CliError('input', 'input.unknownSheet', { path, sheet: sheetName, sheets: sheetNames });
  }
  return readArea(sheet, null, instantOfWallClock(timeZone)).values;
}

/**
 * Loads an .xlsx file into a workbook; a file that is not a zip archive or whose XML cannot be read
 * (the zip reader's or exceljs's own words, such as `Cannot set properties of undefined (setting
 * 'sheetNo')`) is a `CliError` naming it. Errors of the file system (missing, denied) pass as they are.
 */
async function readXlsxFile(workbook: Workbook, path: string, kind: 'input' | 'output'): Promise<void> {
  try {
    await workbook.xlsx.readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).syscall !== undefined) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    const key =
      kind === 'output'
        ? 'output.notXlsx'
        : /zip|central directory/i.test(detail)
          ? 'input.notXlsx'
          : 'input.brokenXlsx';
    throw new CliError(kind, key, { path });
  }
}

/** The names of a workbook's tabs, in order (our hidden index tab left out). */
export async function xlsxSheetNames(path: string): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await readXlsxFile(workbook, path, 'input');
  return workbook.worksheets.filter((sheet) => sheet.name !== INDEX_SHEET).map((sheet) => sheet.name);
}

interface Managed {
  id: number;
  sheet: Worksheet;
  tag: TabTag;
}

class XlsxPort implements WorkbookPort {
  private readonly managed: Map<number, Managed>;
  private readonly charts: { id: number; chart: ChartSpec }[] = [];
  private readonly toInstant: (wallClockMs: number) => Date;
  private nextId: number;

  constructor(
    private readonly path: string,
    private readonly workbook: Workbook,
    private readonly options: XlsxOptions,
  ) {
    this.toInstant = instantOfWallClock(options.timeZone);
    this.managed = new Map(readIndex(workbook).map((tab) => [tab.id, tab]));
    this.nextId = Math.max(0, ...this.managed.keys()) + 1;
  }

  locale(): string {
    return this.options.locale;
  }

  timeZone(): string {
    return this.options.timeZone;
  }

  sheetNames(): string[] {
    return this.sheets().map((sheet) => sheet.name);
  }

  readRange(sheetName: string, a1: string | null): { values: Cell[][]; firstRow: number } | null {
    const sheet = this.sheets().find((candidate) => candidate.name === sheetName);
    return sheet ? readArea(sheet, a1, this.toInstant) : null;
  }

  managedTabs(): ManagedTab[] {
    const order = this.workbook.worksheets;
    return [...this.managed.values()]
      .sort((a, b) => order.indexOf(a.sheet) - order.indexOf(b.sheet))
      .map(({ id, sheet, tag }) => ({ id, name: sheet.name, tag }));
  }

  createManagedTab(name: string, tag: TabTag): ManagedTab {
    this.checkNewName(name);
    const tab = { id: this.nextId++, sheet: this.workbook.addWorksheet(name), tag };
    this.managed.set(tab.id, tab);
    return { id: tab.id, name, tag };
  }

  retagTab(id: number, tag: TabTag): void {
    this.tab(id).tag = tag;
  }

  renameTab(id: number, name: string): void {
    const { sheet } = this.tab(id);
    if (sheet.name === name) return;
    this.checkNewName(name, sheet);
    // exceljs refuses a name equal to the tab's own in another case: go through an unused name.
    if (sheet.name.toLowerCase() === name.toLowerCase()) sheet.name = `${INDEX_SHEET}_renaming`;
    sheet.name = name;
  }

  deleteTab(id: number): void {
    this.workbook.removeWorksheet(this.tab(id).sheet.id);
    this.managed.delete(id);
  }

  /** Strings are written as strings (shared strings), so `=1+2` stays text; null empties a cell. */
  writeBlock(id: number, row: number, column: number, values: WriteCell[][]): void {
    const { sheet } = this.tab(id);
    values.forEach((line, offset) => {
      const sheetRow = sheet.getRow(row + offset);
      line.forEach((value, index) => {
        sheetRow.getCell(column + index).value = value;
      });
    });
  }

  formatArea(id: number, area: Area, format: CellFormat): void {
    const { sheet } = this.tab(id);
    const numFmt = format.numberFormat && NUMBER_FORMAT_PATTERNS[format.numberFormat];
    const font: Partial<Font> = {};
    if (format.bold !== undefined) font.bold = format.bold;
    if (format.italic !== undefined) font.italic = format.italic;
    if (format.fontColor) font.color = { argb: argbOf(format.fontColor) };
    const fill: Fill | undefined = format.background
      ? { type: 'pattern', pattern: 'solid', fgColor: { argb: argbOf(format.background) } }
      : undefined;
    const horizontal = format.horizontalAlignment;
    forEachCell(sheet, area, (cell) => {
      // exceljs shares one style object among the cells loaded with the same style.
      cell.style = { ...cell.style };
      if (numFmt) cell.numFmt = numFmt;
      if (Object.keys(font).length > 0) cell.font = { ...cell.font, ...font };
      if (fill) cell.fill = fill;
      if (horizontal) cell.alignment = { ...cell.alignment, horizontal };
    });
  }

  /** A conditional format of three colours at the minimum, the median (50th percentile) and the maximum. */
  addColorScale(id: number, area: Area, colors: { min: string; mid: string; max: string }): void {
    const { sheet } = this.tab(id);
    const existing = (sheet as Worksheet & { conditionalFormattings: ConditionalFormattingOptions[] })
      .conditionalFormattings;
    const priority =
      1 + Math.max(0, ...existing.flatMap((format) => format.rules.map((rule) => rule.priority)));
    sheet.addConditionalFormatting({
      ref: a1OfArea(area),
      rules: [
        {
          type: 'colorScale',
          priority,
          cfvo: [{ type: 'min' }, { type: 'percentile', value: 50 }, { type: 'max' }],
          color: [colors.min, colors.mid, colors.max].map((color) => ({ argb: argbOf(color) })),
        },
      ],
    });
  }

  /**
   * Writes nothing: exceljs cannot write charts. The request is kept and reported by
   * `XlsxWorkbook.skippedCharts`.
   */
  addChart(id: number, chart: ChartSpec): void {
    this.tab(id);
    this.charts.push({ id, chart });
  }

  /** Column widths go from pixels to Excel's width in characters: (px − 5) / 7 for Calibri 11. */
  layoutTab(id: number, layout: TabLayout): void {
    const { sheet } = this.tab(id);
    if (layout.frozenRows !== undefined) {
      const rows = layout.frozenRows;
      sheet.views = [
        rows > 0
          ? { state: 'frozen', xSplit: 0, ySplit: rows, topLeftCell: `A${rows + 1}` }
          : { state: 'normal' },
      ];
    }
    layout.columnWidths?.forEach((pixels, index) => {
      sheet.getColumn(index + 1).width = Math.max(0, Math.round(((pixels - 5) / 7) * 100) / 100);
    });
    if (layout.hidden !== undefined) sheet.state = layout.hidden ? 'hidden' : 'visible';
    if (layout.tabColor) sheet.properties.tabColor = { argb: argbOf(layout.tabColor) };
  }

  /** The tab the file opens on: the workbook view's active tab, and the only selected tab. */
  activateTab(id: number): void {
    const { sheet } = this.tab(id);
    const index = this.workbook.worksheets.indexOf(sheet);
    const view = this.workbook.views?.[0] as WorkbookView | undefined;
    const firstSheet = Math.min(view?.firstSheet ?? 0, index);
    this.workbook.views = [{ ...DEFAULT_VIEW, ...view, firstSheet, activeTab: index }];
    // exceljs writes `tabSelected` from a sheet's first view, though its typings omit it.
    type SelectableView = Partial<WorksheetView> & { tabSelected?: boolean };
    for (const other of this.workbook.worksheets) {
      const views = (other.views ?? []) as SelectableView[];
      const tabSelected = other === sheet;
      if (views.length === 0 && !tabSelected) continue;
      const [first = { state: 'normal' }, ...rest] = views;
      other.views = [{ ...first, tabSelected }, ...rest] as WorksheetView[];
    }
  }

  /**
   * A lock file beside the workbook (`<path>.lock`), created exclusively; one older than ten minutes
   * is taken over. Polls until `waitMs` has passed.
   */
  withDocumentLock<T>(waitMs: number, fn: () => T): T | null {
    const lockPath = `${this.path}.lock`;
    const owner = `${process.pid} ${Math.random().toString(36).slice(2)}`;
    const deadline = Date.now() + waitMs;
    while (!takeLock(lockPath, owner)) {
      const left = deadline - Date.now();
      if (left <= 0) return null;
      sleep(Math.min(LOCK_POLL_MS, left));
    }
    try {
      return fn();
    } finally {
      releaseLock(lockPath, owner);
    }
  }

  notify(message: string): void {
    (this.options.notify ?? console.log)(message);
  }

  skippedCharts(): SkippedChart[] {
    return this.charts.flatMap(({ id, chart }) => {
      const tab = this.managed.get(id);
      return tab ? [{ tab: tab.sheet.name, chart }] : [];
    });
  }

  async save(): Promise<void> {
    writeIndex(this.workbook, [...this.managed.values()]);
    keepActiveTabVisible(this.workbook);
    const temporary = `${this.path}.${process.pid}.tmp`;
    try {
      await this.workbook.xlsx.writeFile(temporary);
      renameSync(temporary, this.path);
    } finally {
      rmSync(temporary, { force: true });
    }
  }

  private sheets(): Worksheet[] {
    return this.workbook.worksheets.filter((sheet) => sheet.name !== INDEX_SHEET);
  }

  private tab(id: number): Managed {
    const tab = this.managed.get(id);
    if (!tab) throw new Error(`No managed tab has the id ${id}.`);
    return tab;
  }

  /** Excel's rules for a tab name, and no other tab of that name in any case (`sheet` aside). */
  private checkNewName(name: string, sheet?: Worksheet): void {
    if (name === '' || name.length > 31 || /[[\]:*?/\\]/.test(name) || /^'|'$/.test(name)) {
      throw new Error(
        `Invalid tab name "${name}": 1 to 31 characters, none of [ ] : * ? / \\, not starting or ending with '.`,
      );
    }
    const lower = name.toLowerCase();
    if (lower === 'history' || lower === INDEX_SHEET) throw new Error(`The tab name "${name}" is reserved.`);
    const clash = this.workbook.worksheets.find(
      (other) => other !== sheet && other.name.toLowerCase() === lower,
    );
    if (clash) throw new Error(`A tab named "${clash.name}" already exists.`);
  }
}

interface IndexRow {
  id: number;
  name: string;
  sheetId: number;
  tag: TabTag;
  hasReference: boolean;
}

/** The managed tabs listed in the index, found again as the module comment describes. */
function readIndex(workbook: Workbook): Managed[] {
  const index = workbook.getWorksheet(INDEX_SHEET);
  if (!index) return [];
  const rows: IndexRow[] = [];
  index.eachRow((row, rowNumber) => {
    const [id, name, sheetId, tagJson, reference] = [1, 2, 3, 4, 5].map(
      (column) => row.getCell(column).value,
    );
    const tag = rowNumber > 1 ? parseTag(tagJson) : null;
    if (tag && typeof id === 'number' && typeof name === 'string' && typeof sheetId === 'number') {
      rows.push({ id, name, sheetId, tag, hasReference: reference === true });
    }
  });
  const referenced = referencedSheetNames(workbook);
  const sheets = workbook.worksheets.filter((sheet) => sheet !== index);
  const found = new Map<Worksheet, Managed>();
  const claim = (row: IndexRow, sheet: Worksheet | undefined): boolean => {
    if (!sheet || found.has(sheet)) return false;
    found.set(sheet, { id: row.id, sheet, tag: row.tag });
    return true;
  };
  const byReference = (row: IndexRow) => sheets.find((sheet) => sheet.name === referenced.get(row.id));
  const unresolved = rows.filter((row) => !claim(row, byReference(row)));
  for (const row of unresolved) {
    const sheet = sheets.find((candidate) => candidate.id === row.sheetId);
    if (row.hasReference ? referenced.has(row.id) : sheet?.name === row.name) claim(row, sheet);
  }
  return [...found.values()];
}

function parseTag(value: CellValue): TabTag | null {
  if (typeof value !== 'string') return null;
  try {
    const tag: unknown = JSON.parse(value);
    if (typeof tag !== 'object' || tag === null) return null;
    const { kind, key } = tag as Record<string, unknown>;
    return typeof kind === 'string' && typeof key === 'string' ? ({ kind, key } as TabTag) : null;
  } catch {
    return null;
  }
}

/** Tab name of each `_segmento_tab_<id>` defined name, by id. */
function referencedSheetNames(workbook: Workbook): Map<number, string> {
  const names = new Map<number, string>();
  for (const { name, ranges } of workbook.definedNames.model) {
    const id = REFERENCE_NAME.exec(name)?.[1];
    const sheet = /^(?:'((?:[^']|'')+)'|([^'!]+))!/.exec(ranges[0] ?? '');
    if (id && sheet) names.set(Number(id), sheet[1]?.replace(/''/g, "'") ?? sheet[2]);
  }
  return names;
}

/** Rewrites the index tab (last, very hidden) and the defined names of the managed tabs. */
function writeIndex(workbook: Workbook, tabs: Managed[]): void {
  const previous = workbook.getWorksheet(INDEX_SHEET);
  if (previous) workbook.removeWorksheet(previous.id);
  const index = workbook.addWorksheet(INDEX_SHEET, { state: 'veryHidden' });
  index.addRow(INDEX_HEADER);
  const references = workbook.definedNames.model.filter(({ name }) => !REFERENCE_NAME.test(name));
  for (const { id, sheet, tag } of tabs) {
    const hasReference = hasSafeReference(sheet.name);
    index.addRow([id, sheet.name, sheet.id, JSON.stringify(tag), hasReference]);
    if (hasReference) {
      references.push({ name: `_segmento_tab_${id}`, ranges: [`'${sheet.name.replace(/'/g, "''")}'!$A$1`] });
    }
  }
  workbook.definedNames.model = references;
}

/**
 * Whether a reference to the tab, as exceljs writes it, reads back in Excel: exceljs leaves names of
 * ASCII letters and digits unquoted, which Excel rejects when the name starts with a digit or reads
 * as a cell (`TOP10`, `R1C1`).
 */
function hasSafeReference(name: string): boolean {
  return !/^[A-Za-z0-9]*$/.test(name) || !/^\d|^[A-Za-z]{1,3}\d+$|^[RC]\d*([RC]\d*)?$/i.test(name);
}

/** The workbook view exceljs writes when a file has none. */
const DEFAULT_VIEW = { x: 0, y: 0, width: 12000, height: 24000, visibility: 'visible' };

/** Excel opens on the active tab, which must be a visible one. */
function keepActiveTabVisible(workbook: Workbook): void {
  const sheets = workbook.worksheets;
  // Undefined after loading a file without workbook views, whatever the typings say.
  const view = workbook.views?.[0] as WorkbookView | undefined;
  const isVisible = (sheet: Worksheet | undefined) =>
    sheet !== undefined && sheet.state !== 'hidden' && sheet.state !== 'veryHidden';
  const firstVisible = sheets.findIndex(isVisible);
  if (isVisible(sheets[view?.activeTab ?? 0]) || firstVisible < 0) return;
  workbook.views = [{ ...DEFAULT_VIEW, ...view, firstSheet: firstVisible, activeTab: firstVisible }];
}

function takeLock(lockPath: string, owner: string): boolean {
  for (;;) {
    try {
      writeFileSync(lockPath, owner, { flag: 'wx' });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const stat = statSync(lockPath, { throwIfNoEntry: false });
      if (stat && Date.now() - stat.mtimeMs < LOCK_STALE_MS) return false;
      rmSync(lockPath, { force: true });
    }
  }
}

/** Removes the lock file unless another run took it over as stale. */
function releaseLock(lockPath: string, owner: string): void {
  try {
    if (readFileSync(lockPath, 'utf8') === owner) rmSync(lockPath, { force: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** `FF` + the hex digits of a `#rrggbb` colour, as exceljs takes them. */
function argbOf(color: string): string {
  if (!/^#[0-9a-f]{6}$/i.test(color)) throw new Error(`Invalid colour "${color}": expected #rrggbb.`);
  return `FF${color.slice(1).toUpperCase()}`;
}

function columnLetters(column: number): string {
  let letters = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

function columnNumber(letters: string): number {
  let column = 0;
  for (const letter of letters.toUpperCase()) column = column * 26 + letter.charCodeAt(0) - 64;
  return column;
}

function a1OfArea(area: Area): string {
  const start = `${columnLetters(area.column)}${area.row}`;
  const end = `${columnLetters(area.column + area.columns - 1)}${area.row + area.rows - 1}`;
  return `${start}:${end}`;
}

function forEachCell(sheet: Worksheet, area: Area, apply: (cell: ExcelCell) => void): void {
  for (let row = area.row; row < area.row + area.rows; row++) {
    const sheetRow = sheet.getRow(row);
    for (let column = area.column; column < area.column + area.columns; column++) {
      apply(sheetRow.getCell(column));
    }
  }
}

/** Last row and column holding a value; formats alone do not count, as in Sheets. */
function usedExtent(sheet: Worksheet): { rows: number; columns: number } {
  let rows = 0;
  let columns = 0;
  sheet.eachRow((row, rowNumber) => {
    rows = rowNumber;
    row.eachCell((_, column) => {
      columns = Math.max(columns, column);
    });
  });
  return { rows, columns };
}

/**
 * The rectangle that an A1 range (`A:D`, `A2:D`, `A1:D20`, `B2`, `2:5`) covers on a tab, open ends
 * stopping at the last used row or column; null gives the data range (A1 to the last used cell).
 */
function rangeOnSheet(sheet: Worksheet, a1: string | null): Area {
  if (a1 === null) {
    const used = usedExtent(sheet);
    return { row: 1, column: 1, rows: Math.max(used.rows, 1), columns: Math.max(used.columns, 1) };
  }
  const text = a1.replace(/\$/g, '').trim();
  const cell = /^([A-Z]{1,3})([1-9]\d*)$/i.exec(text);
  if (cell) return { row: Number(cell[2]), column: columnNumber(cell[1]), rows: 1, columns: 1 };
  const match =
    /^([A-Z]{1,3})([1-9]\d*)?:([A-Z]{1,3})([1-9]\d*)?$/i.exec(text) ??
    /^()([1-9]\d*):()([1-9]\d*)$/.exec(text);
  if (!match) throw new Error(`Invalid range "${a1}": expected A:D, A2:D, A1:D20, B2 or 2:5.`);
  const [, startColumn, startRow, endColumn, endRow] = match;
  const [row, rows] = span(
    Number(startRow ?? 1),
    endRow ? Number(endRow) : null,
    () => usedExtent(sheet).rows,
  );
  const [column, columns] = span(
    startColumn ? columnNumber(startColumn) : 1,
    endColumn ? columnNumber(endColumn) : null,
    () => usedExtent(sheet).columns,
  );
  return { row, column, rows, columns };
}

/** First index and count of a span from `start` to `end`, or to `last()` when the end is open. */
function span(start: number, end: number | null, last: () => number): [number, number] {
  if (end === null) return [start, Math.max(0, last() - start + 1)];
  return [Math.min(start, end), Math.abs(end - start) + 1];
}

function readArea(
  sheet: Worksheet,
  a1: string | null,
  toInstant: (wallClockMs: number) => Date,
): { values: Cell[][]; firstRow: number } {
  const area = rangeOnSheet(sheet, a1);
  const values: Cell[][] = [];
  for (let row = area.row; row < area.row + area.rows; row++) {
    const sheetRow = sheet.findRow(row);
    const line: Cell[] = [];
    for (let column = area.column; column < area.column + area.columns; column++) {
      line.push(sheetsValue(sheetRow?.findCell(column), toInstant));
    }
    values.push(line);
  }
  return { values, firstRow: area.row };
}

/** A cell's value as Sheets gives it; the cells of a merge other than its top-left one are empty. */
function sheetsValue(cell: ExcelCell | undefined, toInstant: (wallClockMs: number) => Date): Cell {
  if (!cell || (cell.isMerged && cell.master !== cell)) return '';
  return plainValue(cell.value, cell.numFmt, toInstant);
}

function plainValue(
  value: CellValue,
  numFmt: string | undefined,
  toInstant: (wallClockMs: number) => Date,
): Cell {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return toInstant(value.getTime());
  if (typeof value === 'number') {
    return isDateFormat(numFmt) ? toInstant((value - SHEETS_SERIAL_OF_EPOCH) * MS_PER_DAY) : value;
  }
  if (typeof value !== 'object') return value;
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('error' in value) return value.error;
  if ('hyperlink' in value) return plainValue(value.text, numFmt, toInstant);
  return plainValue(value.result ?? null, numFmt, toInstant);
}

/** A number format that shows a date or a time: d, m, y, h or s outside quotes, escapes and brackets. */
function isDateFormat(numFmt: string | undefined): boolean {
  return numFmt !== undefined && /[dmyhs]/i.test(numFmt.replace(/"[^"]*"|\\.|[_*].|\[[^\]]*\]/g, ''));
}

/**
 * The instant at which a wall-clock time happens in a time zone. exceljs gives a date cell as its
 * wall-clock time read as UTC; Sheets gives the instant of that time in the spreadsheet's zone.
 * Offsets are cached by hour.
 */
function instantOfWallClock(timeZone: string): (wallClockMs: number) => Date {
  const offsetAt = zoneOffset(timeZone);
  return (wallClockMs) => new Date(wallClockMs - offsetAt(wallClockMs - offsetAt(wallClockMs)));
}
