/**
 * Online Retail through Apply (issue 15): a run as of 2011-06-30, a campaign on 2011-07-01 to that
 * run's largest segment with every third member contacted (a person's tab), a spend table, then a
 * run as of 2011-12-09. What Apply writes is checked against a second computation from the raw
 * rows: the campaign's conversion, control group and uplift; retention cells, the December 2010
 * cohort's month 1 among them (885 customers, 324 back in January: 36.61 %, a pivot table's figure);
 * the acquisition cost per month.
 */
import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../../src/core/days';
import { readTableFile } from '../../src/local/table-file';
import { applySegmentation } from '../../src/workbook/apply';
import { serialOfDay } from '../../src/workbook/segment-tabs';
import type { Settings } from '../../src/workbook/settings-model';
import { dataSet } from '../data-sets';
import { recordingPort } from '../workbook/recording-port';
import { addDays, buyersBetween, cohortCell, firstPurchaseDays, retailOrders } from './raw-orders';

const retail = dataSet('online_retail.csv.gz');

const asOf =
  (iso: string) =>
  (settings: Settings): Settings => ({ ...settings, asOf: { kind: 'date', day: dayFromIso(iso)! } });

/** Spend typed per month, in pounds: 2,000 + 100 per month since December 2010. */
const SPEND = Array.from({ length: 13 }, (_, k) => {
  const month = k === 0 ? '2010-12' : `2011-${String(k).padStart(2, '0')}`;
  return [month, 2000 + 100 * k] as const;
});

describe.skipIf(!retail)('Online Retail: campaign, cohorts and acquisition cost as Apply writes them', () => {
  it('equal a second computation from the raw rows', () => {
    const rows = readTableFile(retail!);
    const port = recordingPort({ locale: 'en_GB', timeZone: 'Europe/London', sheets: { Orders: rows } });
    const first = applySegmentation(port, { today: dayFromIso('2011-12-10')!, adjust: asOf('2011-06-30') });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    // The largest segment as its tab lists it on 30 June, every third customer contacted.
    const segmentTabs = first.summary.tabs.filter((tab) => tab.kind === 'segment');
    const largest = segmentTabs
      .map((tab) => ({
        name: tab.name,
        ids: port
          .valuesOf(tab.name)
          .slice(1)
          .map((row) => String(row[0])),
      }))
      .sort((a, b) => b.ids.length - a.ids.length)[0];
    const contacted = largest.ids.filter((_, i) => i % 3 === 0);
    port.addPersonTab('Contacted', [['Customer'], ...contacted.map((id) => [id])]);
    const tab = (kind: string) => port.managedTabs().find((managed) => managed.tag.kind === kind)!.id;
    port.writeBlock(tab('campaigns'), 2, 1, [
      ['Summer', serialOfDay(dayFromIso('2011-07-01')!), largest.name, 30, 500, 'Contacted!A2:A'],
      ['', '', '', '', '', ''],
    ]);
    port.writeBlock(
      tab('acquisition'),
      2,
      1,
      SPEND.map(([month, spend]) => [month, '', spend, '']),
    );
    const second = applySegmentation(port, { today: dayFromIso('2011-12-10')!, adjust: asOf('2011-12-09') });
    expect(second.ok).toBe(true);

    const orders = retailOrders(rows);
    const kpi = port.valuesOf('Segmento · Summary');

    // The campaign, over (2011-07-01, 2011-07-31].
    const contactedSet = new Set(contacted);
    const control = new Set(largest.ids.filter((id) => !contactedSet.has(id)));
    const end = addDays('2011-07-01', 30);
    const buyers = buyersBetween(orders, contactedSet, '2011-07-01', end).size;
    const controlBuyers = buyersBetween(orders, control, '2011-07-01', end).size;
    const campaign = kpi.find((row) => row[0] === 'Summer')!;
    expect(campaign[2]).toBe(largest.name);
    expect(campaign.slice(3, 7)).toEqual([
      largest.ids.length,
      contacted.length,
      buyers,
      buyers / contacted.length,
    ]);
    expect(campaign.slice(10, 13)).toEqual([control.size, controlBuyers, controlBuyers / control.size]);
    expect(campaign[13]).toBeCloseTo(buyers / contacted.length - controlBuyers / control.size, 12);
    expect(campaign[9]).toBeCloseTo(500 / buyers, 9);

    // Retention cells.
    const firstDays = firstPurchaseDays(orders, '2011-12-09');
    const retention = port.valuesOf('Segmento · Retention');
    const cohortRow = (cohort: string) =>
      retention.slice(retention.findIndex((row) => row[0] === 'Cohort')).find((row) => row[0] === cohort)!;
    const december = cohortCell(orders, firstDays, '2010-12', '2011-01');
    expect(december).toEqual({ bought: 324, customers: 885 });
    expect(cohortRow('2010-12')[1]).toBe(885);
    expect(cohortRow('2010-12')[3]).toBeCloseTo(324 / 885, 12);
    expect(Number(cohortRow('2010-12')[3]).toFixed(4)).toBe('0.3661');
    for (const [cohort, since, month] of [
      ['2011-01', 2, '2011-03'],
      ['2011-03', 6, '2011-09'],
      ['2011-08', 3, '2011-11'],
    ] as const) {
      const expected = cohortCell(orders, firstDays, cohort, month);
      expect(cohortRow(cohort)[1]).toBe(expected.customers);
      expect(cohortRow(cohort)[2 + since]).toBeCloseTo(expected.bought / expected.customers, 12);
    }

    // Acquisition cost per month: the spend typed ÷ the month's new customers.
    const newCustomers = new Map<string, number>();
    for (const day of firstDays.values())
      newCustomers.set(day.slice(0, 7), (newCustomers.get(day.slice(0, 7)) ?? 0) + 1);
    const months = kpi.filter((row) => row[1] === 'All channels');
    expect(months.map((row) => row[0])).toEqual(SPEND.map(([month]) => month));
    for (const [month, spend] of SPEND) {
      const row = months.find((cells) => cells[0] === month)!;
      expect(row.slice(2, 4)).toEqual([newCustomers.get(month), spend]);
      expect(row[4]).toBeCloseTo(spend / newCustomers.get(month)!, 9);
    }
    console.log(
      `Online Retail: campaign 2011-07-01 → ${largest.name}: ${buyers}/${contacted.length} contacted vs ${controlBuyers}/${control.size} control; ` +
        `2010-12 cohort month 1: 324/885; acquisition cost 2011-01: ${(2100 / newCustomers.get('2011-01')!).toFixed(2)}`,
    );
  });
});
