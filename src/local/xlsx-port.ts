/**
 * The workbook port over an .xlsx file (exceljs), for the command line and the local preview. The
 * workbook is held in memory: the port's calls are synchronous, `save` writes the file, and only
 * over the content it read (see workbook-file.ts for the lock, the fingerprint and the atomic
 * replacement). `XlsxFile.update` reads, computes and writes under one lock.
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
 * Whatever found it, a tab is managed only when the first row recorded at its last save (or, in an
 * older index, its name) agrees: see `readIndex`.
 */
import { readFileSync } from 'node:fs';
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
import { columnIndex, columnLetter } from '../core/a1';
import { SHEETS_SERIAL_OF_EPOCH, zoneOffset } from '../core/days';
import { langOf, type Lang } from '../core/labels';
import { CellRows, cellsOf, type RowSource } from '../core/rows';
import type { Cell } from '../core/values';
import {
  assertFiniteCells,
  LOCK_WAIT_MS,
  NUMBER_FORMAT_PATTERNS,
  type Area,
  type CellFormat,
  type ChartSpec,
  type GridSize,
  type ManagedTab,
  type TabLayout,
  type TabTag,
  type WorkbookPort,
  type WriteCell,
} from '../workbook/port';

import { CliError, cliText, LocalError } from './messages';
import { TabCells } from './tab-cells';
import { tabNamesOfPackage, tabOfPackage, takeOutLargeTabs, withTabCells } from './xlsx-parts';
import { isDateFormat } from './xlsx-styles';
import {
  assertReplaceable,
  FileLock,
  readWithFingerprint,
  realFilePath,
  replaceFile,
  sameContent,
  type Fingerprint,
} from './workbook-file';

/** The very hidden tab that lists the managed tabs; never listed by `sheetNames`. */
export const INDEX_SHEET = '_segmento';
const INDEX_HEADER = ['id', 'name', 'sheetId', 'tag', 'reference', 'signature'];
const REFERENCE_NAME = /^_segmento_tab_(\d+)$/;

const LOCK_POLL_MS = 25;
/** How long `save` waits for a lock that another run holds (a session holds it already). */
const SAVE_LOCK_WAIT_MS = LOCK_WAIT_MS;
const MS_PER_DAY = 86_400_000;

export interface XlsxOptions {
  /** The locale (`fr_FR`) and time zone (`Europe/Paris`) the port reports, as a spreadsheet's. */
  locale: string;
  timeZone: string;
  /** Where user messages go; a line on the console by default. */
  notify?: (message: string) => void;
  /** Where notices about the file go (a lock taken over, a file read again): `notify` by default. */
  warn?: (message: string) => void;
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
  /**
   * Writes the workbook over the file, under its lock, through a temporary file renamed over it
   * (links followed, permissions kept). Refuses (LocalError `file.changed`) when the file no
   * longer holds what was read: another program saved it meanwhile, and its work is kept.
   */
  save(): Promise<void>;
  /** Adds a tab as a person would make it (not managed), holding these rows; false when one has the name. */
  addPlainTab(name: string, rows: (string | number)[][]): boolean;
}

/** The file under a workbook: its real path, its lock and what it held when read. */
interface WorkbookFileState {
  path: string;
  realPath: string;
  lang: Lang;
  lock: FileLock;
  fingerprint: Fingerprint | null;
}

function fileState(path: string, options: XlsxOptions): WorkbookFileState {
  const realPath = realFilePath(path);
  const lang = langOf(options.locale);
  return { path, realPath, lang, lock: new FileLock(realPath, lang, warnOf(options)), fingerprint: null };
}

function warnOf(options: XlsxOptions): (message: string) => void {
  return options.warn ?? options.notify ?? console.log;
}

/** Reads the file as it is now (an empty workbook when there is none) and records its fingerprint. */
async function loadWorkbook(file: WorkbookFileState, options: XlsxOptions): Promise<XlsxWorkbook> {
  const read = readWithFingerprint(file.realPath);
  file.fingerprint = read?.fingerprint ?? null;
  // The workbook's large managed tabs, read outside exceljs.
  const takenOut = read ? await outsideExceljs(() => takeOutLargeTabs(read.bytes, INDEX_SHEET)) : null;
  let workbook = new ExcelJS.Workbook();
  if (read) await loadXlsx(workbook, takenOut?.bytes ?? read.bytes, file.path, 'output');
  let port = new XlsxPort(file, workbook, options, takenOut?.tabs);
  if (takenOut && !port.holdsEveryTab(takenOut.tabs)) {
    // A tab taken out is not ours after all (our marks disagree): read everything through exceljs.
    workbook = new ExcelJS.Workbook();
    await loadXlsx(workbook, read!.bytes, file.path, 'output');
    port = new XlsxPort(file, workbook, options);
  }
  return {
    port,
    skippedCharts: () => port.skippedCharts(),
    save: () => port.save(),
    addPlainTab: (name, rows) => {
      if (workbook.worksheets.some((sheet) => sheet.name.toLowerCase() === name.toLowerCase())) return false;
      workbook.addWorksheet(name).addRows(rows);
      return true;
    },
  };
}

/**
 * The workbook at `path`, or a new empty one when there is no such file (written by `save`). It is
 * read without the lock: to read, compute and write under one lock, use `XlsxFile.update`.
 */
export async function openXlsxWorkbook(path: string, options: XlsxOptions): Promise<XlsxWorkbook> {
  return loadWorkbook(fileState(path, options), options);
}

/**
 * A workbook file that this process reads, computes over and writes under one lock. The workbook
 * is kept in memory between updates and read again only when the file changed.
 */
export class XlsxFile {
  private readonly file: WorkbookFileState;
  private cached: XlsxWorkbook | null = null;

  constructor(
    path: string,
    private readonly options: XlsxOptions,
  ) {
    this.file = fileState(path, options);
  }

  /**
   * Runs `fn` under the file's lock, over the workbook as the file holds it now. When `fn`'s save
   * finds that another program changed the file (one that does not take our lock), everything is
   * read and computed again, up to `attempts` times; then the LocalError `file.changed` is thrown
   * and the file is left as the other program wrote it. A lock held past `lockWaitMs` (or while
   * `giveUp` says to wait no more) throws a LocalError naming the lock file and its process.
   */
  async update<T>(
    fn: (workbook: XlsxWorkbook) => T | Promise<T>,
    { lockWaitMs, attempts = 3, giveUp }: { lockWaitMs: number; attempts?: number; giveUp?: () => boolean },
  ): Promise<T> {
    const { lock } = this.file;
    // A read-only workbook is refused before anything is computed.
    assertReplaceable(this.file.realPath, this.file.lang);
    const taken = await lock.take(lockWaitMs, LOCK_POLL_MS, giveUp);
    if (taken !== true) throw lock.busyError(taken);
    try {
      for (let attempt = 1; ; attempt++) {
        const stale = () =>
          !sameContent(readWithFingerprint(this.file.realPath)?.fingerprint ?? null, this.file.fingerprint);
        if (!this.cached || stale()) this.cached = await loadWorkbook(this.file, this.options);
        try {
          return await fn(this.cached);
        } catch (error) {
          this.cached = null;
          if (!(error instanceof LocalError) || error.key !== 'file.changed' || attempt >= attempts)
            throw error;
          warnOf(this.options)(cliText(this.file.lang, 'file.changedRetry', { path: this.file.path }));
        }
      }
    } finally {
      lock.release();
    }
  }
}

/**
 * Loads .xlsx bytes; a file that is not one is a person's message naming it: not an .xlsx (not a
 * zip) or a damaged one, as the orders to read (`input`) or the workbook to write (`output`).
 */
async function loadXlsx(
  workbook: Workbook,
  bytes: Buffer,
  path: string,
  kind: 'input' | 'output',
): Promise<void> {
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
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

/**
 * The data range of a tab (the first one by default) as Sheets would give it: `Date` for date
 * cells, numbers, strings, booleans, '' for empty cells; a formula cell gives its cached result, rich
 * text its plain text. A date cell is the instant of its wall-clock time in `timeZone`, so that the
 * same time zone reads back the same calendar day.
 */
export async function readXlsxSheet(path: string, sheetName?: string, timeZone = 'UTC'): Promise<RowSource> {
  const bytes = readFileSync(path);
  const read = await outsideExceljs(() => tabOfPackage(bytes, sheetName, INDEX_SHEET));
  if (read) {
    if (!read.cells) throw missingSheet(path, sheetName, read.names);
    return tabRows(read.cells, null, instantOfWallClock(timeZone)).rows;
  }
  const workbook = new ExcelJS.Workbook();
  await loadXlsx(workbook, bytes, path, 'input');
  const sheets = workbook.worksheets.filter((sheet) => sheet.name !== INDEX_SHEET);
  const sheet =
    sheetName === undefined ? sheets[0] : sheets.find((candidate) => candidate.name === sheetName);
  if (!sheet)
    throw missingSheet(
      path,
      sheetName,
      sheets.map((candidate) => candidate.name),
    );
  return new CellRows(readArea(sheet, null, instantOfWallClock(timeZone)).values);
}

function missingSheet(path: string, sheetName: string | undefined, names: string[]): CliError {
  if (sheetName === undefined) return new CliError('input', 'input.noSheet', { path });
  const sheets = names.map((name) => `"${name}"`).join(', ');
  return new CliError('input', 'input.unknownSheet', { path, sheet: sheetName, sheets });
}

/**
 * What a reader outside exceljs gives, or null when it gives up or the file is damaged: exceljs
 * then reads the file, and names what is wrong with it.
 */
async function outsideExceljs<T>(read: () => T | null | Promise<T | null>): Promise<T | null> {
  try {
    return await read();
  } catch {
    return null;
  }
}

/** The names of a workbook's tabs, in order (our hidden index tab left out). */
export async function xlsxSheetNames(path: string): Promise<string[]> {
  const bytes = readFileSync(path);
  const names = await outsideExceljs(() => tabNamesOfPackage(bytes, INDEX_SHEET));
  if (names) return names;
  const workbook = new ExcelJS.Workbook();
  await loadXlsx(workbook, bytes, path, 'input');
  return workbook.worksheets.filter((sheet) => sheet.name !== INDEX_SHEET).map((sheet) => sheet.name);
}

interface Managed {
  id: number;
  sheet: Worksheet;
  tag: TabTag;
  /** The tab's cells, held outside exceljs: the tabs made in this run and the large tabs read. */
  cells?: TabCells;
}

class XlsxPort implements WorkbookPort {
  private readonly managed: Map<number, Managed>;
  private readonly charts: { id: number; chart: ChartSpec }[] = [];
  private readonly toInstant: (wallClockMs: number) => Date;
  private nextId: number;

  constructor(
    private readonly file: WorkbookFileState,
    private readonly workbook: Workbook,
    private readonly options: XlsxOptions,
    takenOut?: Map<string, TabCells>,
  ) {
    this.toInstant = instantOfWallClock(options.timeZone);
    const index = readIndex(workbook, (sheet) => takenOut?.get(sheet.name));
    if (index === null) throw new LocalError('index.missing', { path: file.path }, file.lang);
    for (const { sheet, reason } of index.disagreements) {
      warnOf(options)(cliText(file.lang, 'index.disagree', { path: file.path, name: sheet.name, reason }));
    }
    for (const tab of index.managed) tab.cells = takenOut?.get(tab.sheet.name);
    this.managed = new Map(index.managed.map((tab) => [tab.id, tab]));
    this.nextId = Math.max(0, ...this.managed.keys()) + 1;
  }

  /** Whether every tab read outside exceljs is one of ours. */
  holdsEveryTab(tabs: Map<string, TabCells>): boolean {
    const held = new Set([...this.managed.values()].map((tab) => tab.cells));
    return [...tabs.values()].every((cells) => held.has(cells));
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
    if (!sheet) return null;
    const held = this.readRows(sheetName, a1);
    return held
      ? { values: cellsOf(held.rows), firstRow: held.firstRow }
      : readArea(sheet, a1, this.toInstant);
  }

  /** A tab held outside exceljs, read as rows over its cells (the history tab's 330,000 rows are not copied). */
  readRows(sheetName: string, a1: string | null): { rows: RowSource; firstRow: number } | null {
    const sheet = this.sheets().find((candidate) => candidate.name === sheetName);
    const cells = sheet && [...this.managed.values()].find((tab) => tab.sheet === sheet)?.cells;
    return cells ? tabRows(cells, a1, this.toInstant) : null;
  }

  managedTabs(): ManagedTab[] {
    const order = this.workbook.worksheets;
    return [...this.managed.values()]
      .sort((a, b) => order.indexOf(a.sheet) - order.indexOf(b.sheet))
      .map(({ id, sheet, tag }) => ({ id, name: sheet.name, tag }));
  }

  /** An .xlsx file has no workbook-wide cell limit (Excel's are per sheet). */
  capacity(): null {
    return null;
  }

  /** A run on this machine has no time limit. */
  executionTime(): null {
    return null;
  }

  /**
   * Excel's worksheet: 1,048,576 rows by 16,384 columns ("Excel specifications and limits",
   * https://support.microsoft.com/en-us/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3).
   */
  tabLimit(): GridSize {
    return EXCEL_GRID;
  }

  createManagedTab(name: string, tag: TabTag): ManagedTab {
    this.checkNewName(name);
    const tab = { id: this.nextId++, sheet: this.workbook.addWorksheet(name), tag, cells: new TabCells() };
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
    const { sheet, cells } = this.tab(id);
    assertFiniteCells(values, row, column, () => this.locale());
    if (cells) return cells.write(row, column, values);
    values.forEach((line, offset) => {
      const sheetRow = sheet.getRow(row + offset);
      line.forEach((value, index) => {
        sheetRow.getCell(column + index).value = value;
      });
    });
  }

  formatArea(id: number, area: Area, format: CellFormat): void {
    const { sheet, cells } = this.tab(id);
    if (cells) return cells.format(area, format);
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

  /** exceljs orders the tabs by their `orderNo` (missing from its typings): the moved tab takes one past the largest. */
  moveTabToEnd(id: number): void {
    type Ordered = Worksheet & { orderNo: number };
    const sheets = this.workbook.worksheets as Ordered[];
    (this.tab(id).sheet as Ordered).orderNo = Math.max(...sheets.map((other) => other.orderNo)) + 1;
  }

  /** The tab the file opens on: the workbook view's active tab, and the only selected tab. */
  activateTab(id: number): void {
    const { sheet } = this.tab(id);
    // Its place once saved: the index tab is written again, last.
    const index = this.sheets().indexOf(sheet);
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
   * The lock file beside the workbook's real path (`<file>.lock`, see workbook-file.ts), re-entrant
   * within an `XlsxFile.update`. Polls until `waitMs` has passed; then says who holds it.
   */
  withDocumentLock<T>(waitMs: number, fn: () => T): T | null {
    const { lock } = this.file;
    const taken = lock.takeBlocking(waitMs, LOCK_POLL_MS);
    if (taken !== true) {
      warnOf(this.options)(lock.busyError(taken).message);
      return null;
    }
    try {
      return fn();
    } finally {
      lock.release();
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

  /**
   * exceljs writes the package stored (not compressed) with the tabs held outside it empty; their
   * cells are then written into it, and the whole compressed with Node's zlib.
   */
  async save(): Promise<void> {
    const tabs = [...this.managed.values()];
    writeIndex(this.workbook, tabs);
    keepActiveTabVisible(this.workbook);
    const stored = await this.workbook.xlsx.writeBuffer({
      zip: { compression: 'STORE' },
    } as ExcelJS.XlsxWriteOptions);
    const outside = new Map(
      tabs.flatMap(({ sheet, cells }) => (cells ? [[sheet.name, cells] as const] : [])),
    );
    const bytes = await withTabCells(new Uint8Array(stored), outside);
    const { lock, realPath, path, lang } = this.file;
    const taken = await lock.take(SAVE_LOCK_WAIT_MS, LOCK_POLL_MS);
    if (taken !== true) throw lock.busyError(taken);
    try {
      this.file.fingerprint = replaceFile(realPath, bytes, lang, this.file.fingerprint, path);
    } finally {
      lock.release();
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
  /** What the tab's first row held when it was last saved; null in indexes written before it. */
  signature: string | null;
}

/** A tab one of our marks points at while another says it is not ours: kept, and not managed. */
interface Disagreement {
  sheet: Worksheet;
  reason: string;
}

/**
 * The managed tabs listed in the index, found again as the module comment describes, and only when
 * our marks agree: the tab a sheet id points at must also show the first row recorded when it was
 * saved; the tab a defined name points at must show it too, or keep both its sheet id and its name
 * (an edit in a tab of ours that nothing renamed). Without a recorded first row (an older index),
 * the sheet id needs the recorded name. A tab whose marks disagree is not ours: it is kept as it is
 * and reported. Null when the index tab is gone
 * but our defined names remain (someone deleted it): nothing can be told apart any more.
 */
function readIndex(
  workbook: Workbook,
  cellsOf: (sheet: Worksheet) => TabCells | undefined,
): { managed: Managed[]; disagreements: Disagreement[] } | null {
  const referenced = referencedSheetNames(workbook);
  const index = workbook.getWorksheet(INDEX_SHEET);
  if (!index) return referenced.size > 0 ? null : { managed: [], disagreements: [] };
  const rows: IndexRow[] = [];
  index.eachRow((row, rowNumber) => {
    const [id, name, sheetId, tagJson, reference, signature] = [1, 2, 3, 4, 5, 6].map(
      (column) => row.getCell(column).value,
    );
    const tag = rowNumber > 1 ? parseTag(tagJson) : null;
    if (tag && typeof id === 'number' && typeof name === 'string' && typeof sheetId === 'number') {
      const recorded = typeof signature === 'string' ? signature : null;
      rows.push({ id, name, sheetId, tag, hasReference: reference === true, signature: recorded });
    }
  });
  const sheets = workbook.worksheets.filter((sheet) => sheet !== index);
  const found = new Map<Worksheet, Managed>();
  const doubted = new Map<Worksheet, string>();
  const claim = (row: IndexRow, sheet: Worksheet | undefined, how: 'reference' | 'sheetId'): boolean => {
    if (!sheet || found.has(sheet)) return false;
    const sameContent = row.signature !== null && row.signature === signatureOf(sheet, cellsOf(sheet));
    const sameSheet = sheet.id === row.sheetId && sheet.name === row.name;
    // Without a recorded first row (an older index), the reference alone, or the id and the name.
    const agrees =
      row.signature === null
        ? how === 'reference' || sheet.name === row.name
        : sameContent || (how === 'reference' && sameSheet);
    if (!agrees) {
      doubted.set(sheet, how === 'reference' ? `_segmento_tab_${row.id}` : `sheet id ${row.sheetId}`);
      return false;
    }
    found.set(sheet, { id: row.id, sheet, tag: row.tag });
    return true;
  };
  const byReference = (row: IndexRow) => sheets.find((sheet) => sheet.name === referenced.get(row.id));
  const unresolved = rows.filter((row) => !claim(row, byReference(row), 'reference'));
  for (const row of unresolved) {
    // A reference Excel dropped (#REF!) means the tab was deleted: its sheet id is someone else's.
    if (row.hasReference && !referenced.has(row.id)) continue;
    claim(
      row,
      sheets.find((candidate) => candidate.id === row.sheetId),
      'sheetId',
    );
  }
  const disagreements = [...doubted]
    .filter(([sheet]) => !found.has(sheet))
    .map(([sheet, reason]) => ({ sheet, reason }));
  return { managed: [...found.values()], disagreements };
}

/** The values of a tab's first row, as text: what a tab of ours shows whatever its name or id. */
function signatureOf(sheet: Worksheet, held: TabCells | undefined): string {
  const cells: string[] = [];
  if (held) {
    held.headerValues().forEach((value, index) => {
      if (index < 40) cells[index] = value === null ? '' : String(value);
    });
  } else {
    sheet.findRow(1)?.eachCell({ includeEmpty: true }, (cell, column) => {
      if (column <= 40) cells[column - 1] = String(plainValue(cell.value, undefined, (ms) => new Date(ms)));
    });
  }
  return JSON.stringify(Array.from(cells, (cell) => cell ?? ''));
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
  for (const { id, sheet, tag, cells } of tabs) {
    const hasReference = hasSafeReference(sheet.name);
    index.addRow([id, sheet.name, sheet.id, JSON.stringify(tag), hasReference, signatureOf(sheet, cells)]);
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

/** `FF` + the hex digits of a `#rrggbb` colour, as exceljs takes them. */
function argbOf(color: string): string {
  if (!/^#[0-9a-f]{6}$/i.test(color)) throw new Error(`Invalid colour "${color}": expected #rrggbb.`);
  return `FF${color.slice(1).toUpperCase()}`;
}

/** The 1-based column of letters already matched as one to three letters. */
function columnNumber(letters: string): number {
  return columnIndex(letters)! + 1;
}

function a1OfArea(area: Area): string {
  const start = `${columnLetter(area.column - 1)}${area.row}`;
  const end = `${columnLetter(area.column + area.columns - 2)}${area.row + area.rows - 1}`;
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
function rangeOnSheet(used: { rows: number; columns: number }, a1: string | null): Area {
  if (a1 === null) {
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
  const [row, rows] = span(Number(startRow ?? 1), endRow ? Number(endRow) : null, used.rows);
  const [column, columns] = span(
    startColumn ? columnNumber(startColumn) : 1,
    endColumn ? columnNumber(endColumn) : null,
    used.columns,
  );
  // Past the grid every cell is empty: `A1:XFD1048576` gives the grid, not 17 billion cells.
  const lastRow = Math.max(used.rows, GRID.rows);
  const lastColumn = Math.max(used.columns, GRID.columns);
  return {
    row,
    column,
    rows: Math.max(0, Math.min(rows, lastRow - row + 1)),
    columns: Math.max(0, Math.min(columns, lastColumn - column + 1)),
  };
}

/** The largest Excel worksheet. */
const EXCEL_GRID: GridSize = { rows: 1_048_576, columns: 16_384 };

/** The grid of a new Sheets tab (1,000 rows × 26 columns), or the used area when larger. */
const GRID = { rows: 1000, columns: 26 };

/** First index and count of a span from `start` to `end`, or to `last` when the end is open. */
function span(start: number, end: number | null, last: number): [number, number] {
  if (end === null) return [start, Math.max(0, last - start + 1)];
  return [Math.min(start, end), Math.abs(end - start) + 1];
}

function readArea(
  sheet: Worksheet,
  a1: string | null,
  toInstant: (wallClockMs: number) => Date,
): { values: Cell[][]; firstRow: number } {
  const area = rangeOnSheet(usedExtent(sheet), a1);
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

/** A tab's cells over a range (`a1`, null for its data range) as rows, and the number of its first. */
function tabRows(
  cells: TabCells,
  a1: string | null,
  toInstant: (wallClockMs: number) => Date,
): { rows: RowSource; firstRow: number } {
  const area = rangeOnSheet(cells.extent(), a1);
  return { rows: new TabRows(cells, area, toInstant), firstRow: area.row };
}

/** A cell read from a file as Sheets gives it: a date-formatted number as the instant of its wall-clock time, an empty cell as ''. */
function sheetsCell(
  value: WriteCell | undefined,
  format: CellFormat,
  toInstant: (wallClockMs: number) => Date,
): Cell {
  if (value === null || value === undefined) return '';
  return typeof value === 'number' && format.numberFormat === 'date'
    ? toInstant(wallClockOfSerial(value))
    : value;
}

/**
 * An area of a tab's cells as rows, each cell made as Sheets gives it (`sheetsCell`) when read: an
 * order tab of a million rows is not copied into a million arrays of cells first.
 */
class TabRows implements RowSource {
  readonly rowCount: number;
  readonly width: number;

  constructor(
    private readonly cells: TabCells,
    private readonly area: Area,
    private readonly toInstant: (wallClockMs: number) => Date,
  ) {
    this.rowCount = area.rows;
    this.width = area.columns;
  }

  cell(row: number, column: number): Cell {
    if (column >= this.width) return undefined;
    const sheetRow = this.area.row + row;
    const index = this.area.column + column - 1;
    const format = this.cells.formats[this.cells.rowFormats(sheetRow)?.[index] ?? 0];
    return sheetsCell(this.cells.rowValues(sheetRow)?.[index], format, this.toInstant);
  }
}

/** A cell's value as Sheets gives it; the cells of a merge other than its top-left one are empty. */
function sheetsValue(cell: ExcelCell | undefined, toInstant: (wallClockMs: number) => Date): Cell {
  if (!cell || (cell.isMerged && cell.master !== cell)) return '';
  return plainValue(cell.value, cell.numFmt, toInstant);
}

/** The wall-clock time of a date serial, in milliseconds, to the nearest one (as exceljs reads it). */
function wallClockOfSerial(serial: number): number {
  return Math.round((serial - SHEETS_SERIAL_OF_EPOCH) * MS_PER_DAY);
}

function plainValue(
  value: CellValue,
  numFmt: string | undefined,
  toInstant: (wallClockMs: number) => Date,
): Cell {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return toInstant(value.getTime());
  if (typeof value === 'number') {
    return isDateFormat(numFmt) ? toInstant(wallClockOfSerial(value)) : value;
  }
  if (typeof value !== 'object') return value;
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('error' in value) return value.error;
  if ('hyperlink' in value) return plainValue(value.text, numFmt, toInstant);
  return plainValue(value.result ?? null, numFmt, toInstant);
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
