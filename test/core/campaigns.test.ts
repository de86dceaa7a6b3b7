import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyseBook } from '../../src/core/analysis';
import { campaignConversions, MIN_GROUP, type SegmentMembership } from '../../src/core/campaigns';
import { dayFromIso } from '../../src/core/days';
import { readOrders, type OrderBook } from '../../src/core/orders';
import type { Cell } from '../../src/core/values';
import { readTableFile } from '../../src/local/table-file';
import { dataSet } from '../data-sets';

const day = (iso: string) => dayFromIso(iso)!;

/** A run's members from (id, segment) pairs. */
function membershipOf(pairs: [string, string][]): SegmentMembership {
  return { customers: pairs.map(([id]) => id), segments: pairs.map(([, segment]) => segment) };
}

/** An analysis' customers, each with its segment. */
function membersOf(analysis: ReturnType<typeof analyseBook>): [string, string][] {
  return analysis.metrics.ids.map((id, i) => [id, analysis.segmentNames[analysis.segment[i]]]);
}

/** Buyers and net revenue of `ids` in (day, day + window], by a plain scan of every order. */
function directCount(book: OrderBook, ids: string[], day: number, windowDays: number) {
  const wanted = new Set(ids);
  const bought = new Set<string>();
  let revenue = 0;
  for (let o = 0; o < book.orderCount; o++) {
    const id = book.customerIds[book.orderCustomer[o]];
    const since = book.orderDay[o] - day;
    if (!wanted.has(id) || since <= 0 || since > windowDays) continue;
    revenue += book.orderAmount[o];
    if (book.orderAmount[o] >= 0) bought.add(id);
  }
  return { size: ids.length, buyers: bought.size, revenue };
}

const BOOK = readOrders(
  [
    ['Client', 'Date', 'Montant'],
    ['a', '2024-01-01', 10],
    ['a', '2024-02-05', 40], // in the window of the 2024-02-01 campaign
    ['b', '2024-01-02', 10],
    ['b', '2024-02-01', 99], // on the campaign day: not in (D, D + 30]
    ['b', '2024-03-02', 20], // day 30: in
    ['c', '2024-01-03', 10],
    ['c', '2024-02-10', -5], // a refund: lowers revenue, no buyer
    ['d', '2024-01-04', 10],
    ['d', '2024-02-20', 30],
    ['e', '2024-01-05', 10],
    ['e', '2024-03-03', 7], // day 31: out
    ['f', '2024-01-06', 10],
    ['f', '2024-02-15', 12],
    ['g', '2024-03-10', 1],
  ],
  { locale: 'en_US' },
);

const RUN = membershipOf([
  ['a', 'Lost'],
  ['b', 'Lost'],
  ['c', 'Lost'],
  ['d', 'Lost'],
  ['e', 'VIP'],
  ['f', 'VIP'],
  ['x', 'Lost'], // in the run but without orders in the book
]);

describe('campaign conversion by segment', () => {
  it('counts buyers with a purchase in (date, date + window], net revenue, and the cost per buyer by contacted share', () => {
    const [result] = campaignConversions(
      BOOK,
      [{ name: 'Win-back', day: day('2024-02-01'), segments: ['Lost', 'VIP'], cost: 60_000 }],
      (when) => (when >= day('2024-01-31') ? RUN : null),
    );
    expect(result.reason).toBeUndefined();
    expect(result.windowDays).toBe(30);
    expect(result.windowOpen).toBe(false);
    const [lost, vip] = result.segments;
    // Lost: a, b, c, d, x contacted (no list); buyers a, b, d; revenue 40 + 20 − 5 + 30 = 85.
    expect(lost).toEqual({
      segment: 'Lost',
      customers: 5,
      contacted: { size: 5, buyers: 3, conversion: 0.6, revenue: 85_000, tooSmall: true },
      revenuePerContacted: 17_000,
      costPerBuyer: (60_000 * 5) / 7 / 3,
      control: null,
      uplift: null,
    });
    // VIP: e (day 31, out), f (12); cost share 60 × 2/7.
    expect(vip.contacted).toEqual({ size: 2, buyers: 1, conversion: 0.5, revenue: 12_000, tooSmall: true });
    expect(vip.costPerBuyer).toBeCloseTo((60_000 * 2) / 7, 9);
  });

  it('with a contacted list, the members not contacted are the control group; uplift = conversion − control conversion', () => {
    const [result] = campaignConversions(
      BOOK,
      [{ name: 'Test', day: day('2024-02-01'), segments: ['Lost'], contacted: ['a', 'c', 'zz', 'e'] }],
      () => RUN,
    );
    const [lost] = result.segments;
    expect(lost.contacted).toEqual({ size: 2, buyers: 1, conversion: 0.5, revenue: 35_000, tooSmall: true });
    expect(lost.control).toEqual({ size: 3, buyers: 2, conversion: 2 / 3, revenue: 50_000, tooSmall: true });
    expect(lost.uplift).toBeCloseTo(0.5 - 2 / 3, 12);
    expect(lost.costPerBuyer).toBeNull();
    expect(result.contactedOutsideTargets).toBe(2); // 'zz' (unknown) and 'e' (VIP)
  });

  it('a campaign after the latest order, with no run before it or with no target has a reason and no figures', () => {
    const results = campaignConversions(
      BOOK,
      [
        { name: 'Later', day: day('2024-03-11'), segments: ['Lost'] },
        { name: 'Too early', day: day('2024-01-10'), segments: ['Lost'] },
        { name: 'Nobody', day: day('2024-02-01'), segments: [' '] },
        { name: 'Open', day: day('2024-03-01'), segments: ['Nowhere'], windowDays: 30 },
      ],
      (when) => (when >= day('2024-01-31') ? RUN : null),
    );
    expect(results.map((r) => r.reason)).toEqual(['afterLatestOrder', 'noRunBefore', 'noTarget', undefined]);
    expect(results[0].segments).toEqual([]);
    expect(results[3].windowOpen).toBe(true);
    expect(results[3].segments[0]).toMatchObject({
      customers: 0,
      contacted: { size: 0, buyers: 0, conversion: null },
      revenuePerContacted: null,
    });
  });
});

describe('on the demo orders (La Belle Épicerie)', () => {
  const path = fileURLToPath(new URL('../../src/local/demo/commandes-demo.csv', import.meta.url));
  const book = readOrders(readTableFile(path) as Cell[][], { locale: 'fr_FR' });
  const runDay = day('2025-03-01');
  const analysis = analyseBook(book, { asOfDay: runDay, lang: 'fr' });
  const pairs = membersOf(analysis);
  const membership = membershipOf(pairs);
  const target = analysis.segmentNames[analysis.segment[0]];

  it('matches a direct count over every order for one campaign, segment and contacted half', () => {
    const members = pairs.filter(([, segment]) => segment === target).map(([id]) => id);
    const contacted = members.filter((_, i) => i % 2 === 0);
    const campaignDay = day('2025-03-05');
    const [result] = campaignConversions(
      book,
      [{ name: 'Relance', day: campaignDay, segments: [target], windowDays: 45, cost: 250_000, contacted }],
      (when) => (when >= runDay ? membership : null),
    );
    const count = (ids: string[]) => directCount(book, ids, campaignDay, 45);
    const expectedContacted = count(contacted);
    const expectedControl = count(members.filter((_, i) => i % 2 === 1));
    const [row] = result.segments;
    expect(row.customers).toBe(members.length);
    expect(row.contacted).toMatchObject(expectedContacted);
    expect(row.control).toMatchObject(expectedControl);
    expect(row.contacted.conversion).toBe(expectedContacted.buyers / expectedContacted.size);
    expect(row.uplift).toBeCloseTo(
      expectedContacted.buyers / expectedContacted.size - expectedControl.buyers / expectedControl.size,
      12,
    );
    expect(row.costPerBuyer).toBeCloseTo(250_000 / expectedContacted.buyers, 9);
    expect(row.revenuePerContacted).toBeCloseTo(expectedContacted.revenue / expectedContacted.size, 9);
    expect(row.contacted.tooSmall).toBe(expectedContacted.size < MIN_GROUP);
    expect(expectedContacted.buyers).toBeGreaterThan(0);
  });
});

const retail = dataSet('online_retail.csv.gz');

describe('Online Retail: a campaign on 2011-07-01 to the largest segment of the 2011-06-30 run, a third contacted', () => {
  it.skipIf(!retail)(
    'conversion, control group and uplift equal a direct scan of the orders',
    () => {
      const book = readOrders(readTableFile(retail!) as Cell[][], { locale: 'en_US' });
      const runDay = day('2011-06-30');
      const analysis = analyseBook(book, { asOfDay: runDay, lang: 'en' });
      const pairs = membersOf(analysis);
      const membership = membershipOf(pairs);
      const sizes = new Map<string, number>();
      for (const segment of membership.segments) sizes.set(segment, (sizes.get(segment) ?? 0) + 1);
      const target = [...sizes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
      const members = pairs.filter(([, segment]) => segment === target).map(([id]) => id);
      const contacted = members.filter((_, i) => i % 3 === 0);
      const campaignDay = day('2011-07-01');
      const [result] = campaignConversions(
        book,
        [{ name: 'Summer', day: campaignDay, segments: [target], contacted, cost: 500_000 }],
        (when) => (when >= runDay ? membership : null),
      );
      const expectedContacted = directCount(book, contacted, campaignDay, 30);
      const expectedControl = directCount(
        book,
        members.filter((_, i) => i % 3 !== 0),
        campaignDay,
        30,
      );
      const [row] = result.segments;
      expect(row.customers).toBe(members.length);
      expect(row.contacted).toMatchObject(expectedContacted);
      expect(row.control).toMatchObject(expectedControl);
      expect(row.uplift).toBeCloseTo(
        expectedContacted.buyers / expectedContacted.size - expectedControl.buyers / expectedControl.size,
        12,
      );
      expect(row.costPerBuyer).toBeCloseTo(500_000 / expectedContacted.buyers, 9);
      expect(result.windowOpen).toBe(false);
      console.log(
        `Online Retail campaign 2011-07-01 → ${target}: contacted ${expectedContacted.buyers}/${expectedContacted.size}, control ${expectedControl.buyers}/${expectedControl.size}`,
      );
    },
    120_000,
  );
});
