/**
 * A second `segmento run` into a workbook whose managed tabs are large (issue 17): those tabs are
 * read outside exceljs (their sheet XML is over a megabyte), and what they held must come back
 * exactly: the history of the first run, read by exceljs from the first file, is the history the
 * second run keeps. A tab our marks no longer agree on is read by exceljs and kept as it is.
 */
import { mkdtempSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runWorkbookCommand } from '../../src/local/workbook-command';
import { readZip } from '../../src/local/zip-file';
import { dataSet } from '../data-sets';

const cdnow = dataSet('CDNOW_master.txt');
const DEMO = new URL('../../src/local/demo/commandes-demo.csv', import.meta.url).pathname;

async function run(args: string[]): Promise<{ code: number; err: string }> {
  const err: string[] = [];
  const code = await runWorkbookCommand(args, {
    out: () => {},
    err: (text) => err.push(text),
    interactive: false,
    locale: 'en_GB',
    demoOrders: DEMO,
  });
  return { code, err: err.join('') };
}

async function open(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

function rowsOf(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow((row, number) => (rows[number - 1] = (row.values as unknown[]).slice(1)));
  return Array.from(rows, (row) => row ?? []);
}

/** The largest worksheet part of a file, in bytes of XML. */
function largestSheetBytes(path: string): number {
  const entries = [...readZip(readFileSync(path))].filter(([name]) => name.includes('worksheets/'));
  return Math.max(...entries.map(([, entry]) => entry.size));
}

describe.skipIf(!cdnow)('a second run into a workbook of large managed tabs (CDNOW)', () => {
  it('keeps the first run’s history exactly and writes the second beside it', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'segmento-large-')), 'cdnow.xlsx');
    const args = ['run', cdnow!, '--out', out, '--columns', 'customer=1,date=2,amount=4'];
    expect((await run([...args, '--as-of', '1997-12-31'])).code).toBe(0);
    expect(largestSheetBytes(out)).toBeGreaterThan(1 << 20);
    const first = await open(out);
    const historyName = first.worksheets.find((sheet) => /History|Historique/.test(sheet.name))!.name;
    const firstHistory = rowsOf(first.getWorksheet(historyName)!);

    expect((await run([...args, '--as-of', '1998-06-30'])).code).toBe(0);
    const second = await open(out);
    const history = rowsOf(second.getWorksheet(historyName)!);
    // One more run: each customer's cell of the first, as it was, then of the second.
    const byCustomer = new Map(history.slice(4).map((row) => [String(row[0]), String(row[1])]));
    for (const row of firstHistory.slice(4))
      expect(byCustomer.get(String(row[0]))?.startsWith(`${String(row[1])};`)).toBe(true);
    const runs = (rows: unknown[][]) =>
      rows.slice(0, 4).map((row) => JSON.parse(String(row[1])) as unknown[]);
    expect(runs(history).map((list) => list.slice(0, -1))).toEqual(runs(firstHistory));
    expect(runs(history)[0]).toEqual(['1997-12-31', '1998-06-30']);
    // The segment tabs hold every customer of the second run once.
    const customers = second.worksheets
      .filter(
        (sheet) =>
          sheet.state === 'visible' &&
          (sheet.getCell('A1').value === 'Customer' || sheet.getCell('A1').value === 'Client'),
      )
      .reduce((sum, sheet) => sum + sheet.rowCount - 1, 0);
    expect(customers).toBe(23_570);
  });

  it('a large tab our marks disagree on is read whole by exceljs and kept as the person left it', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'segmento-large-')), 'cdnow.xlsx');
    const args = ['run', cdnow!, '--out', out, '--columns', 'customer=1,date=2,amount=4'];
    expect((await run([...args, '--as-of', '1997-12-31'])).code).toBe(0);
    const workbook = await open(out);
    const largest = workbook.worksheets
      .filter((sheet) => sheet.state === 'visible')
      .sort((a, b) => b.rowCount - a.rowCount)[0];
    const rows = largest.rowCount;
    // Someone made it theirs: a new first row, and our defined name gone. Without reading it again
    // through exceljs, the tab taken out would be saved empty.
    largest.getCell('A1').value = 'Mes clients';
    workbook.definedNames.model = workbook.definedNames.model.filter(
      ({ ranges }) => !ranges[0]?.includes(largest.name),
    );
    await workbook.xlsx.writeFile(out);

    const second = await run([...args, '--as-of', '1998-06-30']);
    expect(second.code).toBe(0);
    const after = await open(out);
    const kept = after.getWorksheet(largest.name)!;
    expect(kept.getCell('A1').value).toBe('Mes clients');
    expect(kept.rowCount).toBe(rows);
  });
});
