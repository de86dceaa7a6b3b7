/**
 * The history tab: one dated snapshot (segment, code, spend of each customer) per run, so a re-run
 * can tell who moved from one segment to another. Compact: one row per customer, one column per
 * snapshot, one cell per customer and snapshot (`segment index|code|spend in thousandths`), so
 * 24 monthly snapshots of 50,000 customers take 50,004 × 25 ≈ 1.25 million cells, an eighth of
 * a spreadsheet's 10 million.
 */
import type { Analysis } from '../core/analysis';
import { dayFromIso, isoDay } from '../core/days';
import type { Lang } from '../core/labels';
import type { SegmentMembership } from '../core/campaigns';
import type { SegmentSnapshot } from '../core/migrations';
import { scoreCode } from '../core/scores';
import { customerId, type Cell } from '../core/values';
import { columnLetter } from '../core/a1';
import type { GridSize, WriteCell } from './port';
import type { PreviousSegments } from './segment-tabs';
import { emptyTab, type TabContent } from './tab-content';
import { w, type WordKey } from './words';

/** One run: its analysis date, when it ran, and (for a run that succeeded) every customer's segment. */
export interface Snapshot extends SegmentSnapshot {
  /** ISO date-time of the run. */
  ranAt: string;
  /** '' for a run that succeeded, else the error that stopped it (a scheduled refresh has no one to tell). */
  failure: string;
  codes: string[];
  revenue: number[];
}

/** Snapshots, oldest first. */
export type History = Snapshot[];

/**
 * A history column that could not be read (edited by hand, written by another tool): kept as it
 * is, its four header cells and its cell on each customer's row, and never used for migrations.
 */
export interface UnreadableColumn {
  /** Its column letter when it was read (`C`), for a person's message. */
  letter: string;
  header: WriteCell[];
  /** Its cell on each customer's row, by customer id. */
  cells: Map<string, WriteCell>;
}

/** What the history tab holds: the snapshots read, and the columns kept as they are. */
export interface HistoryOnTab {
  history: History;
  unreadable: UnreadableColumn[];
}

const HEADER_ROWS = 4;

/**
 * A snapshot read from the tab, as it was written: its segment list and each customer's cell. It is
 * written back with them, unchanged, instead of being spelled again (a history of 24 runs of 330,000
 * customers is 8 million cells).
 */
const asRead = new WeakMap<Snapshot, { names: string[]; cells: string[] }>();
const LABELS: readonly WordKey[] = ['history.asOf', 'history.ranAt', 'history.failure', 'history.segments'];

export function snapshotOf(analysis: Analysis, ranAt: string): Snapshot {
  const { metrics, scores, segment, segmentNames } = analysis;
  return {
    asOfDay: metrics.asOfDay,
    ranAt,
    failure: '',
    customers: metrics.ids,
    segments: Array.from(segment, (index) => segmentNames[index]),
    codes: Array.from(segment, (_, i) => scoreCode(scores.r[i], scores.f[i], scores.m[i])),
    revenue: Array.from(metrics.monetary),
  };
}

export function failedRun(ranAt: string, asOfDay: number, failure: string): Snapshot {
  return { asOfDay, ranAt, failure, customers: [], segments: [], codes: [], revenue: [] };
}

/**
 * The history with a new run added: a successful run replaces an earlier one at the same analysis
 * date (the same picture), and only the latest `keep` snapshots are kept.
 */
export function withSnapshot(history: History, snapshot: Snapshot, keep: number): History {
  const kept =
    snapshot.failure === ''
      ? history.filter((old) => old.failure !== '' || old.asOfDay !== snapshot.asOfDay)
      : history;
  return [...kept, snapshot].slice(-keep);
}

/** The latest successful snapshot before the last one: what the last run is compared with. */
export function previousSnapshot(history: History): Snapshot | null {
  const successful = history.filter((snapshot) => snapshot.failure === '');
  return successful.length >= 2 ? successful[successful.length - 2] : null;
}

/**
 * The segments as they stood on a day: the customers of the successful run with the latest analysis
 * date on or before that day, each with its segment; null when no run is that old. What campaign
 * conversion reads (src/core/campaigns.ts).
 */
export function membershipAt(history: History): (day: number) => SegmentMembership | null {
  const successful = history
    .filter((snapshot) => snapshot.failure === '')
    .sort((a, b) => a.asOfDay - b.asOfDay);
  const built = new Map<Snapshot, SegmentMembership>();
  return (day) => {
    let found: Snapshot | null = null;
    for (const snapshot of successful) if (snapshot.asOfDay <= day) found = snapshot;
    if (!found) return null;
    let membership = built.get(found);
    if (!membership) {
      const snapshot = found;
      membership = new Map(snapshot.customers.map((id, i) => [id, snapshot.segments[i]]));
      built.set(found, membership);
    }
    return membership;
  };
}

/**
 * Each customer's segment in the previous run, and since when they have been in their current
 * segment: the earliest analysis date of the unbroken run of snapshots, up to the last, in which
 * they had it.
 */
export function previousSegments(history: History): PreviousSegments {
  const successful = history.filter((snapshot) => snapshot.failure === '');
  const last = successful.length - 1;
  if (last < 0) return { segmentOf: () => undefined };
  // One lookup, of the last run's customers; each earlier run's segments are laid out in the last
  // run's order the first time a customer's run of segments reaches it.
  const position = new Map(successful[last].customers.map((id, i) => [id, i]));
  const laidOut: (string | undefined)[][] = [];
  const segmentAt = (run: number, at: number) => {
    if (!laidOut[run]) {
      const { customers, segments } = successful[run];
      const segmentOfPosition: (string | undefined)[] = new Array(position.size);
      customers.forEach((id, i) => {
        const p = position.get(id);
        if (p !== undefined) segmentOfPosition[p] = segments[i];
      });
      laidOut[run] = segmentOfPosition;
    }
    return laidOut[run][at];
  };
  return {
    segmentOf(customer) {
      const at = position.get(customer);
      if (at === undefined) return undefined;
      const current = successful[last].segments[at];
      let first = last;
      while (first > 0 && segmentAt(first - 1, at) === current) first--;
      const before = last > 0 ? (segmentAt(last - 1, at) ?? null) : '';
      return { segment: before, since: successful[first].asOfDay };
    },
  };
}

/**
 * The history tab's cells: four header rows, then one row per customer; the columns that could not
 * be read come first, as they were.
 */
export function historyRows(
  history: History,
  lang: Lang,
  unreadable: UnreadableColumn[] = [],
): WriteCell[][] {
  const rowOf = new Map<string, number>();
  const customers: string[] = [];
  const addCustomer = (customer: string) => {
    if (!rowOf.has(customer)) {
      rowOf.set(customer, customers.length);
      customers.push(customer);
    }
  };
  for (const kept of unreadable) for (const customer of kept.cells.keys()) addCustomer(customer);
  for (const snapshot of history) for (const customer of snapshot.customers) addCustomer(customer);
  const rows: WriteCell[][] = customers.map((customer) => [
    customer,
    ...unreadable.map((kept) => kept.cells.get(customer) ?? ''),
    ...history.map(() => ''),
  ]);
  const first = 1 + unreadable.length;
  history.forEach((snapshot, column) => {
    const read = asRead.get(snapshot);
    if (read) {
      snapshot.customers.forEach(
        (customer, i) => (rows[rowOf.get(customer)!][first + column] = read.cells[i]),
      );
      return;
    }
    const names = segmentList(snapshot);
    const indexOf = new Map(names.map((name, i) => [name, i]));
    snapshot.customers.forEach((customer, i) => {
      const revenue = snapshot.revenue[i];
      // A spend that is not a finite number is left out: the column then reads back as unreadable.
      rows[rowOf.get(customer)!][first + column] =
        `${indexOf.get(snapshot.segments[i])}|${snapshot.codes[i]}|${Number.isFinite(revenue) ? revenue : ''}`;
    });
  });
  const header = (index: number, label: string, cell: (snapshot: Snapshot) => WriteCell) => [
    label,
    ...unreadable.map((kept) => kept.header[index] ?? ''),
    ...history.map(cell),
  ];
  const labels = LABELS.map((key) => w(lang, key));
  return [
    header(0, labels[0], (snapshot) => isoDay(snapshot.asOfDay)),
    header(1, labels[1], (snapshot) => snapshot.ranAt),
    header(2, labels[2], (snapshot) => snapshot.failure),
    header(3, labels[3], (snapshot) => JSON.stringify(segmentList(snapshot))),
    ...rows,
  ];
}

/** The segment names a snapshot's cells number: as read, or in the order customers first have them. */
function segmentList(snapshot: Snapshot): string[] {
  return asRead.get(snapshot)?.names ?? [...new Set(snapshot.segments)];
}

/** Reads the history tab back; see `readHistoryTab` for the columns that cannot be read. */
export function parseHistory(values: Cell[][]): History {
  return readHistoryTab(values).history;
}

/** A cell as it was, for writing back: dates as ISO text, anything else as it reads. */
function keptCell(cell: Cell): WriteCell {
  if (cell instanceof Date) return cell.toISOString();
  if (typeof cell === 'number' && !Number.isFinite(cell)) return String(cell);
  return cell ?? '';
}

/**
 * Reads the history tab back. A column whose analysis date, segment list or any cell cannot be read
 * is not a snapshot: it is kept as it is (`unreadable`), to be written back untouched.
 */
export function readHistoryTab(values: Cell[][]): HistoryOnTab {
  const result: HistoryOnTab = { history: [], unreadable: [] };
  if (values.length < HEADER_ROWS) return result;
  const width = values[0].length;
  const ids = values.map((row, index) => (index < HEADER_ROWS ? '' : customerId(row[0])));
  for (let column = 1; column < width; column++) {
    const snapshot = readColumn(values, ids, column);
    if (snapshot) {
      result.history.push(snapshot);
      continue;
    }
    const cells = new Map<string, WriteCell>();
    for (let row = HEADER_ROWS; row < values.length; row++) {
      const cell = values[row][column];
      if (cell !== '' && cell !== null && cell !== undefined) cells.set(ids[row], keptCell(cell));
    }
    const header = values.slice(0, HEADER_ROWS).map((line) => keptCell(line[column]));
    result.unreadable.push({ letter: columnLetter(column), header, cells });
  }
  return result;
}

/** One snapshot column, or null when any part of it cannot be read. */
function readColumn(values: Cell[][], ids: string[], column: number): Snapshot | null {
  const asOfDay = dayFromIso(String(values[0][column] ?? ''));
  let names: unknown;
  try {
    names = JSON.parse(String(values[3][column] || '[]'));
  } catch {
    return null;
  }
  if (asOfDay === null || !Array.isArray(names)) return null;
  const snapshot: Snapshot = {
    asOfDay,
    ranAt: String(values[1][column] ?? ''),
    failure: String(values[2][column] ?? ''),
    customers: [],
    segments: [],
    codes: [],
    revenue: [],
  };
  const cells: string[] = [];
  for (let row = HEADER_ROWS; row < values.length; row++) {
    const cell = values[row][column];
    if (cell === '' || cell === null || cell === undefined) continue;
    if (typeof cell !== 'string') return null;
    cells.push(cell);
    const [index, code, revenueText, ...rest] = cell.split('|');
    const name: unknown = names[Number(index)];
    const revenue = Number(revenueText);
    if (
      typeof name !== 'string' ||
      rest.length > 0 ||
      revenueText === undefined ||
      revenueText.trim() === '' ||
      !Number.isFinite(revenue)
    )
      return null;
    snapshot.customers.push(ids[row]);
    snapshot.segments.push(name);
    snapshot.codes.push(code ?? '');
    snapshot.revenue.push(revenue);
  }
  asRead.set(snapshot, { names: names as string[], cells });
  return snapshot;
}

/** The least grid the history tab takes for a run of so many customers: a row each, one run. */
export function historySizeAtLeast(customers: number): GridSize {
  return { rows: HEADER_ROWS + customers, columns: 2 };
}

export function historyTabName(lang: Lang): string {
  return w(lang, 'tab.history');
}

export function historyTab(history: History, lang: Lang, unreadable: UnreadableColumn[] = []): TabContent {
  const tab = emptyTab({ kind: 'history', key: 'history' }, historyTabName(lang));
  const rows = historyRows(history, lang, unreadable);
  tab.blocks.push({ row: 1, column: 1, values: rows });
  tab.formats.push({
    area: { row: 1, column: 1, rows: rows.length, columns: rows[0].length },
    format: { numberFormat: 'text' },
  });
  tab.layout = { hidden: true, frozenRows: HEADER_ROWS };
  return tab;
}
