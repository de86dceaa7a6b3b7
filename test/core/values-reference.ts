/**
 * src/core/values.ts as it was before its fast paths (commit 7c98c0b), kept as the oracle that
 * they are checked against, in tests only. Reading one cell as Sheets gives it (`Date`, number, string, boolean, `""`): customer ids, dates
 * and amounts, with the spreadsheet's locale (see src/core/README.md, "Reading rows").
 */
import { dayFromCivil, dayFromSerial, MAX_SHEETS_SERIAL } from '../../src/core/days';

export type Cell = Date | number | string | boolean | null | undefined;

/** How a locale writes dates and numbers. */
export interface LocaleFormat {
  /** `03/04/2025` is 3 April (fr_FR, en_GB) rather than 4 March (en_US). */
  dayFirst: boolean;
  /** `1,5` is one and a half (fr_FR, de_DE) rather than fifteen (en_US). */
  decimalComma: boolean;
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

/**
 * A customer id as text: numbers and texts that read as a whole number written with a decimal
 * point (`17850.0`) become their digits; any other text is kept as typed, trimmed (`00017` stays).
 * Empty gives ''.
 */
export function customerId(cell: Cell): string {
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'string') {
    // Leading white space with a tab or carriage return stays before a formula character.
    const text = /^\s*[\t\r]\s*[=+\-@]/.test(cell) ? cell.trimEnd() : cell.trim();
    const whole = /^(\d+)\.0*$/.exec(text);
    if (whole) return whole[1].replace(/^0+(?=\d)/, '');
    return text;
  }
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return '';
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

/** Day of a date written as text: ISO, numeric with the locale's order, or with a month name. */
export function dayFromText(raw: string, format: LocaleFormat): number | null {
  const text = raw.trim();
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s].*)?$/.exec(text);
  if (match) return dayFromCivil(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (match) return dayFromCivil(Number(match[1]), Number(match[2]), Number(match[3]));
  match =
    /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?:[T\s,]+\d{1,2}[:h]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)?$/i.exec(
      text,
    );
  if (match) {
    const a = Number(match[1]);
    const b = Number(match[2]);
    const year = fullYear(match[3]);
    const [day, month] = format.dayFirst ? [a, b] : [b, a];
    return dayFromCivil(year, month, day) ?? dayFromCivil(year, day, month);
  }
  if (/^\d+(\.\d+)?$/.test(text)) return dayFromNumber(Number(text));
  return dayFromWords(foldAccents(text.toLowerCase()).replace(WEEKDAYS, ''));
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
  const thousandths = unboundedMoney(cell, format);
  // Beyond exact integer thousandths, an amount is unreadable.
  return thousandths !== null && Math.abs(thousandths) <= Number.MAX_SAFE_INTEGER ? thousandths : null;
}

function unboundedMoney(cell: Cell, format: LocaleFormat): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? toThousandths(cell) : null;
  if (typeof cell !== 'string') return null;
  if (PLAIN_DECIMAL.test(cell)) return thousandthsOfDecimal(cell);
  const decimal = decimalText(cell, format);
  return decimal === null ? null : thousandthsOfDecimal(decimal);
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

/** Exact thousandths of a decimal text, rounded half away from zero past the third decimal. */
export function thousandthsOfDecimal(decimal: string): number {
  const negative = decimal.startsWith('-');
  const [whole, fraction = ''] = (negative ? decimal.slice(1) : decimal).split('.');
  let value = Number(whole) * MONEY_SCALE + Number(fraction.slice(0, 3).padEnd(3, '0'));
  if (fraction.length > 3 && fraction.charCodeAt(3) >= 53) value += 1;
  return negative && value !== 0 ? -value : value;
}

/** A plain number from a cell (quantities), with the same reading of text as amounts. */
export function parseNumber(cell: Cell, format: LocaleFormat): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  if (typeof cell !== 'string') return null;
  const decimal = decimalText(cell, format);
  const value = decimal === null ? null : Number(decimal);
  return value !== null && Number.isFinite(value) ? value : null;
}

/** Plain decimal text of thousandths, with two decimals or three when needed (`1234.56`, `0.001`). */
export function decimalOfThousandths(thousandths: number): string {
  const rounded = Math.round(thousandths);
  const sign = rounded < 0 ? '-' : '';
  const absolute = Math.abs(rounded);
  const fraction = String(absolute % MONEY_SCALE).padStart(3, '0');
  return `${sign}${Math.floor(absolute / MONEY_SCALE)}.${fraction.endsWith('0') ? fraction.slice(0, 2) : fraction}`;
}

/** Order of customer ids: whole numbers by value (`99` before `100`), then texts in code-point order. */
export function compareCustomerIds(a: string, b: string): number {
  const aNumber = /^\d+$/.test(a);
  const bNumber = /^\d+$/.test(b);
  if (aNumber !== bNumber) return aNumber ? -1 : 1;
  if (aNumber && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
