/**
 * Issue 12: a tab is replaced only when every mark of ours agrees it is ours. Another program's
 * edits (a deleted tab whose sheet id a person's new tab takes, a deleted index tab) never cost a
 * person's tab or the history.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoOrdersCsv } from '../../src/local/demo-orders';
import { runWorkbookCommand } from '../../src/local/workbook-command';
import { INDEX_SHEET } from '../../src/local/xlsx-port';

let dir: string;
let orders: string;
let out: string;
let err: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'segmento-marks-'));
  orders = join(dir, 'orders.csv');
  out = join(dir, 'shop.xlsx');
  writeFileSync(orders, demoOrdersCsv(300));
  err = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]): Promise<number> {
  const io = {
    out: () => {},
    err: (text: string) => void err.push(text),
    interactive: false,
    locale: 'fr_FR',
    demoOrders: orders,
  };
  return runWorkbookCommand(['run', orders, '--out', out, ...args], io);
}

async function load(): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(out);
  return workbook;
}

describe('marks that disagree', () => {
  it('a person’s tab that took the sheet id of a deleted tab of ours is kept, and the run says so', async () => {
    expect(await run('--as-of', '2026-06-30')).toBe(0);
    const workbook = await load();
    const champions = workbook.getWorksheet('Champions')!;
    const freedId = champions.id;
    // Another program deletes the tab but keeps its defined name; a person adds a tab, which
    // takes the lowest free sheet id: the deleted tab's.
    const names = workbook.definedNames.model;
    workbook.removeWorksheet(freedId);
    workbook.definedNames.model = names;
    const budget = workbook.addWorksheet('Budget 2026');
    budget.addRows([
      ['Poste', 'Montant'],
      ['Salon', 1200],
    ]);
    expect(budget.id).toBe(freedId);
    await workbook.xlsx.writeFile(out);

    expect(await run('--as-of', '2026-09-30')).toBe(0);
    const after = await load();
    const kept = after.getWorksheet('Budget 2026');
    expect([kept?.getCell('A2').value, kept?.getCell('B2').value]).toEqual(['Salon', 1200]);
    expect(err.join('')).toContain(
      `l’onglet « Budget 2026 » n’a pas toutes les marques d’un onglet Segmento (sheet id ${freedId} le désigne`,
    );
    const history = after.getWorksheet('Segmento · Historique')!;
    expect(JSON.parse(String(history.getCell('B1').value))).toEqual(['2026-06-30', '2026-09-30']);
  });

  it('deleting the hidden index tab is refused with a message: nothing duplicated, no history restarted', async () => {
    expect(await run('--as-of', '2026-06-30')).toBe(0);
    const workbook = await load();
    workbook.removeWorksheet(workbook.getWorksheet(INDEX_SHEET)!.id);
    await workbook.xlsx.writeFile(out);
    const before = readFileSync(out);

    await expect(run('--as-of', '2026-09-30')).rejects.toThrow(
      'l’onglet caché « _segmento », qui liste les onglets de Segmento, a été supprimé ; rien n’a été écrit',
    );
    expect(readFileSync(out).equals(before)).toBe(true);
  });
});
