/**
 * The orders of an `OrderBook` in order of their day: what the predicted-value summary, the
 * retention cohorts and the campaign windows walk through. One counting sort, linear in the orders
 * plus the span of days (a million orders over a few years: a few tens of milliseconds, where a
 * comparison sort takes several hundred).
 */
import type { OrderBook } from './orders';

/** Days spanned beyond which orders are sorted by comparison rather than counted into day buckets. */
const MAX_DAY_BUCKETS = 1 << 22;

/**
 * Indexes of the orders dated up to `lastDay` (every order by default), by day, and by index
 * within a day.
 */
export function ordersByDay(
  book: Pick<OrderBook, 'orderCount' | 'orderDay'>,
  lastDay = Infinity,
): Int32Array {
  const { orderCount, orderDay } = book;
  let kept = 0;
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (let order = 0; order < orderCount; order++) {
    const day = orderDay[order];
    if (day > lastDay) continue;
    kept++;
    if (day < minDay) minDay = day;
    if (day > maxDay) maxDay = day;
  }
  const byDay = new Int32Array(kept);
  if (kept === 0) return byDay;
  const span = maxDay - minDay + 1;
  if (span > MAX_DAY_BUCKETS) {
    let next = 0;
    for (let order = 0; order < orderCount; order++) if (orderDay[order] <= lastDay) byDay[next++] = order;
    return byDay.sort((left, right) => orderDay[left] - orderDay[right] || left - right);
  }
  const starts = new Int32Array(span + 1);
  for (let order = 0; order < orderCount; order++) {
    if (orderDay[order] <= lastDay) starts[orderDay[order] - minDay + 1]++;
  }
  for (let d = 1; d <= span; d++) starts[d] += starts[d - 1];
  for (let order = 0; order < orderCount; order++) {
    if (orderDay[order] <= lastDay) byDay[starts[orderDay[order] - minDay]++] = order;
  }
  return byDay;
}
