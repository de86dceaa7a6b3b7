/**
 * Sheets' size limit: a spreadsheet holds at most 10,000,000 cells, empty ones included
 * (https://support.google.com/drive/answer/37603). Apply sizes each new tab to its content and,
 * before its first write, checks that the new tabs fit beside every cell already used (the previous
 * run's tabs are still there while the new ones are written); over the limit it writes nothing.
 */
import { describe, expect, it } from 'vitest';
import { sheetsPort } from '../../src/addon/sheets-port';
import { dayFromIso } from '../../src/core/days';
import { applySegmentation } from '../../src/workbook/apply';
import { shopOrders } from '../workbook/shop';
import { createFakeAppsScript } from './apps-script-fakes';

const LIMIT = 10_000_000;
const orders = shopOrders(1200);
const today = dayFromIso('2026-01-15')!;

function spreadsheet(bigCells = 0) {
  const fake = createFakeAppsScript({ sheets: { Commandes: orders, Archive: [] } });
  const big = fake.sheet('Archive');
  [big.maxRows, big.maxColumns] = [Math.max(1, bigCells), 1];
  return { fake, port: sheetsPort(fake.spreadsheet, fake) };
}

const cells = (fake: ReturnType<typeof spreadsheet>['fake']) =>
  fake.spreadsheet.getSheets().reduce((sum, sheet) => sum + sheet.getMaxRows() * sheet.getMaxColumns(), 0);

/** The cells a first Apply adds, measured on a spreadsheet like the others. */
function cellsOfFirstApply(): number {
  const { fake, port } = spreadsheet();
  const before = cells(fake);
  expect(applySegmentation(port, { today }).ok).toBe(true);
  return cells(fake) - before;
}

describe('Apply within the 10,000,000 cells of a spreadsheet', () => {
  const needed = cellsOfFirstApply();
  const usedBefore = cells(spreadsheet(1).fake) - 1;

  it('sizes every tab it writes to its content: no default 1,000 × 26 grid left over', () => {
    const { fake, port } = spreadsheet();
    const result = applySegmentation(port, { today });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    for (const tab of result.summary.tabs) {
      const sheet = fake.spreadsheet.getSheetById(tab.id)!;
      expect(sheet.getMaxRows(), tab.name).toBeLessThan(1000);
      if (tab.kind === 'segment') {
        const data = sheet.getDataRange();
        expect([sheet.getMaxRows(), sheet.getMaxColumns()], tab.name).toEqual([
          data.getNumRows(),
          data.getNumColumns(),
        ]);
      }
    }
    expect(needed).toBeLessThan(1000 * 26);
  });

  it('writes when the result fits exactly', () => {
    const { fake, port } = spreadsheet(LIMIT - usedBefore - needed);
    expect(cells(fake) + needed).toBe(LIMIT);
    expect(applySegmentation(port, { today }).ok).toBe(true);
    expect(cells(fake)).toBe(LIMIT);
  });

  it('one cell more: writes nothing and says how many cells, and what to do, in French and English', () => {
    for (const [locale, words] of [
      ['fr_FR', /rien n’a été écrit.*historique conservé/is],
      ['en_US', /nothing was written.*history kept/is],
    ] as const) {
      const fake = createFakeAppsScript({ locale, sheets: { Commandes: orders, Archive: [] } });
      const big = fake.sheet('Archive');
      [big.maxRows, big.maxColumns] = [LIMIT - usedBefore - needed + 1, 1];
      const port = sheetsPort(fake.spreadsheet, fake);
      fake.clearCalls();
      const result = applySegmentation(port, { today });
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.message).toMatch(words);
      const figure = (n: number) => n.toLocaleString(locale === 'fr_FR' ? 'fr-FR' : 'en-US');
      expect(result.message).toContain(figure(needed));
      expect(result.message).toContain(figure(needed - 1));
      expect(fake.calls.filter((call) => /^(insert|set|delete|add)/.test(call.method))).toEqual([]);
      expect(fake.spreadsheet.getSheets().map((sheet) => sheet.getName())).toEqual(['Commandes', 'Archive']);
    }
  });

  it('counts the previous run’s tabs, still there while the new ones are written', () => {
    // The cells of a second run's new tabs, as it asks for them.
    const dry = spreadsheet();
    expect(applySegmentation(dry.port, { today }).ok).toBe(true);
    let secondRun = 0;
    const measuring = {
      ...dry.port,
      createManagedTab: ((name, tag, size) => {
        secondRun += size!.rows * size!.columns;
        return dry.port.createManagedTab(name, tag, size);
      }) as typeof dry.port.createManagedTab,
    };
    expect(applySegmentation(measuring, { today }).ok).toBe(true);
    // Room for both runs' tabs but one cell: the first run fits, the second does not, though once
    // written it takes no more cells than the first did.
    const { fake, port } = spreadsheet(LIMIT - usedBefore - needed - secondRun + 1);
    expect(applySegmentation(port, { today }).ok).toBe(true);
    const tabs = fake.spreadsheet.getSheets().map((sheet) => sheet.getName());
    expect(applySegmentation(port, { today }).ok).toBe(false);
    expect(fake.spreadsheet.getSheets().map((sheet) => sheet.getName())).toEqual(tabs);
  });
});
