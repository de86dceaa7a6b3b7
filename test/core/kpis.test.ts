import { describe, expect, it } from 'vitest';
import { computeKpis, medianOfSorted, type KpiFigures } from '../../src/core/kpis';
import type { CustomerMetrics } from '../../src/core/metrics';
import type { Scores, Thresholds } from '../../src/core/scores';

/** One scored customer, money in thousandths. */
interface Customer {
  segment: number;
  recencyDays: number;
  frequency: number;
  monetary: number;
  purchaseSpend: number;
  r: number;
  f: number;
}

const THRESHOLDS: Thresholds = {
  classes: 5,
  recency: [10, 30, 60, 200],
  frequency: [1, 1.5, 2.5, 3.5],
  monetary: [20000, 90000, 150000, 400000],
};

function metricsOf(customers: Customer[]): CustomerMetrics {
  const column = (pick: (customer: Customer) => number) => customers.map(pick);
  return {
    asOfDay: 20000,
    count: customers.length,
    ids: customers.map((_, i) => `c${i}`),
    customers: Int32Array.from(customers, (_, i) => i),
    recencyDays: Int32Array.from(column((c) => c.recencyDays)),
    frequency: Int32Array.from(column((c) => c.frequency)),
    monetary: Float64Array.from(column((c) => c.monetary)),
    purchaseSpend: Float64Array.from(column((c) => c.purchaseSpend)),
    firstPurchase: Int32Array.from(column((c) => 20000 - c.recencyDays - 100)),
    lastPurchase: Int32Array.from(column((c) => 20000 - c.recencyDays)),
    attributes: [],
    ordersAfterAsOf: 0,
    refundOnlyCustomers: 0,
    lineColumns: [],
  };
}

function scoresOf(customers: Customer[]): Scores {
  return {
    r: Uint8Array.from(customers.map((c) => c.r)),
    f: Uint8Array.from(customers.map((c) => c.f)),
    m: new Uint8Array(customers.length).fill(3),
  };
}

function kpisOf(customers: Customer[], segmentNames: string[]) {
  return computeKpis(
    metricsOf(customers),
    scoresOf(customers),
    THRESHOLDS,
    Uint16Array.from(customers.map((c) => c.segment)),
    segmentNames,
  );
}

const NAMES = ['Champions', 'Fidèles', 'Perdus', 'Autres'];
const CHAMPIONS = 0;
const LOYAL = 1;
const OTHERS = 3;

/** 8 customers: Champions (3), Fidèles (3), Perdus (none), Autres (2). */
const SHOP: Customer[] = [
  { segment: CHAMPIONS, recencyDays: 10, frequency: 4, monetary: 400000, purchaseSpend: 400000, r: 4, f: 5 },
  { segment: LOYAL, recencyDays: 30, frequency: 2, monetary: 100000, purchaseSpend: 100000, r: 3, f: 3 },
  { segment: CHAMPIONS, recencyDays: 2, frequency: 5, monetary: 500000, purchaseSpend: 500000, r: 5, f: 5 },
  { segment: OTHERS, recencyDays: 300, frequency: 1, monetary: 20000, purchaseSpend: 20000, r: 1, f: 1 },
  { segment: LOYAL, recencyDays: 50, frequency: 1, monetary: 60000, purchaseSpend: 60000, r: 2, f: 1 },
  // a refund of 20.00 on top of 300.00 of purchases
  { segment: CHAMPIONS, recencyDays: 4, frequency: 3, monetary: 280000, purchaseSpend: 300000, r: 5, f: 4 },
  // refunds outweigh purchases: negative net spend
  { segment: OTHERS, recencyDays: 200, frequency: 1, monetary: -10000, purchaseSpend: 40000, r: 1, f: 1 },
  { segment: LOYAL, recencyDays: 40, frequency: 2, monetary: 90000, purchaseSpend: 90000, r: 3, f: 3 },
];

const COUNTED: (keyof KpiFigures)[] = ['customers', 'revenue', 'orders'];

describe('kpis', () => {
  const report = kpisOf(SHOP, NAMES);
  const [champions, loyal, lost, others] = report.segments;

  it('each segment counts its customers, revenue and orders, with their shares of the total', () => {
    expect(champions).toMatchObject({ name: 'Champions', empty: false, customers: 3, revenue: 1180000 });
    expect(champions.orders).toBe(12);
    expect(champions.customerShare).toBe(3 / 8);
    expect(champions.revenueShare).toBe(1180000 / 1440000);
    expect(loyal).toMatchObject({ customers: 3, revenue: 250000, orders: 5, customerShare: 3 / 8 });
    expect(others).toMatchObject({ customers: 2, revenue: 10000, orders: 2, customerShare: 2 / 8 });
  });

  it('a refund lowers revenue but not the average basket', () => {
    const kpis = kpisOf(
      [{ segment: 0, recencyDays: 5, frequency: 2, monetary: 80000, purchaseSpend: 100000, r: 5, f: 3 }],
      ['Seul'],
    );
    expect(kpis.segments[0].revenue).toBe(80000);
    expect(kpis.segments[0].averageBasket).toBe(50000);
    expect(kpis.totals.averageBasket).toBe(50000);
  });

  it('average basket is the spend of purchases over the purchases of the segment', () => {
    expect(champions.averageBasket).toBe(1200000 / 12);
    expect(loyal.averageBasket).toBe(250000 / 5);
    expect(others.averageBasket).toBe(60000 / 2);
    expect(report.totals.averageBasket).toBe(1510000 / 19);
  });

  it('purchase frequency is purchases per customer', () => {
    expect(champions.purchaseFrequency).toBe(4);
    expect(loyal.purchaseFrequency).toBe(5 / 3);
    expect(report.totals.purchaseFrequency).toBe(19 / 8);
  });

  it('median recency is the middle value, or the mean of the two middle values for an even count', () => {
    expect(champions.medianRecencyDays).toBe(4); // 2, 4, 10
    expect(loyal.medianRecencyDays).toBe(40); // 30, 40, 50
    expect(others.medianRecencyDays).toBe(250); // 200, 300
    expect(report.totals.medianRecencyDays).toBe(35); // 2 4 10 30 | 40 50 200 300
    expect(medianOfSorted([1, 2, 4, 7])).toBe(3);
    expect(medianOfSorted([])).toBeNull();
  });

  it('an empty segment is flagged, with zero counts and no averages', () => {
    expect(lost).toEqual({
      name: 'Perdus',
      empty: true,
      customers: 0,
      customerShare: 0,
      revenue: 0,
      revenueShare: 0,
      orders: 0,
      averageBasket: null,
      purchaseFrequency: null,
      medianRecencyDays: null,
      repeatRate: null,
    });
  });

  it('repeat-purchase rate is the share of customers with 2 purchases or more', () => {
    expect(champions.repeatRate).toBe(1);
    expect(loyal.repeatRate).toBe(2 / 3);
    expect(others.repeatRate).toBe(0);
    expect(report.totals.repeatRate).toBe(5 / 8);
  });

  it('returning revenue share is the revenue of customers with 2 purchases or more over all revenue', () => {
    expect(report.returningRevenueShare).toBe(1370000 / 1440000);
  });

  it('shares of revenue are null when the total revenue is zero or negative', () => {
    const refunds = kpisOf(
      [
        { segment: 0, recencyDays: 3, frequency: 2, monetary: -5000, purchaseSpend: 0, r: 5, f: 3 },
        { segment: 1, recencyDays: 9, frequency: 1, monetary: 5000, purchaseSpend: 5000, r: 4, f: 1 },
      ],
      ['A', 'B'],
    );
    expect(refunds.totals.revenue).toBe(0);
    expect(refunds.returningRevenueShare).toBeNull();
    expect(refunds.segments.map((s) => s.revenueShare)).toEqual([null, null]);
    const negative = kpisOf([{ ...SHOP[6], segment: 0 }], ['A']);
    expect(negative.totals.revenueShare).toBeNull();
    expect(negative.returningRevenueShare).toBeNull();
  });

  it('totals equal the sums over segments', () => {
    for (const key of COUNTED) {
      expect(report.totals[key]).toBe(report.segments.reduce((sum, s) => sum + (s[key] as number), 0));
    }
    expect(report.totals).toMatchObject({ customers: 8, revenue: 1440000, orders: 19, customerShare: 1 });
    expect(report.totals.revenueShare).toBe(1);
    expect(report.segments.reduce((sum, s) => sum + (s.customerShare ?? 0), 0)).toBeCloseTo(1, 12);
  });

  it('the heatmap has one cell per R and F score, with the mean net spend of its customers', () => {
    expect(report.heatmap).toHaveLength(5);
    expect(report.heatmap.every((row) => row.length === 5)).toBe(true);
    expect(report.heatmap[0][0]).toEqual({ customers: 2, averageSpend: 5000 }); // 20.00 and −10.00
    expect(report.heatmap[2][2]).toEqual({ customers: 2, averageSpend: 95000 });
    expect(report.heatmap[4][3]).toEqual({ customers: 1, averageSpend: 280000 });
    expect(report.heatmap[0][4]).toEqual({ customers: 0, averageSpend: null });
    const cells = report.heatmap.flat();
    expect(cells.reduce((sum, cell) => sum + cell.customers, 0)).toBe(8);
  });

  it('passes the thresholds in force through', () => {
    expect(report.thresholds).toBe(THRESHOLDS);
  });

  it('no scored customer gives empty segments and null shares', () => {
    const none = kpisOf([], ['A', 'Autres']);
    expect(none.segments.map((s) => [s.empty, s.customers, s.customerShare])).toEqual([
      [true, 0, null],
      [true, 0, null],
    ]);
    expect(none.totals.medianRecencyDays).toBeNull();
    expect(none.returningRevenueShare).toBeNull();
  });

  it('a segment index outside the segment names is an error', () => {
    expect(() => kpisOf([{ ...SHOP[0], segment: 2 }], ['A', 'Autres'])).toThrow(RangeError);
  });
});
