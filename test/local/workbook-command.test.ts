import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis';
import { CellRows, type RowSource } from '../../src/core/rows';
import { dayFromIso } from '../../src/core/days';
import { readTable, readTableFile } from '../../src/local/table-file';
import { demoOrdersCsv } from '../../src/local/demo-orders';
import { runWorkbookCommand, withOrders } from '../../src/local/workbook-command';
import { openXlsxWorkbook } from '../../src/local/xlsx-port';
import { applySegmentation } from '../../src/workbook/apply';
import type { WorkbookPort } from '../../src/workbook/port';
import { dataSet } from '../data-sets';

const DEMO = new URL('../../src/local/demo/commandes-demo.csv', import.meta.url).pathname;

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      out: (text: string) => out.push(text),
      err: (text: string) => err.push(text),
      interactive: false,
      locale: 'fr_FR',
      demoOrders: DEMO,
    },
  };
}

async function sheets(path: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const rowsOf = (name: string) => {
    const sheet = workbook.getWorksheet(name);
    if (!sheet) throw new Error(`no tab ${name}`);
    const rows: unknown[][] = [];
    sheet.eachRow((row, number) => (rows[number - 1] = (row.values as unknown[]).slice(1)));
    return Array.from(rows, (row) => row ?? []);
  };
  return {
    workbook,
    names: workbook.worksheets.filter((sheet) => sheet.state === 'visible').map((sheet) => sheet.name),
    rowsOf,
  };
}

const retail = dataSet('online_retail.csv.gz');

describe.skipIf(!retail)('segmento run on Online Retail', () => {
  it('segment tabs hold every scored customer once, KPI totals are their sums, rejects are listed; a second run adds migrations', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'segmento-'));
    const out = join(dir, 'retail.xlsx');
    const first = io();
    expect(
      await runWorkbookCommand(
        ['run', retail!, '--out', out, '--locale', 'en_GB', '--as-of', '2011-06-30'],
        first.io,
      ),
    ).toBe(0);
    const second = io();
    expect(await runWorkbookCommand(['run', retail!, '--out', out, '--locale', 'en_GB'], second.io)).toBe(0);
    expect(second.out.join('')).toContain(
      '4339 customers scored, 11 segments, 135080 rows rejected (as of 2011-12-09)',
    );

    const analysis = analyse(readTableFile(retail!), { locale: 'en_GB' });
    const { names, rowsOf } = await sheets(out);
    const segmentTabs = analysis.segmentNames.filter((_, i) => analysis.segment.includes(i));
    expect(names.sort()).toEqual(
      [
        'Segmento · Summary',
        ...segmentTabs,
        'Segmento · Migrations',
        'Segmento · Retention',
        'Segmento · Rejects',
        'Segmento · Campaigns',
        'Segmento · Acquisition',
        'Segmento · Settings',
      ].sort(),
    );

    const listed = segmentTabs.flatMap((name) =>
      rowsOf(name)
        .slice(1)
        .map((row) => String(row[0])),
    );
    expect(listed.length).toBe(4339);
    expect(new Set(listed)).toEqual(new Set(analysis.metrics.ids));

    const kpis = rowsOf('Segmento · Summary');
    const header = kpis[2];
    const totalRow = kpis.find((row) => row[0] === 'Total')!;
    const spendColumn = rowsOf('Champions')[0].indexOf('Net spend');
    const spend = segmentTabs.reduce(
      (sum, name) =>
        sum +
        rowsOf(name)
          .slice(1)
          .reduce((s, row) => s + Math.round(Number(row[spendColumn]) * 1000), 0),
      0,
    );
    expect(totalRow[header.indexOf('Customers')]).toBe(listed.length);
    expect(Math.round(Number(totalRow[header.indexOf('Net revenue')]) * 1000)).toBe(spend);

    const rejects = rowsOf('Segmento · Rejects');
    expect(rejects.length - 1).toBe(135_080);
    expect(rejects[1]).toEqual([624, 'missing customer']);

    const migrations = rowsOf('Segmento · Migrations');
    expect(migrations[0][0]).toBe('Customers who moved between segments, from 30 Jun 2011 to 9 Dec 2011');
  });
});

/** A workbook written by a first run, to which a person then added the tab « Mes notes ». */
async function runThenAddPersonTab(): Promise<{ out: string; orders: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'segmento-'));
  const out = join(dir, 'shop.xlsx');
  const orders = join(dir, 'orders.csv');
  writeFileSync(orders, demoOrdersCsv(300));
  expect(await runWorkbookCommand(['run', orders, '--out', out], io().io)).toBe(0);
  const { workbook } = await sheets(out);
  workbook.addWorksheet('Mes notes').getCell('A1').value = 'à garder';
  await workbook.xlsx.writeFile(out);
  return { out, orders };
}

describe('segmento run into an existing workbook', () => {
  it('keeps a tab a person added and does not duplicate its own', async () => {
    const { out, orders } = await runThenAddPersonTab();
    expect(await runWorkbookCommand(['run', orders, '--out', out, '--preset', 'score15'], io().io)).toBe(0);
    const after = await sheets(out);
    expect(after.rowsOf('Mes notes')).toEqual([['à garder']]);
    expect(after.names.filter((name) => name.startsWith('Segmento · Synthèse'))).toEqual([
      'Segmento · Synthèse',
    ]);
    expect(after.names).toContain('VIP');
    expect(after.names).not.toContain('Champions');
  });

  it('opens on the summary, with our visible tabs after the person’s and the settings last', async () => {
    const { out, orders } = await runThenAddPersonTab();
    expect(await runWorkbookCommand(['run', orders, '--out', out, '--as-of', '2026-12-31'], io().io)).toBe(0);
    const after = new ExcelJS.Workbook();
    await after.xlsx.readFile(out);
    const visible = after.worksheets.filter((sheet) => sheet.state === 'visible').map((sheet) => sheet.name);
    expect(visible[0]).toBe('Mes notes');
    expect(visible[1]).toBe('Segmento · Synthèse');
    expect(visible.slice(-6)).toEqual([
      'Segmento · Migrations',
      'Segmento · Fidélisation',
      'Segmento · Rejets',
      'Segmento · Campagnes',
      'Segmento · Acquisition',
      'Segmento · Réglages',
    ]);
    const view = after.views[0] as { activeTab: number };
    expect(after.worksheets[view.activeTab].name).toBe('Segmento · Synthèse');
  });

  it('an order file that cannot be read is said first: before a read-only workbook, and no folder is made for it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'segmento-bad-'));
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'customer,date,amount\n"C1,2025-01-01,10\n');
    const readOnly = join(dir, 'ro.xlsx');
    expect(await runWorkbookCommand(['run', DEMO, '--out', readOnly], io().io)).toBe(0);
    chmodSync(readOnly, 0o444);
    const before = readFileSync(readOnly);
    await expect(runWorkbookCommand(['run', bad, '--out', readOnly], io().io)).rejects.toThrow(
      /bad\.csv.*(line|ligne) 2/,
    );
    expect(readFileSync(readOnly).equals(before)).toBe(true);
    await expect(
      runWorkbookCommand(['run', bad, '--out', join(dir, 'new', 'b.xlsx')], io().io),
    ).rejects.toThrow(/bad\.csv.*(line|ligne) 2/);
    expect(existsSync(join(dir, 'new'))).toBe(false);
  });

  it('an unreadable analysis date or preset is one clear line and a non-zero exit', async () => {
    const run = io();
    await expect(
      runWorkbookCommand(['run', DEMO, '--as-of', 'hier', '--out', join(tmpdir(), 'x.xlsx')], run.io),
    ).rejects.toThrow('Date d’analyse illisible « hier »');
    expect(await runWorkbookCommand(['run'], run.io)).toBe(2);
  });
});

describe('an order file is read where it stands', () => {
  it('Apply reads a CSV order file through readRows, never as a range of cells, and computes what the range gives', async () => {
    const applyOver = async (rows: RowSource) => {
      const book = await openXlsxWorkbook(join(mkdtempSync(join(tmpdir(), 'segmento-rows-')), 'b.xlsx'), {
        locale: 'fr_FR',
        timeZone: 'Europe/Paris',
      });
      const port = withOrders(book.port, 'commandes.csv', rows);
      const rangesRead: string[] = [];
      const watched: WorkbookPort = Object.create(port, {
        readRange: {
          value: (name: string, a1: string | null) => (rangesRead.push(name), port.readRange(name, a1)),
        },
      });
      const result = applySegmentation(watched, {
        today: dayFromIso('2026-11-26')!,
        userLocale: 'fr_FR',
        adjust: (saved) => ({ ...saved, sourceSheet: 'commandes.csv', sourceRange: '' }),
      });
      if (!result.ok) throw new Error(result.message);
      return { summary: result.summary, rangesRead };
    };
    const table = readTable(DEMO);
    const asText = await applyOver(table);
    expect(asText.rangesRead).not.toContain('commandes.csv');
    const asCells = await applyOver(new CellRows(table.rows()));
    expect(asText.summary.kpis).toEqual(asCells.summary.kpis);
    expect(asText.summary.message).toBe(asCells.summary.message);
  });

  it('a second Apply reads the history tab through readRows, not as 330,000 rows of cells', async () => {
    const book = await openXlsxWorkbook(join(mkdtempSync(join(tmpdir(), 'segmento-rows-')), 'b.xlsx'), {
      locale: 'en_US',
      timeZone: 'Europe/Paris',
    });
    const port = withOrders(book.port, 'orders.csv', readTable(DEMO));
    const rangesRead: string[] = [];
    const watched: WorkbookPort = Object.create(port, {
      readRange: {
        value: (name: string, a1: string | null) => (rangesRead.push(name), port.readRange(name, a1)),
      },
    });
    const apply = (asOf: string) =>
      applySegmentation(watched, {
        today: dayFromIso('2026-11-26')!,
        userLocale: 'en_US',
        adjust: (saved) => ({
          ...saved,
          sourceSheet: 'orders.csv',
          sourceRange: '',
          asOf: { kind: 'date', day: dayFromIso(asOf)! },
        }),
      });
    expect(apply('2026-03-31').ok).toBe(true);
    const second = apply('2026-05-31');
    expect(second.ok).toBe(true);
    expect(second.ok && second.summary.tabs.some((tab) => tab.kind === 'migration')).toBe(true);
    expect(rangesRead).not.toContain('Segmento · History');
  });
});

describe('the demo', () => {
  it('ships the orders its generator makes', () => {
    expect(readFileSync(DEMO, 'utf8')).toBe(demoOrdersCsv());
  });

  it('npm run demo writes the workbook and prints the KPI summary', () => {
    const dir = mkdtempSync(join(tmpdir(), 'segmento-'));
    const cli = new URL('../../build/segmento.mjs', import.meta.url).pathname;
    const result = spawnSync('node', [cli, 'demo', '--out', join(dir, 'demo.xlsx')], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Segmento : \d+ clients notés, \d+ segments, \d+ lignes rejetées/);
    expect(result.stdout).toMatch(/\nTotal +\d/);
    // The paying-off tables follow the KPI table: the win-back campaign, acquisition, retention.
    expect(result.stdout).toMatch(/\nRelance des endormis +2026-06-02 +Bientôt endormis +317 +203 +30 +14,8/);
    expect(result.stdout).toContain('\nCoût d’acquisition par mois');
    expect(result.stdout).toContain('\nFidélisation : part des clients');
    expect(result.stdout).toContain(`Classeur écrit : ${join(dir, 'demo.xlsx')}`);
  });
});
