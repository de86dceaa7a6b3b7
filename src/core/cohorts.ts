/**
 * Retention cohorts (« fidélisation »), from the order book (issue 15). A purchase is an order of
 * net amount ≥ 0 (a refund is not one), and only orders on or before the analysis date count, as
 * in the metrics (src/core/README.md, "Metrics").
 *
 * - A customer's **cohort** is the calendar month of their first purchase.
 * - **Month k since** a cohort month M is the calendar month M + k (month 0 is the cohort month).
 * - **Retention** in month k = customers of the cohort with at least one purchase in month M + k ÷
 *   customers of the cohort (1 in month 0). Null for a month after the analysis date's month (not
 *   observed); the analysis date's own month is partial and flagged by `partialMonth`.
 * - **Cumulative revenue per customer** in month k = net amount (refunds included) of the cohort's
 *   orders dated from each customer's first purchase day to the end of month M + k (capped at the
 *   analysis date) ÷ customers of the cohort, in thousandths (not rounded). Null when not observed.
 *
 * Linear in orders (walked by day: see `ordersByDay`), plus a sort of the distinct months.
 */
import { civilFromDay } from './days';
import { latestOrderDay } from './metrics';
import { ordersByDay } from './order-days';
import type { OrderBook } from './orders';

/** Months since the cohort month shown by default: 0 … 23. */
export const COHORT_MONTHS = 24;

/** Days after the first purchase within which a second purchase counts as a repeat. */
export const REPEAT_WINDOW_DAYS = 90;

/** A month as a number: year × 12 + (month − 1). */
export function monthNumber(day: number): number {
  const { year, month } = civilFromDay(day);
  return year * 12 + month - 1;
}

/** `yyyy-mm` of a month number. */
export function monthText(month: number): string {
  const year = Math.floor(month / 12);
  return `${String(year).padStart(4, '0')}-${String((month % 12) + 1).padStart(2, '0')}`;
}

export interface Cohort {
  /** `yyyy-mm` of the first purchases. */
  month: string;
  customers: number;
  /** Per month since (0 … months − 1): customers of the cohort who bought that month; null when not observed. */
  active: (number | null)[];
  /** active ÷ customers; null when not observed. */
  retention: (number | null)[];
  /** Cumulative net revenue per customer, thousandths; null when not observed. */
  cumulativeRevenuePerCustomer: (number | null)[];
}

export interface CohortTable {
  asOfDay: number;
  /** Months since the cohort month, in each cohort's arrays. */
  months: number;
  /** Oldest cohort first. */
  cohorts: Cohort[];
  /** `yyyy-mm` of the analysis date: its cells cover only part of the month. */
  partialMonth: string;
}

/** Each customer's first purchase day and first purchase order (-1 for none), on or before `asOfDay`. */
export function firstPurchases(book: OrderBook, asOfDay: number): { day: Int32Array; order: Int32Array } {
  const count = book.customerIds.length;
  const day = new Int32Array(count).fill(2147483647);
  const order = new Int32Array(count).fill(-1);
  for (let o = 0; o < book.orderCount; o++) {
    if (book.orderAmount[o] < 0 || book.orderDay[o] > asOfDay) continue;
    const customer = book.orderCustomer[o];
    if (book.orderDay[o] < day[customer]) {
      day[customer] = book.orderDay[o];
      order[customer] = o;
    }
  }
  return { day, order };
}

/** The retention triangle; `asOfDay` defaults to the latest order day. */
export function retentionCohorts(
  book: OrderBook,
  options: { asOfDay?: number; months?: number } = {},
): CohortTable {
  const asOfDay = options.asOfDay ?? latestOrderDay(book) ?? 0;
  const asked = options.months ?? COHORT_MONTHS;
  const months = Number.isFinite(asked) ? Math.min(1200, Math.max(1, Math.floor(asked))) : COHORT_MONTHS;
  const lastMonth = monthNumber(asOfDay);
  const first = firstPurchases(book, asOfDay);
  const count = book.customerIds.length;
  const cohortOf = new Int32Array(count).fill(-1);
  const cohortMonths: number[] = [];
  const slotOfMonth = new Map<number, number>();
  for (let customer = 0; customer < count; customer++) {
    if (first.order[customer] < 0) continue;
    const month = monthNumber(first.day[customer]);
    let slot = slotOfMonth.get(month);
    if (slot === undefined) {
      slot = cohortMonths.length;
      slotOfMonth.set(month, slot);
      cohortMonths.push(month);
    }
    cohortOf[customer] = slot;
  }
  const size = new Int32Array(cohortMonths.length);
  for (let customer = 0; customer < count; customer++)
    if (cohortOf[customer] >= 0) size[cohortOf[customer]]++;
  const active = new Int32Array(cohortMonths.length * months);
  const revenue = new Float64Array(cohortMonths.length * months);
  // A customer counts once per month since. The orders are walked by day, so each customer's months
  // since come in order: the last one counted is all there is to remember.
  const lastCounted = new Int32Array(count).fill(-1);
  let month = 0;
  let monthDay = NaN;
  for (const o of ordersByDay(book, asOfDay)) {
    const day = book.orderDay[o];
    const customer = book.orderCustomer[o];
    const slot = cohortOf[customer];
    if (slot < 0 || day < first.day[customer]) continue;
    if (day !== monthDay) {
      month = monthNumber(day);
      monthDay = day;
    }
    const since = month - cohortMonths[slot];
    if (since >= months) continue;
    revenue[slot * months + since] += book.orderAmount[o];
    if (book.orderAmount[o] < 0 || lastCounted[customer] === since) continue;
    lastCounted[customer] = since;
    active[slot * months + since]++;
  }
  const order = cohortMonths.map((_, slot) => slot).sort((a, b) => cohortMonths[a] - cohortMonths[b]);
  const cohorts = order.map((slot): Cohort => {
    const customers = size[slot];
    const cohort: Cohort = {
      month: monthText(cohortMonths[slot]),
      customers,
      active: [],
      retention: [],
      cumulativeRevenuePerCustomer: [],
    };
    let cumulative = 0;
    for (let since = 0; since < months; since++) {
      if (cohortMonths[slot] + since > lastMonth) {
        cohort.active.push(null);
        cohort.retention.push(null);
        cohort.cumulativeRevenuePerCustomer.push(null);
        continue;
      }
      cumulative += revenue[slot * months + since];
      cohort.active.push(active[slot * months + since]);
      cohort.retention.push(active[slot * months + since] / customers);
      cohort.cumulativeRevenuePerCustomer.push(cumulative / customers);
    }
    return cohort;
  });
  return { asOfDay, months, cohorts, partialMonth: monthText(lastMonth) };
}

/**
 * The segment of each scored customer, as `Analysis` gives it (`metrics.customers`, `segment`,
 * `segmentNames`): `customers[i]`, an index in the book's `customerIds`, is in segment
 * `names[segment[i]]`.
 */
export interface SegmentAssignment {
  customers: ArrayLike<number>;
  segment: ArrayLike<number>;
  names: readonly string[];
}

export interface SegmentRepeat {
  segment: string;
  /** Customers of the segment whose first purchase is at least `windowDays` before the analysis date. */
  eligible: number;
  /** Of those, the ones with another purchase on a later day within `windowDays` of the first. */
  repeaters: number;
  /** repeaters ÷ eligible; null when no customer is eligible. */
  repeatRate: number | null;
  /** Customers of the segment too recent to tell (first purchase under `windowDays` ago). */
  tooRecent: number;
}

/**
 * Per segment: the share of customers who bought again within `windowDays` (90 by default) of their
 * first purchase, i.e. a purchase on a day in (first day, first day + windowDays]. Only customers
 * whose whole window lies on or before the analysis date are counted (others are `tooRecent`).
 * Segments in the order of `names`; a customer without a purchase (or not in the book) counts as
 * too recent.
 */
export function repeatRateBySegment(
  book: OrderBook,
  segments: SegmentAssignment,
  options: { asOfDay?: number; windowDays?: number } = {},
): SegmentRepeat[] {
  const asOfDay = options.asOfDay ?? latestOrderDay(book) ?? 0;
  const asked = options.windowDays ?? REPEAT_WINDOW_DAYS;
  const windowDays = Number.isFinite(asked) ? Math.max(0, Math.floor(asked)) : REPEAT_WINDOW_DAYS;
  const first = firstPurchases(book, asOfDay);
  const repeated = new Uint8Array(book.customerIds.length);
  for (let o = 0; o < book.orderCount; o++) {
    if (book.orderAmount[o] < 0 || book.orderDay[o] > asOfDay) continue;
    const customer = book.orderCustomer[o];
    const since = book.orderDay[o] - first.day[customer];
    if (since > 0 && since <= windowDays) repeated[customer] = 1;
  }
  const rows: SegmentRepeat[] = segments.names.map((segment) => ({
    segment,
    eligible: 0,
    repeaters: 0,
    repeatRate: null,
    tooRecent: 0,
  }));
  for (let i = 0; i < segments.customers.length; i++) {
    const row = rows[segments.segment[i]] as SegmentRepeat | undefined;
    if (!row) continue;
    const customer = segments.customers[i];
    const known = customer >= 0 && customer < first.order.length;
    if (!known || first.order[customer] < 0 || first.day[customer] + windowDays > asOfDay) {
      row.tooRecent++;
      continue;
    }
    row.eligible++;
    if (repeated[customer]) row.repeaters++;
  }
  for (const row of rows) row.repeatRate = row.eligible > 0 ? row.repeaters / row.eligible : null;
  return rows;
}
