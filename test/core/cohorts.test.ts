import { describe, expect, it } from 'vitest';
import { repeatRateBySegment, retentionCohorts } from '../../src/core/cohorts';
import { dayFromIso } from '../../src/core/days';
import { readOrders } from '../../src/core/orders';
import type { Cell } from '../../src/core/values';
import { readTableFile } from '../../src/local/table-file';
import { dataSet } from '../data-sets';
import { firstPurchaseDays, retailOrders } from '../data/raw-orders';

function book(lines: [string, string, number][]) {
  return readOrders([['Client', 'Date', 'Montant'], ...lines], { locale: 'en_US' });
}

const SMALL = book([
  ['a', '2024-01-05', 10],
  ['a', '2024-02-10', 20],
  ['a', '2024-02-11', -5], // a refund lowers revenue, is not a purchase
  ['b', '2024-01-20', 30],
  ['b', '2024-03-01', 40],
  ['c', '2024-02-01', 50],
  ['c', '2024-02-15', -50],
  ['d', '2024-01-10', -8], // refund-only: in no cohort
]);

describe('retention cohorts (cohort = month of first purchase)', () => {
  const table = retentionCohorts(SMALL, { months: 4 });

  it('groups customers by the month of their first purchase, oldest first; refund-only customers are in none', () => {
    expect(table.cohorts.map((c) => [c.month, c.customers])).toEqual([
      ['2024-01', 2],
      ['2024-02', 1],
    ]);
    expect(table.partialMonth).toBe('2024-03');
  });

  it('retention in month k is the share of the cohort with a purchase in month M + k; months after the analysis date are null', () => {
    expect(table.cohorts[0].retention).toEqual([1, 0.5, 0.5, null]);
    expect(table.cohorts[0].active).toEqual([2, 1, 1, null]);
    expect(table.cohorts[1].retention).toEqual([1, 0, null, null]);
  });

  it('cumulative revenue per customer counts net amounts (refunds included), in thousandths', () => {
    // January cohort: 10 + 30 = 40 → 20 per customer; + 20 − 5 → 32.5; + 40 → 52.5.
    expect(table.cohorts[0].cumulativeRevenuePerCustomer).toEqual([20000, 27500, 47500, null]);
    expect(table.cohorts[1].cumulativeRevenuePerCustomer).toEqual([0, 0, null, null]);
  });

  it('an earlier analysis date leaves later orders out', () => {
    const early = retentionCohorts(SMALL, { asOfDay: dayFromIso('2024-01-31')!, months: 2 });
    expect(early.cohorts).toEqual([
      {
        month: '2024-01',
        customers: 2,
        active: [2, null],
        retention: [1, null],
        cumulativeRevenuePerCustomer: [20000, null],
      },
    ]);
  });
});

describe('repeat rate within 90 days of the first purchase, per segment', () => {
  const repeat = book([
    ['a', '2024-01-01', 10],
    ['a', '2024-03-31', 10], // day 90: counts
    ['b', '2024-01-01', 10],
    ['b', '2024-04-01', 10], // day 91: too late
    ['c', '2024-01-01', 10],
    ['c', '2024-01-01', 10], // same day: not a repeat
    ['e', '2024-05-01', 10], // first purchase under 90 days before the analysis date
    ['z', '2024-06-01', 1],
  ]);
  it('counts a purchase on a later day within (first, first + 90] and leaves out customers too recent to tell', () => {
    const rows = repeatRateBySegment(repeat, {
      customers: [0, 1, 2, 3, 99], // a, b, c, e, and an index the book does not have
      segment: Uint16Array.from([0, 0, 1, 1, 1]),
      names: ['VIP', 'Others', 'Empty'],
    });
    expect(rows).toEqual([
      { segment: 'VIP', eligible: 2, repeaters: 1, repeatRate: 0.5, tooRecent: 0 },
      { segment: 'Others', eligible: 1, repeaters: 0, repeatRate: 0, tooRecent: 2 },
      { segment: 'Empty', eligible: 0, repeaters: 0, repeatRate: null, tooRecent: 0 },
    ]);
  });
});

const retail = dataSet('online_retail.csv.gz');

describe('Online Retail (as of 2011-12-09)', () => {
  it.skipIf(!retail)(
    "the December 2010 cohort's month-1 retention equals a pivot of the raw rows (cancellations are refunds)",
    () => {
      const rows = readTableFile(retail!);
      const table = retentionCohorts(readOrders(rows as Cell[][], { locale: 'en_US' }));
      // Independently: invoices from the raw rows, a purchase when its lines sum to ≥ 0.
      const invoices = retailOrders(rows);
      const firstDay = firstPurchaseDays(invoices);
      const cohort = new Set([...firstDay].filter(([, day]) => day.startsWith('2010-12')).map(([id]) => id));
      const boughtIn = new Map<string, Set<string>>();
      let decemberRevenue = 0;
      for (const { customer, day, total } of invoices) {
        if (!cohort.has(customer)) continue;
        const month = day.slice(0, 7);
        if (total >= 0) boughtIn.set(month, (boughtIn.get(month) ?? new Set()).add(customer));
        if (month === '2010-12' && day >= firstDay.get(customer)!) decemberRevenue += total;
      }
      const boughtInJanuary = boughtIn.get('2011-01')!;
      const december = table.cohorts.find((c) => c.month === '2010-12')!;
      // Every observed month of the cohort, 2010-12 … 2011-12, and nothing after.
      const months = Array.from({ length: 13 }, (_, k) =>
        k === 0 ? '2010-12' : `2011-${String(k).padStart(2, '0')}`,
      );
      expect(december.active.slice(0, 13)).toEqual(months.map((month) => boughtIn.get(month)?.size ?? 0));
      expect(december.active.slice(13)).toEqual(Array(11).fill(null));
      // Every cohort's size: the customers whose first purchase falls in its month.
      const sizes = new Map<string, number>();
      for (const day of firstDay.values()) sizes.set(day.slice(0, 7), (sizes.get(day.slice(0, 7)) ?? 0) + 1);
      expect(table.cohorts.map((c) => [c.month, c.customers])).toEqual([...sizes].sort());
      expect(december.customers).toBe(cohort.size);
      expect(december.active[1]).toBe(boughtInJanuary.size);
      expect(december.retention[1]).toBe(boughtInJanuary.size / cohort.size);
      expect(december.cumulativeRevenuePerCustomer[0]).toBeCloseTo(decemberRevenue / cohort.size, 6);
      expect(december.retention[0]).toBe(1);
      expect(table.partialMonth).toBe('2011-12');
      console.log(
        `Online Retail, December 2010 cohort: ${cohort.size} customers, month-1 retention ${boughtInJanuary.size}/${cohort.size} = ${december.retention[1]}; month 11: ${december.active[11]}`,
      );
    },
    120_000,
  );
});
