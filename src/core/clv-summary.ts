/**
 * Each customer's purchase history as the predicted-value models see it (see src/core/README.md,
 * "Predicted value"), from the orders already read, with the same rules as the RFM metrics
 * ("Reading rows" and "Metrics" there): a purchase is an order whose net amount is zero or more, a
 * refund (negative net amount) is not a purchase, and orders dated after the analysis date are left
 * out. Customers are the ones `computeMetrics` scores, in the same order: index i here is index i
 * of `CustomerMetrics`.
 *
 * A *purchase day* is a calendar day with at least one purchase: purchases on the same day count
 * once (the models count purchase occasions, as the papers do on CDNOW).
 */
import { ordersByDay } from './order-days';
import type { OrderBook } from './orders';

export interface ClvSummary {
  /** Analysis date (day number): the end of the observed history. */
  asOfDay: number;
  /** Customers with at least one purchase up to the analysis date. */
  count: number;
  ids: string[];
  /** x: repeat purchase days, the distinct purchase days minus one (0 for a one-time buyer). */
  repeatDays: Int32Array;
  /** Day number of the first purchase. */
  firstPurchase: Int32Array;
  /** Day number of the last purchase. */
  lastPurchase: Int32Array;
  /**
   * Net spend of the repeat purchase days, in thousandths like `OrderBook.orderAmount`: what was
   * spent on every purchase day but the first. A day's spend is the net amount of all the
   * customer's orders that day; a refund on a day without a purchase lowers the spend of the
   * latest purchase day before it (the purchase it most likely undoes), so a refund of the first
   * purchase leaves the repeat spend alone and one made before any purchase is ignored. It can be
   * zero or negative (the spend model then leaves the customer out of its fit).
   */
  repeatSpend: Float64Array;
  /**
   * Purchase days in the holdout window (after the analysis date, up to `holdoutEndDay`), when one
   * was asked for: what the customer actually did in the period the models predict.
   */
  holdoutDays: Int32Array | null;
  holdoutEndDay: number | null;
}

/** t_x in days: from the first to the last purchase day (0 for a one-time buyer). */
export function repeatSpanDays(summary: ClvSummary, index: number): number {
  return summary.lastPurchase[index] - summary.firstPurchase[index];
}

/** T in days: from the first purchase day to the analysis date. */
export function observedDays(summary: ClvSummary, index: number): number {
  return summary.asOfDay - summary.firstPurchase[index];
}

/**
 * m̄: mean spend of the repeat purchase days, in thousandths (null for a one-time buyer: the
 * first purchase is left out, the Gamma-Gamma convention).
 */
export function meanRepeatSpend(summary: ClvSummary, index: number): number | null {
  const x = summary.repeatDays[index];
  return x > 0 ? summary.repeatSpend[index] / x : null;
}

/**
 * The summary at `asOfDay`, and when `holdoutEndDay` is given, each customer's purchase days in
 * (asOfDay, holdoutEndDay]. One counting sort of the orders by day then by customer: linear in
 * the orders (plus the span of days, or n log n when the days span more than 4 million).
 */
export function summariseForClv(
  book: OrderBook,
  asOfDay: number,
  holdoutEndDay: number | null = null,
): ClvSummary {
  const { orderCustomer, orderDay, orderAmount } = book;
  const lastDay = holdoutEndDay !== null && holdoutEndDay > asOfDay ? holdoutEndDay : asOfDay;
  const sorted = ordersByCustomerThenDay(book, lastDay);
  const all = book.customerIds.length;

  const firstPurchase = new Int32Array(all);
  const lastPurchase = new Int32Array(all);
  const repeatDays = new Int32Array(all);
  const repeatSpend = new Float64Array(all);
  const holdout = new Int32Array(all);
  const hasPurchase = new Uint8Array(all);

  let position = 0;
  while (position < sorted.length) {
    const customer = orderCustomer[sorted[position]];
    let purchaseDays = 0;
    // Whether the latest purchase day so far is a repeat one (its spend counts).
    let latestIsRepeat = false;
    while (position < sorted.length && orderCustomer[sorted[position]] === customer) {
      const day = orderDay[sorted[position]];
      let net = 0;
      let purchase = false;
      while (
        position < sorted.length &&
        orderCustomer[sorted[position]] === customer &&
        orderDay[sorted[position]] === day
      ) {
        const amount = orderAmount[sorted[position]];
        net += amount;
        if (amount >= 0) purchase = true;
        position++;
      }
      if (day > asOfDay) {
        if (purchase && purchaseDays > 0) holdout[customer]++;
        continue;
      }
      if (purchase) {
        if (purchaseDays === 0) firstPurchase[customer] = day;
        else repeatSpend[customer] += net;
        latestIsRepeat = purchaseDays > 0;
        purchaseDays++;
        lastPurchase[customer] = day;
      } else if (latestIsRepeat) {
        repeatSpend[customer] += net;
      }
    }
    if (purchaseDays > 0) {
      hasPurchase[customer] = 1;
      repeatDays[customer] = purchaseDays - 1;
    }
  }

  // Keep the customers with a purchase, in the order computeMetrics keeps them.
  let count = 0;
  const ids: string[] = [];
  for (let customer = 0; customer < all; customer++) {
    if (!hasPurchase[customer]) continue;
    const kept = count++;
    ids.push(book.customerIds[customer]);
    firstPurchase[kept] = firstPurchase[customer];
    lastPurchase[kept] = lastPurchase[customer];
    repeatDays[kept] = repeatDays[customer];
    repeatSpend[kept] = repeatSpend[customer];
    holdout[kept] = holdout[customer];
  }
  return {
    asOfDay,
    count,
    ids,
    repeatDays: repeatDays.subarray(0, count),
    firstPurchase: firstPurchase.subarray(0, count),
    lastPurchase: lastPurchase.subarray(0, count),
    repeatSpend: repeatSpend.subarray(0, count),
    holdoutDays: holdoutEndDay !== null ? holdout.subarray(0, count) : null,
    holdoutEndDay,
  };
}

/** Indexes of the orders dated up to `lastDay`, grouped by customer, by day within a customer. */
function ordersByCustomerThenDay(book: OrderBook, lastDay: number): Int32Array {
  const { orderCustomer } = book;
  const byDay = ordersByDay(book, lastDay);
  const kept = byDay.length;
  // Stable counting sort by customer keeps the day order within each customer.
  const customers = book.customerIds.length;
  const starts = new Int32Array(customers + 1);
  for (const order of byDay) starts[orderCustomer[order] + 1]++;
  for (let c = 1; c <= customers; c++) starts[c] += starts[c - 1];
  const sorted = new Int32Array(kept);
  for (const order of byDay) sorted[starts[orderCustomer[order]]++] = order;
  return sorted;
}
