import { describe, expect, it } from 'vitest';
import {
  meanRepeatSpend,
  observedDays,
  repeatSpanDays,
  summariseForClv,
  type ClvSummary,
} from '../../src/core/clv-summary';
import { dayFromIso } from '../../src/core/days';
import { computeMetrics } from '../../src/core/metrics';
import { readOrders, type OrderBook } from '../../src/core/orders';
import type { Cell } from '../../src/core/values';

const header = ['Commande', 'Client', 'Date', 'Montant'];
const rows: Cell[][] = [
  header,
  ['1', 'anne', '2025-01-10', '100'],
  ['2', 'anne', '2025-01-10', '20'], // same day: one purchase day
  ['3', 'anne', '2025-01-24', '40'],
  ['4', 'anne', '2025-02-07', '60'],
  ['5', 'anne', '2025-02-07', '-10'], // refund the same day: lowers that day's spend
  ['6', 'anne', '2025-02-20', '-5'], // refund on a day without purchase: lowers 7 Feb's spend
  ['7', 'bob', '2025-01-03', '-15'], // refund before any purchase: ignored
  ['8', 'bob', '2025-01-05', '30'],
  ['9', 'bob', '2025-01-20', '-30'], // refund of the first purchase: repeat spend untouched
  ['10', 'bob', '2025-02-02', '0'], // a zero-amount order is a purchase
  ['11', 'carl', '2025-01-31', '-20'], // refunds only: no purchase, not a customer here
  ['12', 'dora', '2025-03-01', '25'], // after the analysis date
  ['13', 'anne', '2025-03-05', '70'], // holdout
  ['14', 'anne', '2025-03-05', '10'], // holdout, same day
  ['15', 'anne', '2025-03-20', '-70'], // holdout refund: not a purchase
  ['16', 'bob', '2025-04-02', '15'], // after the holdout window
];
const book = readOrders(rows, { locale: 'fr_FR' });
const asOf = dayFromIso('2025-02-28')!;

function customer(summary: ClvSummary, id: string): number {
  const index = summary.ids.indexOf(id);
  expect(index).toBeGreaterThanOrEqual(0);
  return index;
}

describe('per-customer history for the predicted value (src/core/README.md, "Predicted value")', () => {
  const summary = summariseForClv(book, asOf);

  it('x counts repeat purchase days: same-day purchases are one purchase day', () => {
    const anne = customer(summary, 'anne');
    expect(summary.repeatDays[anne]).toBe(2);
    expect(repeatSpanDays(summary, anne)).toBe(28); // 10 Jan to 7 Feb
    expect(observedDays(summary, anne)).toBe(49); // 10 Jan to 28 Feb
  });

  it('m̄ leaves out the first purchase day; refunds lower the latest purchase day on or before them', () => {
    const anne = customer(summary, 'anne');
    // 24 Jan: 40; 7 Feb: 60 − 10 − 5 = 45 (thousandths).
    expect(summary.repeatSpend[anne]).toBe(85_000);
    expect(meanRepeatSpend(summary, anne)).toBe(42_500);
  });

  it('a refund before any purchase, or of the first purchase, leaves the repeat spend alone; 0 is a purchase', () => {
    const bob = customer(summary, 'bob');
    expect(summary.repeatDays[bob]).toBe(1);
    expect(summary.repeatSpend[bob]).toBe(0);
    expect(meanRepeatSpend(summary, bob)).toBe(0);
    expect(repeatSpanDays(summary, bob)).toBe(28);
  });

  it('has the customers the RFM metrics score, in the same order, with the same first and last purchase', () => {
    const metrics = computeMetrics(book, asOf);
    expect(summary.ids).toEqual(metrics.ids);
    expect(summary.ids).toEqual(['anne', 'bob']);
    expect(Array.from(summary.firstPurchase)).toEqual(Array.from(metrics.firstPurchase));
    expect(Array.from(summary.lastPurchase)).toEqual(Array.from(metrics.lastPurchase));
    expect(meanRepeatSpend(summary, 0)).not.toBeNull();
    const oneTime = summariseForClv(book, dayFromIso('2025-01-10')!);
    expect(oneTime.ids).toEqual(['anne', 'bob']);
    expect(observedDays(oneTime, 1)).toBe(5);
    expect(meanRepeatSpend(oneTime, 0)).toBeNull();
    expect(oneTime.repeatDays[0]).toBe(0);
    expect(repeatSpanDays(oneTime, 0)).toBe(0);
    expect(observedDays(oneTime, 0)).toBe(0);
  });

  it('counts the purchase days of the holdout window (after the analysis date, up to its end), not its refunds', () => {
    expect(summary.holdoutDays).toBeNull();
    const withHoldout = summariseForClv(book, asOf, dayFromIso('2025-03-31')!);
    expect(withHoldout.ids).toEqual(['anne', 'bob']);
    expect(Array.from(withHoldout.holdoutDays!)).toEqual([1, 0]);
    // The calibration figures do not change with the window.
    expect(Array.from(withHoldout.repeatSpend)).toEqual(Array.from(summary.repeatSpend));
    expect(Array.from(withHoldout.repeatDays)).toEqual(Array.from(summary.repeatDays));
  });

  it('an empty order book gives an empty summary', () => {
    const empty = summariseForClv(readOrders([header], { locale: 'fr_FR' }), asOf);
    expect(empty.count).toBe(0);
    expect(empty.ids).toEqual([]);
  });

  it('orders spread over more days than the day buckets are sorted by comparison, with the same result', () => {
    // Day numbers 5 million apart cannot come from a sheet (its dates span about 3 million days).
    const orders = (shift: number) =>
      ({
        customerIds: ['a', 'b'],
        orderCount: 5,
        orderCustomer: Int32Array.from([1, 0, 0, 1, 0]),
        orderDay: Int32Array.from([3, 0, shift, shift + 10, shift + 2]),
        orderAmount: Float64Array.from([10_000, 5_000, 7_000, 1_000, 3_000]),
      }) as unknown as OrderBook;
    const near = summariseForClv(orders(100), 200);
    const far = summariseForClv(orders(5_000_000), 5_000_100);
    expect(far.ids).toEqual(['a', 'b']);
    expect(Array.from(far.repeatDays)).toEqual([2, 1]);
    expect(Array.from(far.repeatSpend)).toEqual(Array.from(near.repeatSpend));
    expect(Array.from(far.repeatSpend)).toEqual([10_000, 1_000]);
    expect(repeatSpanDays(far, 0)).toBe(5_000_002);
  });
});
