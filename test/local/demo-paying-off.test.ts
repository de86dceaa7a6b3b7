/**
 * `npm run demo`'s paying-off figures (issue 15), read back from the .xlsx it writes and computed a
 * second way from the raw demo files: campaign conversion by segment with its control group (the
 * segments as the hidden history tab stored them on 31 May 2026), cohort retention cells, and the
 * acquisition cost per month. The shipped tables are what the generator makes.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FILES, demoPayingOffFiles } from '../../src/local/demo-paying-off';
import { readTableFile } from '../../src/local/table-file';
import { runWorkbookCommand } from '../../src/local/workbook-command';
import {
  addDays,
  buyersBetween,
  cohortCell,
  demoOrders,
  firstPurchaseDays,
  type RawOrder,
} from '../data/raw-orders';

const folder = new URL('../../src/local/demo/', import.meta.url).pathname;
const shipped = (name: string) => readFileSync(join(folder, name), 'utf8');

/** Each tab's values as rows of plain values (dates as ISO days, formulas none). */
type Tabs = Map<string, unknown[][]>;

async function runDemo(): Promise<Tabs> {
  const out = join(mkdtempSync(join(tmpdir(), 'segmento-demo-')), 'demo.xlsx');
  const io = {
    out: () => undefined,
    err: () => undefined,
    interactive: false,
    locale: 'fr_FR',
    demoOrders: join(folder, 'commandes-demo.csv'),
  };
  expect(await runWorkbookCommand(['demo', '--out', out], io)).toBe(0);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(out);
  const tabs: Tabs = new Map();
  for (const sheet of workbook.worksheets) {
    const rows: unknown[][] = [];
    sheet.eachRow((row, number) => (rows[number - 1] = (row.values as unknown[]).slice(1)));
    tabs.set(
      sheet.name,
      Array.from(rows, (row) => row ?? []),
    );
  }
  return tabs;
}

/**
 * The segment of each customer at a run, decoded from the history tab: the runs listed in B1:B4
 * (a segment list the same as an earlier run's written as that run's number), each customer's
 * cells of every run in one text (`index|code|spend;…`).
 */
function segmentsAt(history: unknown[][], asOf: string): Map<string, string> {
  const run = (JSON.parse(String(history[0][1])) as string[]).indexOf(asOf);
  const lists = JSON.parse(String(history[3][1])) as (string[] | number)[];
  const list = lists[run];
  const names = (typeof list === 'number' ? lists[list] : list) as string[];
  const segments = new Map<string, string>();
  for (const row of history.slice(4)) {
    const cell = String(row[1]).split(';')[run];
    if (cell) segments.set(String(row[0]), names[Number(cell.split('|')[0])]);
  }
  return segments;
}

describe('the demo: is each segment paying off', () => {
  let tabs: Tabs;
  let orders: RawOrder[];
  beforeAll(async () => {
    tabs = await runDemo();
    orders = demoOrders(shipped('commandes-demo.csv'));
  }, 120_000);

  it('ships the campaigns, acquisition and contacted tables the generator makes from the shipped orders', () => {
    const made = demoPayingOffFiles(readTableFile(join(folder, 'commandes-demo.csv')));
    for (const kind of ['campaigns', 'acquisition', 'contacts'] as const)
      expect(shipped(DEMO_FILES[kind])).toBe(made[kind]);
  });

  it('the win-back campaign: conversion, control group and uplift per segment equal a count over the raw rows', () => {
    const history = tabs.get('Segmento · Historique')!;
    const segments = segmentsAt(history, '2026-05-31');
    const contactedList = new Set(shipped(DEMO_FILES.contacts).trim().split('\n').slice(1));
    const kpi = tabs.get('Segmento · Synthèse')!;
    const figures: string[] = [];
    for (const segment of ['Bientôt endormis', 'Perdus']) {
      const members = [...segments].filter(([, name]) => name === segment).map(([id]) => id);
      const contacted = new Set(members.filter((id) => contactedList.has(id)));
      const control = new Set(members.filter((id) => !contactedList.has(id)));
      const buyers = buyersBetween(orders, contacted, '2026-06-02', addDays('2026-06-02', 45));
      const controlBuyers = buyersBetween(orders, control, '2026-06-02', addDays('2026-06-02', 45));
      const row = kpi.find((cells) => cells[0] === 'Relance des endormis' && cells[2] === segment)!;
      expect(row.slice(3, 7)).toEqual([
        members.length,
        contacted.size,
        buyers.size,
        buyers.size / contacted.size,
      ]);
      expect(row.slice(10, 14)).toEqual([
        control.size,
        controlBuyers.size,
        controlBuyers.size / control.size,
        buyers.size / contacted.size - controlBuyers.size / control.size,
      ]);
      // The effect built in: the contacted convert better than the control group.
      expect(buyers.size / contacted.size).toBeGreaterThan(controlBuyers.size / control.size);
      figures.push(
        `${segment}: ${buyers.size}/${contacted.size} contacted vs ${controlBuyers.size}/${control.size} control`,
      );
    }
    console.log(`Demo win-back campaign 2026-06-02 (45 days): ${figures.join('; ')}`);
    // A campaign dated before any run, and one after the latest order, say why they have no figures.
    const reason = (name: string) => String(kpi.find((cells) => cells[0] === name)![14]);
    expect(reason('Ventes privées de printemps')).toContain('aucun calcul Segmento');
    expect(reason('Soldes d’hiver')).toContain('après la dernière commande');
  });

  it('cohort retention cells equal the share of each cohort who bought that month, from the raw rows', () => {
    const first = firstPurchaseDays(orders, '2026-10-31');
    const retention = tabs.get('Segmento · Fidélisation')!;
    const header = retention.findIndex((row) => row[0] === 'Cohorte');
    const cells: [string, number, string][] = [
      ['2024-12', 1, '2025-01'],
      ['2025-06', 3, '2025-09'],
      ['2025-11', 1, '2025-12'],
      ['2026-05', 5, '2026-10'],
    ];
    for (const [cohort, since, month] of cells) {
      const row = retention.slice(header).find((cellsOfRow) => cellsOfRow[0] === cohort)!;
      const expected = cohortCell(orders, first, cohort, month);
      expect(row[1]).toBe(expected.customers);
      expect(row[2 + since]).toBeCloseTo(expected.bought / expected.customers, 12);
    }
  });

  it('the acquisition cost per month is the spend typed for the month ÷ its new customers, from the raw rows', () => {
    const spend = new Map<string, number>();
    for (const line of shipped(DEMO_FILES.acquisition).trim().split('\n').slice(1)) {
      const [month, , amount] = line.split(';');
      spend.set(month, (spend.get(month) ?? 0) + Number(amount));
    }
    const newCustomers = new Map<string, number>();
    for (const day of firstPurchaseDays(orders, '2026-10-31').values())
      newCustomers.set(day.slice(0, 7), (newCustomers.get(day.slice(0, 7)) ?? 0) + 1);
    const kpi = tabs.get('Segmento · Synthèse')!;
    const months = kpi.filter((row) => row[1] === 'Tous canaux');
    expect(months.map((row) => row[0])).toEqual([...spend.keys()]);
    for (const row of months) {
      const month = String(row[0]);
      expect(row.slice(2, 5)).toEqual([newCustomers.get(month), spend.get(month), expect.any(Number)]);
      expect(row[4]).toBeCloseTo(spend.get(month)! / newCustomers.get(month)!, 9);
    }
  });
});
