/**
 * A tab described as data, computed in full before anything is written, then written through the
 * port with one call per block, format, colour scale and chart.
 */
import type {
  Area,
  CellFormat,
  ChartSpec,
  GridSize,
  NumberFormat,
  TabLayout,
  TabTag,
  WorkbookPort,
  WriteCell,
} from './port';

/**
 * What a column of a written table holds. Its number format follows from it, the same in every tab:
 * ids and names are text; counts, day counts and amounts have the locale's thousands separator;
 * scores and row numbers are plain whole numbers; scores and score codes (text) are centred.
 */
export type ColumnRole =
  'text' | 'code' | 'count' | 'ratio' | 'money' | 'percent' | 'days' | 'date' | 'score' | 'row';

export const ROLE_FORMATS: Record<ColumnRole, NumberFormat> = {
  text: 'text',
  code: 'text',
  count: 'count',
  ratio: 'decimal',
  money: 'money',
  percent: 'percent',
  days: 'count',
  date: 'date',
  score: 'integer',
  row: 'integer',
};

/** A column of a table: its header and what it holds. */
export interface TableColumn {
  header: WriteCell;
  role: ColumnRole;
}

export interface TabContent {
  tag: TabTag;
  /** Wished name; made valid and unique when written. */
  name: string;
  blocks: { row: number; column: number; values: WriteCell[][] }[];
  formats: { area: Area; format: CellFormat }[];
  colorScales: { area: Area; colors: { min: string; mid: string; max: string } }[];
  charts: ChartSpec[];
  layout: TabLayout;
}

export function emptyTab(tag: TabTag, name: string): TabContent {
  return { tag, name, blocks: [], formats: [], colorScales: [], charts: [], layout: {} };
}

/**
 * Adds a table (header row + rows) at a position, each column's cells formatted by its role (one
 * format per run of columns of the same role); returns the area it covers.
 */
export function addTable(
  tab: TabContent,
  row: number,
  column: number,
  columns: readonly TableColumn[],
  rows: WriteCell[][],
): Area {
  tab.blocks.push({ row, column, values: [columns.map((each) => each.header), ...rows] });
  tab.formats.push({
    area: { row, column, rows: 1, columns: columns.length },
    format: { bold: true, background: '#eeeeee' },
  });
  if (rows.length > 0) {
    for (let start = 0; start < columns.length;) {
      let end = start + 1;
      while (end < columns.length && columns[end].role === columns[start].role) end++;
      const role = columns[start].role;
      tab.formats.push({
        area: { row: row + 1, column: column + start, rows: rows.length, columns: end - start },
        format: {
          numberFormat: ROLE_FORMATS[role],
          ...(role === 'score' || role === 'code' ? { horizontalAlignment: 'center' as const } : {}),
        },
      });
      start = end;
    }
  }
  return { row, column, rows: rows.length + 1, columns: columns.length };
}

/** Rows of a hand table formatted for typing below its header (dates as dates, amounts as money). */
const TYPING_ROWS = 50;

/**
 * A table a person fills by hand (the campaigns and acquisition tabs): the header, the given rows,
 * then empty rows formatted by role up to `TYPING_ROWS`; the header frozen.
 */
export function handTable(
  tag: TabTag,
  name: string,
  columns: readonly TableColumn[],
  rows: WriteCell[][],
): TabContent {
  const tab = emptyTab(tag, name);
  const blank = Array.from({ length: Math.max(0, TYPING_ROWS - rows.length) }, () =>
    columns.map((): WriteCell => ''),
  );
  addTable(tab, 1, 1, columns, [...rows, ...blank]);
  tab.layout = {
    frozenRows: 1,
    columnWidths: fittedWidths(columns, rows).map((width) => Math.max(width, 110)),
  };
  return tab;
}

/** A table with a title above it: what a tab shows, and what the command line prints. */
export interface TitledTable {
  title: string;
  columns: TableColumn[];
  rows: WriteCell[][];
}

/** A bold title in column A. */
export function addTitle(tab: TabContent, row: number, text: string, italic = false): void {
  tab.blocks.push({ row, column: 1, values: [[text]] });
  tab.formats.push({
    area: { row, column: 1, rows: 1, columns: 1 },
    format: italic ? { italic } : { bold: true },
  });
}

/**
 * A title, then its table on the next row, the tab's columns widened where the table needs more
 * (`fittedWidths`); returns the table's area.
 */
export function addTitledTable(tab: TabContent, row: number, table: TitledTable): Area {
  addTitle(tab, row, table.title);
  return addFittedTable(tab, row + 1, table.columns, table.rows);
}

/**
 * `addTable` in column A, the tab's columns widened where the table needs more (`fittedWidths`):
 * a header is never cut by the cell beside it.
 */
export function addFittedTable(
  tab: TabContent,
  row: number,
  columns: readonly TableColumn[],
  rows: WriteCell[][],
): Area {
  const widths = [...(tab.layout.columnWidths ?? [])];
  fittedWidths(columns, rows).forEach((width, index) => {
    widths[index] = Math.max(widths[index] ?? 0, width);
  });
  tab.layout = { ...tab.layout, columnWidths: widths };
  return addTable(tab, row, 1, columns, rows);
}

/** Characters a value takes once formatted by its role (`1 234,56`, `2025-10-17`, `12,5 %`). */
function shownLength(value: WriteCell, role: ColumnRole): number {
  if (value === null || value === '') return 0;
  if (typeof value !== 'number') return String(value).length;
  if (role === 'date') return 10;
  if (role === 'percent') return 7;
  const digits = String(Math.trunc(Math.abs(value))).length;
  const grouped = role === 'score' || role === 'row' ? digits : digits + Math.floor((digits - 1) / 3);
  return grouped + (role === 'money' || role === 'ratio' ? 3 : 0) + (value < 0 ? 1 : 0);
}

/** Rows looked at to fit a column's width: enough to see its usual values, cheap on big tabs. */
const WIDTH_SAMPLE_ROWS = 500;

/**
 * Column widths in pixels that show each column's header and values whole (no cut names, no `###`
 * dates), from the header and the first rows, between 40 and 320 pixels.
 */
export function fittedWidths(columns: readonly TableColumn[], rows: WriteCell[][]): number[] {
  const sample = rows.slice(0, WIDTH_SAMPLE_ROWS);
  return columns.map((column, index) => {
    const header = String(column.header ?? '').length * 8 + 16;
    const values = sample.reduce((widest, row) => Math.max(widest, shownLength(row[index], column.role)), 0);
    return Math.min(320, Math.max(40, header, Math.ceil(values * 7.5) + 16));
  });
}

/** Columns of one role under the given headers. */
export function columnsOf(headers: readonly WriteCell[], role: ColumnRole): TableColumn[] {
  return headers.map((header) => ({ header, role }));
}

/** The grid a tab's content needs: the last row and column any block, format, chart or width reaches. */
export function tabExtent(tab: TabContent): GridSize {
  const areas: Area[] = [
    ...tab.blocks.map((block) => ({
      row: block.row,
      column: block.column,
      rows: block.values.length,
      columns: block.values[0]?.length ?? 0,
    })),
    ...tab.formats.map((format) => format.area),
    ...tab.colorScales.map((scale) => scale.area),
    ...tab.charts.flatMap((chart) => [chart.labels, chart.values, { ...chart.anchor, rows: 1, columns: 1 }]),
  ];
  let rows = Math.max(1, tab.layout.frozenRows ?? 0);
  let columns = Math.max(1, tab.layout.columnWidths?.length ?? 0);
  for (const area of areas) {
    if (area.rows > 0) rows = Math.max(rows, area.row + area.rows - 1);
    if (area.columns > 0) columns = Math.max(columns, area.column + area.columns - 1);
  }
  return { rows, columns };
}

/** The port calls that write a tab's content. */
export type TabWriter = Pick<
  WorkbookPort,
  'writeBlock' | 'formatArea' | 'addColorScale' | 'addChart' | 'layoutTab'
>;

/** Writes a tab's content into a tab that exists and is empty. */
export function writeTabContent(port: TabWriter, id: number, tab: TabContent): void {
  for (const block of tab.blocks) {
    if (block.values.length > 0 && block.values[0].length > 0)
      port.writeBlock(id, block.row, block.column, block.values);
  }
  for (const { area, format } of tab.formats)
    if (area.rows > 0 && area.columns > 0) port.formatArea(id, area, format);
  for (const { area, colors } of tab.colorScales) port.addColorScale(id, area, colors);
  for (const chart of tab.charts) port.addChart(id, chart);
  port.layoutTab(id, tab.layout);
}

const MAX_NAME = 31;
/** Names no tab may take: Excel reserves « History »; `_segmento` is the .xlsx port's index tab. */
const RESERVED_NAMES = ['history', '_segmento'];

/**
 * A tab name valid in Sheets and Excel alike (≤ 31 characters, none of `[]:*?/\`, no leading or
 * trailing apostrophe, not a reserved name), different from every name in `taken`
 * (case-insensitive): a clash gets a suffix ` (2)`, ` (3)`…
 */
export function uniqueTabName(wished: string, taken: Iterable<string>): string {
  const base =
    wished
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^'+|'+$/g, '')
      .slice(0, MAX_NAME)
      .trim() || 'Segment';
  const used = new Set([...taken, ...RESERVED_NAMES].map((name) => name.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = `${base.slice(0, MAX_NAME - suffix.length).trim()}${suffix}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}
