import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { ConditionalFormattingOptions, Worksheet } from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cellsOf } from '../../src/core/rows';
import { INDEX_SHEET, openXlsxWorkbook, readXlsxSheet } from '../../src/local/xlsx-port';
import { readZip, ZipWriter } from '../../src/local/zip-file';
import type { ChartSpec } from '../../src/workbook/port';

let dir: string;
let path: string;
const options = { locale: 'fr_FR', timeZone: 'UTC', notify: () => {} };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'segmento-xlsx-'));
  path = join(dir, 'book.xlsx');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function loadWithExcelJs(file = path): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

function sheetOf(workbook: ExcelJS.Workbook, name: string): Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

/** A workbook with a person's tab and one managed tab, saved. */
async function savedWithManagedTab(name = 'Champions'): Promise<number> {
  const workbook = await openXlsxWorkbook(path, options);
  const tab = workbook.port.createManagedTab(name, { kind: 'segment', key: 'champions' });
  workbook.port.writeBlock(tab.id, 1, 1, [['Client'], ['C1']]);
  await workbook.save();
  const withPersonTab = await loadWithExcelJs();
  withPersonTab.addWorksheet('Commandes').getCell('A1').value = 'Client';
  await withPersonTab.xlsx.writeFile(path);
  return tab.id;
}

describe('values', () => {
  it('round-trip through save and reopen as Sheets gives them, dates as Date', async () => {
    const book = await openXlsxWorkbook(path, options);
    const tab = book.port.createManagedTab('Clients', { kind: 'segment', key: 'all' });
    book.port.writeBlock(tab.id, 1, 1, [
      ['Client', 'Total', 'Fidèle', 'Premier achat', 'Vide'],
      ['00017', 12.5, true, 45000, null],
    ]);
    book.port.formatArea(tab.id, { row: 2, column: 4, rows: 1, columns: 1 }, { numberFormat: 'date' });
    const expected = [
      ['Client', 'Total', 'Fidèle', 'Premier achat', 'Vide'],
      ['00017', 12.5, true, new Date(Date.UTC(2023, 2, 15)), ''],
    ];
    expect(book.port.readRange('Clients', 'A1:E2')).toEqual({ values: expected, firstRow: 1 });
    await book.save();
    expect(readdirSync(dir)).toEqual(['book.xlsx']);

    const reopened = await openXlsxWorkbook(path, options);
    expect(reopened.port.readRange('Clients', 'A1:E2')).toEqual({ values: expected, firstRow: 1 });
    expect(reopened.port.locale()).toBe('fr_FR');
    expect(reopened.port.timeZone()).toBe('UTC');
  });

  it('a date cell is the instant of its wall-clock time in the time zone of the port', async () => {
    const book = await openXlsxWorkbook(path, { ...options, timeZone: 'America/New_York' });
    const tab = book.port.createManagedTab('Dates', { kind: 'history', key: '' });
    book.port.writeBlock(tab.id, 1, 1, [[45000]]);
    book.port.formatArea(tab.id, { row: 1, column: 1, rows: 1, columns: 1 }, { numberFormat: 'date' });
    expect(book.port.readRange('Dates', 'A1')?.values).toEqual([[new Date('2023-03-15T04:00:00Z')]]);
  });

  it('text that reads as a formula stays text after save and reload', async () => {
    const book = await openXlsxWorkbook(path, options);
    const tab = book.port.createManagedTab('Rejets', { kind: 'rejects', key: '' });
    const texts = ['=1+2', '+33 6 12', '-5', '@SUM(A1)', '=HYPERLINK("http://x")'];
    book.port.writeBlock(tab.id, 1, 1, [texts]);
    await book.save();

    const row = sheetOf(await loadWithExcelJs(), 'Rejets').getRow(1);
    texts.forEach((text, index) => {
      const cell = row.getCell(index + 1);
      expect(cell.value).toBe(text);
      expect(cell.formula).toBeUndefined();
    });
    expect((await openXlsxWorkbook(path, options)).port.readRange('Rejets', '1:1')?.values).toEqual([texts]);
  });
});

describe('formats and layout', () => {
  it('number formats, fonts, fills and alignment read back after reload', async () => {
    const book = await openXlsxWorkbook(path, options);
    const tab = book.port.createManagedTab('KPI', { kind: 'kpi', key: '' });
    book.port.writeBlock(tab.id, 1, 1, [['texte', 1, 1021, 1.5, 1234.5, 0.25, 45000]]);
    const formats = ['text', 'integer', 'count', 'decimal', 'money', 'percent', 'date'] as const;
    formats.forEach((numberFormat, index) =>
      book.port.formatArea(tab.id, { row: 1, column: index + 1, rows: 1, columns: 1 }, { numberFormat }),
    );
    book.port.formatArea(
      tab.id,
      { row: 1, column: 1, rows: 1, columns: 2 },
      {
        bold: true,
        italic: true,
        background: '#1a73e8',
        fontColor: '#ffffff',
        horizontalAlignment: 'center',
      },
    );
    await book.save();

    const sheet = sheetOf(await loadWithExcelJs(), 'KPI');
    expect(formats.map((_, index) => sheet.getCell(1, index + 1).numFmt)).toEqual([
      '@',
      '0',
      '#,##0',
      '#,##0.00',
      '#,##0.00',
      '0.0%',
      'yyyy-mm-dd',
    ]);
    const header = sheet.getCell('B1');
    expect(header.font).toMatchObject({ bold: true, italic: true, color: { argb: 'FFFFFFFF' } });
    expect(header.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1A73E8' } });
    expect(header.alignment).toMatchObject({ horizontal: 'center' });
    expect(sheet.getCell('C1').font?.bold).toBeFalsy();
  });

  it('formatting a cell of a reopened workbook leaves the cells that shared its style alone', async () => {
    const managed = await openXlsxWorkbook(path, options);
    managed.port.createManagedTab('KPI', { kind: 'kpi', key: '' });
    await managed.save();
    const saved = await loadWithExcelJs();
    for (const sheet of [sheetOf(saved, 'KPI'), saved.addWorksheet('Commandes')]) {
      sheet.getCell('A1').value = 1;
      sheet.getCell('A1').numFmt = '0.000';
    }
    await saved.xlsx.writeFile(path);

    const book = await openXlsxWorkbook(path, options);
    const [tab] = book.port.managedTabs();
    book.port.formatArea(
      tab.id,
      { row: 1, column: 1, rows: 1, columns: 1 },
      { numberFormat: 'percent', bold: true },
    );
    await book.save();
    const reloaded = await loadWithExcelJs();
    expect(sheetOf(reloaded, 'KPI').getCell('A1').numFmt).toBe('0.0%');
    expect(sheetOf(reloaded, 'Commandes').getCell('A1').numFmt).toBe('0.000');
    expect(sheetOf(reloaded, 'Commandes').getCell('A1').font?.bold).toBeFalsy();
  });

  it('a colour scale is a three-colour conditional format over the area', async () => {
    const book = await openXlsxWorkbook(path, options);
    const tab = book.port.createManagedTab('KPI', { kind: 'kpi', key: '' });
    book.port.addColorScale(
      tab.id,
      { row: 2, column: 2, rows: 5, columns: 5 },
      { min: '#f8696b', mid: '#ffeb84', max: '#63be7b' },
    );
    await book.save();

    const sheet = sheetOf(await loadWithExcelJs(), 'KPI') as Worksheet & {
      conditionalFormattings: ConditionalFormattingOptions[];
    };
    expect(sheet.conditionalFormattings).toEqual([
      {
        ref: 'B2:F6',
        rules: [
          {
            type: 'colorScale',
            priority: 1,
            cfvo: [{ type: 'min' }, { type: 'percentile', value: 50 }, { type: 'max' }],
            color: [{ argb: 'FFF8696B' }, { argb: 'FFFFEB84' }, { argb: 'FF63BE7B' }],
          },
        ],
      },
    ]);
  });

  it('frozen rows, column widths, hidden state and tab colour survive reload', async () => {
    const book = await openXlsxWorkbook(path, options);
    const kpi = book.port.createManagedTab('KPI', { kind: 'kpi', key: '' });
    const history = book.port.createManagedTab('Historique', { kind: 'history', key: '' });
    book.port.layoutTab(kpi.id, { frozenRows: 1, columnWidths: [100, 64], tabColor: '#34a853' });
    book.port.layoutTab(history.id, { hidden: true });
    await book.save();

    const workbook = await loadWithExcelJs();
    const sheet = sheetOf(workbook, 'KPI');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect([sheet.getColumn(1).width, sheet.getColumn(2).width]).toEqual([13.57, 8.43]);
    expect(sheet.properties.tabColor).toEqual({ argb: 'FF34A853' });
    expect(sheetOf(workbook, 'Historique').state).toBe('hidden');
  });

  it('a workbook whose first tab is hidden opens on a visible tab', async () => {
    const book = await openXlsxWorkbook(path, options);
    const history = book.port.createManagedTab('Historique', { kind: 'history', key: '' });
    book.port.createManagedTab('KPI', { kind: 'kpi', key: '' });
    book.port.layoutTab(history.id, { hidden: true });
    await book.save();
    expect((await loadWithExcelJs()).views[0].activeTab).toBe(1);
  });

  it('a chart is recorded as skipped and nothing is written for it', async () => {
    const book = await openXlsxWorkbook(path, options);
    const tab = book.port.createManagedTab('KPI', { kind: 'kpi', key: '' });
    const chart: ChartSpec = {
      type: 'column',
      title: 'Clients par segment',
      labels: { row: 2, column: 1, rows: 3, columns: 1 },
      values: { row: 2, column: 2, rows: 3, columns: 1 },
      anchor: { row: 2, column: 5 },
      width: 600,
      height: 300,
    };
    book.port.addChart(tab.id, chart);
    expect(book.skippedCharts()).toEqual([{ tab: 'KPI', chart }]);
    book.port.deleteTab(tab.id);
    expect(book.skippedCharts()).toEqual([]);
  });
});

describe('managed tabs', () => {
  it('tags survive reload; the index tab is very hidden and never listed', async () => {
    const book = await openXlsxWorkbook(path, options);
    const kpi = book.port.createManagedTab('KPI', { kind: 'kpi', key: '' });
    const loyal = book.port.createManagedTab('Clients fidèles', { kind: 'segment', key: 'loyal' });
    book.port.retagTab(kpi.id, { kind: 'kpi', key: 'v2' });
    await book.save();

    const reopened = await openXlsxWorkbook(path, options);
    expect(reopened.port.managedTabs()).toEqual([
      { id: kpi.id, name: 'KPI', tag: { kind: 'kpi', key: 'v2' } },
      { id: loyal.id, name: 'Clients fidèles', tag: { kind: 'segment', key: 'loyal' } },
    ]);
    expect(reopened.port.sheetNames()).toEqual(['KPI', 'Clients fidèles']);
    expect(reopened.port.readRange(INDEX_SHEET, null)).toBeNull();
    expect(sheetOf(await loadWithExcelJs(), INDEX_SHEET).state).toBe('veryHidden');
  });

  it('a tab a person renamed with a tool that keeps no defined names keeps its tag', async () => {
    const id = await savedWithManagedTab();
    const workbook = await loadWithExcelJs();
    sheetOf(workbook, 'Champions').name = 'Meilleurs clients';
    await workbook.xlsx.writeFile(path);

    const book = await openXlsxWorkbook(path, options);
    expect(book.port.managedTabs()).toEqual([
      { id, name: 'Meilleurs clients', tag: { kind: 'segment', key: 'champions' } },
    ]);
    expect(book.port.sheetNames()).toEqual(['Meilleurs clients', 'Commandes']);
  });

  it('a tab renamed in Excel (defined name rewritten) keeps its tag even when sheet ids are renumbered', async () => {
    const id = await savedWithManagedTab();
    const workbook = await loadWithExcelJs();
    sheetOf(workbook, 'Champions').name = "L'élite";
    workbook.definedNames.model = [{ name: `_segmento_tab_${id}`, ranges: ["'L''élite'!$A$1"] }];
    sheetOf(workbook, INDEX_SHEET).getCell('C2').value = 99;
    await workbook.xlsx.writeFile(path);

    const book = await openXlsxWorkbook(path, options);
    expect(book.port.managedTabs()).toEqual([
      { id, name: "L'élite", tag: { kind: 'segment', key: 'champions' } },
    ]);
    book.port.renameTab(id, 'Champions');
    await book.save();
    expect((await openXlsxWorkbook(path, options)).port.managedTabs()[0].name).toBe('Champions');
  });

  it("a person's tab is never managed, even made with a deleted managed tab's name and id", async () => {
    await savedWithManagedTab();
    const workbook = await loadWithExcelJs();
    workbook.removeWorksheet(sheetOf(workbook, 'Champions').id);
    // Excel turns the defined name of a deleted tab into #REF!, which exceljs drops.
    workbook.definedNames.model = [];
    workbook.addWorksheet('Champions');
    await workbook.xlsx.writeFile(path);

    const book = await openXlsxWorkbook(path, options);
    expect(book.port.managedTabs()).toEqual([]);
    expect(book.port.sheetNames()).toEqual(['Commandes', 'Champions']);
  });

  it('a tab whose name exceljs would write unquoted is found by its sheet id and name', async () => {
    const id = await savedWithManagedTab('TOP10');
    expect((await loadWithExcelJs()).definedNames.model).toEqual([]);
    expect((await openXlsxWorkbook(path, options)).port.managedTabs()).toEqual([
      { id, name: 'TOP10', tag: { kind: 'segment', key: 'champions' } },
    ]);
  });

  it('deleting a tab removes it, its index row and its defined name; ids are not reused', async () => {
    const book = await openXlsxWorkbook(path, options);
    const first = book.port.createManagedTab('Perdus', { kind: 'segment', key: 'lost' });
    book.port.deleteTab(first.id);
    const second = book.port.createManagedTab('Perdus', { kind: 'segment', key: 'lost' });
    expect(second.id).not.toBe(first.id);
    expect(() => book.port.writeBlock(first.id, 1, 1, [['x']])).toThrow(
      `No managed tab has the id ${first.id}.`,
    );
    book.port.deleteTab(second.id);
    await book.save();

    const workbook = await loadWithExcelJs();
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([INDEX_SHEET]);
    expect(workbook.definedNames.model).toEqual([]);
    expect(sheetOf(workbook, INDEX_SHEET).rowCount).toBe(1);
  });

  it('invalid or taken tab names are refused with a clear error', async () => {
    const book = await openXlsxWorkbook(path, options);
    const tag = { kind: 'segment', key: 'x' } as const;
    const tab = book.port.createManagedTab('Champions', tag);
    expect(() => book.port.createManagedTab('a'.repeat(32), tag)).toThrow(/Invalid tab name/);
    expect(() => book.port.createManagedTab('A/B', tag)).toThrow(/Invalid tab name/);
    expect(() => book.port.createManagedTab("'Citation'", tag)).toThrow(/Invalid tab name/);
    expect(() => book.port.createManagedTab('champions', tag)).toThrow(
      'A tab named "Champions" already exists.',
    );
    expect(() => book.port.createManagedTab(INDEX_SHEET, tag)).toThrow(/reserved/);
    expect(() => book.port.renameTab(tab.id, 'Q1: ventes')).toThrow(/Invalid tab name/);
    book.port.renameTab(tab.id, 'CHAMPIONS');
    expect(book.port.sheetNames()).toEqual(['CHAMPIONS']);
  });
});

describe('readRange', () => {
  async function bookWithData() {
    const book = await openXlsxWorkbook(path, options);
    const tab = book.port.createManagedTab('Commandes', { kind: 'pending', key: '' });
    book.port.writeBlock(tab.id, 1, 1, [
      ['Client', 'Date', 'Montant'],
      ['C1', 'hier', 10],
      ['C2', '', 20],
    ]);
    book.port.writeBlock(tab.id, 5, 2, [['fin']]);
    return book;
  }

  it('gives the shapes and first row of A:D, A1:D6, B2, A2:C, 2:3 and the data range', async () => {
    const { port } = await bookWithData();
    expect(port.readRange('Commandes', 'A:D')).toEqual({
      values: [
        ['Client', 'Date', 'Montant', ''],
        ['C1', 'hier', 10, ''],
        ['C2', '', 20, ''],
        ['', '', '', ''],
        ['', 'fin', '', ''],
      ],
      firstRow: 1,
    });
    const padded = port.readRange('Commandes', 'A1:D6');
    expect([padded?.values.length, padded?.values[5]]).toEqual([6, ['', '', '', '']]);
    expect(port.readRange('Commandes', 'B2')).toEqual({ values: [['hier']], firstRow: 2 });
    expect(port.readRange('Commandes', '$A$2:$C')?.values).toHaveLength(4);
    expect(port.readRange('Commandes', 'A2:C')?.firstRow).toBe(2);
    expect(port.readRange('Commandes', '2:3')).toEqual({
      values: [
        ['C1', 'hier', 10],
        ['C2', '', 20],
      ],
      firstRow: 2,
    });
    const dataRange = port.readRange('Commandes', null);
    expect([dataRange?.values.length, dataRange?.values[0].length, dataRange?.firstRow]).toEqual([5, 3, 1]);
  });

  it('readRows gives, cell by cell, what readRange gives for a tab held outside exceljs; null for any other', async () => {
    const book = await bookWithData();
    const { port } = book;
    for (const a1 of ['A:D', 'A1:D6', 'B2', 'A2:C', '2:3', null]) {
      const range = port.readRange('Commandes', a1)!;
      const held = port.readRows!('Commandes', a1)!;
      expect(held.firstRow).toBe(range.firstRow);
      expect(cellsOf(held.rows)).toEqual(range.values);
    }
    book.addPlainTab('Notes', [['Client', 'Note']]);
    expect(port.readRows!('Notes', null)).toBeNull();
    expect(port.readRows!('Inconnu', null)).toBeNull();
  });

  it('gives null for a missing tab, one empty cell for an empty tab, and refuses a bad range', async () => {
    const { port } = await bookWithData();
    expect(port.readRange('Inconnu', 'A:D')).toBeNull();
    port.createManagedTab('Vide', { kind: 'pending', key: 'empty' });
    expect(port.readRange('Vide', null)).toEqual({ values: [['']], firstRow: 1 });
    expect(port.readRange('Vide', 'A2:D')).toEqual({ values: [], firstRow: 2 });
    expect(() => port.readRange('Commandes', 'A0:B3')).toThrow('Invalid range "A0:B3"');
    expect(() => port.readRange('Commandes', 'A:3')).toThrow(/Invalid range/);
  });
});

describe('readXlsxSheet', () => {
  /** Writes the workbook to `path` with one part's XML edited, as another program would write it. */
  async function writeEdited(workbook: ExcelJS.Workbook, part: string, edit: (xml: string) => string) {
    const zip = new ZipWriter();
    for (const [name, entry] of readZip(new Uint8Array(await workbook.xlsx.writeBuffer())))
      zip.add(name, name === part ? edit(entry.read().toString('utf8')) : entry.read());
    writeFileSync(path, zip.bytes());
  }

  async function writeOrderFile(): Promise<void> {
    const workbook = new ExcelJS.Workbook();
    const orders = workbook.addWorksheet('Commandes');
    orders.addRow(['Client', 'Date', 'Montant', 'Note', 'Payé']);
    orders.addRow(['17850', new Date(Date.UTC(2010, 11, 1, 8, 26)), 15.3, null, true]);
    orders.addRow([
      { richText: [{ text: 'C' }, { text: '2', font: { bold: true } }] },
      new Date(Date.UTC(2011, 0, 2)),
      { formula: 'C2*2', result: 30.6 },
      '',
      false,
    ]);
    orders.mergeCells('D4:E4');
    orders.getCell('D4').value = 'fusion';
    workbook.addWorksheet('Autre').getCell('A1').value = 'autre';
    await workbook.xlsx.writeFile(path);
  }

  it('reads the first sheet as Sheets gives it: dates, numbers, strings, booleans, empty cells', async () => {
    await writeOrderFile();
    expect(cellsOf(await readXlsxSheet(path))).toEqual([
      ['Client', 'Date', 'Montant', 'Note', 'Payé'],
      ['17850', new Date('2010-12-01T08:26:00Z'), 15.3, '', true],
      ['C2', new Date('2011-01-02T00:00:00Z'), 30.6, '', false],
      ['', '', '', 'fusion', ''],
    ]);
  });

  it('reads a sheet by name, dates in a time zone, and names the sheets when one is missing', async () => {
    await writeOrderFile();
    expect(cellsOf(await readXlsxSheet(path, 'Autre'))).toEqual([['autre']]);
    const rows = cellsOf(await readXlsxSheet(path, 'Commandes', 'Europe/Paris'));
    expect(rows[1][1]).toEqual(new Date('2010-12-01T07:26:00Z'));
    await expect(readXlsxSheet(path, 'Clients')).rejects.toThrow(
      `${path} has no sheet "Clients"; its sheets: "Commandes", "Autre".`,
    );
  });

  it('an error, a link, a date in a custom format; a cell past the data with only a style adds nothing', async () => {
    const workbook = new ExcelJS.Workbook();
    const orders = workbook.addWorksheet('Commandes');
    orders.addRow(['Client', 'Date', 'Montant', 'Site']);
    orders.addRow([
      'A1',
      new Date(Date.UTC(2024, 1, 29, 23, 30)),
      { formula: 'NA()', result: { error: '#N/A' } },
      { text: 'boutique', hyperlink: 'https://example.org' },
    ]);
    orders.getCell('B2').numFmt = 'dd/mm/yyyy hh:mm';
    orders.getCell('G9').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
    await workbook.xlsx.writeFile(path);
    expect(cellsOf(await readXlsxSheet(path, 'Commandes', 'Europe/Paris'))).toEqual([
      ['Client', 'Date', 'Montant', 'Site'],
      ['A1', new Date('2024-02-29T22:30:00Z'), '#N/A', 'boutique'],
    ]);
  });

  it('a shared string with phonetic runs (Japanese Excel) reads as its text alone, as exceljs reads it', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Commandes').addRow(['Client', 'C1']);
    await writeEdited(workbook, 'xl/sharedStrings.xml', (xml) =>
      xml.replace(
        '<si><t>C1</t></si>',
        '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>',
      ),
    );
    expect(cellsOf(await readXlsxSheet(path))).toEqual([['Client', '東京']]);
  });

  it('a merged cell other than the top-left one is empty even when the file keeps a value in it', async () => {
    const workbook = new ExcelJS.Workbook();
    const orders = workbook.addWorksheet('Commandes');
    orders.addRow(['Client', 'Montant']);
    orders.addRow(['C1', 10]);
    orders.mergeCells('A2:B2');
    // LibreOffice's "keep the contents of the hidden cells" writes the value of B2 still.
    await writeEdited(workbook, 'xl/worksheets/sheet1.xml', (xml) =>
      xml.replace(/<c r="B2"([^>]*)\/>/, '<c r="B2"$1><v>10</v></c>'),
    );
    expect(cellsOf(await readXlsxSheet(path))).toEqual([
      ['Client', 'Montant'],
      ['C1', ''],
    ]);
  });

  it('a workbook in the 1904 date system (read by exceljs) gives its dates right', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.properties.date1904 = true;
    workbook.addWorksheet('Commandes').addRow(['C1', new Date(Date.UTC(2024, 5, 30))]);
    await workbook.xlsx.writeFile(path);
    expect(cellsOf(await readXlsxSheet(path))).toEqual([['C1', new Date('2024-06-30T00:00:00Z')]]);
  });
});

describe('withDocumentLock', () => {
  it('runs under a lock file beside the workbook and removes it, even when the function throws', async () => {
    const { port } = await openXlsxWorkbook(path, options);
    expect(port.withDocumentLock(0, () => existsSync(`${path}.lock`))).toBe(true);
    expect(existsSync(`${path}.lock`)).toBe(false);
    expect(() =>
      port.withDocumentLock(0, () => {
        throw new Error('échec');
      }),
    ).toThrow('échec');
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('gives null when another run holds the lock past the wait, and takes over a stale lock', async () => {
    const { port } = await openXlsxWorkbook(path, options);
    writeFileSync(`${path}.lock`, 'other run');
    const started = Date.now();
    expect(port.withDocumentLock(120, () => 'ran')).toBeNull();
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(existsSync(`${path}.lock`)).toBe(true);

    const elevenMinutesAgo = new Date(Date.now() - 11 * 60_000);
    utimesSync(`${path}.lock`, elevenMinutesAgo, elevenMinutesAgo);
    expect(port.withDocumentLock(0, () => 'ran')).toBe('ran');
    expect(existsSync(`${path}.lock`)).toBe(false);
  });
});
