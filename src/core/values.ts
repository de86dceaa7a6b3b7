/**
 * Reading one cell as Sheets gives it (`Date`, number, string, boolean, `""`): customer ids, dates
 * and amounts, with the spreadsheet's locale (see src/core/README.md, "Reading rows").
 */
import { dayFromCivil, dayFromSerial, isoDayOf, MAX_SHEETS_SERIAL, type DayOf } from './days';

export type Cell = Date | number | string | boolean | null | undefined;

/** How a locale writes dates and numbers. */
export interface LocaleFormat {
  /** `03/04/2025` is 3 April (fr_FR, en_GB) rather than 4 March (en_US). */
  dayFirst: boolean;
  /** `1,5` is one and a half (fr_FR, de_DE) rather than fifteen (en_US). */
  decimalComma: boolean;
  /**
   * A numeric date is read in the `dayFirst` order only (its column's order is being decided from
   * its values); otherwise a date that order cannot read is read in the other.
   */
  strictDateOrder?: boolean;
}

const MONTH_FIRST_LOCALES = /^(en_US|en_PH|en_CA|es_US|en$)/i;
const DECIMAL_POINT_LOCALES = /^(en|ja|zh|ko|he|th|ms|hi|ga|mt|cy)/i;

export function localeFormat(locale: string): LocaleFormat {
  const normalized = locale.replace('-', '_');
  return {
    dayFirst: !MONTH_FIRST_LOCALES.test(normalized),
    decimalComma: !DECIMAL_POINT_LOCALES.test(normalized) && !/_CH$/i.test(normalized),
  };
}

export function isEmptyCell(cell: Cell): boolean {
  return (
    cell === '' || cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '')
  );
}

/** A cell as text, as a message shows it: a date as its ISO day in the spreadsheet's time zone, '' when empty. */
export function cellText(cell: Cell, dayOf: DayOf): string {
  if (cell instanceof Date) return isoDayOf(cell, dayOf);
  return cell === null || cell === undefined ? '' : String(cell);
}

/**
 * A customer id as text: numbers and texts that read as a whole number written with a decimal
 * point (`17850.0`) become their digits; any other text is kept as typed, trimmed (`00017` stays).
 * A date is its ISO day in the spreadsheet's time zone (`dayOf`); without a zone it is no id ('').
 * Empty gives ''.
 */
export function customerId(cell: Cell, dayOf?: DayOf): string {
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'string') {
    const text = trimmedId(cell);
    // A whole number written with a decimal point: digits, a point, zeros (`17850.0`, `007.00`).
    const point = text.indexOf('.');
    if (point < 1) return text;
    for (let index = 0; index < point; index++) if (!isDigitAt(text, index)) return text;
    for (let index = point + 1; index < text.length; index++) if (text.charCodeAt(index) !== 48) return text;
    let start = 0;
    while (start < point - 1 && text.charCodeAt(start) === 48) start++;
    return text.slice(start, point);
  }
  if (cell instanceof Date) return dayOf ? isoDayOf(cell, dayOf) : '';
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return '';
}

/**
 * A text id trimmed, except that leading white space holding a tab or a carriage return is kept
 * when removing it would leave a text starting with `=`, `+`, `-` or `@`: trimming must never turn
 * `\t=1+1` into the formula `=1+1`.
 */
function trimmedId(cell: string): string {
  // Most ids have nothing to trim: they start and end with a visible ASCII character.
  const start = cell.charCodeAt(0);
  const end = cell.charCodeAt(cell.length - 1);
  if (start > 32 && start < 127 && end > 32 && end < 127) return cell;
  const text = cell.trim();
  const first = text.charCodeAt(0);
  if (text.length === cell.length || !(first === 61 || first === 43 || first === 45 || first === 64))
    return text;
  const lead = cell.slice(0, cell.length - cell.trimStart().length);
  return lead.includes('\t') || lead.includes('\r') ? cell.trimEnd() : text;
}

const MONTHS: Record<string, number> = {};
const MONTH_NAMES: [number, string[]][] = [
  [1, ['janvier', 'janv', 'jan', 'january']],
  [2, ['fevrier', 'fevr', 'fev', 'february', 'feb']],
  [3, ['mars', 'mar', 'march']],
  [4, ['avril', 'avr', 'april', 'apr']],
  [5, ['mai', 'may']],
  [6, ['juin', 'june', 'jun']],
  [7, ['juillet', 'juil', 'july', 'jul']],
  [8, ['aout', 'august', 'aug']],
  [9, ['septembre', 'sept', 'sep', 'september']],
  [10, ['octobre', 'oct', 'october']],
  [11, ['novembre', 'nov', 'november']],
  [12, ['decembre', 'dec', 'december']],
];
for (const [month, names] of MONTH_NAMES) for (const name of names) MONTHS[name] = month;
const WEEKDAYS =
  /^(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lun|mar|mer|jeu|ven|sam|dim|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?,?\s+/;

function fullYear(text: string): number {
  const year = Number(text);
  return text.length <= 2 ? (year < 70 ? 2000 + year : 1900 + year) : year;
}

function foldAccents(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/**
 * The calendar day of a date cell, or null when it cannot be read. `dayOf` gives the day of a
 * `Date` in the spreadsheet's time zone. Numbers are Sheets serial dates, or `yyyymmdd`.
 */
export function parseDay(cell: Cell, format: LocaleFormat, dayOf: (date: Date) => number): number | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : dayOf(cell);
  if (typeof cell === 'number') return dayFromNumber(cell);
  if (typeof cell !== 'string') return null;
  return dayFromText(cell, format);
}

function dayFromNumber(value: number): number | null {
  if (!Number.isFinite(value) || value < 1) return null;
  if (value <= MAX_SHEETS_SERIAL) return dayFromSerial(value);
  if (Number.isInteger(value) && value >= 10000101 && value <= 99991231) {
    return dayFromCivil(Math.floor(value / 10000), Math.floor(value / 100) % 100, value % 100);
  }
  return null;
}

/** `17/10/2025`, `10-17-25 2:30 pm`: day and month as numbers, in an order the text does not tell. */
const NUMERIC_DATE =
  /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?:[T\s,]+\d{1,2}[:h]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)?$/i;

/** Longest text read as a date: any longer text is not one (and no pattern meets a huge text). */
const MAX_DATE_TEXT = 100;

/**
 * Day of a date written as text: ISO, numeric in `format`'s order (a date that order cannot read,
 * `27/08/2024` month first, is read in the other), or with a month name. A column of dates gets
 * its order from all its values first (`columnDateOrder`).
 */
export function dayFromText(raw: string, format: LocaleFormat): number | null {
  const plain = dayFromDigits(raw);
  if (plain !== undefined) return plain;
  const text = raw.trim();
  if (text.length > MAX_DATE_TEXT) return null;
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s].*)?$/.exec(text);
  if (match) return dayFromCivil(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (match) return dayFromCivil(Number(match[1]), Number(match[2]), Number(match[3]));
  match = NUMERIC_DATE.exec(text);
  if (match) {
    const a = Number(match[1]);
    const b = Number(match[2]);
    const year = fullYear(match[3]);
    const [day, month] = format.dayFirst ? [a, b] : [b, a];
    return dayFromCivil(year, month, day) ?? (format.strictDateOrder ? null : dayFromCivil(year, day, month));
  }
  if (/^\d+(\.\d+)?$/.test(text)) return dayFromNumber(Number(text));
  return dayFromWords(foldAccents(text.toLowerCase()).replace(WEEKDAYS, ''));
}

/**
 * The first two numbers of a text that starts as a numeric date does (`17/10/2025 …` gives 17 and
 * 10), read digit by digit; null for other texts. Whether the whole text is a date is for
 * `dayFromText` to say.
 */
export function numericDateParts(cell: Cell): [number, number] | null {
  if (typeof cell !== 'string' || cell.length > MAX_DATE_TEXT) return null;
  let index = 0;
  while (index < cell.length && cell.charCodeAt(index) <= 32) index++;
  // Most texts are turned away here: a separator after one or two leading digits.
  if (!isDateSeparatorAt(cell, index + 1) && !isDateSeparatorAt(cell, index + 2)) return null;
  let first = 0;
  let second = 0;
  for (let part = 0; part < 3; part++) {
    const start = index;
    let value = 0;
    while (index < cell.length && isDigitAt(cell, index)) value = value * 10 + cell.charCodeAt(index++) - 48;
    const digits = index - start;
    if (digits === 0 || (part < 2 ? digits > 2 : digits !== 2 && digits !== 4)) return null;
    if (part < 2 && !isDateSeparatorAt(cell, index++)) return null;
    if (part === 0) first = value;
    else if (part === 1) second = value;
  }
  return [first, second];
}

/**
 * The order of a column's numeric dates (see src/core/README.md, "Dates"), decided from all its
 * values: a first part above 12 (`27/08/2024`) means day first, a second part above 12
 * (`08/27/2024`) month first, both in one column is an error naming a row of each; a column where
 * every numeric date is ambiguous (`05/06/2024`) follows the locale.
 */
export interface DateOrder {
  dayFirst: boolean;
  /** `values`: the date at `row` reads in this order only; `locale`: every one is ambiguous. */
  decidedBy: 'values' | 'locale';
  row?: number;
  value?: string;
}

/** What a numeric date's parts tell: true day first, false month first, null nothing (both ≤ 12, or both > 12). */
export function dayFirstEvidence([first, second]: [number, number]): boolean | null {
  if (first > 12 === second > 12) return null;
  return first > 12;
}

function isDigitAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 48 && code <= 57;
}

/** The value of `count` ASCII digits from `start`, or -1 when one of them is not a digit. */
function digitsValue(text: string, start: number, count: number): number {
  let value = 0;
  for (let index = start; index < start + count; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function isDateSeparatorAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code === 45 || code === 47 || code === 46; // - / .
}

/**
 * The day of the two commonest shapes, `yyyy-mm-dd` (with `-`, `/` or `.`, optionally followed by
 * a space or `T` and a time) and `yyyymmdd`, read digit by digit: the same day the patterns of
 * `dayFromText` give, without their cost on millions of cells. undefined for any other text, which
 * is then read by those patterns.
 */
function dayFromDigits(text: string): number | null | undefined {
  return dayFromDigitsIn(text, 0, text.length);
}

/** `dayFromDigits` of the part of `text` from `start` to `end` (excluded), read where it stands. */
export function dayFromDigitsIn(text: string, start: number, end: number): number | null | undefined {
  const length = end - start;
  if (length === 8) {
    const value = digitsValue(text, start, 8);
    return value < 0 ? undefined : dayOfDate(value);
  }
  if (length < 10 || !isDateSeparatorAt(text, start + 4) || !isDateSeparatorAt(text, start + 7))
    return undefined;
  const year = digitsValue(text, start, 4);
  const month = digitsValue(text, start + 5, 2);
  const day = digitsValue(text, start + 8, 2);
  if (year < 0 || month < 0 || day < 0) return undefined;
  if (length > 10) {
    const next = text.charCodeAt(start + 10);
    if (next !== 32 && next !== 84) return undefined; // space or T
    for (let index = start + 11; index < end; index++) {
      const code = text.charCodeAt(index);
      if (code === 10 || code === 13 || code === 0x2028 || code === 0x2029) return undefined;
    }
  }
  return dayOfDate(year * 10_000 + month * 100 + day);
}

/**
 * The days of dates read lately, by their `yyyymmdd` number, in a direct-mapped cache: a file of a
 * million rows holds a few thousand days, each read far faster from here than computed again.
 */
const DAY_CACHE_SLOTS = 1 << 12;
const cachedDates = new Int32Array(DAY_CACHE_SLOTS).fill(-1);
const cachedDays = new Int32Array(DAY_CACHE_SLOTS);

/** The day of the date `yyyymmdd` (a date of 8 digits), or null when there is no such day. */
function dayOfDate(date: number): number | null {
  const slot = date & (DAY_CACHE_SLOTS - 1);
  if (cachedDates[slot] === date) return cachedDays[slot];
  const day = dayFromCivil(Math.floor(date / 10_000), Math.floor(date / 100) % 100, date % 100);
  if (day !== null) {
    cachedDates[slot] = date;
    cachedDays[slot] = day;
  }
  return day;
}

function dayFromWords(text: string): number | null {
  // 17 oct. 2025 · 17-Oct-2025 · 1er octobre 2025
  let match = /^(\d{1,2})(?:er)?[\s\-/]+([a-z]+)\.?[\s\-/,]+(\d{4}|\d{2})(?:[\sT,]+[\d:h]+.*)?$/.exec(text);
  if (match && MONTHS[match[2]]) return dayFromCivil(fullYear(match[3]), MONTHS[match[2]], Number(match[1]));
  // Oct 17, 2025 · October 17 2025
  match = /^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:[\sT,]+[\d:h]+.*)?$/.exec(text);
  if (match && MONTHS[match[1]]) return dayFromCivil(Number(match[3]), MONTHS[match[1]], Number(match[2]));
  return null;
}

/** Money is held in integer thousandths of the currency unit, so sums are exact. */
export const MONEY_SCALE = 1000;

/**
 * An amount in thousandths when it is held exactly, else null: integer thousandths are exact up to
 * `Number.MAX_SAFE_INTEGER` (9,007,199,254,740.991 units), so an amount beyond that (a 400-digit
 * number, 1e300, Infinity) is unreadable rather than a rounded, infinite or NaN figure.
 */
export function exactThousandths(thousandths: number): number | null {
  return Math.abs(thousandths) <= Number.MAX_SAFE_INTEGER ? thousandths : null;
}

/** Thousandths of a number of currency units, rounded half away from zero. */
export function toThousandths(value: number): number {
  const scaled = Math.round(Math.abs(value) * MONEY_SCALE);
  return value < 0 ? -scaled : scaled;
}

/** `12`, `-2.55`: read the same in every locale (a dot with three digits after it is not). */
const PLAIN_DECIMAL = /^-?\d+(\.\d\d?)?$/;
const CURRENCY = /[€$£¥]|\b(?:EUR|USD|GBP|CHF|CAD|JPY)\b|\bHT\b|\bTTC\b/gi;

/**
 * An amount in thousandths, or null when the cell cannot be read as money. Text is read with the
 * locale: `1 234,56 €`, `€1,234.56`, `(12.50)` (negative), `-12,5`.
 */
export function parseMoney(cell: Cell, format: LocaleFormat): number | null {
  if (typeof cell === 'number') return exactThousandths(toThousandths(cell));
  if (typeof cell !== 'string') return null;
  const plain = thousandthsOfPlainDecimal(cell);
  if (plain !== undefined) return plain;
  if (PLAIN_DECIMAL.test(cell)) return exactThousandths(thousandthsOfDecimal(cell));
  const decimal = decimalText(cell, format);
  return decimal === null ? null : exactThousandths(thousandthsOfDecimal(decimal));
}

/** Most whole digits read by `thousandthsOfPlainDecimal`: their thousandths stay exact integers. */
const MAX_PLAIN_DIGITS = 12;

/**
 * The thousandths of a `PLAIN_DECIMAL` text of at most 12 whole digits (`12`, `-2.55`, `0.5`),
 * read digit by digit: the same value as `thousandthsOfDecimal`, without building strings.
 * undefined for any other text.
 */
function thousandthsOfPlainDecimal(text: string): number | undefined {
  return thousandthsOfPlainDecimalIn(text, 0, text.length);
}

/** `thousandthsOfPlainDecimal` of the part of `text` from `start` to `end` (excluded), read where it stands. */
export function thousandthsOfPlainDecimalIn(text: string, start: number, end: number): number | undefined {
  const negative = text.charCodeAt(start) === 45; // -
  let index = negative ? start + 1 : start;
  const wholeStart = index;
  let value = 0;
  while (index < end && isDigitAt(text, index)) value = value * 10 + text.charCodeAt(index++) - 48;
  const wholeDigits = index - wholeStart;
  if (wholeDigits === 0 || wholeDigits > MAX_PLAIN_DIGITS) return undefined;
  value *= MONEY_SCALE;
  if (index < end) {
    const fractionDigits = end - index - 1;
    if (text.charCodeAt(index) !== 46 || fractionDigits < 1 || fractionDigits > 2) return undefined;
    if (!isDigitAt(text, index + 1) || (fractionDigits === 2 && !isDigitAt(text, index + 2)))
      return undefined;
    value += (text.charCodeAt(index + 1) - 48) * 100;
    if (fractionDigits === 2) value += (text.charCodeAt(index + 2) - 48) * 10;
  }
  return negative && value !== 0 ? -value : value;
}

/** A plain decimal text (`-1234.56`) from an amount as typed, or null. */
export function decimalText(raw: string, format: LocaleFormat): string | null {
  let text = raw.replace(CURRENCY, '').replace(/[\s\u00a0\u202f']/g, '');
  let negative = false;
  const parenthesised = /^\((.*)\)$/.exec(text);
  if (parenthesised) {
    negative = true;
    text = parenthesised[1];
  }
  if (text.startsWith('-') || text.startsWith('+')) {
    if (text.startsWith('-')) negative = !negative;
    text = text.slice(1);
  } else if (text.endsWith('-')) {
    negative = !negative;
    text = text.slice(0, -1);
  }
  if (!/^[\d.,]+$/.test(text) || !/\d/.test(text)) return null;
  const lastComma = text.lastIndexOf(',');
  const lastDot = text.lastIndexOf('.');
  let decimalMark: string | null;
  if (lastComma >= 0 && lastDot >= 0) decimalMark = lastComma > lastDot ? ',' : '.';
  else if (lastComma < 0 && lastDot < 0) decimalMark = null;
  else {
    const mark = lastComma >= 0 ? ',' : '.';
    const isLocaleDecimal = (mark === ',') === format.decimalComma;
    const occurrences = text.split(mark).length - 1;
    const digitsAfter = text.length - text.lastIndexOf(mark) - 1;
    const leadingZero = text.startsWith('0') && text.indexOf(mark) === 1;
    decimalMark = occurrences === 1 && (isLocaleDecimal || digitsAfter !== 3 || leadingZero) ? mark : null;
  }
  const groupMark = decimalMark === ',' || (decimalMark === null && lastDot >= 0) ? '.' : ',';
  const [whole, fraction = ''] = decimalMark ? text.split(decimalMark) : [text];
  if ((decimalMark && text.split(decimalMark).length > 2) || fraction.includes(groupMark)) return null;
  if (whole.includes(groupMark) && !/^\d{1,3}([.,]\d{3})*$/.test(whole)) return null;
  const digits = whole.split(groupMark).join('');
  if (digits === '' && fraction === '') return null;
  return `${negative ? '-' : ''}${digits || '0'}${fraction ? `.${fraction}` : ''}`;
}

/**
 * Exact thousandths of a decimal text, rounded half away from zero past the third decimal (not
 * exact, possibly infinite, beyond `exactThousandths`' bound: callers check it).
 */
export function thousandthsOfDecimal(decimal: string): number {
  const negative = decimal.startsWith('-');
  const [whole, fraction = ''] = (negative ? decimal.slice(1) : decimal).split('.');
  let value = Number(whole) * MONEY_SCALE + Number(fraction.slice(0, 3).padEnd(3, '0'));
  if (fraction.length > 3 && fraction.charCodeAt(3) >= 53) value += 1;
  return negative && value !== 0 ? -value : value;
}

/** A plain finite number from a cell (quantities), with the same reading of text as amounts. */
export function parseNumber(cell: Cell, format: LocaleFormat): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  if (typeof cell !== 'string') return null;
  // A plain decimal is its own decimal text, in every locale.
  if (thousandthsOfPlainDecimal(cell) !== undefined) return Number(cell);
  const decimal = decimalText(cell, format);
  // Too many digits for a number (a 400-digit text) is not one: never Infinity.
  const value = decimal === null ? null : Number(decimal);
  return value !== null && Number.isFinite(value) ? value : null;
}

/** Plain decimal text of thousandths, with two decimals or three when needed (`1234.56`, `0.001`). */
export function decimalOfThousandths(thousandths: number): string {
  const rounded = Math.round(thousandths);
  const sign = rounded < 0 ? '-' : '';
  const absolute = Math.abs(rounded);
  const whole = Math.floor(absolute / MONEY_SCALE);
  const fraction = absolute % MONEY_SCALE;
  if (fraction % 10 === 0) return `${sign}${whole}.${fraction < 100 ? '0' : ''}${fraction / 10}`;
  return `${sign}${whole}.${fraction < 10 ? '00' : fraction < 100 ? '0' : ''}${fraction}`;
}

/** Order of customer ids: whole numbers by value (`99` before `100`), then texts in code-point order. */
export function compareCustomerIds(a: string, b: string): number {
  return compareIdsOfKind(a, isWholeNumberText(a), b, isWholeNumberText(b));
}

/** `compareCustomerIds`, with whether each id is a whole number already known. */
function compareIdsOfKind(a: string, aNumber: boolean, b: string, bNumber: boolean): number {
  if (aNumber !== bNumber) return aNumber ? -1 : 1;
  // The lengths are subtracted each time, so that code V8 compiles over this while the lengths
  // are all the same has done it, and is not thrown away at the first longer number.
  const longer = aNumber ? a.length - b.length : 0;
  if (longer !== 0) return longer;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether an id is a whole number: one or more ASCII digits. */
function isWholeNumberText(text: string): boolean {
  if (text.length === 0) return false;
  for (let index = 0; index < text.length; index++) if (!isDigitAt(text, index)) return false;
  return true;
}

/** Indexes of the ids in the order of `compareCustomerIds`, each id's kind worked out once. */
export function customerIdOrder(ids: readonly string[]): Int32Array {
  const count = ids.length;
  const whole = new Uint8Array(count);
  const order = new Int32Array(count);
  const compare = (i: number, j: number) => compareIdsOfKind(ids[i], whole[i] === 1, ids[j], whole[j] === 1);
  // Ids read from a file sorted by customer come in order: checked in the same pass, not sorted.
  let sorted = true;
  for (let index = 0; index < count; index++) {
    order[index] = index;
    whole[index] = isWholeNumberText(ids[index]) ? 1 : 0;
    if (sorted && index > 0 && compare(index - 1, index) > 0) sorted = false;
  }
  return sorted ? order : order.sort(compare);
}
