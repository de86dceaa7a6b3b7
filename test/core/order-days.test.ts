import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthNumber, repeatRateBySegment, retentionCohorts } from '../../src/core/cohorts';
import { computeMetrics } from '../../src/core/metrics';
import { ordersByDay } from '../../src/core/order-days';
import { readOrders, type OrderBook } from '../../src/core/orders';

/** The definition: indexes of the orders up to `lastDay`, sorted by day, then by index. */
function sortedByDay(orderDay: Int32Array, lastDay: number): number[] {
  return [...orderDay.keys()]
    .filter((order) => orderDay[order] <= lastDay)
    .sort((a, b) => orderDay[a] - orderDay[b] || a - b);
}

/** Orders of five customers on 300 days, refunds among them, lines in any order. */
const orderLines = fc.array(
  fc.tuple(
    fc.constantFrom('a', 'b', 'c', 'd', 'e'),
    fc.integer({ min: 19_700, max: 20_000 }),
    fc.integer({ min: -50, max: 200 }),
  ),
  { minLength: 1, maxLength: 60 },
);

function bookOf(lines: [string, number, number][]): OrderBook {
  return readOrders(
    [
      ['Client', 'Date', 'Montant'],
      ...lines.map(([customer, day, amount]) => [
        customer,
        new Date(day * 86_400_000).toISOString().slice(0, 10),
        amount,
      ]),
    ],
    { locale: 'en_US' },
  );
}

describe('orders by day (one counting sort shared by cohorts, campaigns and the predicted-value summary)', () => {
  it('equals a sort by day then by index, up to the last day asked, in day buckets', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -400, max: 400 }), { maxLength: 80 }),
        fc.integer({ min: -500, max: 500 }),
        (days, lastDay) => {
          const orderDay = Int32Array.from(days);
          const book = { orderCount: days.length, orderDay };
          expect([...ordersByDay(book, lastDay)]).toEqual(sortedByDay(orderDay, lastDay));
          expect([...ordersByDay(book)]).toEqual(sortedByDay(orderDay, Infinity));
        },
      ),
    );
  });

  it('equals it too when the days span more than its buckets (sorted by comparison)', () => {
    const orderDay = Int32Array.from([5_000_000, -3, 7, -3, 5_000_000, 0]);
    expect([...ordersByDay({ orderCount: 6, orderDay })]).toEqual([1, 3, 5, 2, 0, 4]);
    expect([...ordersByDay({ orderCount: 6, orderDay }, 7)]).toEqual([1, 3, 5, 2]);
  });
});

describe('cohorts and repeat rates equal their definitions, whatever the order of the lines', () => {
  it('active customers per cohort and month since: each (customer, month) counted once', () => {
    fc.assert(
      fc.property(orderLines, fc.integer({ min: 19_800, max: 20_050 }), (lines, asOfDay) => {
        const book = bookOf(lines);
        const table = retentionCohorts(book, { asOfDay, months: 6 });
        // The definition, from the lines themselves.
        const firstDay = new Map<string, number>();
        for (const [customer, day, amount] of lines)
          if (amount >= 0 && day <= asOfDay)
            firstDay.set(customer, Math.min(day, firstDay.get(customer) ?? day));
        const active = new Map<string, Set<string>>();
        for (const [customer, day, amount] of lines) {
          const first = firstDay.get(customer);
          if (first === undefined || amount < 0 || day > asOfDay) continue;
          const since = monthNumber(day) - monthNumber(first);
          if (since >= 6) continue;
          const key = `${monthNumber(first)} ${since}`;
          if (!active.has(key)) active.set(key, new Set());
          active.get(key)!.add(customer);
        }
        for (const cohort of table.cohorts) {
          const [year, month] = cohort.month.split('-').map(Number);
          cohort.active.forEach((count, since) => {
            if (count === null) return;
            expect(count).toBe(active.get(`${year * 12 + month - 1} ${since}`)?.size ?? 0);
          });
        }
      }),
    );
  });

  it('repeat rates of the scored customers, found by their index in the book', () => {
    fc.assert(
      fc.property(orderLines, (lines) => {
        const book = bookOf(lines);
        const asOfDay = 20_000;
        const metrics = computeMetrics(book, asOfDay);
        const segment = Array.from(metrics.ids, (id) => (id < 'c' ? 0 : 1));
        const rows = repeatRateBySegment(
          book,
          {
            customers: metrics.customers,
            segment,
            names: ['AB', 'CDE'],
          },
          { asOfDay },
        );
        const expected = ['AB', 'CDE'].map((name, index) => {
          const ids = metrics.ids.filter((_, i) => segment[i] === index);
          const purchases = (id: string) =>
            lines.filter(([c, , amount]) => c === id && amount >= 0).map(([, day]) => day);
          const eligible = ids.filter((id) => Math.min(...purchases(id)) + 90 <= asOfDay);
          const repeaters = eligible.filter((id) => {
            const first = Math.min(...purchases(id));
            return purchases(id).some((day) => day > first && day <= first + 90);
          });
          return {
            segment: name,
            eligible: eligible.length,
            repeaters: repeaters.length,
            repeatRate: eligible.length > 0 ? repeaters.length / eligible.length : null,
            tooRecent: ids.length - eligible.length,
          };
        });
        expect(rows).toEqual(expected);
      }),
    );
  });
});
