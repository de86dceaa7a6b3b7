/**
 * Order dates far outside the range of the others — a typo such as 9999-12-31 or 1900-01-01 —
 * which would silently move the default analysis date (the latest order) or a first purchase.
 * They are not dropped: they are listed, with their rows, as a warning.
 */
import { isoDay } from './days';
import { t, type Lang } from './labels';
import type { OrderBook } from './orders';
import { quantileThresholds } from './scores';

/** The narrowest margin around the median date: a date within five years of it is never flagged. */
export const OUTLIER_MIN_MARGIN_DAYS = 1826;
/** How many median absolute deviations away from the median date a date is far out. */
export const OUTLIER_DEVIATIONS = 5;

/** Orders dated far outside the others, and the sheet rows of their lines. */
export interface DateOutliers {
  /** The days outside which an order is flagged: [median − margin, median + margin]. */
  low: number;
  high: number;
  /** Sheet rows of the lines of the flagged orders, ascending. */
  rows: number[];
  /** The flagged orders' days, by row (same order as `rows`). */
  days: number[];
}

/**
 * An order is flagged when its date is more than max(5 × MAD, 1,826 days, five years) away from the median of
 * the orders' dates, MAD being the median of the orders' distances in days to that median. Both
 * medians resist the outliers themselves (one 9999-12-31 among four orders moves neither), and the
 * five-year floor leaves alone a shop's ordinary history. null when no order is flagged.
 */
export function dateOutliers(book: OrderBook): DateOutliers | null {
  if (book.orderCount < 2) return null;
  // The median lies between the earliest and the latest day: when those are within the narrowest
  // margin of each other, so is every day of the median, and no median need be found.
  let earliest = Infinity;
  let latest = -Infinity;
  for (let order = 0; order < book.orderCount; order++) {
    earliest = Math.min(earliest, book.orderDay[order]);
    latest = Math.max(latest, book.orderDay[order]);
  }
  if (latest - earliest <= OUTLIER_MIN_MARGIN_DAYS) return null;
  const median = Math.round(quantileThresholds(book.orderDay, 2)[0]);
  const distances = new Int32Array(book.orderCount);
  for (let order = 0; order < book.orderCount; order++)
    distances[order] = Math.abs(book.orderDay[order] - median);
  const deviation = quantileThresholds(distances, 2)[0];
  const margin = Math.floor(Math.max(OUTLIER_DEVIATIONS * deviation, OUTLIER_MIN_MARGIN_DAYS));
  const low = median - margin;
  const high = median + margin;
  // The lines are looked at only when an order is out of range: most files have none.
  let outlying = false;
  for (let order = 0; order < book.orderCount && !outlying; order++)
    outlying = book.orderDay[order] < low || book.orderDay[order] > high;
  if (!outlying) return null;
  const rows: number[] = [];
  const days: number[] = [];
  for (let line = 0; line < book.lineCount; line++) {
    const day = book.orderDay[book.lineOrder[line]];
    if (day >= low && day <= high) continue;
    rows.push(book.firstRowNumber + book.lineRow[line]);
    days.push(day);
  }
  return rows.length === 0 ? null : { low, high, rows, days };
}

/** Rows listed in the warning; the rest are counted. */
const LISTED_ROWS = 10;

/** The warning about far-out dates, in the user's language: rows listed with their dates. */
export function dateOutliersMessage(outliers: DateOutliers, lang: Lang): string {
  const listed = outliers.rows
    .slice(0, LISTED_ROWS)
    .map((row, index) => `${row} (${isoDay(outliers.days[index])})`);
  const rest = outliers.rows.length - listed.length;
  return t(lang, 'warning.outlyingDates', {
    count: outliers.rows.length,
    low: isoDay(outliers.low),
    high: isoDay(outliers.high),
    rows:
      rest > 0 ? `${listed.join(', ')} ${t(lang, 'warning.moreRows', { count: rest })}` : listed.join(', '),
  });
}
