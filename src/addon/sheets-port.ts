/**
 * The workbook port over SpreadsheetApp (see src/addon/README.md, "The Sheets port", and
 * src/workbook/README.md, "The port"). Each method is the few Apps Script calls it takes; the
 * services come in as parameters, so loading this file calls none of them.
 */
import type { Area, CellFormat, ManagedTab, TabTag, WorkbookPort, WriteCell } from '../workbook/port';
import { columnLetter } from '../core/a1';
import { assertFiniteCells, NUMBER_FORMAT_PATTERNS } from '../workbook/port';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

/** The Apps Script globals the port uses: `{ SpreadsheetApp, LockService, Charts }` in Apps Script. */
export interface SheetsServices {
  SpreadsheetApp: Pick<
    GoogleAppsScript.Spreadsheet.SpreadsheetApp,
    | 'newConditionalFormatRule'
    | 'DeveloperMetadataVisibility'
    | 'DeveloperMetadataLocationType'
    | 'InterpolationType'
  >;
  LockService: Pick<GoogleAppsScript.Lock.LockService, 'getDocumentLock' | 'getScriptLock'>;
  Charts: Pick<GoogleAppsScript.Charts.Charts, 'ChartType'>;
}

/**
 * Key of the tab-level developer metadata that marks a tab as Segmento's; its value is the TabTag
 * as JSON with the tab's own sheet id. A copy of a managed tab that a person makes may carry the
 * metadata along (whether Sheets copies it is not documented, so it is assumed): its sheet id is not
 * the copy's, and the copy stays the person's.
 */
export const TAB_TAG_KEY = 'segmento';

const CHART_TYPES = { bar: 'BAR', column: 'COLUMN', pie: 'PIE' } as const;

const TAB_KINDS: Record<TabTag['kind'], true> = {
  segment: true,
  kpi: true,
  migration: true,
  retention: true,
  rejects: true,
  history: true,
  settings: true,
  campaigns: true,
  acquisition: true,
  pending: true,
  probe: true,
};

const TOAST_TITLE = 'Segmento';

/** Cells a Google spreadsheet may hold, all tabs together (https://support.google.com/drive/answer/37603). */
export const MAX_CELLS = 10_000_000;

/**
 * Seconds an Apps Script execution may run ("Script runtime: 6 min / execution",
 * https://developers.google.com/apps-script/guides/services/quotas). Older pages and posts give
 * Google Workspace accounts 30 minutes; the current page gives both kinds of account 6: the shorter.
 */
export const MAX_EXECUTION_SECONDS = 360;

export function sheetsPort(spreadsheet: Spreadsheet, services: SheetsServices): WorkbookPort {
  const { SpreadsheetApp, LockService, Charts } = services;
  /** The port is made when an execution starts (src/addon/bundle.ts): its clock starts then. */
  const startedAt = Date.now();
  /** Grid sizes of the tabs written to, read once: reading after a write makes Apps Script flush. */
  const grids = new Map<number, { rows: number; columns: number }>();

  function tab(id: number): Sheet {
    const sheet = spreadsheet.getSheetById(id);
    if (!sheet)
      throw new Error(`Segmento: the tab with id ${id} no longer exists (deleted during the run?).`);
    return sheet;
  }

  /** The range of an area, after adding the rows and columns it needs: getRange fails outside the grid. */
  function rangeOf(id: number, sheet: Sheet, area: Area): Range {
    fitGrid(id, sheet, area.row + area.rows - 1, area.column + area.columns - 1);
    return sheet.getRange(area.row, area.column, area.rows, area.columns);
  }

  function tag(sheet: Sheet, id: number, tabTag: TabTag): void {
    sheet.addDeveloperMetadata(
      TAB_TAG_KEY,
      tagValue(tabTag, id),
      SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT,
    );
  }

  function fitGrid(id: number, sheet: Sheet, lastRow: number, lastColumn: number): void {
    let grid = grids.get(id);
    if (!grid) {
      grid = { rows: sheet.getMaxRows(), columns: sheet.getMaxColumns() };
      grids.set(id, grid);
    }
    if (lastRow > grid.rows) {
      sheet.insertRowsAfter(grid.rows, lastRow - grid.rows);
      grid.rows = lastRow;
    }
    if (lastColumn > grid.columns) {
      sheet.insertColumnsAfter(grid.columns, lastColumn - grid.columns);
      grid.columns = lastColumn;
    }
  }

  return {
    locale: () => spreadsheet.getSpreadsheetLocale(),
    timeZone: () => spreadsheet.getSpreadsheetTimeZone(),
    sheetNames: () => spreadsheet.getSheets().map((sheet) => sheet.getName()),

    readRange(sheetName, a1) {
      const sheet = spreadsheet.getSheetByName(sheetName);
      if (!sheet) return null;
      const range = a1 === null ? sheet.getDataRange() : sheet.getRange(a1);
      return { values: range.getValues(), firstRow: range.getRow() };
    },

    managedTabs() {
      return spreadsheet
        .createDeveloperMetadataFinder()
        .withKey(TAB_TAG_KEY)
        .withLocationType(SpreadsheetApp.DeveloperMetadataLocationType.SHEET)
        .find()
        .flatMap((metadata): ManagedTab[] => {
          const tagged = parseTabTag(metadata.getValue());
          const sheet = metadata.getLocation().getSheet();
          if (!tagged || !sheet) return [];
          const id = sheet.getSheetId();
          return tagged.sheetId === id ? [{ id, name: sheet.getName(), tag: tagged.tag }] : [];
        });
    },

    /**
     * A new tab at the end, cut down to `size` (a new tab has 1,000 rows and 26 columns, cells that
     * count against the spreadsheet's limit).
     */
    createManagedTab(name, tabTag, size) {
      const sheet = spreadsheet.insertSheet(name, spreadsheet.getNumSheets());
      const id = sheet.getSheetId();
      tag(sheet, id, tabTag);
      if (size) {
        const [rows, columns] = [sheet.getMaxRows(), sheet.getMaxColumns()];
        if (rows > size.rows) sheet.deleteRows(size.rows + 1, rows - size.rows);
        if (columns > size.columns) sheet.deleteColumns(size.columns + 1, columns - size.columns);
        grids.set(id, { rows: Math.min(rows, size.rows), columns: Math.min(columns, size.columns) });
      }
      return { id, name, tag: tabTag };
    },

    capacity() {
      const usedCells = spreadsheet
        .getSheets()
        .reduce((sum, sheet) => sum + sheet.getMaxRows() * sheet.getMaxColumns(), 0);
      return { usedCells, maxCells: MAX_CELLS };
    },

    executionTime: () => ({
      usedSeconds: (Date.now() - startedAt) / 1000,
      maxSeconds: MAX_EXECUTION_SECONDS,
    }),
    /** A Sheets tab is limited by the spreadsheet's cells only (`capacity`). */
    tabLimit: () => null,

    /** Replaces the tab's tag; tags the tab if it had none. */
    retagTab(id, tabTag) {
      const sheet = tab(id);
      const metadata = sheet.getDeveloperMetadata().find((candidate) => candidate.getKey() === TAB_TAG_KEY);
      if (metadata) metadata.setValue(tagValue(tabTag, id));
      else tag(sheet, id, tabTag);
    },

    renameTab(id, name) {
      tab(id).setName(name);
    },

    deleteTab(id) {
      spreadsheet.deleteSheet(tab(id));
      grids.delete(id);
    },

    /**
     * One setValues for the whole block. Range.setValues reads strings as typed input: `=…`, `+…`,
     * `-…` would become formulas (see src/workbook/README.md, "The port"), `00017` and the code
     * `335` numbers, `TRUE` a boolean, and a leading apostrophe would be dropped. A cell formatted
     * as plain text (`@`) keeps what is set in it as is, so every cell that receives a non-empty
     * string is formatted `@` just before, in one call over the runs of such cells. A quote prefix
     * (`'=…`) is not used: it is a rule of the input parser, which plain-text cells skip (the
     * caller formats text columns `@`), so there it would stay in the text.
     */
    writeBlock(id, row, column, values) {
      const columns = values[0]?.length ?? 0;
      if (columns === 0) return;
      assertFiniteCells(values, row, column, () => spreadsheet.getSpreadsheetLocale());
      const sheet = tab(id);
      const range = rangeOf(id, sheet, { row, column, rows: values.length, columns });
      const textCells = textRuns(values, row, column);
      if (textCells.length > 0) sheet.getRangeList(textCells).setNumberFormat(NUMBER_FORMAT_PATTERNS.text);
      range.setValues(values);
    },

    formatArea(id, area, format) {
      applyFormat(rangeOf(id, tab(id), area), format);
    },

    /**
     * A gradient rule (the heatmap, the migration matrix, the retention triangles), appended to the
     * tab's rules: https://developers.google.com/apps-script/reference/spreadsheet/conditional-format-rule-builder
     * (setGradientMinpoint, setGradientMidpointWithValue, setGradientMaxpoint) and Sheet.setConditionalFormatRules.
     */
    addColorScale(id, area, colors) {
      const sheet = tab(id);
      const rule = SpreadsheetApp.newConditionalFormatRule()
        .setGradientMinpoint(colors.min)
        .setGradientMidpointWithValue(colors.mid, SpreadsheetApp.InterpolationType.PERCENTILE, '50')
        .setGradientMaxpoint(colors.max)
        .setRanges([rangeOf(id, sheet, area)])
        .build();
      const rules = sheet.getConditionalFormatRules();
      rules.push(rule);
      sheet.setConditionalFormatRules(rules);
    },

    /** The labels' range first: a chart takes its categories from its first range. */
    addChart(id, chart) {
      const sheet = tab(id);
      sheet.insertChart(
        sheet
          .newChart()
          .setChartType(Charts.ChartType[CHART_TYPES[chart.type]])
          .addRange(rangeOf(id, sheet, chart.labels))
          .addRange(rangeOf(id, sheet, chart.values))
          .setPosition(chart.anchor.row, chart.anchor.column, 0, 0)
          .setOption('title', chart.title)
          .setOption('width', chart.width)
          .setOption('height', chart.height)
          .build(),
      );
    },

    layoutTab(id, layout) {
      const sheet = tab(id);
      if (layout.frozenRows !== undefined) sheet.setFrozenRows(layout.frozenRows);
      const widths = layout.columnWidths ?? [];
      if (widths.length > 0) fitGrid(id, sheet, 1, widths.length);
      for (const run of equalRuns(widths)) sheet.setColumnWidths(run.start, run.count, run.value);
      if (layout.hidden === true) sheet.hideSheet();
      if (layout.hidden === false) sheet.showSheet();
      if (layout.tabColor) sheet.setTabColor(layout.tabColor);
    },

    activateTab(id) {
      tab(id).activate();
    },

    /** Sheets moves only the active tab (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#moveactivesheetpos). */
    moveTabToEnd(id) {
      spreadsheet.setActiveSheet(tab(id));
      spreadsheet.moveActiveSheet(spreadsheet.getNumSheets());
    },

    /**
     * The document lock; the script lock where the document lock is null ("null if called from a
     * standalone script", https://developers.google.com/apps-script/reference/lock/lock-service#getDocumentLock()):
     * it serialises every run of the add-on, which is stricter, never looser.
     */
    withDocumentLock(waitMs, fn) {
      const lock = LockService.getDocumentLock() ?? LockService.getScriptLock();
      if (!lock.tryLock(waitMs)) return null;
      try {
        return fn();
      } finally {
        lock.releaseLock();
      }
    },

    notify(message) {
      spreadsheet.toast(message, TOAST_TITLE);
    },
  };
}

function applyFormat(range: Range, format: CellFormat): void {
  if (format.numberFormat) range.setNumberFormat(NUMBER_FORMAT_PATTERNS[format.numberFormat]);
  if (format.bold !== undefined) range.setFontWeight(format.bold ? 'bold' : 'normal');
  if (format.italic !== undefined) range.setFontStyle(format.italic ? 'italic' : 'normal');
  if (format.background) range.setBackground(format.background);
  if (format.fontColor) range.setFontColor(format.fontColor);
  if (format.horizontalAlignment) range.setHorizontalAlignment(format.horizontalAlignment);
}

/** The metadata value of a tag: the TabTag and the sheet id of the tab it marks, as JSON. */
function tagValue(tag: TabTag, sheetId: number): string {
  return JSON.stringify({ ...tag, sheetId });
}

/** A tag read back from metadata with the sheet id it was written for, or null when Segmento did not write it. */
function parseTabTag(value: string | null): { tag: TabTag; sheetId: number } | null {
  try {
    const tag: unknown = JSON.parse(value ?? '');
    if (typeof tag !== 'object' || tag === null) return null;
    const { kind, key, sheetId } = tag as Record<string, unknown>;
    return typeof kind === 'string' &&
      kind in TAB_KINDS &&
      typeof key === 'string' &&
      typeof sheetId === 'number'
      ? { tag: { kind: kind as TabTag['kind'], key }, sheetId }
      : null;
  } catch {
    return null;
  }
}

/** A1 notations of the vertical runs of cells that receive a non-empty string (`C2:C40`, `E7`). */
function textRuns(values: WriteCell[][], row: number, column: number): string[] {
  const runs: string[] = [];
  for (let c = 0; c < values[0].length; c++) {
    const letters = columnLetter(column + c - 1);
    let start = -1;
    for (let r = 0; r <= values.length; r++) {
      const cell = r < values.length ? values[r][c] : null;
      const isText = typeof cell === 'string' && cell !== '';
      if (isText && start < 0) start = r;
      if (!isText && start >= 0) {
        const first = row + start;
        const last = row + r - 1;
        runs.push(first === last ? `${letters}${first}` : `${letters}${first}:${letters}${last}`);
        start = -1;
      }
    }
  }
  return runs;
}

/** Consecutive equal values as runs, positions 1-based: [90, 90, 120] → (1, 2, 90), (3, 1, 120). */
function equalRuns(values: number[]): { start: number; count: number; value: number }[] {
  const runs: { start: number; count: number; value: number }[] = [];
  values.forEach((value, index) => {
    const last = runs[runs.length - 1];
    if (last && last.value === value) last.count++;
    else runs.push({ start: index + 1, count: 1, value });
  });
  return runs;
}
