/**
 * In-memory stand-ins of the Apps Script services Segmento calls (SpreadsheetApp, LockService,
 * Charts, HtmlService and the objects they hand out), handed out typed as the real classes.
 *
 * They hold real state: a tab is a grid that setValues writes and getValues reads, with number
 * formats, styles, developer metadata, conditional format rules and charts. They behave as Sheets
 * does where a caller could get it wrong: a string is read as typed input (`=…` becomes a formula,
 * `00017` the number 17) unless its cell is formatted as plain text; a date is stored as a serial
 * number in the spreadsheet's time zone and a number under a date, time or duration format reads
 * back as a Date at that wall-clock time in the zone (so 17/10/2025 in Paris reads as
 * 2025-10-16T22:00Z); a formula cell reads as its value or its error text, never ''; shapes, grid
 * bounds and tab names are checked with Sheets' messages, and the document lock has one holder at
 * a time. Every call made on them is recorded, in order, in one log. Only what Segmento uses is
 * implemented. Each rule cites the page of Google's documentation it follows.
 */
import { localeFormat, type Cell } from '../../src/core/values';

/** One call: the object it was made on, the method, and its arguments (stand-ins by their label). */
export interface AppsScriptCall {
  /** `Spreadsheet`, `Sheet(Champions)`, `Range(Champions!A1:C2)`, `Lock`, `Menu(Add-on)`… */
  target: string;
  method: string;
  args: unknown[];
}

/** A value as a cell holds it. */
export type StoredValue = string | number | boolean;

/**
 * What one cell holds. A formula cell holds the value Sheets computed: the stand-ins compute
 * constant arithmetic (`=1+2`), and any other formula holds the error `#NAME?`, so that a reader
 * sees what getValues gives for a formula (its value or its error text), never `''`
 * (https://developers.google.com/apps-script/reference/spreadsheet/range#getValues()).
 */
export interface CellState {
  value: StoredValue;
  /** The formula as typed; `''` when the cell holds a value. */
  formula: string;
  numberFormat: string;
  fontWeight: string;
  fontStyle: string;
  background: string;
  fontColor: string;
  horizontalAlignment: string;
}

/** The number format Sheets reports for a cell with the automatic format. */
export const AUTOMATIC_FORMAT = '0.###############';
const TEXT_FORMAT = '@';
const BLANK_CELL: Readonly<CellState> = Object.freeze({
  value: '',
  formula: '',
  numberFormat: AUTOMATIC_FORMAT,
  fontWeight: 'normal',
  fontStyle: 'normal',
  background: '#ffffff',
  fontColor: '#000000',
  horizontalAlignment: 'general',
});
const DEFAULT_ROWS = 1000;
const DEFAULT_COLUMNS = 26;
const MS_PER_DAY = 86_400_000;
const MAX_EXECUTION_MS = 6 * 60_000;
const SERIAL_OF_EPOCH = 25_569;

/** A value of an Apps Script enum: an object that reads as its name, as in Apps Script. */
export class FakeEnumValue {
  constructor(readonly name: string) {}
  toString(): string {
    return this.name;
  }
  toJSON(): string {
    return this.name;
  }
}

function fakeEnum<const N extends string>(...names: N[]): Record<N, FakeEnumValue> {
  return Object.freeze(Object.fromEntries(names.map((name) => [name, new FakeEnumValue(name)]))) as Record<
    N,
    FakeEnumValue
  >;
}

const VISIBILITY = fakeEnum('DOCUMENT', 'PROJECT');
const LOCATION_TYPE = fakeEnum('SPREADSHEET', 'SHEET', 'ROW', 'COLUMN');
const INTERPOLATION = fakeEnum('NUMBER', 'PERCENT', 'PERCENTILE', 'MIN', 'MAX');
const CHART_TYPE = fakeEnum('BAR', 'COLUMN', 'PIE');

/**
 * The authorization mode an execution runs in, which decides the services it may call:
 * - `FULL`: a menu item, a sidebar call, an installable trigger: everything.
 * - `CUSTOM_FUNCTION`: a formula. The spreadsheet is read-only ("can use most get*() methods, but
 *   not set*()"), and services that need the user's authorization are refused
 *   (https://developers.google.com/apps-script/guides/sheets/functions#using_apps_script_services).
 *   The page calls Lock and Properties usable but of little use; the stricter reading is taken here:
 *   LockService, PropertiesService, ScriptApp, HtmlService, the Ui, Session's user calls and the
 *   developer-metadata finders and getters (not documented as allowed) are refused.
 * - `NONE`: `onOpen` in a document where the add-on is installed but not yet used: only the add-on
 *   menu may be built (https://developers.google.com/workspace/add-ons/concepts/editor-auth-lifecycle#authorization_modes),
 *   with the user's locale (Session.getActiveUserLocale) to label it.
 */
export type AuthModeName = 'FULL' | 'CUSTOM_FUNCTION' | 'NONE';

/** Methods of the stand-ins that are not Apps Script's: never refused. */
const STAND_IN_HELPERS = new Set([
  'label',
  'log',
  'cell',
  'editCell',
  'readValue',
  'rangeAt',
  'rangeOfA1',
  'find',
  'checkFreeName',
  'edit',
  'a1',
  'grid',
  'hasContent',
  'lastRow',
  'lastColumn',
  'toString',
  'toJSON',
  'constructor',
]);

/** The services of the spreadsheet itself: read-only in a custom function. */
const SPREADSHEET_SERVICES = new Set(['SpreadsheetApp', 'Spreadsheet', 'Sheet', 'Range', 'RangeList']);
/** Reading developer metadata is not documented as allowed in a custom function: refused. */
const METADATA_READS = new Set(['getDeveloperMetadata', 'createDeveloperMetadataFinder', 'getUi']);
const NONE_ALLOWED = new Set([
  'SpreadsheetApp.getUi',
  'Ui.createAddonMenu',
  'Menu.addItem',
  'Menu.addSeparator',
  'Menu.addSubMenu',
  'Menu.addToUi',
  'Session.getActiveUserLocale',
]);

/** Why a call is refused in a mode, in Apps Script's words; null when it is allowed. */
function refusal(mode: AuthModeName, service: string, method: string): string | null {
  if (mode === 'FULL' || STAND_IN_HELPERS.has(method)) return null;
  const call = `${service}.${method}`;
  const refused = `You do not have permission to call ${call}.`;
  if (mode === 'NONE') return NONE_ALLOWED.has(call) ? null : refused;
  if (SPREADSHEET_SERVICES.has(service))
    return method.startsWith('get') && !METADATA_READS.has(method) ? null : refused;
  if (service === 'Charts' || service === 'DeveloperMetadata' || service === 'DeveloperMetadataLocation')
    return null;
  return refused;
}

/** State shared by every stand-in of one fake Apps Script project. */
class World {
  readonly calls: AppsScriptCall[] = [];
  /** Who holds the document lock and the script lock. */
  readonly lockHolders: Record<LockScope, FakeLock | null> = { document: null, script: null };
  /** The mode of the execution under way (see `FakeAppsScript.execute`). */
  mode: AuthModeName = 'FULL';
  /** Whether SpreadsheetApp.getActiveSpreadsheet() gives the document (null in some clock triggers). */
  activeSpreadsheet = true;
  /** Whether LockService.getDocumentLock() gives a lock (it may return null). */
  documentLock = true;
  /** When the execution under way started (`Date.now()`): the fake project's creation, or `execute`. */
  startedAt = Date.now();
  /** Milliseconds spent waiting in tryLock by the executions so far. */
  waitedMs = 0;
  /** The user running the execution (Session's temporary key; triggers belong to their user). */
  user = 'alice';
  readonly triggers: FakeTrigger[] = [];
  private lastSheetId = 0;
  private lastMetadataId = 0;

  constructor(
    readonly locale: string,
    readonly timeZone: string,
    readonly htmlFiles: Record<string, string>,
  ) {}

  /**
   * An execution runs at most 6 minutes ("Script runtime: 6 min / execution",
   * https://developers.google.com/apps-script/guides/services/quotas): past that, Apps Script stops
   * it, and here every call but the stand-ins' own helpers throws Apps Script's message.
   */
  overTime(method: string): string | null {
    const over = Date.now() - this.startedAt > MAX_EXECUTION_MS && !STAND_IN_HELPERS.has(method);
    return over ? 'Exceeded maximum execution time' : null;
  }

  /** Sheet ids are large and unrelated to positions, as in Sheets (the first tab's id is 0). */
  nextSheetId(): number {
    this.lastSheetId = (this.lastSheetId * 48_271 + 11) % 2_147_483_647;
    return this.lastSheetId;
  }

  nextMetadataId(): number {
    return ++this.lastMetadataId;
  }
}

abstract class Fake {
  /**
   * Every stand-in is seen through a guard that refuses the calls its execution's mode does not
   * allow, and every call once the execution has run out of time.
   */
  constructor(protected readonly world: World) {
    const service = this.constructor.name.replace(/^Fake/, '');
    return new Proxy(this, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function' || typeof property !== 'string') return value;
        const refused = refusal(world.mode, service, property) ?? world.overTime(property);
        return refused === null
          ? value
          : () => {
              throw new Error(refused);
            };
      },
    });
  }

  /** How calls on this object are named in the log. */
  abstract label(): string;

  protected log(method: string, ...args: unknown[]): void {
    this.world.calls.push({ target: this.label(), method, args: args.map(loggable) });
  }
}

function loggable(arg: unknown): unknown {
  if (arg instanceof Fake) return arg.label();
  if (arg instanceof FakeEnumValue) return arg.name;
  if (isDate(arg)) return new Date(arg.getTime());
  if (Array.isArray(arg)) return arg.map(loggable);
  return arg;
}

/** Dates made in a `node:vm` context are not `instanceof Date` here. */
function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function columnNumber(letters: string): number {
  return [...letters.toUpperCase()].reduce((sum, letter) => sum * 26 + letter.charCodeAt(0) - 64, 0);
}

function a1Notation(row: number, column: number, rows: number, columns: number): string {
  const start = `${columnLetters(column)}${row}`;
  return rows === 1 && columns === 1
    ? start
    : `${start}:${columnLetters(column + columns - 1)}${row + rows - 1}`;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** Milliseconds from UTC to the wall clock of a time zone at an instant. */
function zoneOffset(instant: number, timeZone: string): number {
  let format = zoneFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zoneFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(
    format.formatToParts(new Date(instant)).map((p) => [p.type, Number(p.value)]),
  );
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant at which a wall-clock time (given as if it were UTC) happens in a time zone. */
function instantOfWallTime(wall: number, timeZone: string): number {
  return wall - zoneOffset(wall - zoneOffset(wall, timeZone), timeZone);
}

/**
 * Date, time and duration formats (`yyyy-mm-dd`, `dd/MM/yyyy`, `hh:mm`, `[h]:mm:ss`): a number under
 * one of them is read back by getValues as a Date (Sheets' serial numbers count days from
 * 1899-12-30 in the spreadsheet's time zone; https://developers.google.com/sheets/api/guides/formats#about_date_time_values).
 */
function isDateFormat(numberFormat: string): boolean {
  return numberFormat !== TEXT_FORMAT && /[ydhs]/i.test(numberFormat.replace(/"[^"]*"|\\./g, ''));
}

/** The format Sheets gives a cell with the automatic format when it receives a date (or a date-time). */
function dateFormatFor(serial: number): string {
  return Number.isInteger(serial) ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm:ss';
}

/** The serial number of an instant in a time zone: days since 1899-12-30 of its wall-clock time there. */
function serialOfInstant(instant: number, timeZone: string): number {
  return (instant + zoneOffset(instant, timeZone)) / MS_PER_DAY + SERIAL_OF_EPOCH;
}

/** The instant of a serial number in a time zone: what getValues gives for a date cell. */
function instantOfSerial(serial: number, timeZone: string): number {
  return instantOfWallTime(Math.round((serial - SERIAL_OF_EPOCH) * MS_PER_DAY), timeZone);
}

/** A date stored as Sheets stores it: a serial number in the zone, with a date format if the cell had none. */
function storedDate(instant: number, numberFormat: string, world: World): Partial<CellState> {
  const value = serialOfInstant(instant, world.timeZone);
  return {
    value,
    formula: '',
    ...(isDateFormat(numberFormat) ? {} : { numberFormat: dateFormatFor(value) }),
  };
}

/** The value of a formula as Sheets would compute it: constant arithmetic, else `#NAME?`. */
function formulaValue(formula: string): StoredValue {
  const expression = formula.slice(1).trim();
  if (/\d\s+\d/.test(expression)) return '#ERROR!';
  if (!/^[-+*/().\d\s]+$/.test(expression)) return '#NAME?';
  try {
    const value = Function(`"use strict"; return (${expression});`)() as unknown;
    return typeof value === 'number' && Number.isFinite(value) ? value : '#DIV/0!';
  } catch {
    return '#ERROR!';
  }
}

/**
 * What a cell holds once a value is set, as Sheets reads typed input: a plain-text cell keeps any
 * string as is; otherwise a leading apostrophe is dropped and keeps the rest as text, `=…` is a
 * formula, numbers (in the locale's notation), TRUE/FALSE and ISO dates become values, and what
 * else starts with `+`, `-` or `@` is taken as a formula, as Sheets does with `+33 6…`.
 */
function enteredValue(input: unknown, numberFormat: string, world: World): Partial<CellState> {
  if (input === null || input === undefined) return { value: '', formula: '' };
  if (isDate(input)) return storedDate(input.getTime(), numberFormat, world);
  if (typeof input === 'number' || typeof input === 'boolean') return { value: input, formula: '' };
  const text = String(input);
  if (numberFormat === TEXT_FORMAT) return { value: text, formula: '' };
  if (text.startsWith("'")) return { value: text.slice(1), formula: '' };
  if (text.startsWith('=')) return { value: formulaValue(text), formula: text };
  const decimalComma = localeFormat(world.locale).decimalComma;
  const number = decimalComma ? /^[+-]?(\d+,?\d*|,\d+)$/ : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
  if (number.test(text)) return { value: Number(text.replace(',', '.')), formula: '' };
  if (/^(true|false)$/i.test(text)) return { value: text.toLowerCase() === 'true', formula: '' };
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) {
    const wall = Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]));
    if (new Date(wall).toISOString().startsWith(text))
      return storedDate(instantOfWallTime(wall, world.timeZone), numberFormat, world);
  }
  if (/^[+\-@]/.test(text)) return { value: formulaValue(`=${text}`), formula: text };
  return { value: text, formula: '' };
}

export class FakeSpreadsheet extends Fake {
  readonly sheets: FakeSheet[] = [];
  /** The tab shown to the user. */
  active: FakeSheet;

  constructor(world: World, contents: Record<string, Cell[][]>) {
    super(world);
    const entries = Object.entries(contents);
    if (entries.length === 0) entries.push([/^fr/i.test(world.locale) ? 'Feuille 1' : 'Sheet1', []]);
    for (const [index, [name, rows]] of entries.entries()) {
      this.sheets.push(new FakeSheet(world, this, name, index === 0 ? 0 : world.nextSheetId(), rows));
    }
    this.active = this.sheets[0];
  }

  label(): string {
    return 'Spreadsheet';
  }

  /** The tab of that name, compared as Sheets does (case-insensitive). */
  find(name: string): FakeSheet | undefined {
    return this.sheets.find((sheet) => sheet.name.toLowerCase() === name.toLowerCase());
  }

  /** Throws Sheets' message when another tab has that name. */
  checkFreeName(name: string, renamed?: FakeSheet): void {
    const holder = this.find(name);
    if (holder && holder !== renamed) {
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
  }

  getSheets(): FakeSheet[] {
    this.log('getSheets');
    return [...this.sheets];
  }

  getNumSheets(): number {
    this.log('getNumSheets');
    return this.sheets.length;
  }

  getSheetByName(name: string): FakeSheet | null {
    this.log('getSheetByName', name);
    return this.find(name) ?? null;
  }

  getSheetById(id: number): FakeSheet | null {
    this.log('getSheetById', id);
    return this.sheets.find((sheet) => sheet.id === id) ?? null;
  }

  /** `insertSheet(name)` puts the tab after the active one, `insertSheet(name, index)` at that 0-based index. */
  insertSheet(name: string, index?: number): FakeSheet {
    this.log('insertSheet', ...(index === undefined ? [name] : [name, index]));
    if (typeof name !== 'string') throw new Error('The stand-in only implements insertSheet(name[, index]).');
    this.checkFreeName(name);
    const at = index ?? this.sheets.indexOf(this.active) + 1;
    if (!Number.isInteger(at) || at < 0 || at > this.sheets.length) {
      throw new Error(`Sheet index ${at} is out of range (${this.sheets.length} sheets).`);
    }
    const sheet = new FakeSheet(this.world, this, name, this.world.nextSheetId(), []);
    this.sheets.splice(at, 0, sheet);
    this.active = sheet;
    return sheet;
  }

  deleteSheet(sheet: FakeSheet): void {
    this.log('deleteSheet', sheet);
    const index = this.sheets.indexOf(sheet);
    if (index < 0) throw new Error('The sheet was already deleted.');
    if (this.sheets.length === 1) throw new Error("You can't remove all the sheets in a document.");
    this.sheets.splice(index, 1);
    if (this.active === sheet) this.active = this.sheets[Math.max(0, index - 1)];
  }

  /** Makes a tab the active one (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#setactivesheetsheet). */
  setActiveSheet(sheet: FakeSheet): FakeSheet {
    this.log('setActiveSheet', sheet);
    if (!this.sheets.includes(sheet)) throw new Error('The sheet was deleted.');
    this.active = sheet;
    return sheet;
  }

  /** Moves the active tab to a 1-based position (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#moveactivesheetpos). */
  moveActiveSheet(pos: number): void {
    this.log('moveActiveSheet', pos);
    if (!Number.isInteger(pos) || pos < 1 || pos > this.sheets.length)
      throw new Error(`Position ${pos} is out of range.`);
    this.sheets.splice(this.sheets.indexOf(this.active), 1);
    this.sheets.splice(pos - 1, 0, this.active);
  }

  getActiveSheet(): FakeSheet {
    this.log('getActiveSheet');
    return this.active;
  }

  getSpreadsheetLocale(): string {
    this.log('getSpreadsheetLocale');
    return this.world.locale;
  }

  getSpreadsheetTimeZone(): string {
    this.log('getSpreadsheetTimeZone');
    return this.world.timeZone;
  }

  toast(message: string, title?: string, timeoutSeconds?: number): void {
    this.log('toast', ...[message, title, timeoutSeconds].filter((arg) => arg !== undefined));
  }

  /** Finds developer metadata of every tab (metadata is only ever put on tabs here). */
  /** Developer metadata on the spreadsheet itself (not on a tab). */
  readonly metadata: FakeDeveloperMetadata[] = [];

  addDeveloperMetadata(key: string, value: string, visibility: FakeEnumValue): this {
    this.log('addDeveloperMetadata', key, value, visibility);
    const spreadsheetLevel = null as unknown as FakeSheet;
    this.metadata.push(
      new FakeDeveloperMetadata(
        this.world,
        spreadsheetLevel,
        this.world.nextMetadataId(),
        key,
        value,
        visibility,
      ),
    );
    return this;
  }

  getDeveloperMetadata(): FakeDeveloperMetadata[] {
    this.log('getDeveloperMetadata');
    return [...this.metadata];
  }

  createDeveloperMetadataFinder(): FakeDeveloperMetadataFinder {
    this.log('createDeveloperMetadataFinder');
    return new FakeDeveloperMetadataFinder(this.world, () => this.sheets.flatMap((sheet) => sheet.metadata));
  }
}

export class FakeSheet extends Fake {
  /** Rows of cells, 0-based; a missing cell is blank. */
  private readonly grid: ((CellState | undefined)[] | undefined)[] = [];
  maxRows: number;
  maxColumns: number;
  frozenRows = 0;
  readonly columnWidths = new Map<number, number>();
  hidden = false;
  tabColor: string | null = null;
  readonly metadata: FakeDeveloperMetadata[] = [];
  rules: FakeConditionalFormatRule[] = [];
  readonly charts: FakeEmbeddedChart[] = [];

  constructor(
    world: World,
    readonly spreadsheet: FakeSpreadsheet,
    public name: string,
    readonly id: number,
    rows: Cell[][],
  ) {
    super(world);
    // Seeded values are stored as Sheets stores them (a Date as a serial in the zone, with a date format).
    rows.forEach((cells, r) =>
      cells.forEach((value, c) => {
        if (value === null || value === undefined || value === '') return;
        const cell = this.editCell(r + 1, c + 1);
        if (isDate(value)) Object.assign(cell, storedDate(value.getTime(), cell.numberFormat, world));
        else cell.value = value;
      }),
    );
    this.maxRows = Math.max(DEFAULT_ROWS, rows.length);
    this.maxColumns = Math.max(DEFAULT_COLUMNS, ...rows.map((cells) => cells.length));
  }

  label(): string {
    return `Sheet(${this.name})`;
  }

  /** A cell's content and formats (1-based), without recording a call. */
  cell(row: number, column: number): Readonly<CellState> {
    return this.grid[row - 1]?.[column - 1] ?? BLANK_CELL;
  }

  editCell(row: number, column: number): CellState {
    const cells = (this.grid[row - 1] ??= []);
    return (cells[column - 1] ??= { ...BLANK_CELL });
  }

  /** The value getValues gives: a number under a date format reads as a Date in the spreadsheet's time zone. */
  readValue(row: number, column: number): StoredValue | Date {
    const { value, numberFormat } = this.cell(row, column);
    if (typeof value === 'number' && isDateFormat(numberFormat)) {
      return new Date(instantOfSerial(value, this.world.timeZone));
    }
    return value;
  }

  private hasContent(row: number, column: number): boolean {
    const { value, formula } = this.cell(row, column);
    return value !== '' || formula !== '';
  }

  private lastRow(): number {
    for (let r = this.grid.length; r > 0; r--) {
      if (this.grid[r - 1]?.some((_, c) => this.hasContent(r, c + 1))) return r;
    }
    return 0;
  }

  private lastColumn(): number {
    let last = 0;
    this.grid.forEach((cells, r) =>
      cells?.forEach((_, c) => {
        if (c + 1 > last && this.hasContent(r + 1, c + 1)) last = c + 1;
      }),
    );
    return last;
  }

  /** A range by position, with Sheets' checks. */
  rangeAt(row: number, column: number, rows: number, columns: number): FakeRange {
    if (![row, column, rows, columns].every(Number.isInteger))
      throw new Error('Range coordinates must be integers.');
    if (row < 1) throw new Error('The starting row of the range is too small.');
    if (column < 1) throw new Error('The starting column of the range is too small.');
    if (rows < 1) throw new Error('The number of rows in the range must be at least 1.');
    if (columns < 1) throw new Error('The number of columns in the range must be at least 1.');
    if (row + rows - 1 > this.maxRows || column + columns - 1 > this.maxColumns) {
      throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new FakeRange(this.world, this, row, column, rows, columns);
  }

  /** `B2`, `A1:D20`, `A:D`, `A2:D` (to the last row), `2:5` (whole rows); `$` allowed. */
  rangeOfA1(a1: string): FakeRange {
    const match = /^\$?([A-Z]*)\$?(\d*)(?::\$?([A-Z]*)\$?(\d*))?$/i.exec(a1.trim());
    if (!match) throw new Error('Range not found');
    const [, startColumn, startRow, endColumn, endRow] = match;
    const single = endColumn === undefined;
    const valid = single
      ? startColumn !== '' && startRow !== ''
      : (startColumn !== '' || startRow !== '') &&
        (startColumn !== '' || endColumn === '') &&
        (startRow !== '' || endRow === '') &&
        (endColumn !== '' || startColumn === '') &&
        (endColumn !== '' || endRow !== '');
    if (!valid) throw new Error('Range not found');
    const column1 = startColumn ? columnNumber(startColumn) : 1;
    const row1 = startRow ? Number(startRow) : 1;
    const column2 = single ? column1 : endColumn ? columnNumber(endColumn) : this.maxColumns;
    const row2 = single ? row1 : endRow ? Number(endRow) : this.maxRows;
    const [top, bottom] = [Math.min(row1, row2), Math.max(row1, row2)];
    const [left, right] = [Math.min(column1, column2), Math.max(column1, column2)];
    return this.rangeAt(top, left, bottom - top + 1, right - left + 1);
  }

  getName(): string {
    this.log('getName');
    return this.name;
  }

  setName(name: string): this {
    this.log('setName', name);
    this.spreadsheet.checkFreeName(name, this);
    this.name = name;
    return this;
  }

  getSheetId(): number {
    this.log('getSheetId');
    return this.id;
  }

  getRange(a1: string): FakeRange;
  getRange(row: number, column: number, rows?: number, columns?: number): FakeRange;
  getRange(a1OrRow: string | number, column?: number, rows?: number, columns?: number): FakeRange {
    this.log('getRange', ...[a1OrRow, column, rows, columns].filter((arg) => arg !== undefined));
    if (typeof a1OrRow === 'string') return this.rangeOfA1(a1OrRow);
    if (column === undefined) throw new Error('getRange(row) needs a column.');
    return this.rangeAt(a1OrRow, column, rows ?? 1, columns ?? 1);
  }

  /** From A1 to the last row and column with content; A1 alone on an empty tab. */
  getDataRange(): FakeRange {
    this.log('getDataRange');
    return this.rangeAt(1, 1, Math.max(1, this.lastRow()), Math.max(1, this.lastColumn()));
  }

  getRangeList(a1Notations: string[]): FakeRangeList {
    this.log('getRangeList', a1Notations);
    return new FakeRangeList(
      this.world,
      this,
      a1Notations.map((a1) => this.rangeOfA1(a1)),
    );
  }

  getMaxRows(): number {
    this.log('getMaxRows');
    return this.maxRows;
  }

  getMaxColumns(): number {
    this.log('getMaxColumns');
    return this.maxColumns;
  }

  insertRowsAfter(afterPosition: number, howMany: number): this {
    this.log('insertRowsAfter', afterPosition, howMany);
    if (afterPosition < 1 || afterPosition > this.maxRows || howMany < 1)
      throw new Error('Invalid row insertion.');
    if (this.grid.length > afterPosition) {
      this.grid.splice(afterPosition, 0, ...Array.from({ length: howMany }, () => []));
    }
    this.maxRows += howMany;
    return this;
  }

  insertColumnsAfter(afterPosition: number, howMany: number): this {
    this.log('insertColumnsAfter', afterPosition, howMany);
    if (afterPosition < 1 || afterPosition > this.maxColumns || howMany < 1) {
      throw new Error('Invalid column insertion.');
    }
    for (const cells of this.grid) {
      if (cells && cells.length > afterPosition) cells.splice(afterPosition, 0, ...new Array(howMany));
    }
    this.maxColumns += howMany;
    return this;
  }

  /**
   * A copy of the tab in the spreadsheet, named as Sheets names it (« Copie de … » in French), with
   * its cells and formats; its developer metadata is copied too, the stricter assumption (Google's
   * page does not say: https://developers.google.com/apps-script/reference/spreadsheet/sheet#copyTo(Spreadsheet)).
   */
  copyTo(spreadsheet: FakeSpreadsheet): FakeSheet {
    this.log('copyTo', spreadsheet);
    const prefix = /^fr/i.test(this.world.locale) ? 'Copie de ' : 'Copy of ';
    const copy = new FakeSheet(
      this.world,
      spreadsheet,
      `${prefix}${this.name}`,
      this.world.nextSheetId(),
      [],
    );
    this.grid.forEach((cells, r) =>
      cells?.forEach((cell, c) => cell && Object.assign(copy.editCell(r + 1, c + 1), cell)),
    );
    [copy.maxRows, copy.maxColumns] = [this.maxRows, this.maxColumns];
    for (const metadata of this.metadata)
      copy.metadata.push(
        new FakeDeveloperMetadata(
          this.world,
          copy,
          this.world.nextMetadataId(),
          metadata.key,
          metadata.value,
          metadata.visibility,
        ),
      );
    spreadsheet.sheets.push(copy);
    return copy;
  }

  /** Removes rows of the grid (https://developers.google.com/apps-script/reference/spreadsheet/sheet#deleteRows(Integer,Integer)). */
  deleteRows(rowPosition: number, howMany: number): void {
    this.log('deleteRows', rowPosition, howMany);
    if (rowPosition < 1 || howMany < 1 || rowPosition + howMany - 1 > this.maxRows)
      throw new Error('Those rows are out of bounds.');
    if (howMany >= this.maxRows) throw new Error("You can't delete all the rows on the sheet.");
    this.grid.splice(rowPosition - 1, howMany);
    this.maxRows -= howMany;
  }

  /** Removes columns of the grid (https://developers.google.com/apps-script/reference/spreadsheet/sheet#deleteColumns(Integer,Integer)). */
  deleteColumns(columnPosition: number, howMany: number): void {
    this.log('deleteColumns', columnPosition, howMany);
    if (columnPosition < 1 || howMany < 1 || columnPosition + howMany - 1 > this.maxColumns)
      throw new Error('Those columns are out of bounds.');
    if (howMany >= this.maxColumns) throw new Error("You can't delete all the columns on the sheet.");
    for (const cells of this.grid) cells?.splice(columnPosition - 1, howMany);
    this.maxColumns -= howMany;
  }

  /** `(key)`, `(key, visibility)`, `(key, value)` or `(key, value, visibility)`; visibility defaults to DOCUMENT. */
  addDeveloperMetadata(
    key: string,
    valueOrVisibility?: string | FakeEnumValue,
    visibility?: FakeEnumValue,
  ): this {
    this.log(
      'addDeveloperMetadata',
      ...[key, valueOrVisibility, visibility].filter((arg) => arg !== undefined),
    );
    const value = typeof valueOrVisibility === 'string' ? valueOrVisibility : null;
    const shownTo =
      valueOrVisibility instanceof FakeEnumValue ? valueOrVisibility : (visibility ?? VISIBILITY.DOCUMENT);
    this.metadata.push(
      new FakeDeveloperMetadata(this.world, this, this.world.nextMetadataId(), key, value, shownTo),
    );
    return this;
  }

  /** The metadata on this tab itself. */
  getDeveloperMetadata(): FakeDeveloperMetadata[] {
    this.log('getDeveloperMetadata');
    return [...this.metadata];
  }

  getConditionalFormatRules(): FakeConditionalFormatRule[] {
    this.log('getConditionalFormatRules');
    return [...this.rules];
  }

  setConditionalFormatRules(rules: FakeConditionalFormatRule[]): void {
    this.log('setConditionalFormatRules', rules);
    this.rules = [...rules];
  }

  newChart(): FakeEmbeddedChartBuilder {
    this.log('newChart');
    return new FakeEmbeddedChartBuilder(this.world, this);
  }

  insertChart(chart: FakeEmbeddedChart): void {
    this.log('insertChart', chart);
    this.charts.push(chart);
  }

  setFrozenRows(rows: number): void {
    this.log('setFrozenRows', rows);
    this.frozenRows = rows;
  }

  setColumnWidths(startColumn: number, numColumns: number, width: number): this {
    this.log('setColumnWidths', startColumn, numColumns, width);
    if (startColumn < 1 || startColumn + numColumns - 1 > this.maxColumns) {
      throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
    }
    for (let c = startColumn; c < startColumn + numColumns; c++) this.columnWidths.set(c, width);
    return this;
  }

  hideSheet(): this {
    this.log('hideSheet');
    if (this.spreadsheet.sheets.every((sheet) => sheet === this || sheet.hidden)) {
      throw new Error("You can't hide all the sheets in a document.");
    }
    this.hidden = true;
    return this;
  }

  showSheet(): this {
    this.log('showSheet');
    this.hidden = false;
    return this;
  }

  setTabColor(color: string | null): this {
    this.log('setTabColor', color);
    this.tabColor = color;
    return this;
  }

  /** Makes this tab the spreadsheet's active tab. */
  activate(): this {
    this.log('activate');
    this.spreadsheet.active = this;
    return this;
  }
}

export class FakeRange extends Fake {
  constructor(
    world: World,
    readonly sheet: FakeSheet,
    readonly row: number,
    readonly column: number,
    readonly rows: number,
    readonly columns: number,
  ) {
    super(world);
  }

  label(): string {
    return `Range(${this.sheet.name}!${this.a1()})`;
  }

  a1(): string {
    return a1Notation(this.row, this.column, this.rows, this.columns);
  }

  private grid<T>(read: (row: number, column: number) => T): T[][] {
    return Array.from({ length: this.rows }, (_, r) =>
      Array.from({ length: this.columns }, (_, c) => read(this.row + r, this.column + c)),
    );
  }

  /** Applies a change to every cell of the range, without recording a call. */
  edit(change: (cell: CellState) => void): void {
    for (let r = 0; r < this.rows; r++) {
      for (let c = 0; c < this.columns; c++) change(this.sheet.editCell(this.row + r, this.column + c));
    }
  }

  getValues(): (StoredValue | Date)[][] {
    this.log('getValues');
    return this.grid((r, c) => this.sheet.readValue(r, c));
  }

  getFormulas(): string[][] {
    this.log('getFormulas');
    return this.grid((r, c) => this.sheet.cell(r, c).formula);
  }

  getNumberFormats(): string[][] {
    this.log('getNumberFormats');
    return this.grid((r, c) => this.sheet.cell(r, c).numberFormat);
  }

  /** Sets every cell as typed input (see enteredValue); the array must have the range's shape. */
  setValues(values: unknown[][]): this {
    this.log('setValues', values);
    if (!Array.isArray(values) || values.length !== this.rows) {
      throw new Error(
        `The number of rows in the data does not match the number of rows in the range. The data has ${Array.isArray(values) ? values.length : 0} but the range has ${this.rows}.`,
      );
    }
    for (const cells of values) {
      const length = Array.isArray(cells) ? cells.length : 0;
      if (length !== this.columns) {
        throw new Error(
          `The number of columns in the data does not match the number of columns in the range. The data has ${length} but the range has ${this.columns}.`,
        );
      }
    }
    values.forEach((cells, r) =>
      cells.forEach((input, c) => {
        const cell = this.sheet.editCell(this.row + r, this.column + c);
        Object.assign(cell, enteredValue(input, cell.numberFormat, this.world));
      }),
    );
    return this;
  }

  setNumberFormat(numberFormat: string): this {
    this.log('setNumberFormat', numberFormat);
    this.edit((cell) => (cell.numberFormat = numberFormat));
    return this;
  }

  setFontWeight(fontWeight: string | null): this {
    this.log('setFontWeight', fontWeight);
    this.edit((cell) => (cell.fontWeight = fontWeight ?? BLANK_CELL.fontWeight));
    return this;
  }

  setFontStyle(fontStyle: string | null): this {
    this.log('setFontStyle', fontStyle);
    this.edit((cell) => (cell.fontStyle = fontStyle ?? BLANK_CELL.fontStyle));
    return this;
  }

  setBackground(color: string | null): this {
    this.log('setBackground', color);
    this.edit((cell) => (cell.background = color ?? BLANK_CELL.background));
    return this;
  }

  setFontColor(color: string | null): this {
    this.log('setFontColor', color);
    this.edit((cell) => (cell.fontColor = color ?? BLANK_CELL.fontColor));
    return this;
  }

  setHorizontalAlignment(alignment: string | null): this {
    this.log('setHorizontalAlignment', alignment);
    this.edit((cell) => (cell.horizontalAlignment = alignment ?? BLANK_CELL.horizontalAlignment));
    return this;
  }

  getRow(): number {
    this.log('getRow');
    return this.row;
  }

  getColumn(): number {
    this.log('getColumn');
    return this.column;
  }

  getNumRows(): number {
    this.log('getNumRows');
    return this.rows;
  }

  getNumColumns(): number {
    this.log('getNumColumns');
    return this.columns;
  }

  getA1Notation(): string {
    this.log('getA1Notation');
    return this.a1();
  }
}

export class FakeRangeList extends Fake {
  constructor(
    world: World,
    readonly sheet: FakeSheet,
    readonly ranges: FakeRange[],
  ) {
    super(world);
  }

  label(): string {
    return `RangeList(${this.sheet.name}!${this.ranges.map((range) => range.a1()).join(',')})`;
  }

  setNumberFormat(numberFormat: string): this {
    this.log('setNumberFormat', numberFormat);
    for (const range of this.ranges) range.edit((cell) => (cell.numberFormat = numberFormat));
    return this;
  }
}

export class FakeDeveloperMetadata extends Fake {
  constructor(
    world: World,
    readonly sheet: FakeSheet,
    readonly id: number,
    public key: string,
    public value: string | null,
    public visibility: FakeEnumValue,
  ) {
    super(world);
  }

  label(): string {
    return `DeveloperMetadata(${this.id})`;
  }

  getKey(): string {
    this.log('getKey');
    return this.key;
  }

  getValue(): string | null {
    this.log('getValue');
    return this.value;
  }

  setValue(value: string): this {
    this.log('setValue', value);
    this.value = value;
    return this;
  }

  getLocation(): FakeDeveloperMetadataLocation {
    this.log('getLocation');
    return new FakeDeveloperMetadataLocation(this.world, this.sheet);
  }
}

export class FakeDeveloperMetadataLocation extends Fake {
  constructor(
    world: World,
    readonly sheet: FakeSheet,
  ) {
    super(world);
  }

  label(): string {
    return `DeveloperMetadataLocation(${this.sheet.name})`;
  }

  getSheet(): FakeSheet {
    this.log('getSheet');
    return this.sheet;
  }
}

export class FakeDeveloperMetadataFinder extends Fake {
  private readonly tests: ((metadata: FakeDeveloperMetadata) => boolean)[] = [];

  constructor(
    world: World,
    private readonly scope: () => FakeDeveloperMetadata[],
  ) {
    super(world);
  }

  label(): string {
    return 'DeveloperMetadataFinder';
  }

  withKey(key: string): this {
    this.log('withKey', key);
    this.tests.push((metadata) => metadata.key === key);
    return this;
  }

  withLocationType(locationType: FakeEnumValue): this {
    this.log('withLocationType', locationType);
    this.tests.push(() => locationType === LOCATION_TYPE.SHEET);
    return this;
  }

  find(): FakeDeveloperMetadata[] {
    this.log('find');
    return this.scope().filter((metadata) => this.tests.every((test) => test(metadata)));
  }
}

export interface GradientPoint {
  color: string;
  type: string;
  value: string;
}

/** https://developers.google.com/apps-script/reference/spreadsheet/conditional-format-rule-builder (gradient methods). */
export class FakeConditionalFormatRuleBuilder extends Fake {
  readonly gradient: { min?: GradientPoint; mid?: GradientPoint; max?: GradientPoint } = {};
  private ranges: FakeRange[] = [];

  label(): string {
    return 'ConditionalFormatRuleBuilder';
  }

  setGradientMinpoint(color: string): this {
    this.log('setGradientMinpoint', color);
    this.gradient.min = { color, type: 'MIN', value: '' };
    return this;
  }

  setGradientMidpointWithValue(color: string, type: FakeEnumValue, value: string): this {
    this.log('setGradientMidpointWithValue', color, type, value);
    this.gradient.mid = { color, type: type.name, value };
    return this;
  }

  setGradientMaxpoint(color: string): this {
    this.log('setGradientMaxpoint', color);
    this.gradient.max = { color, type: 'MAX', value: '' };
    return this;
  }

  setRanges(ranges: FakeRange[]): this {
    this.log('setRanges', ranges);
    this.ranges = [...ranges];
    return this;
  }

  build(): FakeConditionalFormatRule {
    this.log('build');
    return new FakeConditionalFormatRule(this.world, { ...this.gradient }, this.ranges);
  }
}

export class FakeConditionalFormatRule extends Fake {
  constructor(
    world: World,
    readonly gradient: FakeConditionalFormatRuleBuilder['gradient'],
    readonly ranges: FakeRange[],
  ) {
    super(world);
  }

  label(): string {
    return `ConditionalFormatRule(${this.ranges.map((range) => range.a1()).join(',')})`;
  }
}

export class FakeEmbeddedChartBuilder extends Fake {
  private chartType: FakeEnumValue | null = null;
  private readonly ranges: FakeRange[] = [];
  private position = { row: 1, column: 1, offsetX: 0, offsetY: 0 };
  private readonly options: Record<string, unknown> = {};

  constructor(
    world: World,
    readonly sheet: FakeSheet,
  ) {
    super(world);
  }

  label(): string {
    return `EmbeddedChartBuilder(${this.sheet.name})`;
  }

  setChartType(type: FakeEnumValue): this {
    this.log('setChartType', type);
    this.chartType = type;
    return this;
  }

  addRange(range: FakeRange): this {
    this.log('addRange', range);
    this.ranges.push(range);
    return this;
  }

  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): this {
    this.log('setPosition', anchorRowPos, anchorColPos, offsetX, offsetY);
    this.position = { row: anchorRowPos, column: anchorColPos, offsetX, offsetY };
    return this;
  }

  setOption(option: string, value: unknown): this {
    this.log('setOption', option, value);
    this.options[option] = value;
    return this;
  }

  build(): FakeEmbeddedChart {
    this.log('build');
    if (!this.chartType) throw new Error('A chart type must be set.');
    return new FakeEmbeddedChart(this.world, this.chartType.name, [...this.ranges], this.position, {
      ...this.options,
    });
  }
}

export class FakeEmbeddedChart extends Fake {
  constructor(
    world: World,
    readonly type: string,
    readonly ranges: FakeRange[],
    readonly position: { row: number; column: number; offsetX: number; offsetY: number },
    readonly options: Readonly<Record<string, unknown>>,
  ) {
    super(world);
  }

  label(): string {
    return `EmbeddedChart(${this.type})`;
  }
}

type LockScope = 'document' | 'script';

export class FakeLock extends Fake {
  constructor(
    world: World,
    readonly scope: LockScope,
  ) {
    super(world);
  }

  label(): string {
    return this.scope === 'document' ? 'Lock' : 'ScriptLock';
  }

  /**
   * Takes the lock, or when another execution holds it, waits up to the timeout and gives false
   * (https://developers.google.com/apps-script/reference/lock/lock#tryLock(Integer)): the stand-in
   * cannot be released while it waits, so it adds the whole timeout to `waitedMs`.
   */
  tryLock(timeoutInMillis: number): boolean {
    this.log('tryLock', timeoutInMillis);
    const holder = this.world.lockHolders[this.scope];
    if (holder !== null && holder !== this) {
      this.world.waitedMs += timeoutInMillis;
      return false;
    }
    this.world.lockHolders[this.scope] = this;
    return true;
  }

  releaseLock(): void {
    this.log('releaseLock');
    if (this.world.lockHolders[this.scope] === this) this.world.lockHolders[this.scope] = null;
  }
}

export class FakeLockService extends Fake {
  label(): string {
    return 'LockService';
  }

  /**
   * A new lock on the document each time, as each execution gets its own; null where the document
   * lock cannot be had ("null if called from a standalone script",
   * https://developers.google.com/apps-script/reference/lock/lock-service#getDocumentLock()): a
   * caller must not count on it.
   */
  getDocumentLock(): FakeLock | null {
    this.log('getDocumentLock');
    return this.world.documentLock ? new FakeLock(this.world, 'document') : null;
  }

  /** A lock shared by every execution of the script (https://developers.google.com/apps-script/reference/lock/lock-service#getScriptLock()). */
  getScriptLock(): FakeLock {
    this.log('getScriptLock');
    return new FakeLock(this.world, 'script');
  }
}

export type MenuEntry =
  { caption: string; functionName: string } | { separator: true } | { subMenu: FakeMenu };

export class FakeMenu extends Fake {
  readonly entries: MenuEntry[] = [];

  constructor(
    world: World,
    private readonly ui: FakeUi,
    readonly caption: string,
  ) {
    super(world);
  }

  label(): string {
    return `Menu(${this.caption})`;
  }

  addItem(caption: string, functionName: string): this {
    this.log('addItem', caption, functionName);
    this.entries.push({ caption, functionName });
    return this;
  }

  addSeparator(): this {
    this.log('addSeparator');
    this.entries.push({ separator: true });
    return this;
  }

  addToUi(): void {
    this.log('addToUi');
    this.ui.menus.push(this);
  }
}

export class FakeUi extends Fake {
  /** Menus added to the interface, in order. */
  readonly menus: FakeMenu[] = [];
  /** Pages shown in the sidebar, in order. */
  readonly sidebars: FakeHtmlOutput[] = [];

  label(): string {
    return 'Ui';
  }

  /** The add-on's menu under Extensions (its caption is the add-on's name). */
  createAddonMenu(): FakeMenu {
    this.log('createAddonMenu');
    return new FakeMenu(this.world, this, 'Add-on');
  }

  readonly ButtonSet = fakeEnum('OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL');

  /** Messages shown in dialogs, in order: the message, or the title and the message on the next line. */
  readonly alerts: string[] = [];

  /** `alert(prompt)` or `alert(title, prompt, buttons)` (https://developers.google.com/apps-script/reference/base/ui#alert(String,String,ButtonSet)). */
  alert(titleOrPrompt: string, prompt?: string, buttons?: FakeEnumValue): void {
    this.log('alert', ...[titleOrPrompt, prompt, buttons].filter((arg) => arg !== undefined));
    if (prompt !== undefined && !(buttons instanceof FakeEnumValue))
      throw new Error('alert(title, prompt, buttons) needs a ButtonSet.');
    this.alerts.push(prompt === undefined ? titleOrPrompt : `${titleOrPrompt}\n${prompt}`);
  }

  showSidebar(userInterface: FakeHtmlOutput): void {
    this.log('showSidebar', userInterface);
    this.sidebars.push(userInterface);
  }
}

export class FakeHtmlOutput extends Fake {
  private title = '';

  constructor(
    world: World,
    private readonly name: string,
    private readonly content: string,
  ) {
    super(world);
  }

  label(): string {
    return `HtmlOutput(${this.name})`;
  }

  setTitle(title: string): this {
    this.log('setTitle', title);
    this.title = title;
    return this;
  }

  getTitle(): string {
    this.log('getTitle');
    return this.title;
  }

  getContent(): string {
    this.log('getContent');
    return this.content;
  }
}

export class FakeHtmlService extends Fake {
  label(): string {
    return 'HtmlService';
  }

  /** A project file by name, with or without `.html`. */
  createHtmlOutputFromFile(filename: string): FakeHtmlOutput {
    this.log('createHtmlOutputFromFile', filename);
    const name = filename.replace(/\.html$/, '');
    const content = this.world.htmlFiles[name];
    if (content === undefined) throw new Error(`No HTML file named ${name} was found.`);
    return new FakeHtmlOutput(this.world, name, content);
  }
}

export class FakeSession extends Fake {
  constructor(
    world: World,
    private readonly userLocale: string,
  ) {
    super(world);
  }

  label(): string {
    return 'Session';
  }

  getActiveUserLocale(): string {
    this.log('getActiveUserLocale');
    return this.userLocale;
  }

  getTemporaryActiveUserKey(): string {
    this.log('getTemporaryActiveUserKey');
    return this.world.user;
  }
}

const EVENT_TYPE = fakeEnum('CLOCK', 'ON_OPEN');
const AUTH_MODE = fakeEnum('NONE', 'LIMITED', 'FULL', 'CUSTOM_FUNCTION');

/** A trigger: its user, the function it calls, what fires it, and for a clock trigger its schedule. */
export class FakeTrigger extends Fake {
  constructor(
    world: World,
    readonly owner: string,
    readonly handler: string,
    readonly eventType: FakeEnumValue,
    readonly schedule: string,
  ) {
    super(world);
  }

  label(): string {
    return `Trigger(${this.handler})`;
  }

  getHandlerFunction(): string {
    this.log('getHandlerFunction');
    return this.handler;
  }

  getEventType(): FakeEnumValue {
    this.log('getEventType');
    return this.eventType;
  }
}

/** `newTrigger(fn).timeBased().everyDays(1).atHour(6).create()` or `newTrigger(fn).forSpreadsheet(ss).onOpen().create()`. */
export class FakeTriggerBuilder extends Fake {
  private eventType: FakeEnumValue | null = null;
  private readonly schedule: string[] = [];

  constructor(
    world: World,
    private readonly handler: string,
    private readonly spreadsheet: FakeSpreadsheet,
  ) {
    super(world);
  }

  label(): string {
    return `TriggerBuilder(${this.handler})`;
  }

  timeBased(): this {
    this.log('timeBased');
    this.eventType = EVENT_TYPE.CLOCK;
    return this;
  }

  everyDays(days: number): this {
    this.log('everyDays', days);
    this.schedule.push(`everyDays(${days})`);
    return this;
  }

  atHour(hour: number): this {
    this.log('atHour', hour);
    this.schedule.push(`atHour(${hour})`);
    return this;
  }

  forSpreadsheet(spreadsheet: FakeSpreadsheet): this {
    this.log('forSpreadsheet', spreadsheet);
    if (spreadsheet !== this.spreadsheet) throw new Error('The stand-in serves one spreadsheet.');
    return this;
  }

  onOpen(): this {
    this.log('onOpen');
    this.eventType = EVENT_TYPE.ON_OPEN;
    return this;
  }

  /**
   * An add-on may have one trigger of each event type per user and per document
   * (https://developers.google.com/workspace/add-ons/concepts/editor-triggers#restrictions); a
   * second one is refused.
   */
  create(): FakeTrigger {
    this.log('create');
    const eventType = this.eventType;
    if (!eventType) throw new Error('A trigger needs an event.');
    if (eventType === EVENT_TYPE.CLOCK && this.schedule.length === 0)
      throw new Error('A time-based trigger needs a schedule.');
    if (this.world.triggers.some((t) => t.owner === this.world.user && t.eventType === eventType))
      throw new Error(`This add-on already has a ${eventType.name} trigger for this user and document.`);
    const trigger = new FakeTrigger(
      this.world,
      this.world.user,
      this.handler,
      eventType,
      this.schedule.join('.'),
    );
    this.world.triggers.push(trigger);
    return trigger;
  }
}

export class FakeScriptApp extends Fake {
  readonly AuthMode = AUTH_MODE;
  readonly EventType = EVENT_TYPE;

  constructor(
    world: World,
    private readonly spreadsheet: FakeSpreadsheet,
  ) {
    super(world);
  }

  label(): string {
    return 'ScriptApp';
  }

  /** The current user's triggers for this document (each user sees only their own). */
  getUserTriggers(spreadsheet: FakeSpreadsheet): FakeTrigger[] {
    this.log('getUserTriggers', spreadsheet);
    return this.world.triggers.filter((trigger) => trigger.owner === this.world.user);
  }

  deleteTrigger(trigger: FakeTrigger): void {
    this.log('deleteTrigger', trigger);
    const index = this.world.triggers.indexOf(trigger);
    if (index < 0 || trigger.owner !== this.world.user) throw new Error('No such trigger of this user.');
    this.world.triggers.splice(index, 1);
  }

  newTrigger(handler: string): FakeTriggerBuilder {
    this.log('newTrigger', handler);
    return new FakeTriggerBuilder(this.world, handler, this.spreadsheet);
  }
}

export class FakeSpreadsheetApp extends Fake {
  readonly DeveloperMetadataVisibility = VISIBILITY;
  readonly DeveloperMetadataLocationType = LOCATION_TYPE;
  readonly InterpolationType = INTERPOLATION;

  constructor(
    world: World,
    private readonly spreadsheet: FakeSpreadsheet,
    private readonly ui: FakeUi,
  ) {
    super(world);
  }

  label(): string {
    return 'SpreadsheetApp';
  }

  /**
   * The document; null in an execution without one. In an add-on's time-driven trigger, sources
   * disagree on whether the document is there (https://developers.google.com/workspace/add-ons/concepts/editor-triggers
   * lists time-driven triggers for add-ons without saying; reports say null), so tests run it both ways.
   */
  getActiveSpreadsheet(): FakeSpreadsheet | null {
    this.log('getActiveSpreadsheet');
    return this.world.activeSpreadsheet ? this.spreadsheet : null;
  }

  getUi(): FakeUi {
    this.log('getUi');
    return this.ui;
  }

  newConditionalFormatRule(): FakeConditionalFormatRuleBuilder {
    this.log('newConditionalFormatRule');
    return new FakeConditionalFormatRuleBuilder(this.world);
  }
}

export interface FakeAppsScriptOptions {
  /** Default `fr_FR`. */
  locale?: string;
  /** Default `Europe/Paris`. */
  timeZone?: string;
  /** Tabs in order, each with its rows of values as Sheets gives them; one empty tab by default. */
  sheets?: Record<string, Cell[][]>;
  /** HTML files of the project by name (without `.html`), for HtmlService.createHtmlOutputFromFile. */
  htmlFiles?: Record<string, string>;
  /** The user's locale as Session gives it (default: the spreadsheet's language). */
  userLocale?: string;
}

/** The Apps Script globals, as a `node:vm` context or a port's services take them. */
export interface AppsScriptGlobals {
  SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  LockService: GoogleAppsScript.Lock.LockService;
  Charts: GoogleAppsScript.Charts.Charts;
  HtmlService: GoogleAppsScript.HTML.HtmlService;
  Session: GoogleAppsScript.Base.Session;
  ScriptApp: GoogleAppsScript.Script.ScriptApp;
}

export interface FakeAppsScript extends AppsScriptGlobals {
  /** The active spreadsheet, typed as the real class. */
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
  /** The globals alone, to spread into a `node:vm` context. */
  globals: AppsScriptGlobals;
  /** Every call made on a stand-in, in order. */
  calls: AppsScriptCall[];
  /** Empties the call log (the same array). */
  clearCalls(): void;
  /** A tab's stand-in by name, to inspect its cells, metadata, rules and charts without recording calls. */
  sheet(name: string): FakeSheet;
  ui: FakeUi;
  /** Another execution takes the document lock, so every tryLock fails; returns its release. */
  holdDocumentLock(): () => void;
  /** Runs fn as one execution of the given kind: its authorization mode, with or without the document and its lock. */
  execute<T>(
    execution: {
      authMode?: AuthModeName;
      activeSpreadsheet?: boolean;
      documentLock?: boolean;
      user?: string;
    },
    fn: () => T,
  ): T;
  /** The user of the executions that follow. */
  actAs(user: string): void;
  /** Every user's triggers. */
  triggers: FakeTrigger[];
  /** Milliseconds spent waiting in tryLock so far. */
  readonly waitedMs: number;
}

/** A fresh fake Apps Script project bound to one spreadsheet. */
export function createFakeAppsScript(options: FakeAppsScriptOptions = {}): FakeAppsScript {
  const world = new World(
    options.locale ?? 'fr_FR',
    options.timeZone ?? 'Europe/Paris',
    options.htmlFiles ?? {},
  );
  const spreadsheet = new FakeSpreadsheet(world, options.sheets ?? {});
  const ui = new FakeUi(world);
  const globals: AppsScriptGlobals = {
    SpreadsheetApp: real(new FakeSpreadsheetApp(world, spreadsheet, ui)),
    LockService: real(new FakeLockService(world)),
    Charts: real({ ChartType: CHART_TYPE }),
    HtmlService: real(new FakeHtmlService(world)),
    Session: real(new FakeSession(world, options.userLocale ?? world.locale.slice(0, 2))),
    ScriptApp: real(new FakeScriptApp(world, spreadsheet)),
  };
  return {
    ...globals,
    globals,
    spreadsheet: real(spreadsheet),
    calls: world.calls,
    clearCalls: () => void world.calls.splice(0),
    sheet(name) {
      const sheet = spreadsheet.find(name);
      if (!sheet) throw new Error(`No tab named ${name}.`);
      return sheet;
    },
    ui,
    holdDocumentLock() {
      const other = new FakeLock(world, 'document');
      if (world.lockHolders.document !== null) throw new Error('The document lock is already held.');
      world.lockHolders.document = other;
      return () => {
        if (world.lockHolders.document === other) world.lockHolders.document = null;
      };
    },
    execute(execution, fn) {
      const before = {
        mode: world.mode,
        activeSpreadsheet: world.activeSpreadsheet,
        documentLock: world.documentLock,
        user: world.user,
        startedAt: world.startedAt,
      };
      world.startedAt = Date.now();
      world.mode = execution.authMode ?? 'FULL';
      world.activeSpreadsheet = execution.activeSpreadsheet ?? true;
      world.documentLock = execution.documentLock ?? true;
      world.user = execution.user ?? world.user;
      try {
        return fn();
      } finally {
        Object.assign(world, before);
      }
    },
    actAs(user) {
      world.user = user;
    },
    triggers: world.triggers,
    get waitedMs() {
      return world.waitedMs;
    },
  };
}

/** A stand-in seen as the Apps Script type it stands for. */
function real<T>(fake: object): T {
  return fake as unknown as T;
}
