/**
 * The one narrow interface between Segmento and a spreadsheet. Implemented over the Sheets service in
 * the add-on (src/addon) and over an .xlsx workbook locally (src/local); the Apply pipeline, the
 * settings tab and the sidebar endpoints are written against it and know nothing else.
 */
import { labelLang } from '../core/labels';
import { columnLetter } from '../core/a1';
import type { RowSource } from '../core/rows';
import type { Cell } from '../core/values';
import { WorkbookError } from './words';

/** A value as written: dates are Sheets serial numbers with a `date` format (no time zone drift). */
export type WriteCell = string | number | boolean | null;

/**
 * How a block's cells read. `integer` is a plain whole number (a score, a row number); `count` a
 * whole number with the locale's thousands separator (`1 021`); `money` and `decimal` have two
 * decimals and the separator; `percent` takes fractions (0.25 → 25 %).
 */
export type NumberFormat = 'text' | 'integer' | 'count' | 'decimal' | 'money' | 'percent' | 'date';

/**
 * The number format pattern of each NumberFormat, the same in Sheets and in Excel: `,` and `.` in a
 * pattern stand for the locale's thousands and decimal separators. Dates are written as serial
 * numbers and shown as dates by their format.
 */
export const NUMBER_FORMAT_PATTERNS: Record<NumberFormat, string> = {
  text: '@',
  integer: '0',
  count: '#,##0',
  decimal: '#,##0.00',
  money: '#,##0.00',
  percent: '0.0%',
  date: 'yyyy-mm-dd',
};

/** A rectangle of cells: 1-based row and column, as in Sheets. */
export interface Area {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

export interface CellFormat {
  numberFormat?: NumberFormat;
  bold?: boolean;
  italic?: boolean;
  /** `#rrggbb`. */
  background?: string;
  fontColor?: string;
  horizontalAlignment?: 'left' | 'center' | 'right';
}

/** A tab's grid: rows and columns. */
export interface GridSize {
  rows: number;
  columns: number;
}

/**
 * What kind of managed tab, and which one of that kind (a segment's tab has its rule name).
 * `settings`, `campaigns` and `acquisition` are tables a person edits: created when missing, never
 * replaced (`HAND_KINDS`).
 */
export interface TabTag {
  kind:
    | 'segment'
    | 'kpi'
    | 'migration'
    | 'retention'
    | 'rejects'
    | 'history'
    | 'settings'
    | 'campaigns'
    | 'acquisition'
    | 'pending'
    | 'probe';
  key: string;
}

/** The managed tabs a person edits by hand: Apply creates them when missing and never writes over them. */
export const HAND_KINDS: ReadonlySet<TabTag['kind']> = new Set(['settings', 'campaigns', 'acquisition']);

/** A tab the add-on made, found by its tag (developer metadata in Sheets), never by its name. */
export interface ManagedTab {
  id: number;
  name: string;
  tag: TabTag;
}

export interface ChartSpec {
  type: 'bar' | 'column' | 'pie';
  title: string;
  /** One column of category labels, and one column of values beside or apart from it (same rows). */
  labels: Area;
  values: Area;
  /** Top-left cell where the chart is anchored. */
  anchor: { row: number; column: number };
  width: number;
  height: number;
}

export interface TabLayout {
  frozenRows?: number;
  /** Widths in pixels, from the first column. */
  columnWidths?: number[];
  hidden?: boolean;
  tabColor?: string;
}

/** How long a run waits for another run's document lock before saying the document is busy. */
export const LOCK_WAIT_MS = 10_000;

export interface WorkbookPort {
  /** The spreadsheet's locale (`fr_FR`) and time zone (`Europe/Paris`). */
  locale(): string;
  timeZone(): string;
  /** Names of every tab, in order, managed or not. */
  sheetNames(): string[];
  /**
   * The values of a range of a tab by name (`A:D`; null for the tab's data range) as Sheets gives
   * them, and the row number of the first row; null when there is no such tab.
   */
  readRange(sheetName: string, a1: string | null): { values: Cell[][]; firstRow: number } | null;
  /**
   * Optional: the same range as a row source, where the port holds it as one (an order file read
   * by the command line, kept as its text, or a tab of an .xlsx held outside exceljs) rather than
   * as millions of cells; null to be read with `readRange`.
   */
  readRows?(sheetName: string, a1: string | null): { rows: RowSource; firstRow: number } | null;
  managedTabs(): ManagedTab[];
  /** A new tab, last, with its grid exactly `size` where the spreadsheet has a grid to size. */
  createManagedTab(name: string, tag: TabTag, size?: GridSize): ManagedTab;
  /**
   * The cells the spreadsheet holds (every tab's whole grid, empty cells included) and the most it
   * may hold; null where there is no such limit (an .xlsx file).
   */
  capacity(): { usedCells: number; maxCells: number } | null;
  /**
   * How long this execution has run so far and the most it may run, in seconds; null where a run
   * has no time limit (an .xlsx file).
   */
  executionTime(): { usedSeconds: number; maxSeconds: number } | null;
  /**
   * The largest grid one tab may have; null where only the spreadsheet's cells are counted
   * (`capacity`).
   */
  tabLimit(): GridSize | null;
  retagTab(id: number, tag: TabTag): void;
  renameTab(id: number, name: string): void;
  deleteTab(id: number): void;
  /** One batched write of a rectangle of values, top-left at (row, column). */
  writeBlock(id: number, row: number, column: number, values: WriteCell[][]): void;
  formatArea(id: number, area: Area, format: CellFormat): void;
  /** A three-colour scale over the area, from low to high values. */
  addColorScale(id: number, area: Area, colors: { min: string; mid: string; max: string }): void;
  addChart(id: number, chart: ChartSpec): void;
  layoutTab(id: number, layout: TabLayout): void;
  /** Shows a managed tab to the user: the active tab in Sheets, the tab an .xlsx file opens on. */
  activateTab(id: number): void;
  /** Moves a tab after every other tab. */
  moveTabToEnd(id: number): void;
  /** Runs fn under a document-wide lock; returns null when another run holds it past the wait. */
  withDocumentLock<T>(waitMs: number, fn: () => T): T | null;
  /** A short message to the user (a toast in Sheets, a line on the console locally). */
  notify(message: string): void;
}

/** Text that a spreadsheet would read as a formula: it must be written as text. */
export function isFormulaLike(value: WriteCell): value is string {
  return typeof value === 'string' && /^[=+\-@]/.test(value);
}

/**
 * Refuses a block holding a number that is not finite (Infinity, NaN): no file or sheet may hold
 * one (an .xlsx with `<v>Infinity</v>` does not open elsewhere). Both ports call it before writing;
 * `locale` is asked only when there is something to say.
 */
export function assertFiniteCells(
  values: WriteCell[][],
  row: number,
  column: number,
  locale: () => string,
): void {
  for (let r = 0; r < values.length; r++) {
    const line = values[r];
    for (let c = 0; c < line.length; c++) {
      const value = line[c];
      if (typeof value === 'number' && !Number.isFinite(value)) {
        const cell = `${columnLetter(column + c - 1)}${row + r}`;
        throw new WorkbookError('error.nonFinite', { cell, value: String(value) }, labelLang(locale()));
      }
    }
  }
}
