import { createContext, runInContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { sheetsPort, TAB_TAG_KEY } from '../../src/addon/sheets-port';
import { NUMBER_FORMAT_PATTERNS } from '../../src/workbook/port';
import { dayFromIso, dayInZone, isoDay, SHEETS_SERIAL_OF_EPOCH } from '../../src/core/days';
import { isFormulaLike, type NumberFormat, type TabTag } from '../../src/workbook/port';
import { AUTOMATIC_FORMAT, createFakeAppsScript, type FakeAppsScriptOptions } from './apps-script-fakes';

const orders = [
  ['Client', 'Date', 'Montant', 'Pays'],
  ['C1', new Date(Date.UTC(2025, 9, 17)), 120.5, 'France'],
  ['C2', new Date(Date.UTC(2025, 9, 18)), 40, 'Belgique'],
];
const championsTag: TabTag = { kind: 'segment', key: 'Champions' };

function setup(options: FakeAppsScriptOptions = {}) {
  const fake = createFakeAppsScript({ sheets: { Commandes: orders }, ...options });
  return { fake, port: sheetsPort(fake.spreadsheet, fake) };
}

/** A managed tab `Champions` already written to once (so its grid size is known), with the log empty. */
function setupWithTab() {
  const { fake, port } = setup();
  const { id } = port.createManagedTab('Champions', championsTag);
  port.writeBlock(id, 1, 1, [['Client']]);
  fake.clearCalls();
  return { fake, port, id };
}

function call(target: string, method: string, ...args: unknown[]) {
  return { target, method, args };
}

describe('the workbook port over SpreadsheetApp', () => {
  it('locale, time zone and a notice are one call each', () => {
    const { fake, port } = setup({ locale: 'en_GB', timeZone: 'Europe/London' });
    expect(port.locale()).toBe('en_GB');
    expect(port.timeZone()).toBe('Europe/London');
    port.notify('Segments à jour.');
    expect(fake.calls).toEqual([
      call('Spreadsheet', 'getSpreadsheetLocale'),
      call('Spreadsheet', 'getSpreadsheetTimeZone'),
      call('Spreadsheet', 'toast', 'Segments à jour.', 'Segmento'),
    ]);
  });

  it('reads a range by A1 notation, with the number of its first row', () => {
    const { fake, port } = setup();
    expect(port.readRange('Commandes', 'B2:C3')).toEqual({
      values: [orders[1].slice(1, 3), orders[2].slice(1, 3)],
      firstRow: 2,
    });
    expect(fake.calls).toEqual([
      call('Spreadsheet', 'getSheetByName', 'Commandes'),
      call('Sheet(Commandes)', 'getRange', 'B2:C3'),
      call('Range(Commandes!B2:C3)', 'getValues'),
      call('Range(Commandes!B2:C3)', 'getRow'),
    ]);
  });

  it('whole columns come with every row of the grid, as in Sheets; null reads the data range', () => {
    const { port } = setup();
    const columns = port.readRange('Commandes', 'A:D')!;
    expect(columns.values).toHaveLength(1000);
    expect(columns.values.slice(0, 4)).toEqual([...orders, ['', '', '', '']]);
    expect(port.readRange('Commandes', null)).toEqual({ values: orders, firstRow: 1 });
  });

  it('reading a tab that does not exist gives null after one call', () => {
    const { fake, port } = setup();
    expect(port.readRange('Orders', 'A:D')).toBeNull();
    expect(fake.calls).toEqual([call('Spreadsheet', 'getSheetByName', 'Orders')]);
  });

  it('a managed tab is inserted last and tagged with document-visible developer metadata', () => {
    const { fake, port } = setup({ sheets: { Commandes: orders, Notes: [] } });
    const tab = port.createManagedTab('Champions', championsTag);
    expect(tab).toEqual({ id: expect.any(Number), name: 'Champions', tag: championsTag });
    const tagValue = JSON.stringify({ ...championsTag, sheetId: tab.id });
    expect(fake.calls).toEqual([
      call('Spreadsheet', 'getNumSheets'),
      call('Spreadsheet', 'insertSheet', 'Champions', 2),
      call('Sheet(Champions)', 'getSheetId'),
      call('Sheet(Champions)', 'addDeveloperMetadata', TAB_TAG_KEY, tagValue, 'DOCUMENT'),
    ]);
    expect(port.sheetNames()).toEqual(['Commandes', 'Notes', 'Champions']);
    const [metadata] = fake.sheet('Champions').metadata;
    expect([metadata.key, metadata.value, metadata.visibility.name]).toEqual([
      'segmento',
      `{"kind":"segment","key":"Champions","sheetId":${tab.id}}`,
      'DOCUMENT',
    ]);
  });

  it('creating a tab under a name already taken fails as in Sheets', () => {
    const { port } = setup();
    expect(() => port.createManagedTab('commandes', championsTag)).toThrow(
      'A sheet with the name "commandes" already exists. Please enter another name.',
    );
  });

  it('managed tabs are found by their tag after a person renames them, never by name', () => {
    const { fake, port } = setup();
    const { id } = port.createManagedTab('Champions', championsTag);
    fake.spreadsheet.getSheetByName('Champions')!.setName('Nos champions');
    fake.spreadsheet.insertSheet('Champions');
    fake.clearCalls();
    expect(port.managedTabs()).toEqual([{ id, name: 'Nos champions', tag: championsTag }]);
    expect(fake.calls).toEqual([
      call('Spreadsheet', 'createDeveloperMetadataFinder'),
      call('DeveloperMetadataFinder', 'withKey', 'segmento'),
      call('DeveloperMetadataFinder', 'withLocationType', 'SHEET'),
      call('DeveloperMetadataFinder', 'find'),
      call('DeveloperMetadata(1)', 'getValue'),
      call('DeveloperMetadata(1)', 'getLocation'),
      call('DeveloperMetadataLocation(Nos champions)', 'getSheet'),
      call('Sheet(Nos champions)', 'getSheetId'),
      call('Sheet(Nos champions)', 'getName'),
    ]);
  });

  it('metadata under another key, or whose value is not a tag, does not make a tab managed', () => {
    const { fake, port } = setup();
    const commandes = fake.spreadsheet.getSheetByName('Commandes')!;
    commandes.addDeveloperMetadata('other-addon', JSON.stringify(championsTag));
    commandes.addDeveloperMetadata(TAB_TAG_KEY, 'not json');
    commandes.addDeveloperMetadata(TAB_TAG_KEY, '{"kind":"chart","key":"x"}');
    commandes.addDeveloperMetadata(TAB_TAG_KEY, JSON.stringify(championsTag));
    expect(port.managedTabs()).toEqual([]);
  });

  it('a copy of a managed tab a person makes stays theirs, even if the copy carries our tag', () => {
    const { fake, port } = setup();
    const { id } = port.createManagedTab('Champions', championsTag);
    const copy = fake.spreadsheet.getSheetById(id)!.copyTo(fake.spreadsheet);
    expect(copy.getName()).toBe('Copie de Champions');
    expect(fake.sheet('Copie de Champions').metadata).toHaveLength(1);
    expect(port.managedTabs()).toEqual([{ id, name: 'Champions', tag: championsTag }]);
  });

  it('a new tab is cut to the size its content needs, and the spreadsheet counts every cell of every grid', () => {
    const { fake, port } = setup();
    const before = port.capacity()!;
    expect(before).toEqual({ usedCells: 1000 * 26, maxCells: 10_000_000 });
    const { id } = port.createManagedTab('Champions', championsTag, { rows: 12, columns: 3 });
    const sheet = fake.spreadsheet.getSheetById(id)!;
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([12, 3]);
    expect(port.capacity()!.usedCells).toBe(before.usedCells + 36);
    port.writeBlock(id, 12, 3, [['fits']]);
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([12, 3]);
  });

  it('retagging replaces the value of the tag', () => {
    const { fake, port } = setup();
    const { id } = port.createManagedTab('~segmento 1', { kind: 'pending', key: 'segment:Champions' });
    fake.clearCalls();
    port.retagTab(id, championsTag);
    expect(fake.calls).toEqual([
      call('Spreadsheet', 'getSheetById', id),
      call('Sheet(~segmento 1)', 'getDeveloperMetadata'),
      call('DeveloperMetadata(1)', 'getKey'),
      call('DeveloperMetadata(1)', 'setValue', JSON.stringify({ ...championsTag, sheetId: id })),
    ]);
    expect(fake.sheet('~segmento 1').metadata).toHaveLength(1);
    expect(port.managedTabs()).toEqual([{ id, name: '~segmento 1', tag: championsTag }]);
  });

  it('renaming and deleting a tab are one call each on the tab found by id', () => {
    const { fake, port, id } = setupWithTab();
    port.renameTab(id, 'Champions (2)');
    port.deleteTab(id);
    expect(fake.calls).toEqual([
      call('Spreadsheet', 'getSheetById', id),
      call('Sheet(Champions)', 'setName', 'Champions (2)'),
      call('Spreadsheet', 'getSheetById', id),
      call('Spreadsheet', 'deleteSheet', 'Sheet(Champions (2))'),
    ]);
    expect(port.sheetNames()).toEqual(['Commandes']);
    expect(() => port.deleteTab(id)).toThrow(`the tab with id ${id} no longer exists`);
  });

  it('a block is one setValues, after one number format call over the runs of text cells', () => {
    const { fake, port, id } = setupWithTab();
    const block = [
      ['Client', 'Dépense', 'Code'],
      ['C1', 120.5, '555'],
      ['C2', 40, '335'],
    ];
    port.writeBlock(id, 2, 1, block);
    expect(fake.calls).toEqual([
      call('Spreadsheet', 'getSheetById', id),
      call('Sheet(Champions)', 'getRange', 2, 1, 3, 3),
      call('Sheet(Champions)', 'getRangeList', ['A2:A4', 'B2', 'C2:C4']),
      call('RangeList(Champions!A2:A4,B2,C2:C4)', 'setNumberFormat', '@'),
      call('Range(Champions!A2:C4)', 'setValues', block),
    ]);
    expect(port.readRange('Champions', 'A2:C4')!.values).toEqual(block);
  });

  it('formula-like text is written as text and read back as typed, never as a formula', () => {
    const { fake, port, id } = setupWithTab();
    const texts = ['=SUM(A1:A3)', '+33 6 12 34 56 78', '-', '- 10 %', '@home', '=1+2'];
    expect(texts.every(isFormulaLike)).toBe(true);
    const column = [...texts, "'quoted"].map((text) => [text]);
    port.writeBlock(id, 1, 2, column);
    expect(port.readRange('Champions', `B1:B${column.length}`)!.values).toEqual(column);
    const written = fake.spreadsheet.getSheetByName('Champions')!.getRange(`B1:B${column.length}`);
    expect(
      written
        .getFormulas()
        .flat()
        .every((formula) => formula === ''),
    ).toBe(true);
  });

  it('the stand-in reads strings as Sheets does, so the text protection above is tested', () => {
    const { fake } = setup();
    const range = fake.spreadsheet.getSheetByName('Commandes')!.getRange('F1:F4');
    range.setValues([['=1+2'], ['+33 6 12'], ['00017'], ["'00017"]]);
    expect(range.getFormulas()).toEqual([['=1+2'], ['+33 6 12'], [''], ['']]);
    expect(range.getValues()).toEqual([[3], ['#ERROR!'], [17], ['00017']]);
  });

  it('ids, codes, booleans and dates written as text stay text', () => {
    const { port, id } = setupWithTab();
    const texts = [['00017', '335', 'TRUE', '2025-10-17', '1,5', '17850.0']];
    port.writeBlock(id, 2, 1, texts);
    expect(port.readRange('Champions', 'A2:F2')!.values).toEqual(texts);
  });

  it('numbers, booleans and empty cells keep their type and their format', () => {
    const { fake, port, id } = setupWithTab();
    port.writeBlock(id, 2, 1, [[1.5, true, null, 'x', '']]);
    const range = fake.spreadsheet.getSheetByName('Champions')!.getRange('A2:E2');
    expect(range.getValues()).toEqual([[1.5, true, '', 'x', '']]);
    expect(range.getNumberFormats()).toEqual([
      [AUTOMATIC_FORMAT, AUTOMATIC_FORMAT, AUTOMATIC_FORMAT, '@', AUTOMATIC_FORMAT],
    ]);
  });

  it('a block beyond the grid adds the rows and columns it needs, and the grid is read once per tab', () => {
    const { fake, port } = setup();
    const { id } = port.createManagedTab('Clients', { kind: 'segment', key: 'Clients' });
    fake.clearCalls();
    const rows = Array.from({ length: 1500 }, (_, r) => Array.from({ length: 30 }, (_, c) => r * 30 + c));
    port.writeBlock(id, 1, 1, rows);
    port.writeBlock(id, 1501, 1, [[1]]);
    expect(fake.calls.map(({ method, args }) => [method, ...args]).slice(0, 5)).toEqual([
      ['getSheetById', id],
      ['getMaxRows'],
      ['getMaxColumns'],
      ['insertRowsAfter', 1000, 500],
      ['insertColumnsAfter', 26, 4],
    ]);
    expect(fake.calls.filter(({ method }) => method === 'getMaxRows')).toHaveLength(1);
    expect(fake.calls.filter(({ method }) => method === 'insertRowsAfter')).toHaveLength(2);
    const sheet = fake.sheet('Clients');
    expect([sheet.maxRows, sheet.maxColumns]).toEqual([1501, 30]);
    expect(sheet.cell(1500, 30).value).toBe(1500 * 30 - 1);
  });

  it('a format is one range and one call per property', () => {
    const { fake, port, id } = setupWithTab();
    port.formatArea(
      id,
      { row: 2, column: 1, rows: 3, columns: 2 },
      {
        numberFormat: 'money',
        bold: true,
        italic: false,
        background: '#eeeeee',
        fontColor: '#333333',
        horizontalAlignment: 'center',
      },
    );
    expect(fake.calls).toEqual([
      call('Spreadsheet', 'getSheetById', id),
      call('Sheet(Champions)', 'getRange', 2, 1, 3, 2),
      call('Range(Champions!A2:B4)', 'setNumberFormat', '#,##0.00'),
      call('Range(Champions!A2:B4)', 'setFontWeight', 'bold'),
      call('Range(Champions!A2:B4)', 'setFontStyle', 'normal'),
      call('Range(Champions!A2:B4)', 'setBackground', '#eeeeee'),
      call('Range(Champions!A2:B4)', 'setFontColor', '#333333'),
      call('Range(Champions!A2:B4)', 'setHorizontalAlignment', 'center'),
    ]);
    expect(fake.sheet('Champions').cell(4, 2)).toMatchObject({
      numberFormat: '#,##0.00',
      fontWeight: 'bold',
      background: '#eeeeee',
      horizontalAlignment: 'center',
    });
  });

  it('each number format has its Sheets pattern', () => {
    const { fake, port, id } = setupWithTab();
    const formats: NumberFormat[] = ['text', 'integer', 'count', 'decimal', 'money', 'percent', 'date'];
    formats.forEach((numberFormat, index) =>
      port.formatArea(id, { row: 1, column: index + 1, rows: 1, columns: 1 }, { numberFormat }),
    );
    expect(
      fake.calls.filter(({ method }) => method === 'setNumberFormat').map(({ args }) => args[0]),
    ).toEqual(['@', '0', '#,##0', '#,##0.00', '#,##0.00', '0.0%', 'yyyy-mm-dd']);
    expect(formats.map((format) => NUMBER_FORMAT_PATTERNS[format])).toEqual(
      formats.map((_, index) => fake.sheet('Champions').cell(1, index + 1).numberFormat),
    );
  });

  it('a date is written as a serial number and, under the date format, reads back as that day', () => {
    const { port, id } = setupWithTab();
    const serial = dayFromIso('2025-10-17')! + SHEETS_SERIAL_OF_EPOCH;
    port.writeBlock(id, 2, 1, [[serial]]);
    port.formatArea(id, { row: 2, column: 1, rows: 1, columns: 1 }, { numberFormat: 'date' });
    const [[value]] = port.readRange('Champions', 'A2')!.values;
    expect(value).toBeInstanceOf(Date);
    expect(isoDay(dayInZone('Europe/Paris')(value as Date))).toBe('2025-10-17');
  });

  it('the stand-in reads time-only and duration formats back as Dates too, as getValues does', () => {
    const { fake, port, id } = setupWithTab();
    port.writeBlock(id, 2, 1, [[0.5, 1.25, 0.5]]);
    const sheet = fake.spreadsheet.getSheetById(id)!;
    sheet.getRange('A2').setNumberFormat('hh:mm');
    sheet.getRange('B2').setNumberFormat('[h]:mm:ss');
    const [[time, duration, plain]] = port.readRange('Champions', 'A2:C2')!.values;
    expect(time).toBeInstanceOf(Date);
    expect(duration).toBeInstanceOf(Date);
    expect(plain).toBe(0.5);
    // Serial 0.5 is noon of 1899-12-30 in the spreadsheet's zone.
    expect(isoDay(dayInZone('Europe/Paris')(time as Date))).toBe('1899-12-30');
  });

  it('a colour scale is one conditional format rule added to the rules already there', () => {
    const { fake, port, id } = setupWithTab();
    const colors = { min: '#f8696b', mid: '#ffeb84', max: '#63be7b' };
    port.addColorScale(id, { row: 2, column: 2, rows: 5, columns: 5 }, colors);
    expect(fake.calls).toEqual([
      call('Spreadsheet', 'getSheetById', id),
      call('SpreadsheetApp', 'newConditionalFormatRule'),
      call('ConditionalFormatRuleBuilder', 'setGradientMinpoint', '#f8696b'),
      call('ConditionalFormatRuleBuilder', 'setGradientMidpointWithValue', '#ffeb84', 'PERCENTILE', '50'),
      call('ConditionalFormatRuleBuilder', 'setGradientMaxpoint', '#63be7b'),
      call('Sheet(Champions)', 'getRange', 2, 2, 5, 5),
      call('ConditionalFormatRuleBuilder', 'setRanges', ['Range(Champions!B2:F6)']),
      call('ConditionalFormatRuleBuilder', 'build'),
      call('Sheet(Champions)', 'getConditionalFormatRules'),
      call('Sheet(Champions)', 'setConditionalFormatRules', ['ConditionalFormatRule(B2:F6)']),
    ]);
    port.addColorScale(id, { row: 10, column: 2, rows: 5, columns: 5 }, colors);
    const rules = fake.sheet('Champions').rules;
    expect(rules.map((rule) => rule.ranges[0].a1())).toEqual(['B2:F6', 'B10:F14']);
    expect(rules[0].gradient).toEqual({
      min: { color: '#f8696b', type: 'MIN', value: '' },
      mid: { color: '#ffeb84', type: 'PERCENTILE', value: '50' },
      max: { color: '#63be7b', type: 'MAX', value: '' },
    });
  });

  it('a chart is built from its labels and values ranges and inserted at its anchor', () => {
    const { fake, port, id } = setupWithTab();
    port.addChart(id, {
      type: 'bar',
      title: 'Clients par segment',
      labels: { row: 2, column: 1, rows: 10, columns: 1 },
      values: { row: 2, column: 3, rows: 10, columns: 1 },
      anchor: { row: 2, column: 8 },
      width: 480,
      height: 300,
    });
    expect(fake.calls).toEqual([
      call('Spreadsheet', 'getSheetById', id),
      call('Sheet(Champions)', 'newChart'),
      call('EmbeddedChartBuilder(Champions)', 'setChartType', 'BAR'),
      call('Sheet(Champions)', 'getRange', 2, 1, 10, 1),
      call('EmbeddedChartBuilder(Champions)', 'addRange', 'Range(Champions!A2:A11)'),
      call('Sheet(Champions)', 'getRange', 2, 3, 10, 1),
      call('EmbeddedChartBuilder(Champions)', 'addRange', 'Range(Champions!C2:C11)'),
      call('EmbeddedChartBuilder(Champions)', 'setPosition', 2, 8, 0, 0),
      call('EmbeddedChartBuilder(Champions)', 'setOption', 'title', 'Clients par segment'),
      call('EmbeddedChartBuilder(Champions)', 'setOption', 'width', 480),
      call('EmbeddedChartBuilder(Champions)', 'setOption', 'height', 300),
      call('EmbeddedChartBuilder(Champions)', 'build'),
      call('Sheet(Champions)', 'insertChart', 'EmbeddedChart(BAR)'),
    ]);
    const anchor = { row: 1, column: 1 };
    const data = { row: 2, column: 1, rows: 3, columns: 1 };
    for (const type of ['column', 'pie'] as const) {
      port.addChart(id, { type, title: type, labels: data, values: data, anchor, width: 1, height: 1 });
    }
    expect(fake.sheet('Champions').charts.map((chart) => chart.type)).toEqual(['BAR', 'COLUMN', 'PIE']);
  });

  it('a layout freezes rows, sets widths by runs of equal columns, hides and colours the tab', () => {
    const { fake, port, id } = setupWithTab();
    port.layoutTab(id, { frozenRows: 1, columnWidths: [120, 120, 80], hidden: true, tabColor: '#1e88e5' });
    expect(fake.calls).toEqual([
      call('Spreadsheet', 'getSheetById', id),
      call('Sheet(Champions)', 'setFrozenRows', 1),
      call('Sheet(Champions)', 'setColumnWidths', 1, 2, 120),
      call('Sheet(Champions)', 'setColumnWidths', 3, 1, 80),
      call('Sheet(Champions)', 'hideSheet'),
      call('Sheet(Champions)', 'setTabColor', '#1e88e5'),
    ]);
    fake.clearCalls();
    port.layoutTab(id, { hidden: false });
    expect(fake.calls.map(({ method }) => method)).toEqual(['getSheetById', 'showSheet']);
    expect(fake.sheet('Champions')).toMatchObject({ frozenRows: 1, hidden: false, tabColor: '#1e88e5' });
  });

  describe('the document lock', () => {
    it('runs fn while holding the lock, then releases it', () => {
      const { fake, port } = setup();
      expect(port.withDocumentLock(5000, () => 42)).toBe(42);
      expect(fake.calls).toEqual([
        call('LockService', 'getDocumentLock'),
        call('Lock', 'tryLock', 5000),
        call('Lock', 'releaseLock'),
      ]);
      expect(fake.LockService.getDocumentLock().tryLock(0)).toBe(true);
    });

    it('gives null without running fn when another run holds the lock past the wait', () => {
      const { fake, port } = setup();
      const releaseOtherRun = fake.holdDocumentLock();
      let ran = false;
      expect(port.withDocumentLock(5000, () => (ran = true))).toBeNull();
      expect(ran).toBe(false);
      expect(fake.calls).toEqual([call('LockService', 'getDocumentLock'), call('Lock', 'tryLock', 5000)]);
      releaseOtherRun();
      expect(port.withDocumentLock(5000, () => 'second try')).toBe('second try');
    });

    it('a second run started while the first holds the lock gets null', () => {
      const { fake, port } = setup();
      const secondRun = sheetsPort(fake.spreadsheet, fake);
      expect(port.withDocumentLock(5000, () => secondRun.withDocumentLock(5000, () => 'inside'))).toBeNull();
    });

    it('releases the lock when fn throws, and lets the error through', () => {
      const { fake, port } = setup();
      expect(() =>
        port.withDocumentLock(5000, () => {
          throw new Error('écriture impossible');
        }),
      ).toThrow('écriture impossible');
      expect(fake.calls.at(-1)).toEqual(call('Lock', 'releaseLock'));
      expect(port.withDocumentLock(0, () => 'free again')).toBe('free again');
    });
  });
});

describe('the Apps Script stand-ins', () => {
  it('getRange reads A1 notations: a cell, a rectangle, whole columns, columns from a row, whole rows', () => {
    const { fake } = setup();
    const sheet = fake.spreadsheet.getSheetByName('Commandes')!;
    const shape = (a1: string) => {
      const range = sheet.getRange(a1);
      return [range.getRow(), range.getColumn(), range.getNumRows(), range.getNumColumns()];
    };
    expect(shape('B2')).toEqual([2, 2, 1, 1]);
    expect(shape('A1:D20')).toEqual([1, 1, 20, 4]);
    expect(shape('$A$1:$B$2')).toEqual([1, 1, 2, 2]);
    expect(shape('A:D')).toEqual([1, 1, 1000, 4]);
    expect(shape('A2:D')).toEqual([2, 1, 999, 4]);
    expect(shape('2:3')).toEqual([2, 1, 2, 26]);
    expect(shape('Z9')).toEqual([9, 26, 1, 1]);
    for (const bad of ['B', 'A1:', 'Commandes!A1', '1A'])
      expect(() => sheet.getRange(bad)).toThrow('Range not found');
    for (const outside of ['A1:A1001', 'AA1'])
      expect(() => sheet.getRange(outside)).toThrow('outside the dimensions');
  });

  it('getDataRange covers the rows and columns with content; A1 alone on an empty tab', () => {
    const { fake } = setup({ sheets: { Commandes: orders, Vide: [] } });
    expect(fake.spreadsheet.getSheetByName('Commandes')!.getDataRange().getA1Notation()).toBe('A1:D3');
    expect(fake.spreadsheet.getSheetByName('Vide')!.getDataRange().getA1Notation()).toBe('A1');
  });

  it('setValues refuses an array whose shape is not the range’s, with Sheets’ messages', () => {
    const { fake } = setup();
    const range = fake.spreadsheet.getSheetByName('Commandes')!.getRange(1, 1, 2, 2);
    expect(() => range.setValues([[1, 2]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() => range.setValues([[1, 2], [3]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
  });

  it('tab names are unique regardless of case; ids are not positions; the last tab cannot go', () => {
    const { fake } = setup({ sheets: { Commandes: orders, Notes: [] } });
    const ids = fake.spreadsheet.getSheets().map((sheet) => sheet.getSheetId());
    expect(ids[0]).toBe(0);
    expect(ids[1]).toBeGreaterThan(1);
    expect(() => fake.spreadsheet.getSheetByName('Notes')!.setName('COMMANDES')).toThrow('already exists');
    fake.spreadsheet.deleteSheet(fake.spreadsheet.getSheetByName('Notes')!);
    expect(() => fake.spreadsheet.deleteSheet(fake.spreadsheet.getSheetByName('Commandes')!)).toThrow(
      "You can't remove all the sheets in a document.",
    );
  });

  it('serve as the globals of a script run in node:vm, as Apps Script loads Code.js', () => {
    const fake = createFakeAppsScript({
      sheets: { Commandes: orders },
      htmlFiles: { sidebar: '<p>Segmento</p>' },
    });
    const script = `
      function onOpen() {
        SpreadsheetApp.getUi().createAddonMenu().addItem('Ouvrir', 'showSidebar').addSeparator().addItem('Appliquer', 'apply').addToUi();
      }
      function showSidebar() {
        SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile('sidebar').setTitle('Segmento'));
      }
      function writeToday() {
        const lock = LockService.getDocumentLock();
        if (!lock.tryLock(1000)) return 'busy';
        SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Commandes').getRange('E1').setValues([[new Date(0)]]);
        lock.releaseLock();
        return String(Charts.ChartType.BAR);
      }
      onOpen();
      showSidebar();
      writeToday();
    `;
    const context = createContext({ ...fake.globals });
    expect(runInContext(script, context)).toBe('BAR');
    expect(fake.ui.menus.map((menu) => menu.entries)).toEqual([
      [
        { caption: 'Ouvrir', functionName: 'showSidebar' },
        { separator: true },
        { caption: 'Appliquer', functionName: 'apply' },
      ],
    ]);
    expect(fake.ui.sidebars.map((page) => [page.getTitle(), page.getContent()])).toEqual([
      ['Segmento', '<p>Segmento</p>'],
    ]);
    expect(fake.sheet('Commandes').readValue(1, 5)).toEqual(new Date(0));
    const releaseOtherRun = fake.holdDocumentLock();
    expect(runInContext('writeToday()', context)).toBe('busy');
    releaseOtherRun();
  });
});
