/**
 * Issue 12: nothing non-finite is ever written, and history that cannot be read is kept as it is.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../../src/core/days';
import { openXlsxWorkbook } from '../../src/local/xlsx-port';
import { applySegmentation, readHistory } from '../../src/workbook/apply';
import { historyRows, readHistoryTab, type Snapshot } from '../../src/workbook/history';
import { assertFiniteCells } from '../../src/workbook/port';
import { CellRows } from '../../src/core/rows';
import type { Cell } from '../../src/core/values';
import { recordingPort } from './recording-port';
import { shopOrders } from './shop';

const today = dayFromIso('2026-01-15')!;

describe('a number that is not finite never reaches a sheet or a file', () => {
  it('both ports refuse a block holding Infinity or NaN, naming the cell, in the person’s language', async () => {
    expect(() =>
      assertFiniteCells(
        [
          [1, 'x'],
          [2, Number.NaN],
        ],
        3,
        2,
        () => 'fr_FR',
      ),
    ).toThrow('Nombre hors limites (NaN) à écrire en C4 : rien de ce bloc n’est écrit.');
    const dir = mkdtempSync(join(tmpdir(), 'segmento-finite-'));
    try {
      const path = join(dir, 'book.xlsx');
      const book = await openXlsxWorkbook(path, { locale: 'en_US', timeZone: 'UTC', notify: () => {} });
      const tab = book.port.createManagedTab('KPI', { kind: 'kpi', key: '' });
      expect(() => book.port.writeBlock(tab.id, 1, 1, [[Infinity]])).toThrow(
        'Number out of range (Infinity) to be written at A1',
      );
      book.port.writeBlock(tab.id, 1, 1, [[1e308]]);
      await book.save();
      const xml = readFileSync(path).toString('latin1');
      expect(xml).not.toContain('Infinity');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an order of 1e308 is rejected with its row: no tab and no file holds Infinity, ∞ or NaN', async () => {
    const orders = shopOrders(300);
    orders.push(['X1', 'CL-HUGE', new Date(Date.UTC(2025, 5, 1, 10)), 1e308, 'Lyon']);
    const port = recordingPort({ sheets: { Commandes: orders } });
    expect(applySegmentation(port, { today }).ok).toBe(true);
    for (const tab of port.tabs.filter(
      (candidate) => candidate.tag?.kind === 'kpi' || candidate.tag?.kind === 'history',
    )) {
      const values = port.valuesOf(tab.name).flat();
      expect(values.filter((value) => typeof value === 'number' && !Number.isFinite(value))).toEqual([]);
      expect(values.filter((value) => typeof value === 'string' && /∞|NaN|Infinity/.test(value))).toEqual([]);
    }
    // Such an amount is rejected when read (beyond exact thousandths), with its row: the Apply
    // over the .xlsx writes everything else, and no Infinity reaches the file.
    const dir = mkdtempSync(join(tmpdir(), 'segmento-finite-'));
    try {
      const path = join(dir, 'book.xlsx');
      const seed = new ExcelJS.Workbook();
      seed.addWorksheet('Commandes').addRows(orders as ExcelJS.CellValue[][]);
      await seed.xlsx.writeFile(path);
      const book = await openXlsxWorkbook(path, { locale: 'fr_FR', timeZone: 'UTC', notify: () => {} });
      const result = applySegmentation(book.port, { today });
      expect(result.ok && result.summary.rejected).toBe(1);
      expect(book.port.readRange('Segmento · Rejets', null)?.values[1]).toEqual([
        orders.length,
        expect.stringContaining('illisible'),
      ]);
      await book.save();
      expect(readFileSync(path).toString('latin1')).not.toContain('Infinity');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const snapshot = (asOf: string, customers: string[]): Snapshot => ({
  asOfDay: dayFromIso(asOf)!,
  ranAt: `${asOf}T08:00:00Z`,
  failure: '',
  customers,
  segments: customers.map(() => 'Champions'),
  codes: customers.map(() => '555'),
  revenue: customers.map(() => 1000),
});

describe('history that cannot be read is kept', () => {
  it('a run edited by hand is kept untouched, with its cells on their customers’ rows', () => {
    const rows = historyRows(
      [snapshot('2025-06-30', ['A', 'B']), snapshot('2025-12-31', ['B', 'C'])],
      'fr',
    ) as Cell[][];
    expect(rows[5]).toEqual(['B', '0|555|1000;0|555|1000']);
    rows[0][1] = '["juin","2025-12-31"]';
    rows[5][1] = 'note à la main;0|555|1000';
    const { history, unreadable } = readHistoryTab(new CellRows(rows));
    expect(history.map((s) => s.customers)).toEqual([['B', 'C']]);
    expect(unreadable).toHaveLength(1);
    expect(unreadable[0].label).toBe('juin');
    expect([...unreadable[0].cells]).toEqual([
      ['A', '0|555|1000'],
      ['B', 'note à la main'],
    ]);
    expect(historyRows(history, 'fr', unreadable)).toEqual(rows);
  });

  it('a list of the runs broken by hand keeps every run and every cell as they were', () => {
    const rows = historyRows(
      [snapshot('2025-06-30', ['A', 'B']), snapshot('2025-12-31', ['B', 'C'])],
      'fr',
    ) as Cell[][];
    rows[0][1] = '["2025-06-30", oups';
    const { history, unreadable } = readHistoryTab(new CellRows(rows));
    expect(history).toEqual([]);
    expect(unreadable.map((run) => run.label)).toEqual(['["2025-06-30", oups', 'n° 2']);
    const again = historyRows(history, 'fr', unreadable);
    expect(again.slice(4)).toEqual(rows.slice(4));
    expect(JSON.parse(String(again[0][1]))).toEqual(['["2025-06-30", oups', '']);
    expect(again.slice(1, 4)).toEqual(rows.slice(1, 4));
  });

  it('an analysis date typed as a date in the layout before is kept as it is, never read a day early', () => {
    const columns: Cell[][] = [
      ['Date d’analyse', new Date('2025-06-29T22:00:00Z'), '2025-12-31'],
      ['Exécuté le', '2025-06-30T08:00:00.000Z', '2025-12-31T08:00:00.000Z'],
      ['Échec', '', ''],
      ['Segments', '["Champions"]', '["Champions"]'],
      ['A', '0|555|1000', ''],
      ['B', '0|555|1000', '0|555|1000'],
    ];
    const { history, unreadable } = readHistoryTab(new CellRows(columns));
    expect(history.map((run) => run.asOfDay)).toEqual([dayFromIso('2025-12-31')]);
    expect(unreadable.map((run) => [run.label, [...run.cells]])).toEqual([
      [
        '2025-06-29T22:00:00.000Z',
        [
          ['A', '0|555|1000'],
          ['B', '0|555|1000'],
        ],
      ],
    ]);
  });

  it('Apply keeps an unreadable run, says so, and adds the new run after it', () => {
    const port = recordingPort({ sheets: { Commandes: shopOrders(300) } });
    applySegmentation(port, {
      today,
      adjust: (s) => ({ ...s, asOf: { kind: 'date', day: dayFromIso('2025-06-30')! } }),
    });
    const historyTab = port.tabs.find((tab) => tab.tag?.kind === 'history')!;
    historyTab.grid[4][1] = '9|555|abc';
    const before = port.valuesOf(historyTab.name).slice(4);
    const result = applySegmentation(port, { today });
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(result.summary.message).toContain(
        'Historique : 1 analyse(s) illisible(s) (2025-06-30) conservée(s) telle(s) quelle(s), sans servir aux migrations.',
      );
    const after = port.valuesOf(port.tabs.find((tab) => tab.tag?.kind === 'history')!.name);
    const keptCells = new Map(after.slice(4).map((row) => [row[0], String(row[1]).split(';')[0]]));
    expect(before.map((row) => [row[0], keptCells.get(row[0])])).toEqual(before);
    expect(JSON.parse(String(after[0][1]))[0]).toBe('2025-06-30');
    expect(readHistory(port)).toHaveLength(1);
  });
});
