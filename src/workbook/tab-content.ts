/**
 * A tab described as data, computed in full before anything is written, then written through the
 * port with one call per block, format, colour scale and chart.
 */
import type { Area, CellFormat, ChartSpec, TabLayout, TabTag, WorkbookPort, WriteCell } from './port';

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

/** Adds a table (header row + rows) at a position; returns the area it covers. */
export function addTable(
  tab: TabContent,
  row: number,
  column: number,
  header: WriteCell[],
  rows: WriteCell[][],
): Area {
  tab.blocks.push({ row, column, values: [header, ...rows] });
  tab.formats.push({
    area: { row, column, rows: 1, columns: header.length },
    format: { bold: true, background: '#eeeeee' },
  });
  return { row, column, rows: rows.length + 1, columns: header.length };
}

/** Writes a tab's content into a tab that exists and is empty. */
export function writeTabContent(port: WorkbookPort, id: number, tab: TabContent): void {
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
