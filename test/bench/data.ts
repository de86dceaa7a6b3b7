/**
 * Bench data: the public data sets (README, "The public data sets") repeated with shifted customer ids, order ids
 * and dates, either written as CSV files into the git-ignored bench-data/ folder (for the command
 * line) or built in memory as Sheets gives a range (Date objects, numbers, strings).
 *
 * Two shapes: `retail` (Online Retail: few customers, many lines per order, amount = quantity ×
 * unit price, order ids) and `cdnow` (CDNOW master: many customers, one row per purchase).
 */
import { closeSync, existsSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { civilFromDay, dayFromCivil } from '../../src/core/days';
import type { Cell } from '../../src/core/values';
import { readTableFile } from '../../src/local/table-file';
import { dataFolder } from '../data-sets';

/** The repository: the nearest folder with a package.json above this file (or above its bundle). */
function repositoryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    if (dirname(dir) === dir) throw new Error('The benchmark must run from inside the repository.');
    dir = dirname(dir);
  }
  return dir;
}

export const ROOT = repositoryRoot();
export const DATA_DIR = dataFolder(ROOT);
export const BENCH_DATA_DIR = join(ROOT, 'bench-data/');

export type Shape = 'retail' | 'cdnow';
export const SHAPES: readonly Shape[] = ['cdnow', 'retail'];

/** Customer ids of copy k are shifted by k × this (larger than any id of the source). */
const ID_SHIFT = 100_000;
/** Order ids of copy k are shifted by k × this. */
const ORDER_SHIFT = 1_000_000;
/** Dates of copy k are shifted by k × this many days. */
const DAY_SHIFT = 7;

interface SourceRow {
  /** The fields as written in the source file. */
  fields: string[];
  day: number;
  /** Time of day as written (`08:26:00`), '' when none. */
  time: string;
}

interface Source {
  header: string[];
  rows: SourceRow[];
  customer: number;
  date: number;
  orderId: number;
}

const sources = new Map<Shape, Source>();

function twoDigits(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/** The source data set of a shape, read once. */
export function source(shape: Shape): Source {
  let found = sources.get(shape);
  if (found) return found;
  if (shape === 'retail') {
    const table = readTableFile(`${DATA_DIR}online_retail.csv.gz`);
    const rows = table.slice(1).map((fields) => {
      const [, year, month, day, time] = /^(\d{4})-(\d{2})-(\d{2}) (.*)$/.exec(fields[4])!;
      return { fields, day: dayFromCivil(Number(year), Number(month), Number(day))!, time };
    });
    found = { header: table[0], rows, customer: 6, date: 4, orderId: 0 };
  } else {
    const table = readTableFile(`${DATA_DIR}CDNOW_master.txt`);
    const rows = table.slice(1).map((fields) => {
      const value = Number(fields[1]);
      return {
        fields,
        day: dayFromCivil(Math.floor(value / 10000), Math.floor(value / 100) % 100, value % 100)!,
        time: '',
      };
    });
    found = { header: table[0], rows, customer: 0, date: 1, orderId: -1 };
  }
  sources.set(shape, found);
  return found;
}

/** Lets the sources read so far be garbage-collected (once the values they made are built). */
export function forgetSources(): void {
  sources.clear();
}

/** Rows of one copy of the source (header excluded). */
export function sourceRows(shape: Shape): number {
  return source(shape).rows.length;
}

function shiftedCustomer(text: string, copy: number): string {
  if (text === '' || copy === 0) return text;
  const match = /^(\d+)(\.0)?$/.exec(text)!;
  return `${String(Number(match[1]) + copy * ID_SHIFT).padStart(match[1].length, '0')}${match[2] ?? ''}`;
}

function shiftedOrder(text: string, copy: number): string {
  if (copy === 0) return text;
  const match = /^([A-Z]?)(\d+)$/.exec(text)!;
  return `${match[1]}${Number(match[2]) + copy * ORDER_SHIFT}`;
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function isoText(day: number): string {
  const { year, month, day: dayOfMonth } = civilFromDay(day);
  return `${year}-${twoDigits(month)}-${twoDigits(dayOfMonth)}`;
}

function compactText(day: number): string {
  const { year, month, day: dayOfMonth } = civilFromDay(day);
  return `${year}${twoDigits(month)}${twoDigits(dayOfMonth)}`;
}

/**
 * The path of `copies` copies of a shape as a comma-separated CSV in bench-data/, written when
 * absent (CDNOW keeps its header, its `yyyymmdd` dates and its zero-padded ids).
 */
export function csvFile(shape: Shape, copies: number): string {
  const { header, rows, customer, date, orderId } = source(shape);
  return writtenOnce(
    `${BENCH_DATA_DIR}${shape}-x${copies}.csv`,
    header,
    copies,
    (row, copy) => {
      const fields = row.fields.slice();
      fields[customer] = shiftedCustomer(fields[customer], copy);
      if (orderId >= 0) fields[orderId] = shiftedOrder(fields[orderId], copy);
      const day = row.day + copy * DAY_SHIFT;
      fields[date] = shape === 'retail' ? `${isoText(day)} ${row.time}` : compactText(day);
      return fields;
    },
    rows,
  );
}

/**
 * `copies` copies of CDNOW as a typed CSV with an order-id column, as a warehouse would export
 * it: `order_id,customer_id,order_date,amount`, one order per purchase (its id unique across the
 * file), ISO dates, the amount as written. Every column is found by its header.
 */
export function orderIdCsvFile(copies: number): string {
  const { rows, customer } = source('cdnow');
  const n = rows.length;
  return writtenOnce(
    `${BENCH_DATA_DIR}cdnow-orders-x${copies}.csv`,
    ['order_id', 'customer_id', 'order_date', 'amount'],
    copies,
    (row, copy, index) => [
      String(copy * n + index + 1),
      shiftedCustomer(row.fields[customer], copy),
      isoText(row.day + copy * DAY_SHIFT),
      row.fields[3],
    ],
    rows,
  );
}

/** Writes `path` when absent: the header, then `fieldsOf` each source row of each copy. */
function writtenOnce(
  path: string,
  header: string[],
  copies: number,
  fieldsOf: (row: SourceRow, copy: number, index: number) => string[],
  rows: SourceRow[],
): string {
  if (existsSync(path)) return path;
  mkdirSync(BENCH_DATA_DIR, { recursive: true });
  const partial = `${path}.partial`;
  const fd = openSync(partial, 'w');
  let buffer = `${header.join(',')}\n`;
  for (let copy = 0; copy < copies; copy++) {
    for (let index = 0; index < rows.length; index++) {
      buffer += `${fieldsOf(rows[index], copy, index).map(csvField).join(',')}\n`;
      if (buffer.length > 1 << 22) {
        writeSync(fd, buffer);
        buffer = '';
      }
    }
  }
  writeSync(fd, buffer);
  closeSync(fd);
  renameSync(partial, path);
  return path;
}

/** A number when Sheets would read the text as one (`536365`, `17850.0`, `2.55`), else the text. */
function sheetsValue(text: string): Cell {
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

/**
 * `rows` order rows (plus the header) as Sheets gives a range: numbers, strings, `Date` objects
 * for dates (noon UTC of the day for CDNOW, the time of day as written for Online Retail), `""`
 * for empty cells. Row i is row (i mod n) of the source in copy ⌊i / n⌋.
 */
export function sheetValues(shape: Shape, rows: number): Cell[][] {
  const { header, rows: sourceRowList, customer, date, orderId } = source(shape);
  const n = sourceRowList.length;
  // The cells that do not change from copy to copy, converted once.
  const used = sourceRowList.slice(0, Math.min(rows, n));
  const fixed = used.map((row) => row.fields.map(sheetsValue));
  const time = used.map((row) => {
    const [hours = 12, minutes = 0] = row.time.split(':').map(Number);
    return (hours * 60 + minutes) * 60_000;
  });
  const values: Cell[][] = new Array(rows + 1);
  values[0] = header.slice();
  for (let i = 0; i < rows; i++) {
    const copy = Math.floor(i / n);
    const index = i % n;
    const row = fixed[index].slice();
    const fields = sourceRowList[index].fields;
    row[customer] = sheetsValue(shiftedCustomer(fields[customer], copy));
    if (orderId >= 0) row[orderId] = sheetsValue(shiftedOrder(fields[orderId], copy));
    row[date] = new Date((sourceRowList[index].day + copy * DAY_SHIFT) * 86_400_000 + time[index]);
    values[i + 1] = row;
  }
  return values;
}
