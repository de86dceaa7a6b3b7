/**
 * The history tab: one dated snapshot (segment, code, spend of each customer) per run, so a re-run
 * can tell who moved from one segment to another. Two columns, so a run rewrites one cell per
 * customer, not one per customer and run:
 * - rows 1–4 list the runs, oldest first: in column B a JSON list of their analysis dates, of when
 *   they ran, of their failures ('' for a run that succeeded) and of their segment lists (a list
 *   the same as an earlier run's written as that run's number), so 120 runs fit one cell;
 * - then one row per customer: the id, and the customer's cell of every run in one text, in the
 *   runs' order, separated by `;` (`2|555|129990;;0|455|87500`): `segment index|code|spend in
 *   thousandths`, empty for a run the customer was not in.
 * 24 snapshots of 330,000 customers are then 660,000 cells (the layout before this one, a column per
 * run, took 8 million, and every run rewrote them all); a tab in that layout is read, and written
 * back in this one.
 */
import type { Analysis } from '../core/analysis';
import { dayFromIso, isoDay } from '../core/days';
import type { Lang } from '../core/labels';
import type { SegmentMembership } from '../core/campaigns';
import type { SegmentSnapshot } from '../core/migrations';
import { scoreCode } from '../core/scores';
import { CellRows, type RowSource } from '../core/rows';
import { TextNumbers } from '../core/text-numbers';
import { customerId, type Cell } from '../core/values';
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
  /**
   * The run's segments in the order of its rules, when known: its cells number them in that order,
   * so runs with the same rules write one segment list (else in the order customers first have them,
   * which changes from run to run).
   */
  segmentNames?: readonly string[];
}

/** Snapshots, oldest first. */
export type History = Snapshot[];

/**
 * A run that could not be read (edited by hand, written by another tool): kept as it is, its four
 * header values and each customer's cell, and never used for migrations.
 */
export interface UnreadableRun {
  /** How a person finds it: its analysis date as written, or its place among the runs (`n° 3`). */
  label: string;
  header: HeaderValue[];
  /** Its cell on each customer's row, by customer id. */
  cells: Map<string, string>;
}

/** What the history tab holds: the snapshots read, and the runs kept as they are. */
export interface HistoryOnTab {
  history: History;
  unreadable: UnreadableRun[];
}

const HEADER_ROWS = 4;
/**
 * The most characters of a failure kept in the history: 120 runs (the most `historyKeep` allows)
 * must fit in one cell of Excel, 32,767 characters ("Excel specifications and limits",
 * https://support.microsoft.com/en-us/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3;
 * Sheets takes 50,000).
 */
const FAILURE_CHARS = 200;
/** An analysis date as a run writes it. */
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const SEPARATOR = ';';
const SEPARATOR_CODE = 59;
const BAR_CODE = 124;
/** A customer's segment index in a run they were not in. */
const ABSENT = 0xffff;
const LABELS: readonly WordKey[] = ['history.asOf', 'history.ranAt', 'history.failure', 'history.segments'];

/** The customer rows of a history tab as read: ids, and each one's text of every run's cell. */
interface CustomerRows {
  ids: string[];
  texts: string[];
  /** How many cells each text holds (its separators and one), counted when read. */
  counts: Int32Array;
  /** Row of a customer id, built when first needed. */
  rowOf?: Map<string, number>;
  /**
   * Rows whose id a later row has too (a row copied by hand), absent when none: the last row is the
   * customer's, the others are written back as they are and are no one's in any run.
   */
  shadowed?: Uint8Array;
  /** Rows that are not shadowed: the customers the tab holds. */
  distinct: number;
}

/**
 * A snapshot read from the tab: where its cells are (its place `run` in each customer's text), its
 * segment list as written, and each row's segment index (ABSENT when the customer was not in it).
 * It is written back from those texts, unchanged, instead of being spelled again.
 */
interface ReadRun {
  rows: CustomerRows;
  run: number;
  names: string[];
  segmentIndex: Uint16Array;
  /** The rows of the customers in the run, in row order: the snapshot's customers. */
  present?: number[];
}
const asRead = new WeakMap<Snapshot, ReadRun>();

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
    segmentNames,
  };
}

export function failedRun(ranAt: string, asOfDay: number, failure: string): Snapshot {
  const kept = failure.length > FAILURE_CHARS ? `${failure.slice(0, FAILURE_CHARS - 1)}…` : failure;
  return { asOfDay, ranAt, failure: kept, customers: [], segments: [], codes: [], revenue: [] };
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

/** Every segment name the snapshots use. */
export function historySegmentNames(history: History): string[] {
  return [...new Set(history.flatMap(segmentList))];
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
  return (day) => {
    let found: Snapshot | null = null;
    for (const snapshot of successful) if (snapshot.asOfDay <= day) found = snapshot;
    return found;
  };
}

/**
 * Each customer's segment in the previous run, and since when they have been in their current
 * segment: the earliest analysis date of the unbroken run of snapshots, up to the last, in which
 * they had it. Customers are numbered as in the last run (Apply's: as in its analysis).
 */
export function previousSegments(history: History): PreviousSegments {
  const successful = history.filter((snapshot) => snapshot.failure === '');
  const last = successful.length - 1;
  if (last < 0) return { segmentOf: () => undefined };
  // Runs' segments as numbers (-1: absent) at the last run's positions, going back only as long as
  // some customer has kept their segment.
  const lastRun = successful[last];
  const count = lastRun.customers.length;
  const names: string[] = [];
  const numberOf = new Map<string, number>();
  const numbered = (name: string) => {
    let number = numberOf.get(name);
    if (number === undefined) numberOf.set(name, (number = names.push(name) - 1));
    return number;
  };
  // A run's segment number of the customer at each position (-1: absent): through the tab's rows
  // for a run read from it, else laid out from the run's own lists.
  const numbersOf = (snapshot: Snapshot): ((p: number) => number) => {
    const read = asRead.get(snapshot);
    if (read) {
      const rows = rowsOfCustomers(lastRun, read.rows);
      const numbers = read.names.map(numbered);
      const { segmentIndex } = read;
      return (p) => {
        const index = rows[p] < 0 ? ABSENT : segmentIndex[rows[p]];
        return index === ABSENT ? -1 : numbers[index];
      };
    }
    const laidOut = new Int32Array(count).fill(-1);
    if (snapshot === lastRun) snapshot.segments.forEach((name, p) => (laidOut[p] = numbered(name)));
    else {
      const position = positionsOf(lastRun);
      snapshot.customers.forEach((id, i) => {
        const p = position.get(id);
        if (p !== undefined) laidOut[p] = numbered(snapshot.segments[i]);
      });
    }
    return (p) => laidOut[p];
  };
  const layOut = (snapshot: Snapshot): Int32Array => {
    const numberAt = numbersOf(snapshot);
    const laidOut = new Int32Array(count);
    for (let p = 0; p < count; p++) laidOut[p] = numberAt(p);
    return laidOut;
  };
  const current = layOut(lastRun);
  const sinceRun = new Int32Array(count).fill(last);
  const previous = last > 0 ? layOut(successful[last - 1]) : null;
  // The positions still in their current segment at each run back, and how many there are; an older
  // run is read only at those positions.
  const still = new Int32Array(count);
  for (let p = 0; p < count; p++) still[p] = p;
  let stillCount = count;
  for (let run = last - 1; run >= 0 && stillCount > 0; run--) {
    const numberAt = run === last - 1 ? (p: number) => previous![p] : numbersOf(successful[run]);
    let kept = 0;
    for (let k = 0; k < stillCount; k++) {
      const p = still[k];
      if (numberAt(p) !== current[p]) continue;
      sinceRun[p] = run;
      still[kept++] = p;
    }
    stillCount = kept;
  }
  return {
    segmentOf(customer) {
      if (!(customer >= 0 && customer < count)) return undefined;
      const before = previous ? (previous[customer] < 0 ? null : names[previous[customer]]) : '';
      return { segment: before, since: successful[sinceRun[customer]].asOfDay };
    },
  };
}

/**
 * For each customer of `current`, their place among the customers of `previous` (-1: new), found
 * by number when `previous` was read from the tab and `current` is this run; undefined otherwise
 * (`migrationMatrix` then pairs the ids itself).
 */
export function customerPairing(previous: Snapshot, current: Snapshot): Int32Array | undefined {
  const read = asRead.get(previous);
  if (!read || asRead.has(current)) return undefined;
  const placeOfRow = placesOfRows(presentRows(read), read.segmentIndex.length);
  return rowsOfCustomers(current, read.rows).map((row) => (row < 0 ? -1 : placeOfRow[row]));
}

/** Each customer's place in a snapshot, made once. */
const positions = new WeakMap<Snapshot, Map<string, number>>();
function positionsOf(snapshot: Snapshot): Map<string, number> {
  let found = positions.get(snapshot);
  if (!found) positions.set(snapshot, (found = new Map(snapshot.customers.map((id, i) => [id, i]))));
  return found;
}

/** The row of each id: the last one that has it. */
function rowLookup(rows: CustomerRows): Map<string, number> {
  return (rows.rowOf ??= new Map(rows.ids.map((id, row) => [id, row])));
}

/**
 * The row of each customer of a snapshot in rows read from the tab (-1: not there), made once: what
 * lets the runs read and this run be matched by number after it. The customers are looked for row
 * by row, as they come when the orders only grew below those the tab's runs read; an id out of
 * that order is looked up (the lookup made then), and once every customer of the tab is matched the
 * rest are new without a lookup.
 */
const rowsMatched = new WeakMap<Snapshot, { rows: CustomerRows; rowOfCustomer: Int32Array }>();
function rowsOfCustomers(snapshot: Snapshot, rows: CustomerRows): Int32Array {
  const found = rowsMatched.get(snapshot);
  if (found?.rows === rows) return found.rowOfCustomer;
  const { ids, shadowed, distinct } = rows;
  const matched = new Uint8Array(ids.length);
  let matchedCount = 0;
  let next = 0;
  const rowOfCustomer = Int32Array.from(snapshot.customers, (id) => {
    let row = next < ids.length && ids[next] === id && !shadowed?.[next] ? next : -1;
    if (row < 0 && matchedCount < distinct) row = rowLookup(rows).get(id) ?? -1;
    if (row >= 0) {
      next = row + 1;
      if (!matched[row]) matchedCount++;
      matched[row] = 1;
    }
    return row;
  });
  rowsMatched.set(snapshot, { rows, rowOfCustomer });
  return rowOfCustomer;
}

/** A run's header value: its analysis date, when it ran, its failure, or its segment list. */
type HeaderValue = WriteCell | string[];

/** One run's cell for each customer, and the run's four header values. */
interface RunCells {
  header: HeaderValue[];
  read?: ReadRun;
  /** The run's customers, and the cell of the k-th. */
  customers: readonly string[];
  cellAt: (k: number) => string;
  /** Whether a customer is there at most once (a snapshot's; rows read may repeat an id). */
  distinct: boolean;
  /** The cell of a customer ('' for one not in the run). */
  cellOf: (customer: string) => string;
  /** The row in `rows` of each of the run's customers (-1: not there), when the run can match them by number. */
  rowsOn: (rows: CustomerRows) => ArrayLike<number> | null;
}

function runCellsOf(snapshot: Snapshot): RunCells {
  const header = [isoDay(snapshot.asOfDay), snapshot.ranAt, snapshot.failure, segmentList(snapshot)];
  const read = asRead.get(snapshot);
  if (read) {
    const cellAt = (row: number) => partOf(read.rows, row, read.run);
    return {
      header,
      read,
      customers: read.rows.ids,
      cellAt,
      distinct: false,
      cellOf: (customer) => {
        const row = rowLookup(read.rows).get(customer);
        return row === undefined ? '' : cellAt(row);
      },
      rowsOn: (rows) => (rows === read.rows ? Int32Array.from(rows.ids, (_, row) => row) : null),
    };
  }
  const indexOf = new Map(segmentList(snapshot).map((name, i) => [name, i]));
  const cellAt = (i: number) => {
    const revenue = snapshot.revenue[i];
    // A spend that is not a finite number is left out: the run then reads back as unreadable.
    return `${indexOf.get(snapshot.segments[i])}|${snapshot.codes[i]}|${Number.isFinite(revenue) ? revenue : ''}`;
  };
  return {
    header,
    customers: snapshot.customers,
    cellAt,
    distinct: true,
    cellOf: (customer) => {
      const i = positionsOf(snapshot).get(customer);
      return i === undefined ? '' : cellAt(i);
    },
    rowsOn: (rows) => rowsOfCustomers(snapshot, rows),
  };
}

function keptRunCells(kept: UnreadableRun): RunCells {
  const cells = [...kept.cells.values()];
  return {
    header: kept.header,
    customers: [...kept.cells.keys()],
    cellAt: (k) => cells[k],
    distinct: true,
    cellOf: (customer) => kept.cells.get(customer) ?? '',
    rowsOn: () => null,
  };
}

/** The place of each row given the row of each place (-1 for a row no place has). */
function placesOfRows(rowOfPlace: ArrayLike<number>, rowCount: number): Int32Array {
  const placeOfRow = new Int32Array(rowCount).fill(-1);
  for (let place = 0; place < rowOfPlace.length; place++)
    if (rowOfPlace[place] >= 0) placeOfRow[rowOfPlace[place]] = place;
  return placeOfRow;
}

/**
 * The history tab's cells: the four header rows, then one row per customer of any run; the runs
 * that could not be read come first, as they were.
 */
export function historyRows(history: History, lang: Lang, unreadable: UnreadableRun[] = []): WriteCell[][] {
  const runs: RunCells[] = [...unreadable.map(keptRunCells), ...history.map(runCellsOf)];
  // The leading runs read from one tab, one after the other there: each customer's cells of those
  // runs are one slice of the text read.
  const first = runs[0]?.read;
  let leading = 0;
  while (
    first &&
    leading < runs.length &&
    runs[leading].read?.rows === first.rows &&
    runs[leading].read!.run === first.run + leading
  )
    leading++;
  const later = runs.slice(leading);
  const table = first && leading > 0 ? first.rows : null;
  const rows: WriteCell[][] = [];
  const addRow = (customer: string, leadingCells: string, cellOfRun: (run: number) => string) => {
    let text = leadingCells;
    for (let run = 0; run < later.length; run++)
      text = leading + run === 0 ? cellOfRun(run) : text + SEPARATOR + cellOfRun(run);
    if (hasCell(text)) rows.push([customer, text]);
  };
  // Where each later run has the table's customers, matched by number when it can.
  const rowsOn = later.map((run) => (table ? run.rowsOn(table) : null));
  if (first && table) {
    const places = rowsOn.map((rowOfPlace) => rowOfPlace && placesOfRows(rowOfPlace, table.ids.length));
    table.ids.forEach((customer, row) =>
      addRow(customer, partsOf(table, row, first.run, first.run + leading), (run) => {
        const place = places[run]?.[row];
        if (place === undefined) return later[run].cellOf(customer);
        return place < 0 ? '' : later[run].cellAt(place);
      }),
    );
  }
  // Then the later runs' customers not in the table, each once.
  const emptyLeading = SEPARATOR.repeat(Math.max(0, leading - 1));
  const seen = later.length === 1 && later[0].distinct ? null : new Set<string>();
  later.forEach(({ customers, cellAt }, run) => {
    const onTable = rowsOn[run];
    customers.forEach((customer, k) => {
      if (onTable ? onTable[k] >= 0 : table !== null && rowLookup(table).has(customer)) return;
      if (seen) {
        if (seen.has(customer)) return;
        seen.add(customer);
      }
      addRow(customer, emptyLeading, (other) => (other === run ? cellAt(k) : later[other].cellOf(customer)));
    });
  });
  const labels = LABELS.map((key) => w(lang, key));
  return [
    ...labels.map((label, index) => [
      label,
      JSON.stringify(index === 3 ? segmentLists(runs) : runs.map((run) => run.header[index] ?? '')),
    ]),
    ...rows,
  ];
}

/** The runs' segment lists, a list the same as an earlier run's written as that run's number. */
function segmentLists(runs: RunCells[]): HeaderValue[] {
  const first = new Map<string, number>();
  return runs.map(({ header: [, , , list] }, run) => {
    if (!Array.isArray(list)) return list ?? '';
    const key = JSON.stringify(list);
    const earlier = first.get(key);
    if (earlier !== undefined) return earlier;
    first.set(key, run);
    return list;
  });
}

function hasCell(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== SEPARATOR_CODE) return true;
  return false;
}

/** The cell of run `run` in a row's text ('' past its end). */
function partOf(rows: CustomerRows, row: number, run: number): string {
  return partsOf(rows, row, run, run + 1);
}

/**
 * The cells of runs `from` up to `to` (excluded) in a row's text, with their separators (empty
 * cells past its end).
 */
function partsOf(rows: CustomerRows, row: number, from: number, to: number): string {
  const text = rows.texts[row];
  const count = rows.counts[row];
  if (from >= count) return SEPARATOR.repeat(to - from - 1);
  const start = from === 0 ? 0 : separatorAt(text, count, from) + 1;
  const end = to >= count ? text.length : separatorAt(text, count, to);
  return text.slice(start, end) + SEPARATOR.repeat(Math.max(0, to - count));
}

/** Where the k-th separator (from 1) of a text of `count` cells is, found from the nearer end. */
function separatorAt(text: string, count: number, k: number): number {
  let at: number;
  if (k <= count - k) {
    at = -1;
    for (let found = 0; found < k; found++) at = text.indexOf(SEPARATOR, at + 1);
  } else {
    at = text.length;
    for (let found = count; found > k; found--) at = text.lastIndexOf(SEPARATOR, at - 1);
  }
  return at;
}

/** The segment names a snapshot's cells number: as read, its rules' order, or the order customers first have them. */
function segmentList(snapshot: Snapshot): string[] {
  return asRead.get(snapshot)?.names ?? [...(snapshot.segmentNames ?? new Set(snapshot.segments))];
}

/** Reads the history tab back; see `readHistoryTab` for the runs that cannot be read. */
export function parseHistory(values: Cell[][]): History {
  return readHistoryTab(new CellRows(values)).history;
}

/** A cell as it was, for writing back: dates as ISO text, anything else as it reads. */
function keptCell(cell: Cell): WriteCell {
  if (cell instanceof Date) return cell.toISOString();
  if (typeof cell === 'number' && !Number.isFinite(cell)) return String(cell);
  return cell ?? '';
}

/** The four header values of each run, as written (a segment list as a list). */
type RunHeaders = HeaderValue[][];

/**
 * Reads the history tab back, in this layout or in the one before (a column per run). A run whose
 * analysis date, segment list or any cell cannot be read is not a snapshot: it is kept as it is
 * (`unreadable`), to be written back untouched.
 */
export function readHistoryTab(values: RowSource): HistoryOnTab {
  if (values.rowCount < HEADER_ROWS || values.width < 2) return { history: [], unreadable: [] };
  const lists = Array.from({ length: HEADER_ROWS }, (_, row) => jsonList(values.cell(row, 1)));
  // This layout when any of B1:B3 is a list (one edited by hand still leaves the others), or B4 a
  // list that is not one run's segment names, as the layout before wrote there.
  const packed = lists.slice(0, 3).some(Boolean) || (lists[3] !== null && !isNameList(lists[3]));
  const read = packed ? packedRows(values, lists) : columnRows(values);
  return readRuns(read.headers, read.rows);
}

function isNameList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((name) => typeof name === 'string');
}

/** A JSON list in a cell, or null. */
function jsonList(cell: Cell): unknown[] | null {
  if (typeof cell !== 'string' || !cell.startsWith('[')) return null;
  try {
    const list: unknown = JSON.parse(cell);
    return Array.isArray(list) ? list : null;
  } catch {
    return null;
  }
}

function customerRows(values: RowSource, text: (row: number) => string): CustomerRows {
  const ids: string[] = [];
  const texts: string[] = [];
  // Ids numbered as read (without hashing when they come in order), to find one on several rows.
  const numbers = new TextNumbers(true, values.rowCount);
  const lastRow: number[] = [];
  let shadowed: Uint8Array | undefined;
  let shadowedCount = 0;
  for (let row = HEADER_ROWS; row < values.rowCount; row++) {
    const id = customerId(values.cell(row, 0));
    const number = numbers.numberOf(id);
    if (number < lastRow.length) {
      (shadowed ??= new Uint8Array(values.rowCount))[lastRow[number]] = 1;
      shadowedCount++;
    }
    lastRow[number] = ids.length;
    ids.push(id);
    texts.push(text(row));
  }
  return { ids, texts, counts: new Int32Array(ids.length), shadowed, distinct: ids.length - shadowedCount };
}

/** This layout: the runs' header values from the JSON lists, the customers' texts as they are. */
function packedRows(
  values: RowSource,
  lists: (unknown[] | null)[],
): { headers: RunHeaders; rows: CustomerRows } {
  // A cell that is not text (a number typed over it) is read as its text: its runs then cannot be read.
  const rows = customerRows(values, (row) => {
    const cell = values.cell(row, 1);
    return cell === '' || cell == null ? '' : String(keptCell(cell));
  });
  // A cell that is not a list (edited by hand) is kept, as it was, as the first run's value.
  const runs = Math.max(...lists.map((list) => list?.length ?? 1));
  const headers: RunHeaders = [];
  for (let run = 0; run < runs; run++) {
    headers.push(
      lists.map((list, index) => {
        if (list === null) return run === 0 ? keptCell(values.cell(index, 1)) : '';
        const value = list[run];
        // A segment list written as the number of an earlier run with the same list.
        if (index === 3 && typeof value === 'number' && value < run && Array.isArray(headers[value][3]))
          return headers[value][3];
        if (index === 3 && isNameList(value)) return value;
        return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
          ? value
          : '';
      }),
    );
  }
  return { headers, rows };
}

/**
 * The layout before this one: a column per run, its header values in rows 1–4 and each customer's
 * cell on their row, as text. A `;` in a cell (typed by hand: no run writes one) becomes `,`.
 */
function columnRows(values: RowSource): { headers: RunHeaders; rows: CustomerRows } {
  const { width } = values;
  const headers = Array.from({ length: width - 1 }, (_, run) =>
    Array.from({ length: HEADER_ROWS }, (_, line) => keptCell(values.cell(line, run + 1))),
  );
  const rows = customerRows(values, (row) => {
    const cells: string[] = [];
    for (let column = 1; column < width; column++) {
      const cell = values.cell(row, column);
      cells.push(cell === '' || cell == null ? '' : String(keptCell(cell)).replaceAll(SEPARATOR, ','));
    }
    return cells.join(SEPARATOR);
  });
  return { headers, rows };
}

/** The snapshots of the runs, and the runs that cannot be read. */
function readRuns(headers: RunHeaders, rows: CustomerRows): HistoryOnTab {
  // A list, or (in the layout before) a list written as JSON text.
  const names = headers.map(([, , , list]) => {
    const parsed = Array.isArray(list) ? list : jsonList(typeof list === 'string' ? list : null);
    return isNameList(parsed) ? parsed : null;
  });
  // A date as a run writes it, `2025-06-30`: a date typed by hand (a Date, kept as its instant) is
  // no day of its own, and its run is kept as it is.
  const asOfDays = headers.map(([asOf]) =>
    typeof asOf === 'string' && ISO_DAY.test(asOf) ? dayFromIso(asOf) : null,
  );
  const segmentIndex = headers.map(() => new Uint16Array(rows.ids.length).fill(ABSENT));
  const readable = headers.map((_, run) => names[run] !== null && asOfDays[run] !== null);
  rows.texts.forEach((text, row) => {
    const count = readCells(text, row, names, segmentIndex, readable);
    rows.counts[row] = count;
    // More cells than runs listed: the runs past the list cannot be read, and are kept.
    while (headers.length < count) {
      headers.push(['', '', '', '']);
      readable.push(false);
    }
  });
  const result: HistoryOnTab = { history: [], unreadable: [] };
  headers.forEach((header, run) => {
    if (!readable[run]) {
      const cells = new Map<string, string>();
      rows.ids.forEach((id, row) => {
        const cell = partOf(rows, row, run);
        if (cell !== '') cells.set(id, cell);
      });
      const label = typeof header[0] === 'string' && header[0] !== '' ? header[0] : `n° ${run + 1}`;
      result.unreadable.push({ label, header, cells });
      return;
    }
    const read: ReadRun = { rows, run, names: names[run]!, segmentIndex: segmentIndex[run] };
    const snapshot = lazySnapshot(asOfDays[run]!, String(header[1] ?? ''), String(header[2] ?? ''), read);
    asRead.set(snapshot, read);
    result.history.push(snapshot);
  });
  return result;
}

/**
 * Reads each run's cell in a customer's text (`segment index|code|spend`): records the segment
 * index, or marks the run unreadable when the cell is not of that form. Returns how many cells the
 * text holds.
 */
function readCells(
  text: string,
  row: number,
  names: (string[] | null)[],
  segmentIndex: Uint16Array[],
  readable: boolean[],
): number {
  let run = 0;
  let start = 0;
  for (;;) {
    let end = text.indexOf(SEPARATOR, start);
    if (end < 0) end = text.length;
    if (end > start && readable[run]) {
      const index = cellSegmentIndex(text, start, end, names[run]!.length);
      if (index < 0) readable[run] = false;
      else segmentIndex[run][row] = index;
    }
    if (end === text.length) return run + 1;
    start = end + 1;
    run++;
  }
}

/** The segment index of a cell `index|code|spend` between `start` and `end`, or -1. */
function cellSegmentIndex(text: string, start: number, end: number, names: number): number {
  let at = start;
  let index = 0;
  for (; at < end && text.charCodeAt(at) !== BAR_CODE; at++) {
    const code = text.charCodeAt(at);
    if (code < 48 || code > 57) return -1;
    index = index * 10 + code - 48;
  }
  if (at === start || at === end || index >= names) return -1;
  const bar = text.indexOf('|', at + 1);
  if (bar < 0 || bar >= end) return -1;
  const extra = text.indexOf('|', bar + 1);
  if (extra >= 0 && extra < end) return -1;
  return isFiniteNumberText(text, bar + 1, end) ? index : -1;
}

/** Whether the text between `start` and `end` reads as a finite number (`-12500`, `3.5`, `1e21`). */
function isFiniteNumberText(text: string, start: number, end: number): boolean {
  // What a run writes, an integer, without making a string of it.
  let at = text.charCodeAt(start) === 45 ? start + 1 : start;
  if (at === end) return false;
  for (; at < end; at++) {
    const code = text.charCodeAt(at);
    if (code < 48 || code > 57) break;
  }
  if (at === end) return true;
  const spend = text.slice(start, end);
  return spend.trim() !== '' && Number.isFinite(Number(spend));
}

/**
 * A snapshot read from the tab whose customers, segments, codes and spends are laid out when first
 * used: Apply reads only the segments of older runs, and only through `previousSegments`.
 */
function lazySnapshot(asOfDay: number, ranAt: string, failure: string, read: ReadRun): Snapshot {
  const snapshot = { asOfDay, ranAt, failure } as Snapshot;
  const field = (make: (row: number, cell: () => string) => string | number) => () =>
    presentRows(read).map((row) => make(row, () => partOf(read.rows, row, read.run)));
  lazyField(
    snapshot,
    'customers',
    field((row) => read.rows.ids[row]),
  );
  lazyField(
    snapshot,
    'segments',
    field((row) => read.names[read.segmentIndex[row]]),
  );
  lazyField(
    snapshot,
    'codes',
    field((_, cell) => pieceOf(cell(), 1)!),
  );
  lazyField(
    snapshot,
    'revenue',
    field((_, cell) => Number(pieceOf(cell(), 2))),
  );
  return snapshot;
}

/** The rows of a run's customers, in row order, found once (a row shadowed by a later one is no one's). */
function presentRows(read: ReadRun): number[] {
  if (!read.present) {
    const found: number[] = [];
    const { shadowed } = read.rows;
    read.segmentIndex.forEach((index, row) => {
      if (index !== ABSENT && !shadowed?.[row]) found.push(row);
    });
    read.present = found;
  }
  return read.present;
}

/** `cell.split('|')[k]` without the other pieces: of `segment index|code|spend`, one. */
function pieceOf(cell: string, k: number): string | undefined {
  let start = 0;
  for (let piece = 0; piece < k; piece++) {
    const bar = cell.indexOf('|', start);
    if (bar < 0) return undefined;
    start = bar + 1;
  }
  const end = cell.indexOf('|', start);
  return cell.slice(start, end < 0 ? cell.length : end);
}

/** A property computed when first read, then kept. */
function lazyField<T>(target: object, key: string, make: () => T): void {
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = make();
      Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
      return value;
    },
  });
}

/** The least grid the history tab takes for a run of so many customers: a row each. */
export function historySizeAtLeast(customers: number): GridSize {
  return { rows: HEADER_ROWS + customers, columns: 2 };
}

export function historyTabName(lang: Lang): string {
  return w(lang, 'tab.history');
}

export function historyTab(history: History, lang: Lang, unreadable: UnreadableRun[] = []): TabContent {
  const tab = emptyTab({ kind: 'history', key: 'history' }, historyTabName(lang));
  const rows = historyRows(history, lang, unreadable);
  tab.blocks.push({ row: 1, column: 1, values: rows });
  tab.formats.push({
    area: { row: 1, column: 1, rows: rows.length, columns: 2 },
    format: { numberFormat: 'text' },
  });
  tab.layout = { hidden: true, frozenRows: HEADER_ROWS };
  return tab;
}
