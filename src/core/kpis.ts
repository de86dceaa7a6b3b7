/**
 * The figures of the KPI tab (see src/core/README.md, "KPIs"), over scored customers: per segment
 * and in total the customers, revenue, orders, average basket, purchase frequency, median recency
 * and repeat-purchase rate; the share of revenue made by returning customers; the R × F heatmap of
 * average spend. Money is in integer thousandths (averages are left unrounded), shares are
 * fractions 0..1, recency is in calendar days.
 */
import type { Analysis } from './analysis';
import { largeArray, largeCopy } from './large-arrays';
import type { CustomerMetrics } from './metrics';
import type { Scores, Thresholds } from './scores';

/** The per-customer figures the KPIs read: a full `CustomerMetrics` will do. */
export type KpiMetrics = Pick<
  CustomerMetrics,
  'count' | 'recencyDays' | 'frequency' | 'monetary' | 'purchaseSpend'
>;

/** Figures of a group of scored customers: one segment, or all of them. */
export interface KpiFigures {
  customers: number;
  /** customers / all scored customers; null when no customer is scored. */
  customerShare: number | null;
  /** Net spend, refunds included (thousandths). */
  revenue: number;
  /**
   * revenue / total revenue; null when the total revenue is zero or negative. Negative for a group
   * whose refunds outweigh its purchases.
   */
  revenueShare: number | null;
  /** Purchases: the sum of the customers' frequencies. */
  orders: number;
  /** Spend of purchases / purchases, refunds excluded (thousandths); null for no customer. */
  averageBasket: number | null;
  /** Purchases / customers; null for no customer. */
  purchaseFrequency: number | null;
  /** Exact median of the recency days (mean of the two middle values for an even count); null for no customer. */
  medianRecencyDays: number | null;
  /** Share of the customers with 2 purchases or more; null for no customer. */
  repeatRate: number | null;
}

export interface SegmentKpis extends KpiFigures {
  name: string;
  /** No customer in the segment: counts and sums are 0, averages and the median null. */
  empty: boolean;
}

/** One cell of the R × F heatmap: the customers with that R and F score. */
export interface HeatmapCell {
  customers: number;
  /** Mean net spend of those customers (thousandths); null when there is none. */
  averageSpend: number | null;
}

export interface KpiReport {
  /** One entry per segment name, in the given order, empty segments included. */
  segments: SegmentKpis[];
  /** The same figures over all scored customers: counts and sums equal the sums over segments. */
  totals: KpiFigures;
  /**
   * Revenue of the customers with 2 purchases or more / total revenue; null when the total revenue
   * is zero or negative.
   */
  returningRevenueShare: number | null;
  /** classes × classes grid, `heatmap[r - 1][f - 1]`. */
  heatmap: HeatmapCell[][];
  /** The thresholds in force, for the KPI tab to print. */
  thresholds: Thresholds;
}

/** Running sums over a group of customers. */
interface GroupSums {
  customers: number;
  revenue: number;
  orders: number;
  purchaseSpend: number;
  repeatCustomers: number;
  repeatRevenue: number;
}

/**
 * KPIs of scored customers. `segment[i]` is customer i's index into `segmentNames`. Throws a
 * RangeError when the arrays do not describe the same customers or an index is out of range.
 */
export function computeKpis(
  metrics: KpiMetrics,
  scores: Scores,
  thresholds: Thresholds,
  segment: Uint16Array,
  segmentNames: readonly string[],
): KpiReport {
  checkLengths(metrics.count, scores, segment);
  const groups = sumsBySegment(metrics, segment, segmentNames.length);
  const all = groups.reduce(addSums, emptySums());
  const medians = medianRecencyBySegment(metrics, segment, segmentNames.length);
  return {
    segments: segmentNames.map((name, s) => ({
      name,
      empty: groups[s].customers === 0,
      ...figuresOf(groups[s], medians[s], all),
    })),
    totals: figuresOf(all, medianOfSorted(largeCopy(Int32Array, metrics.recencyDays).sort()), all),
    returningRevenueShare: shareOfPositive(all.repeatRevenue, all.revenue),
    heatmap: recencyFrequencyHeatmap(metrics, scores, thresholds.classes),
    thresholds,
  };
}

/** Median of ascending values: the middle one, or the mean of the two middle ones; null when empty. */
export function medianOfSorted(sorted: ArrayLike<number>): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const middle = n >> 1;
  return n % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function checkLengths(count: number, scores: Scores, segment: Uint16Array): void {
  const lengths = [segment.length, scores.r.length, scores.f.length, scores.m.length];
  if (lengths.some((length) => length !== count)) {
    throw new RangeError(`KPIs: ${count} customers but segment/R/F/M arrays of ${lengths.join('/')}`);
  }
}

function emptySums(): GroupSums {
  return { customers: 0, revenue: 0, orders: 0, purchaseSpend: 0, repeatCustomers: 0, repeatRevenue: 0 };
}

function addSums(total: GroupSums, group: GroupSums): GroupSums {
  total.customers += group.customers;
  total.revenue += group.revenue;
  total.orders += group.orders;
  total.purchaseSpend += group.purchaseSpend;
  total.repeatCustomers += group.repeatCustomers;
  total.repeatRevenue += group.repeatRevenue;
  return total;
}

function sumsBySegment(metrics: KpiMetrics, segment: Uint16Array, segmentCount: number): GroupSums[] {
  const groups = Array.from({ length: segmentCount }, emptySums);
  for (let i = 0; i < metrics.count; i++) {
    const group = groups[segment[i]];
    if (!group) throw new RangeError(`KPIs: customer ${i} has segment ${segment[i]} of ${segmentCount}`);
    const frequency = metrics.frequency[i];
    const revenue = metrics.monetary[i];
    group.customers++;
    group.revenue += revenue;
    group.orders += frequency;
    group.purchaseSpend += metrics.purchaseSpend[i];
    if (frequency >= 2) {
      group.repeatCustomers++;
      group.repeatRevenue += revenue;
    }
  }
  return groups;
}

function figuresOf(group: GroupSums, medianRecencyDays: number | null, all: GroupSums): KpiFigures {
  return {
    customers: group.customers,
    customerShare: ratio(group.customers, all.customers),
    revenue: group.revenue,
    revenueShare: shareOfPositive(group.revenue, all.revenue),
    orders: group.orders,
    averageBasket: ratio(group.purchaseSpend, group.orders),
    purchaseFrequency: ratio(group.orders, group.customers),
    medianRecencyDays,
    repeatRate: ratio(group.repeatCustomers, group.customers),
  };
}

/** part / whole; null when whole is 0. */
function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** part / whole; null when whole is zero or negative (a share of a negative total means nothing). */
function shareOfPositive(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Median recency of each segment: days grouped by segment (a counting sort), then each group sorted. */
function medianRecencyBySegment(
  metrics: KpiMetrics,
  segment: Uint16Array,
  segmentCount: number,
): (number | null)[] {
  const start = new Int32Array(segmentCount + 1);
  for (let i = 0; i < metrics.count; i++) start[segment[i] + 1]++;
  for (let s = 0; s < segmentCount; s++) start[s + 1] += start[s];
  const next = start.slice(0, segmentCount);
  const grouped = largeArray(Int32Array, metrics.count);
  for (let i = 0; i < metrics.count; i++) grouped[next[segment[i]]++] = metrics.recencyDays[i];
  return Array.from({ length: segmentCount }, (_, s) =>
    medianOfSorted(grouped.subarray(start[s], start[s + 1]).sort()),
  );
}

function recencyFrequencyHeatmap(metrics: KpiMetrics, scores: Scores, classes: number): HeatmapCell[][] {
  const customers = new Float64Array(classes * classes);
  const spend = new Float64Array(classes * classes);
  for (let i = 0; i < metrics.count; i++) {
    const r = scores.r[i];
    const f = scores.f[i];
    if (r < 1 || r > classes || f < 1 || f > classes) {
      throw new RangeError(`KPIs: customer ${i} has R ${r}, F ${f} outside 1..${classes}`);
    }
    const cell = (r - 1) * classes + (f - 1);
    customers[cell]++;
    spend[cell] += metrics.monetary[i];
  }
  return Array.from({ length: classes }, (_, r) =>
    Array.from({ length: classes }, (_, f) => {
      const cell = r * classes + f;
      return { customers: customers[cell], averageSpend: ratio(spend[cell], customers[cell]) };
    }),
  );
}

/** The KPIs of an analysis: computed once, for the KPI tab and the summary a run prints. */
export function kpiReport({ metrics, scores, thresholds, segment, segmentNames }: Analysis): KpiReport {
  return computeKpis(metrics, scores, thresholds, segment, segmentNames);
}
