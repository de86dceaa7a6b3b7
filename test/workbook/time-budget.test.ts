/**
 * The time Apply's writes take in Sheets (src/workbook/time-budget.ts): port calls × 0.16 s + cells
 * written × 0.3 ms, reads at 0.125 ms a cell; the calls counted by writing the tabs with Apply's own
 * `writeTabContent`.
 */
import { describe, expect, it } from 'vitest';
import { addTable, columnsOf, emptyTab } from '../../src/workbook/tab-content';
import { readSeconds, SHEETS_COSTS, writeSeconds, writeWork } from '../../src/workbook/time-budget';

/** A tab holding one table of `rows` rows under a header, its columns of one role. */
function tableTab(rows: number, columns: number) {
  const tab = emptyTab({ kind: 'segment', key: 'Champions' }, 'Champions');
  const headers = Array.from({ length: columns }, (_, c) => `h${c}`);
  addTable(
    tab,
    1,
    1,
    columnsOf(headers, 'count'),
    Array.from({ length: rows }, () => headers.map(() => 1)),
  );
  return tab;
}

describe('the time Apply’s writes take in Sheets', () => {
  it('the cost model: 0.16 s a port call, 0.3 ms a cell written, 0.125 ms a cell read', () => {
    expect(SHEETS_COSTS).toEqual({ perCall: 0.16, perCellWritten: 0.0003, perCellRead: 0.000125 });
  });

  it('a tab of 1,000 rows × 10 columns: 10,010 cells in one block, 10 port calls', () => {
    // 6 calls of its own (create, rename, tag, the previous tab renamed aside and deleted, moved),
    // one block, the header's format, one number format for the 10 columns, the layout.
    const work = writeWork([tableTab(1000, 10)]);
    expect(work).toEqual({ calls: 10, cells: 10_010 });
    expect(writeSeconds(work)).toBeCloseTo(10 * 0.16 + 10_010 * 0.0003, 9);
  });

  it('the cells count, not how many tabs hold them; formats are one call whatever their cells', () => {
    const one = writeWork([tableTab(100_000, 17)]);
    const two = writeWork([tableTab(50_000, 17), tableTab(50_000, 17)]);
    expect(one.cells).toBe(100_001 * 17);
    expect(two.cells).toBe(one.cells + 17);
    expect(two.calls).toBe(2 * one.calls);
    // 1.7 million cells: about 8.5 minutes of writes, over Apps Script's 6.
    expect(writeSeconds(one)).toBeCloseTo(10 * 0.16 + 1_700_017 * 0.0003, 6);
    expect(writeSeconds(one)).toBeGreaterThan(360);
  });

  it('an empty tab costs its own calls and its layout, no cell', () => {
    expect(writeWork([emptyTab({ kind: 'rejects', key: '' }, 'Rejets')])).toEqual({ calls: 7, cells: 0 });
  });

  it('reading 100,000 rows of 4 columns in one range: about 50 s', () => {
    expect(readSeconds(1, 400_000)).toBeCloseTo(0.16 + 50, 9);
  });
});
