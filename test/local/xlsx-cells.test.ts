/**
 * The pieces under `segmento run`'s fast path (issue 17): the zip container, the worksheet XML
 * written from and read into dense cells, and the style sheet's formats. Each is checked against
 * an independent reader: exceljs (which reads through JSZip) and Node's zlib.
 */
import { crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { NUMBER_FORMAT_PATTERNS, type WriteCell } from '../../src/workbook/port';
import { parseSharedStrings, readFirstRow, readSheetData, sheetDataPieces } from '../../src/local/sheet-xml';
import { TabCells } from '../../src/local/tab-cells';
import { takeOutLargeTabs, withTabCells } from '../../src/local/xlsx-parts';
import { addCellFormats, readCellFormats } from '../../src/local/xlsx-styles';
import { readZip, ZipWriter } from '../../src/local/zip-file';

/** Texts a cell may hold that XML or a reader could get wrong. */
const AWKWARD: WriteCell[] = [
  'a & b < c > d',
  '  leading and trailing  ',
  'line\nbreak',
  '=1+2',
  'é à ç — « guillemets »',
  '😀 emoji',
  'bell\u0007gone',
  '',
  0,
  -12.5,
  1e-7,
  123456789.125,
  true,
  false,
];

describe('the zip container', () => {
  it('pieces deflated apart read back as one entry, with the CRC-32 of the whole', async () => {
    const zip = new ZipWriter();
    const pieces = Array.from({ length: 40 }, (_, i) =>
      Buffer.from(`<row r="${i}">${'x'.repeat(i * 997)}</row>`),
    );
    zip.add('small.txt', 'café');
    await zip.addPieces('big.xml', pieces);
    const entries = readZip(zip.bytes());
    const whole = Buffer.concat(pieces);
    expect([...entries.keys()]).toEqual(['small.txt', 'big.xml']);
    expect(entries.get('small.txt')!.read().toString('utf8')).toBe('café');
    expect(entries.get('big.xml')!.size).toBe(whole.length);
    expect(entries.get('big.xml')!.read().equals(whole)).toBe(true);
    expect((await entries.get('big.xml')!.readAsync()).equals(whole)).toBe(true);
    // The central directory's CRC is the whole entry's: read at offset 16 of its header.
    const bytes = zip.bytes();
    const central = bytes.lastIndexOf(Buffer.from('big.xml')) - 46;
    expect(bytes.readUInt32LE(central + 16)).toBe(crc32(whole));
  });

  it('JSZip (through exceljs) opens a workbook whose sheet was written in pieces', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Tab');
    const stored = await workbook.xlsx.writeBuffer({
      zip: { compression: 'STORE' },
    } as ExcelJS.XlsxWriteOptions);
    const cells = new TabCells();
    cells.write(1, 1, [AWKWARD]);
    const bytes = await withTabCells(new Uint8Array(stored), new Map([['Tab', cells]]));
    const reread = new ExcelJS.Workbook();
    await reread.xlsx.load(bytes as unknown as ArrayBuffer);
    const row = reread.getWorksheet('Tab')!.getRow(1);
    const values = AWKWARD.map((_, index) => row.getCell(index + 1).value);
    expect(values).toEqual(
      AWKWARD.map((value) => (value === 'bell\u0007gone' ? 'bellgone' : value === '' ? null : value)),
    );
  });
});

describe('worksheet XML from dense cells', () => {
  it('reads back every value and format written, awkward texts included', () => {
    const cells = new TabCells();
    cells.write(1, 1, [['Client', 'Montant', 'Date']]);
    cells.write(2, 1, [AWKWARD.slice(0, 3), AWKWARD.slice(3, 6), [null, 12, 45000]]);
    cells.format({ row: 1, column: 1, rows: 1, columns: 3 }, { bold: true, background: '#e8f0fe' });
    cells.format(
      { row: 2, column: 2, rows: 3, columns: 1 },
      { numberFormat: 'money', horizontalAlignment: 'right' },
    );
    cells.format({ row: 2, column: 3, rows: 3, columns: 1 }, { numberFormat: 'date' });
    const styles = addCellFormats(STYLES, cells.formats);
    const xml = Buffer.concat([...sheetDataPieces(cells, (format) => styles.styleOf[format])]);
    const formats = readCellFormats(styles.xml);
    const read = new TabCells();
    readSheetData(xml, [], (row, column, value, style) =>
      read.put(row, column, value, read.formatNumber(formats[style])),
    );
    for (let row = 1; row <= 4; row++) {
      const plain = (values: readonly WriteCell[] | undefined) =>
        Array.from(values ?? [], (value) => (value === 'bell\u0007gone' ? 'bellgone' : (value ?? null)));
      expect(plain(read.rowValues(row))).toEqual(plain(cells.rowValues(row)));
      // `money` and `decimal` are one pattern in the file: formats compare by what the file holds.
      const formatsOf = (tab: TabCells) =>
        Array.from(tab.rowFormats(row) ?? [], (number) => {
          const { numberFormat, ...rest } = tab.formats[number];
          return { ...rest, pattern: numberFormat && NUMBER_FORMAT_PATTERNS[numberFormat] };
        });
      expect(formatsOf(read)).toEqual(formatsOf(cells));
    }
    expect(readFirstRow(xml, [])).toEqual(['Client', 'Montant', 'Date']);
  });

  it('reads shared strings, rich text, formula results, booleans and errors as exceljs writes them', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Tab');
    sheet.getCell('A1').value = 'shared & text';
    sheet.getCell('B1').value = { richText: [{ text: 'rich ' }, { text: 'text', font: { bold: true } }] };
    sheet.getCell('C1').value = { formula: '1+2', result: 3 };
    sheet.getCell('D1').value = true;
    sheet.getCell('E1').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
    sheet.getCell('A3').value = 4.5;
    const entries = readZip(new Uint8Array(await workbook.xlsx.writeBuffer()));
    const strings = parseSharedStrings(entries.get('xl/sharedStrings.xml')!.read().toString('utf8'));
    const found: [number, number, WriteCell][] = [];
    readSheetData(entries.get('xl/worksheets/sheet1.xml')!.read(), strings, (row, column, value) =>
      found.push([row, column, value]),
    );
    expect(found).toEqual([
      [1, 1, 'shared & text'],
      [1, 2, 'rich text'],
      [1, 3, 3],
      [1, 4, true],
      [1, 5, '#N/A'],
      [3, 1, 4.5],
    ]);
  });
});

describe('large managed tabs read outside exceljs', () => {
  it('a tab is taken out only when our index names it with its sheet id, and is read when first used', async () => {
    const workbook = new ExcelJS.Workbook();
    const ours = workbook.addWorksheet('Segment');
    const theirs = workbook.addWorksheet('Mine');
    const rows = Array.from({ length: 40_000 }, (_, i) => [`C${i}`, i * 1.5, 'texte assez long pour peser']);
    ours.addRows([['Client', 'Montant', 'Note'], ...rows]);
    theirs.addRows([['Client', 'Montant', 'Note'], ...rows]);
    const index = workbook.addWorksheet('_segmento', { state: 'veryHidden' });
    index.addRow(['id', 'name', 'sheetId', 'tag']);
    index.addRow([1, 'Segment', ours.id, '{"kind":"segment","key":"A"}']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const taken = (await takeOutLargeTabs(bytes, '_segmento'))!;
    expect([...taken.tabs.keys()]).toEqual(['Segment']);
    const cells = taken.tabs.get('Segment')!;
    expect(cells.headerValues()).toEqual(['Client', 'Montant', 'Note']);
    expect(cells.extent()).toEqual({ rows: 40_001, columns: 3 });
    expect(cells.rowValues(40_001)).toEqual(rows[39_999]);
    // exceljs reads the rest: the person's tab whole, ours empty.
    const left = new ExcelJS.Workbook();
    await left.xlsx.load(taken.bytes as unknown as ArrayBuffer);
    expect(left.getWorksheet('Mine')!.rowCount).toBe(40_001);
    expect(left.getWorksheet('Segment')!.rowCount).toBe(0);
    // Parts written with a namespace prefix (`<x:sheetData>`, `<x:sst>`) are left to exceljs whole.
    for (const [part, from, to] of [
      ['xl/worksheets/sheet1.xml', /(<\/?)sheetData/g, '$1x:sheetData'],
      ['xl/sharedStrings.xml', /(<\/?)(sst|si|t)([\s>])/g, '$1x:$2$3'],
    ] as const) {
      const zip = new ZipWriter();
      for (const [name, entry] of readZip(bytes)) {
        const content = entry.read();
        zip.add(name, name === part ? content.toString('utf8').replace(from, to) : content);
      }
      expect(await takeOutLargeTabs(zip.bytes(), '_segmento'), part).toBeNull();
    }
    // A sheet id the index does not give is not taken out.
    index.getCell('C2').value = 99;
    expect(await takeOutLargeTabs(new Uint8Array(await workbook.xlsx.writeBuffer()), '_segmento')).toBeNull();
  });
});

/** The style sheet exceljs writes for a new workbook. */
const STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>';
