/**
 * The campaigns tab « Segmento · Campagnes » / "Segmento · Campaigns" (see src/workbook/README.md,
 * "Is a segment paying off"): a table a person fills by hand or from the sidebar
 * (`campaignPlacement`), one row per campaign — name, date,
 * target segments (separated by `;`), window in days (30 when empty), cost (optional) and the range
 * of the contacted customers (optional: `Contacts!A2:A`, or a tab's name for its first column).
 * Apply creates it with a header and an example row when it is missing, and never writes over it.
 */
import { columnLetter } from '../core/a1';
import { DEFAULT_WINDOW_DAYS, type Campaign } from '../core/campaigns';
import { normalizeHeader } from '../core/columns';
import { dayInZone } from '../core/days';
import type { Lang } from '../core/labels';
import { presetNamesOf } from '../core/presets';
import {
  cellText,
  customerId,
  isEmptyCell,
  localeFormat,
  parseDay,
  parseMoney,
  parseNumber,
  type Cell,
} from '../core/values';
import type { WriteCell } from './port';
import { serialOfDay } from './segment-tabs';
import { handTable, type ColumnRole, type TabContent } from './tab-content';
import { w, type WordKey } from './words';

const COLUMNS: readonly { key: WordKey; role: ColumnRole }[] = [
  { key: 'campaigns.head.name', role: 'text' },
  { key: 'campaigns.head.date', role: 'date' },
  { key: 'campaigns.head.segments', role: 'text' },
  { key: 'campaigns.head.window', role: 'count' },
  { key: 'campaigns.head.cost', role: 'money' },
  { key: 'campaigns.head.contacted', role: 'text' },
];

/** The campaigns tab with these rows under its header, and empty rows formatted for typing. */
export function campaignsTabContent(lang: Lang, rows: WriteCell[][]): TabContent {
  const columns = COLUMNS.map((column) => ({ header: w(lang, column.key), role: column.role }));
  return handTable({ kind: 'campaigns', key: 'campaigns' }, w(lang, 'tab.campaigns'), columns, rows);
}

/** The example row Apply writes in a new campaigns tab: a campaign on `day` aimed at `segment`, 30 days, no cost, no list. */
export function exampleCampaignRow(lang: Lang, segment: string, day: number): WriteCell[] {
  const name = w(lang, 'campaigns.example');
  return campaignCells({ name, day, segments: [segment], windowDays: null, cost: null, contacted: '' });
}

/** A campaign's cells, in the order of the tab's columns: the date a date, the window 30 when not given. */
function campaignCells(entry: CampaignEntry): WriteCell[] {
  return [
    entry.name.trim(),
    serialOfDay(entry.day),
    entry.segments
      .map((segment) => segment.trim())
      .filter((segment) => segment !== '')
      .join('; '),
    entry.windowDays ?? DEFAULT_WINDOW_DAYS,
    entry.cost ?? '',
    entry.contacted.trim(),
  ];
}

/** A campaign as a person notes it in the sidebar (`WireCampaign`), its date a day number. */
export interface CampaignEntry {
  name: string;
  day: number;
  segments: readonly string[];
  /** Days; null for the default 30. */
  windowDays: number | null;
  /** Currency units; null for none. */
  cost: number | null;
  /** The contacted customers' range; '' for every member of the segments. */
  contacted: string;
}

/** What is wrong with a campaign to note, in a person's words; null when it can be written. */
export function campaignEntryProblem(
  entry: CampaignEntry,
  sheetNames: readonly string[],
  lang: Lang,
): string | null {
  if (entry.name.trim() === '') return w(lang, 'campaigns.entry.noName');
  if (entry.segments.every((segment) => segment.trim() === '')) return w(lang, 'campaigns.entry.noSegment');
  const separated = entry.segments.find((segment) => segment.includes(';'));
  if (separated !== undefined) return w(lang, 'campaigns.entry.semicolon', { name: separated.trim() });
  const { windowDays, cost } = entry;
  if (windowDays !== null && !(Number.isSafeInteger(windowDays) && windowDays >= 1))
    return w(lang, 'campaigns.entry.badWindow', { value: windowDays });
  if (cost !== null && !(Number.isFinite(cost) && cost >= 0))
    return w(lang, 'campaigns.entry.badCost', { value: cost });
  const contacted = entry.contacted.trim();
  if (contacted === '') return null;
  const range = contactedRange(contacted);
  if (!range) return w(lang, 'campaigns.entry.badRange', { value: contacted });
  if (!sheetNames.includes(range.sheet)) return w(lang, 'campaigns.entry.noTab', { sheet: range.sheet });
  return null;
}

/**
 * Where a campaign noted goes in the campaigns tab's values (header first), as an index in them:
 * over the example row while it is there, else under the last row holding anything; and its cells
 * by column (1-based), in the tab's own column order.
 */
export function campaignPlacement(
  values: readonly Cell[][],
  entry: CampaignEntry,
): { index: number; cells: { column: number; value: WriteCell; role: ColumnRole }[] } {
  const columns = columnIndexes(values[0] ?? []);
  const examples = (['fr', 'en'] as const).map((lang) => w(lang, 'campaigns.example'));
  let index = values.findIndex(
    (cells, row) => row > 0 && examples.includes(String(cells[columns[0]] ?? '').trim()),
  );
  if (index < 0) {
    index = 1;
    values.forEach((cells, row) => {
      if (row > 0 && !cells.every((cell) => isEmptyCell(cell))) index = row + 1;
    });
  }
  const written = campaignCells(entry);
  return {
    index,
    cells: COLUMNS.map((column, k) => ({ column: columns[k] + 1, value: written[k], role: column.role })),
  };
}

/** Each column's index in the table, by its header in either language, else by position. */
function columnIndexes(header: readonly Cell[]): number[] {
  const names = header.map((cell) => (typeof cell === 'string' ? normalizeHeader(cell) : ''));
  const found = COLUMNS.map(({ key }) =>
    names.findIndex((name) => (['fr', 'en'] as const).some((lang) => name === normalizeHeader(w(lang, key)))),
  );
  return found.every((index) => index >= 0) ? found : COLUMNS.map((_, index) => index);
}

/** `Contacts!A2:A`, `'Relance juin'!A:A` or a tab's name: the tab and the A1 range (null: the whole tab). */
export function contactedRange(text: string): { sheet: string; a1: string | null } | null {
  const match = /^(?:'((?:[^']|'')+)'|([^!']+?))\s*(?:!\s*(\S+))?$/.exec(text.trim());
  if (!match) return null;
  return { sheet: (match[1] ?? match[2]).replace(/''/g, "'").trim(), a1: match[3] ?? null };
}

export interface CampaignsRead {
  campaigns: Campaign[];
  /** Each bad cell, named, in a person's words; the rest of the table is still read. */
  issues: string[];
}

export interface CampaignsContext {
  lang: Lang;
  locale: string;
  timeZone: string;
  /** Segment names a campaign may target (the rules' and the history's); matched ignoring case. */
  segmentNames: readonly string[];
  /** The values of a range of contacted customers; null when there is no such tab; throws when the range is unreadable. */
  readContacted: (sheet: string, a1: string | null) => Cell[][] | null;
}

/**
 * Reads the campaigns table (first row its header, `firstRow` the sheet row of that header). Empty
 * rows are skipped. A bad date or an unreadable contacted range leaves the campaign out; an unknown
 * segment is left out of the campaign's targets; an unreadable or non-positive window falls back to
 * 30 days, an unreadable or negative cost to none; each is an issue naming its cell.
 */
export function readCampaignsTable(
  values: Cell[][],
  firstRow: number,
  context: CampaignsContext,
): CampaignsRead {
  const { lang } = context;
  const format = localeFormat(context.locale);
  const dayOf = dayInZone(context.timeZone);
  const known = new Map(context.segmentNames.map((name) => [name.trim().toLowerCase(), name]));
  const columns = values.length > 0 ? columnIndexes(values[0]) : COLUMNS.map((_, index) => index);
  const [nameColumn, dateColumn, segmentsColumn, windowColumn, costColumn, contactedColumn] = columns;
  const campaigns: Campaign[] = [];
  const issues: string[] = [];
  for (let index = 1; index < values.length; index++) {
    const cells = values[index];
    if (cells.every((cell) => isEmptyCell(cell))) continue;
    const row = firstRow + index;
    const text = (column: number) =>
      isEmptyCell(cells[column]) ? '' : cellText(cells[column], dayOf).trim();
    const issue = (column: number, key: WordKey, fallback = '') =>
      issues.push(w(lang, key, { cell: `${columnLetter(column)}${row}`, value: text(column), fallback }));

    const day = parseDay(cells[dateColumn], format, dayOf);
    if (day === null) {
      issue(dateColumn, 'campaigns.issue.badDate');
      continue;
    }
    const segments: string[] = [];
    for (const name of text(segmentsColumn).split(';')) {
      if (name.trim() === '') continue;
      // A preset segment may be named in the other language.
      const segment = [name, ...presetNamesOf(name)]
        .map((candidate) => known.get(candidate.trim().toLowerCase()))
        .find((found) => found !== undefined);
      if (segment === undefined)
        issues.push(
          w(lang, 'campaigns.issue.unknownSegment', {
            cell: `${columnLetter(segmentsColumn)}${row}`,
            value: name.trim(),
          }),
        );
      else if (!segments.includes(segment)) segments.push(segment);
    }
    let windowDays = DEFAULT_WINDOW_DAYS;
    if (text(windowColumn) !== '') {
      const read = parseNumber(cells[windowColumn], format);
      const fallback = w(lang, 'campaigns.fallback.window', { days: DEFAULT_WINDOW_DAYS });
      if (read === null) issue(windowColumn, 'campaigns.issue.notANumber', fallback);
      else if (!(read >= 1)) issue(windowColumn, 'campaigns.issue.notPositive', fallback);
      else windowDays = Math.floor(read);
    }
    let cost: number | null = null;
    if (text(costColumn) !== '') {
      const read = parseMoney(cells[costColumn], format);
      const fallback = w(lang, 'campaigns.fallback.cost');
      if (read === null) issue(costColumn, 'campaigns.issue.notANumber', fallback);
      else if (read < 0) issue(costColumn, 'campaigns.issue.notPositive', fallback);
      else cost = read;
    }
    let contacted: string[] | null = null;
    if (text(contactedColumn) !== '') {
      contacted = contactedIds(text(contactedColumn), context, dayOf);
      if (contacted === null) {
        issue(contactedColumn, 'campaigns.issue.badRange');
        continue;
      }
    }
    campaigns.push({
      name: text(nameColumn) || `${w(lang, 'campaigns.head.name')} ${row}`,
      day,
      segments,
      windowDays,
      cost,
      contacted,
    });
  }
  return { campaigns, issues };
}

/** The ids in a contacted range's first column (empty cells skipped); null when the range cannot be read. */
function contactedIds(
  text: string,
  context: CampaignsContext,
  dayOf: (date: Date) => number,
): string[] | null {
  const range = contactedRange(text);
  if (!range) return null;
  let values: Cell[][] | null;
  try {
    values = context.readContacted(range.sheet, range.a1);
  } catch {
    return null;
  }
  if (!values) return null;
  return values.flatMap(([cell]) => (isEmptyCell(cell) ? [] : [customerId(cell, dayOf)]));
}
