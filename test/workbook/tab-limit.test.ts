/**
 * A tab has at most 1,048,576 rows and 16,384 columns in Excel ("Excel specifications and limits",
 * https://support.microsoft.com/en-us/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3):
 * Apply checks every tab it would write against the port's limit before its first write, and
 * otherwise writes nothing and says which tab and what to use instead (issue 17).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis';
import { dayFromIso } from '../../src/core/days';
import { formatCount } from '../../src/core/labels';
import { openXlsxWorkbook } from '../../src/local/xlsx-port';
import { applySegmentation } from '../../src/workbook/apply';
import { historyTabName } from '../../src/workbook/history';
import type { GridSize, WorkbookPort } from '../../src/workbook/port';
import { recordingPort } from './recording-port';
import { shopOrders } from './shop';

const today = dayFromIso('2026-01-15')!;
const orders = shopOrders(1200);
const WRITES = ['createManagedTab', 'writeBlock', 'formatArea', 'deleteTab', 'renameTab', 'retagTab'];

function limited(locale: string, limit: GridSize) {
  const recording = recordingPort({ locale, sheets: { Commandes: orders } });
  const port: WorkbookPort = { ...recording, tabLimit: () => limit };
  return { port, calls: recording.calls };
}

/** The most rows a tab of a first Apply holds. */
function tallestTab(): number {
  const recording = recordingPort({ sheets: { Commandes: orders } });
  expect(applySegmentation(recording, { today }).ok).toBe(true);
  return Math.max(...recording.tabs.filter((tab) => tab.tag).map((tab) => tab.grid.length));
}

describe('a tab over the grid one tab may have', () => {
  it('is refused before any write, naming the tab and what to use, in French and in English', () => {
    for (const [locale, words] of [
      ['fr_FR', ['rien n’a été écrit', 'segmento scores', 'segmento sql', '×']],
      ['en_US', ['nothing was written', 'segmento scores', 'segmento sql', '×']],
    ] as const) {
      const { port, calls } = limited(locale, { rows: 100, columns: 16_384 });
      const result = applySegmentation(port, { today, userLocale: locale });
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.tooLarge).toBe(true);
      for (const word of words) expect(result.message).toContain(word);
      expect(result.message).toMatch(/100 × 16[\s\u202f,]384/);
      expect(calls.filter((call) => WRITES.includes(call.method))).toEqual([]);
    }
  });

  it('is written when every tab fits exactly', () => {
    const rows = tallestTab();
    expect(applySegmentation(limited('fr_FR', { rows, columns: 16_384 }).port, { today }).ok).toBe(true);
    expect(applySegmentation(limited('fr_FR', { rows: rows - 1, columns: 16_384 }).port, { today }).ok).toBe(
      false,
    );
  });

  it('more customers than a tab has rows is refused before any tab is built, naming the history tab', () => {
    const customers = analyse(orders, { locale: 'fr_FR', timeZone: 'Europe/Paris' }).metrics.count;
    const recording = recordingPort({ sheets: { Commandes: orders } });
    expect(applySegmentation(recording, { today }).ok).toBe(true);
    const port: WorkbookPort = { ...recording, tabLimit: () => ({ rows: customers, columns: 16_384 }) };
    const before = recording.calls.length;
    const result = applySegmentation(port, { today });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.tooLarge).toBe(true);
    expect(result.message).toContain(
      `« ${historyTabName('fr')} » aurait ${formatCount(customers + 4, 'fr')} lignes`,
    );
    const second = recording.calls.slice(before);
    expect(second.filter((call) => WRITES.includes(call.method))).toEqual([]);
    // Refused on the customers' count alone: the history tab of the first run is not even read.
    const reads = second.filter((call) => call.method === 'readRange').map((call) => call.args[0]);
    expect(reads).not.toContain(historyTabName('fr'));
  });

  it('an .xlsx workbook gives Excel’s grid', async () => {
    const workbook = await openXlsxWorkbook(join(mkdtempSync(join(tmpdir(), 'segmento-')), 'w.xlsx'), {
      locale: 'fr_FR',
      timeZone: 'Europe/Paris',
    });
    expect(workbook.port.tabLimit()).toEqual({ rows: 1_048_576, columns: 16_384 });
  });
});
