/**
 * Acquisition cost and conversion of prospects (issue 15). Money in thousandths; months as
 * `yyyy-mm`; rates are fractions 0..1; every undefined ratio is null.
 *
 * - A **new customer** of month M is a customer whose first purchase (an order of net amount ≥ 0,
 *   on or before the analysis date) falls in M; their **channel**, when a channel column is named,
 *   is the first non-empty value of that column on the lines of that first order (row order).
 * - The **spend table** (a hand-filled tab: month, channel optional, spend, prospects optional) is
 *   read by `readSpendTable`, which names each bad cell and computes with the rest.
 * - Per month (all channels) and, with a channel column, per month and channel (`acquisitionCosts`):
 *   new customers; spend; **CAC** = spend ÷ new customers; **conversion of prospects** = new
 *   customers ÷ prospects; with predicted values, the **mean predicted value** of the new customers
 *   and **value ÷ CAC**.
 *
 * Linear in order lines, plus sorts of the months and channels.
 */
import { columnLetter } from './a1';
import { firstPurchases, monthNumber, monthText } from './cohorts';
import { normalizeHeader } from './columns';
import { dayFromSerial, dayInZone, MAX_SHEETS_SERIAL, SHEETS_SERIAL_OF_EPOCH, type DayOf } from './days';
import { t, type Lang } from './labels';
import { latestOrderDay } from './metrics';
import type { OrderBook } from './orders';
import {
  cellText,
  dayFromText,
  isEmptyCell,
  localeFormat,
  parseMoney,
  parseNumber,
  type Cell,
} from './values';

export interface NewCustomer {
  /** Index in `book.customerIds`. */
  customer: number;
  id: string;
  /** `yyyy-mm` of the first purchase. */
  month: string;
  /** Channel of the first order, trimmed; '' when none or without a channel column. */
  channel: string;
}

/**
 * The customers with a first purchase on or before the analysis date, in book order. `channel` is a
 * column index of the order rows or a header (compared by `normalizeHeader`); an unknown header
 * gives '' channels.
 */
export function newCustomers(
  book: OrderBook,
  options: { asOfDay?: number; channel?: number | string | null } = {},
): NewCustomer[] {
  const asOfDay = options.asOfDay ?? latestOrderDay(book) ?? 0;
  const first = firstPurchases(book, asOfDay);
  const column = channelColumn(book, options.channel ?? null);
  const channels: string[] = new Array<string>(book.customerIds.length).fill('');
  if (column !== null) {
    for (let line = 0; line < book.lineCount; line++) {
      const order = book.lineOrder[line];
      const customer = book.orderCustomer[order];
      if (first.order[customer] !== order || channels[customer] !== '') continue;
      const value = book.source.cell(book.lineRow[line], column);
      if (!isEmptyCell(value)) channels[customer] = cellText(value, book.dayOf).trim();
    }
  }
  const result: NewCustomer[] = [];
  const monthTexts = new Map<number, string>();
  for (let customer = 0; customer < book.customerIds.length; customer++) {
    if (first.order[customer] < 0) continue;
    const month = monthNumber(first.day[customer]);
    let text = monthTexts.get(month);
    if (text === undefined) monthTexts.set(month, (text = monthText(month)));
    result.push({ customer, id: book.customerIds[customer], month: text, channel: channels[customer] });
  }
  return result;
}

/** Headers of an order column that names the sales channel (« Canal »), compared by `normalizeHeader`. */
export const CHANNEL_HEADERS = ['canal', 'channel', 'canal de vente', 'sales channel', 'source'];

/** The order rows' channel column: the first whose header is a channel header; null when none. */
export function channelColumnOf(book: OrderBook): number | null {
  const index = book.columns.headers.findIndex((header) => CHANNEL_HEADERS.includes(normalizeHeader(header)));
  return index >= 0 ? index : null;
}

function channelColumn(book: OrderBook, channel: number | string | null): number | null {
  if (channel === null) return null;
  if (typeof channel === 'number') return channel >= 0 && channel < book.source.width ? channel : null;
  const wanted = normalizeHeader(channel);
  const index = book.columns.headers.findIndex((header) => normalizeHeader(header) === wanted);
  return index >= 0 ? index : null;
}

/** One row of the spend table, as read. */
export interface SpendRow {
  /** Sheet row number. */
  row: number;
  month: string;
  /** Trimmed; '' for the whole month. */
  channel: string;
  /** Thousandths, ≥ 0. */
  spend: number;
  /** Visits, leads or sign-ups; null when the cell is empty or unreadable. */
  prospects: number | null;
}

export type SpendIssueReason =
  'badMonth' | 'duplicateMonth' | 'missingSpend' | 'notANumber' | 'negativeSpend' | 'negativeProspects';

/** A bad cell of the spend table: its A1 name, the reason key and the value as typed. */
export interface SpendIssue {
  cell: string;
  row: number;
  reason: SpendIssueReason;
  value: string;
  /** For `duplicateMonth`: the cell of the row kept for that month and channel. */
  firstCell?: string;
}

const ROLE_HEADERS: Record<'month' | 'channel' | 'spend' | 'prospects', string[]> = {
  month: ['mois', 'month', 'periode', 'period'],
  channel: ['canal', 'channel', 'source', 'levier'],
  spend: ['depenses', 'depense', 'depenses marketing', 'spend', 'marketing spend', 'budget', 'cout', 'cost'],
  prospects: ['prospects', 'prospect', 'visites', 'visits', 'leads', 'inscriptions', 'sign ups', 'signups'],
};

/** Positions used when the header names no such column: month, channel, spend, prospects. */
const POSITIONS = { month: 0, channel: 1, spend: 2, prospects: 3 };

function findColumns(header: readonly Cell[]): typeof POSITIONS {
  const found = { month: -1, channel: -1, spend: -1, prospects: -1 };
  header.forEach((cell, index) => {
    const name = typeof cell === 'string' ? normalizeHeader(cell) : '';
    for (const role of Object.keys(ROLE_HEADERS) as (keyof typeof found)[]) {
      if (found[role] >= 0) continue;
      if (ROLE_HEADERS[role].some((known) => name === known || name.startsWith(`${known} `))) {
        found[role] = index;
        break;
      }
    }
  });
  if (found.month < 0 || found.spend < 0) return POSITIONS;
  return found;
}

/** The month of a cell: a date, a serial date from 1970 on, `yyyymm`, `2024-03`, `03/2024`, `mars 2024`, `Mar-2024`, or a full date. */
export function monthOfCell(
  cell: Cell,
  locale = 'en_US',
  dayOf: DayOf = dayInZone(undefined),
): string | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : monthText(monthNumber(dayOf(cell)));
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 100001 && cell <= 999912 && cell % 100 >= 1 && cell % 100 <= 12)
      return monthText(Math.floor(cell / 100) * 12 + (cell % 100) - 1);
    // A serial date from 1970 on: a small number (12.5) in a month cell is a typo, not 1900.
    if (cell >= SHEETS_SERIAL_OF_EPOCH && cell <= MAX_SHEETS_SERIAL)
      return monthText(monthNumber(dayFromSerial(cell)));
    return null;
  }
  if (typeof cell !== 'string') return null;
  const text = cell.trim();
  if (text === '' || text.length > 40) return null;
  const yearFirst = /^(\d{4})[-/.](\d{1,2})$/.exec(text);
  const monthFirst = /^(\d{1,2})[-/.](\d{4})$/.exec(text);
  const parts = yearFirst ? [yearFirst[1], yearFirst[2]] : monthFirst ? [monthFirst[2], monthFirst[1]] : null;
  if (parts) {
    const month = Number(parts[1]);
    return month >= 1 && month <= 12 ? monthText(Number(parts[0]) * 12 + month - 1) : null;
  }
  if (/^\d{6}$/.test(text)) return monthOfCell(Number(text), locale, dayOf);
  const format = localeFormat(locale);
  const day =
    dayFromText(text, format) ?? dayFromText(`1 ${text}`, format) ?? dayFromText(`1-${text}`, format);
  return day === null ? null : monthText(monthNumber(day));
}

/**
 * Read the spend table (first row a header). A row is left out, with an issue naming its cell, when
 * its month is unreadable (`badMonth`), its spend empty (`missingSpend`), not a number
 * (`notANumber`) or negative (`negativeSpend`), or when an earlier row already gave that month and
 * channel, however written (`duplicateMonth`). Unreadable or negative prospects are an issue and
 * count as absent; the row is kept. Empty rows are skipped.
 */
export function readSpendTable(
  rows: readonly (readonly Cell[])[],
  options: { locale?: string; timeZone?: string; firstRowNumber?: number } = {},
): { rows: SpendRow[]; issues: SpendIssue[] } {
  const locale = options.locale ?? 'en_US';
  const format = localeFormat(locale);
  const dayOf = dayInZone(options.timeZone);
  const firstRow = options.firstRowNumber ?? 1;
  const columns = rows.length > 0 ? findColumns(rows[0]) : POSITIONS;
  const read: SpendRow[] = [];
  const issues: SpendIssue[] = [];
  const seen = new Map<string, string>();
  for (let index = 1; index < rows.length; index++) {
    const cells = rows[index];
    if (cells.every((cell) => isEmptyCell(cell))) continue;
    const row = firstRow + index;
    const name = (column: number) => `${columnLetter(column)}${row}`;
    const issue = (column: number, reason: SpendIssueReason, firstCell?: string) => {
      const value = cellText(cells[column], dayOf);
      issues.push({ cell: name(column), row, reason, value, ...(firstCell ? { firstCell } : {}) });
    };
    const month = monthOfCell(cells[columns.month], locale, dayOf);
    if (month === null) {
      issue(columns.month, 'badMonth');
      continue;
    }
    const spendCell = cells[columns.spend];
    const spend = isEmptyCell(spendCell) ? null : parseMoney(spendCell, format);
    if (isEmptyCell(spendCell)) {
      issue(columns.spend, 'missingSpend');
      continue;
    }
    if (spend === null) {
      issue(columns.spend, 'notANumber');
      continue;
    }
    if (spend < 0) {
      issue(columns.spend, 'negativeSpend');
      continue;
    }
    const channelCell = columns.channel >= 0 ? cells[columns.channel] : '';
    const channel = isEmptyCell(channelCell) ? '' : cellText(channelCell, dayOf).trim();
    const key = `${month}\u0000${channel.toLowerCase()}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      issue(columns.month, 'duplicateMonth', earlier);
      continue;
    }
    seen.set(key, name(columns.month));
    let prospects: number | null = null;
    const prospectsCell = columns.prospects >= 0 ? cells[columns.prospects] : '';
    if (!isEmptyCell(prospectsCell)) {
      prospects = parseNumber(prospectsCell, format);
      if (prospects === null) issue(columns.prospects, 'notANumber');
      else if (prospects < 0) {
        issue(columns.prospects, 'negativeProspects');
        prospects = null;
      }
    }
    read.push({ row, month, channel, spend, prospects });
  }
  return { rows: read, issues };
}

/**
 * Predicted values (thousandths), e.g. the 12-month CLV of each scored customer: `values[i]` is
 * that of the customer at index `customers[i]` of `book.customerIds` (`metrics.customers`).
 */
export interface PredictedValues {
  customers: ArrayLike<number>;
  values: ArrayLike<number | null>;
}

/** Each customer's predicted value by index in the book, NaN where there is none. */
function predictedByCustomer(predicted: PredictedValues | null): Float64Array {
  if (!predicted) return new Float64Array(0);
  const { customers, values } = predicted;
  let size = 0;
  for (let i = 0; i < customers.length; i++) size = Math.max(size, customers[i] + 1);
  const byCustomer = new Float64Array(size).fill(NaN);
  for (let i = 0; i < customers.length; i++) {
    const value = values[i];
    if (value !== null && Number.isFinite(value)) byCustomer[customers[i]] = value;
  }
  return byCustomer;
}

export interface AcquisitionRow {
  month: string;
  /** null for every channel together. */
  channel: string | null;
  newCustomers: number;
  /** Sum of the matching spend rows, thousandths; null when the table has none. */
  spend: number | null;
  /** spend ÷ new customers; null without spend or new customers. */
  cac: number | null;
  /** null when no matching row gives prospects. */
  prospects: number | null;
  /** new customers ÷ prospects; null without prospects. */
  conversion: number | null;
  /** Mean predicted value of the new customers who have one; null when none has. */
  meanPredictedValue: number | null;
  /** mean predicted value ÷ CAC; null when either is null or CAC is 0. */
  valueToCac: number | null;
}

/**
 * Per month, oldest first: a row for every channel together (channel null; its spend and prospects
 * are those of every spend row of the month, with or without a channel), then, when `byChannel`,
 * a row per channel in code-point order of the channel. Channels match case-insensitively; a
 * customer without a channel value is under channel ''. Months come from the new customers and the
 * spend rows.
 */
export function acquisitionCosts(
  customers: readonly NewCustomer[],
  spend: readonly SpendRow[],
  options: { byChannel?: boolean; predicted?: PredictedValues | null } = {},
): AcquisitionRow[] {
  const byChannel = options.byChannel ?? false;
  const valueOf = predictedByCustomer(options.predicted ?? null);
  interface Cell {
    channel: string | null;
    newCustomers: number;
    spend: number | null;
    prospects: number | null;
    valueSum: number;
    valued: number;
  }
  const months = new Map<string, Map<string, Cell>>();
  const cellOf = (month: string, channel: string | null): Cell => {
    let cells = months.get(month);
    if (!cells) months.set(month, (cells = new Map()));
    const key = channel === null ? '\u0000all' : channel.toLowerCase();
    let cell = cells.get(key);
    if (!cell)
      cells.set(
        key,
        (cell = { channel, newCustomers: 0, spend: null, prospects: null, valueSum: 0, valued: 0 }),
      );
    return cell;
  };
  const count = (cell: Cell, value: number) => {
    cell.newCustomers++;
    if (Number.isNaN(value)) return;
    cell.valueSum += value;
    cell.valued++;
  };
  for (const customer of customers) {
    const value = customer.customer < valueOf.length ? valueOf[customer.customer] : NaN;
    count(cellOf(customer.month, null), value);
    if (byChannel) count(cellOf(customer.month, customer.channel), value);
  }
  for (const row of spend) {
    const targets = [cellOf(row.month, null)];
    if (byChannel && row.channel !== '') targets.push(cellOf(row.month, row.channel));
    for (const cell of targets) {
      cell.spend = (cell.spend ?? 0) + row.spend;
      if (row.prospects !== null) cell.prospects = (cell.prospects ?? 0) + row.prospects;
    }
  }
  const result: AcquisitionRow[] = [];
  for (const month of [...months.keys()].sort()) {
    const cells = [...months.get(month)!.values()].sort((a, b) =>
      a.channel === null
        ? -1
        : b.channel === null
          ? 1
          : a.channel < b.channel
            ? -1
            : a.channel > b.channel
              ? 1
              : 0,
    );
    if (cells[0].channel !== null) cells.unshift(cellOf(month, null));
    for (const cell of cells) {
      const cac = cell.spend !== null && cell.newCustomers > 0 ? cell.spend / cell.newCustomers : null;
      const meanPredictedValue = cell.valued > 0 ? cell.valueSum / cell.valued : null;
      result.push({
        month,
        channel: cell.channel,
        newCustomers: cell.newCustomers,
        spend: cell.spend,
        cac,
        prospects: cell.prospects,
        conversion: cell.prospects !== null && cell.prospects > 0 ? cell.newCustomers / cell.prospects : null,
        meanPredictedValue,
        valueToCac: meanPredictedValue !== null && cac !== null && cac > 0 ? meanPredictedValue / cac : null,
      });
    }
  }
  return result;
}

/** A spend table issue in a person's words, naming its cell: `C4 : dépense négative « -120 » : ligne ignorée`. */
export function spendIssueText(issue: SpendIssue, lang: Lang): string {
  const reason = t(lang, `spend.reason.${issue.reason}`, {
    value: issue.value,
    firstCell: issue.firstCell ?? '',
  });
  return t(lang, 'spend.issue', { cell: issue.cell, reason });
}
