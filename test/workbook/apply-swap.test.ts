/**
 * Issue 12: a failed Apply never half-replaces the tabs. A fault is injected at every port call of a
 * second Apply, over the recording port, the Sheets port on the Apps Script stand-ins and the
 * .xlsx port: whatever call fails, the previous run's tabs are still there (by tag, with their
 * content), a person's tab is untouched, and the next Apply leaves exactly one tab of each kind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { sheetsPort } from '../../src/addon/sheets-port';
import { dayFromIso } from '../../src/core/days';
import { openXlsxWorkbook } from '../../src/local/xlsx-port';
import { applySegmentation, readHistory } from '../../src/workbook/apply';
import type { WorkbookPort } from '../../src/workbook/port';
import type { Settings } from '../../src/workbook/settings-model';
import { createFakeAppsScript } from '../addon/apps-script-fakes';
import { recordingPort } from './recording-port';
import { shopOrders } from './shop';

const today = dayFromIso('2026-01-15')!;
const orders = shopOrders(120, 40);
const personTab = [['mes notes', 'à garder']];
const firstAsOf = dayFromIso('2025-06-30')!;
const secondAsOf = dayFromIso('2025-12-31')!;
const xlsxOptions = { locale: 'fr_FR', timeZone: 'Europe/Paris', notify: () => {} };
const dir = mkdtempSync(join(tmpdir(), 'segmento-swap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const at =
  (day: number) =>
  (saved: Settings): Settings => ({ ...saved, asOf: { kind: 'date', day } });
const now = '2026-01-15T10:00:00.000Z';

/** Every tab in order: name, tag and values, as read through the port. */
function stateOf(port: WorkbookPort): unknown[] {
  const tags = new Map(port.managedTabs().map((tab) => [tab.name, `${tab.tag.kind}:${tab.tag.key}`]));
  return port.sheetNames().map((name) => [name, tags.get(name) ?? null, port.readRange(name, null)?.values]);
}

/**
 * The port with its `n`th call (any method) throwing; `failed` tells which method failed. `dead`:
 * every later call throws too, as when Apps Script stops a script at its time limit (nothing can
 * be undone then).
 */
function failingAt(
  port: WorkbookPort,
  n: number,
  dead = false,
): { port: WorkbookPort; failed: () => string | null } {
  let count = 0;
  let failed: string | null = null;
  const wrapped = new Proxy(port, {
    get(target, property: keyof WorkbookPort) {
      const value = target[property];
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (++count === n || (dead && count > n)) {
          failed ??= String(property);
          throw new Error(`injected failure of ${String(property)}`);
        }
        return (value as (...values: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { port: wrapped, failed: () => failed };
}

/** The next Apply succeeds, keeps both runs, and leaves one tab of each kind and no transient name. */
function expectCleanNextApply(port: WorkbookPort): void {
  const next = applySegmentation(port, { today, adjust: at(secondAsOf) });
  expect(next.ok).toBe(true);
  expect(readHistory(port).map((snapshot) => snapshot.asOfDay)).toEqual([firstAsOf, secondAsOf]);
  const kinds = port.managedTabs().map((tab) => `${tab.tag.kind}:${tab.tag.key}`);
  expect(new Set(kinds).size).toBe(kinds.length);
  expect(port.sheetNames().filter((name) => name.startsWith('~segmento'))).toEqual([]);
}

type Ports = { name: string; make: () => Promise<WorkbookPort> };

/**
 * Lets the worker's event loop run between two Applies: the loops below run one Apply per port call
 * for tens of seconds, and vitest's worker must still answer its runner in the meantime.
 */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A workbook with the orders, a person's tab and one Apply done, through each port. */
const ports: Ports[] = [
  {
    name: 'the recording port',
    make: async () => {
      const port = recordingPort({ sheets: { Commandes: orders, Notes: personTab } });
      applySegmentation(port, { today, adjust: at(firstAsOf), now });
      return port;
    },
  },
  {
    name: 'the Sheets port on the Apps Script stand-ins',
    make: async () => {
      const fake = createFakeAppsScript({ sheets: { Commandes: orders, Notes: personTab } });
      const port = sheetsPort(fake.spreadsheet, fake);
      applySegmentation(port, { today, adjust: at(firstAsOf), now });
      return port;
    },
  },
  {
    name: 'the .xlsx port',
    make: (() => {
      const path = join(dir, 'swap.xlsx');
      let ready: Promise<void> | null = null;
      return async () => {
        ready ??= (async () => {
          const seed = new ExcelJS.Workbook();
          seed.addWorksheet('Commandes').addRows(orders as ExcelJS.CellValue[][]);
          seed.addWorksheet('Notes').addRows(personTab);
          await seed.xlsx.writeFile(path);
          const book = await openXlsxWorkbook(path, xlsxOptions);
          applySegmentation(book.port, { today, adjust: at(firstAsOf), now });
          await book.save();
        })();
        await ready;
        return (await openXlsxWorkbook(path, { locale: 'fr_FR', timeZone: 'Europe/Paris', notify: () => {} }))
          .port;
      };
    })(),
  },
];

describe.each(ports)('a fault at any port call of Apply, over $name', { timeout: 120_000 }, ({ make }) => {
  it('leaves the previous tabs in place, or (failing only in the final deletions) the new ones in place', async () => {
    const reference = await make();
    const before = stateOf(reference);
    const historyBefore = readHistory(reference).map((snapshot) => snapshot.asOfDay);
    expect(historyBefore).toEqual([firstAsOf]);
    let faults = 0;
    for (let n = 1; ; n++) {
      await breathe();
      const port = await make();
      const faulty = failingAt(port, n);
      let threw = false;
      try {
        applySegmentation(faulty.port, { today, adjust: at(secondAsOf) });
      } catch {
        threw = true;
      }
      const failed = faulty.failed();
      if (failed === null) break;
      faults++;
      expect(port.readRange('Notes', null)?.values).toEqual(personTab);
      const state = stateOf(port);
      if (threw && JSON.stringify(state) !== JSON.stringify(before)) {
        // Only a failure among the final deletions leaves a change: the new tabs are in place, and
        // a previous tab is left aside, still tagged (with its content), for the next run to remove.
        // (or the notice after them: the run is done, only its toast failed).
        expect(['deleteTab', 'notify']).toContain(failed);
        const tagsNow = new Set(port.managedTabs().map((tab) => `${tab.tag.kind}:${tab.tag.key}`));
        // (A segment left empty by the new run has no new tab: its previous one may be gone.)
        for (const [, tag] of before as [string, string | null][])
          if (tag && !tag.startsWith('segment:')) expect(tagsNow).toContain(tag);
      }
      expectCleanNextApply(port);
    }
    expect(faults).toBeGreaterThan(50);
  });

  it('a run stopped dead at any port call (nothing undone) loses no earlier run, and the next one cleans up', async () => {
    let stops = 0;
    for (let n = 1; ; n++) {
      await breathe();
      const port = await make();
      const stopped = failingAt(port, n, true);
      try {
        applySegmentation(stopped.port, { today, adjust: at(secondAsOf) });
      } catch {
        // Stopped.
      }
      if (stopped.failed() === null) break;
      stops++;
      expect(port.readRange('Notes', null)?.values).toEqual(personTab);
      expect(readHistory(port).map((snapshot) => snapshot.asOfDay)).toContain(firstAsOf);
      expectCleanNextApply(port);
    }
    expect(stops).toBeGreaterThan(50);
  });
});

describe('tab names are settled before the first write', () => {
  it('a rule named like a reserved tab (« History ») gets a suffix, and earlier runs are kept', async () => {
    const port = await ports[2].make();
    const result = applySegmentation(port, {
      today,
      adjust: (saved) => ({
        ...at(secondAsOf)(saved),
        segments: {
          ...saved.segments,
          rules: saved.segments.rules.map((rule, i) => (i === 0 ? { ...rule, name: 'History' } : rule)),
        },
      }),
    });
    expect(result.ok).toBe(true);
    expect(readHistory(port).map((snapshot) => snapshot.asOfDay)).toEqual([firstAsOf, secondAsOf]);
    expect(port.sheetNames().filter((name) => name.startsWith('~segmento'))).toEqual([]);
  });
});
