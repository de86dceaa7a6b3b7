/**
 * The parts of an .xlsx package that the large managed tabs go through without exceljs:
 * - on reading, the worksheets of large tabs listed in our index are read into TabCells and handed
 *   to exceljs with an empty `sheetData` (their columns, views and conditional formats stay with it);
 * - on writing, the `sheetData` of each such tab is written into the part exceljs wrote for it, and
 *   its cell formats are added to the style sheet.
 * Parts are found as the package says (ECMA-376 Part 2: `_rels/.rels` → workbook →
 * `xl/_rels/workbook.xml.rels` → worksheets), not by their usual names.
 */
import { constants } from 'node:zlib';
import { columnIndex, columnLetter } from '../core/a1';
import type { CellFormat } from '../workbook/port';
import { parseSharedStrings, readFirstRow, readSheetData, sheetDataPieces, xmlUnescape } from './sheet-xml';
import { formatKey, TabCells } from './tab-cells';
import { addCellFormats, readCellFormats } from './xlsx-styles';
import { readZip, ZipWriter, type ZipEntry } from './zip-file';

/** A worksheet below this many bytes of XML is read by exceljs, formats and all. */
const LARGE_SHEET_BYTES = 1 << 20;
const EMPTY_SHEET_DATA = '<sheetData/>';

interface SheetPart {
  name: string;
  sheetId: number;
  /** The part's name in the zip (`xl/worksheets/sheet3.xml`). */
  part: string;
}

/** A part's name from a relationship target, relative to the part `from`. */
function resolvePart(from: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = from.split('/').slice(0, -1);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.') parts.push(piece);
  }
  return parts.join('/');
}

function relationshipTargets(xml: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const [relationship] of xml.matchAll(/<Relationship\s[^>]*>/g)) {
    const id = /\sId="([^"]*)"/.exec(relationship)?.[1];
    const target = /\sTarget="([^"]*)"/.exec(relationship)?.[1];
    const type = /\sType="([^"]*)"/.exec(relationship)?.[1] ?? '';
    if (id && target) targets.set(id, `${type}\n${xmlUnescape(target)}`);
  }
  return targets;
}

function text(entries: Map<string, ZipEntry>, name: string): string {
  return entries.get(name)?.read().toString('utf8') ?? '';
}

/** The workbook part's name and its worksheets, in order. */
function workbookParts(entries: Map<string, ZipEntry>): {
  workbook: string;
  sheets: SheetPart[];
  /** Whether dates count from 1904 (`<workbookPr date1904="1">`, ECMA-376 Part 1 §18.2.28). */
  date1904: boolean;
} {
  const office = [...relationshipTargets(text(entries, '_rels/.rels')).values()].find((value) =>
    value.split('\n')[0].endsWith('/officeDocument'),
  );
  const workbook = office ? resolvePart('', office.split('\n')[1]) : 'xl/workbook.xml';
  const relsName = workbook.replace(/([^/]*)$/, '_rels/$1.rels');
  const targets = relationshipTargets(text(entries, relsName));
  const workbookXml = text(entries, workbook);
  const sheets: SheetPart[] = [];
  for (const [sheet] of workbookXml.matchAll(/<sheet\s[^>]*>/g)) {
    const name = /\sname="([^"]*)"/.exec(sheet)?.[1];
    const id = /\sr:id="([^"]*)"/.exec(sheet)?.[1];
    const target = id && targets.get(id)?.split('\n')[1];
    if (name !== undefined && target) {
      const sheetId = Number(/\ssheetId="(\d+)"/.exec(sheet)?.[1]);
      sheets.push({ name: xmlUnescape(name), sheetId, part: resolvePart(workbook, target) });
    }
  }
  const date1904 = /<workbookPr\s[^>]*date1904="(1|true)"/.test(workbookXml);
  return { workbook, sheets, date1904 };
}

/**
 * The shared strings; null when the part writes its elements with a namespace prefix (`<x:sst>`, as
 * some tools do), which this reader does not read: exceljs then reads the whole file.
 */
function sharedStringsOf(entries: Map<string, ZipEntry>): string[] | null {
  const name = [...entries.keys()].find((entry) => /(^|\/)sharedStrings\.xml$/.test(entry));
  if (!name) return [];
  const xml = text(entries, name);
  return /<sst[\s>]/.test(xml) ? parseSharedStrings(xml) : null;
}

function stylesName(entries: Map<string, ZipEntry>): string | undefined {
  return [...entries.keys()].find((entry) => /(^|\/)styles\.xml$/.test(entry));
}

/** The format of each `s` index of the package's cells, from its style sheet. */
function cellFormatsOf(entries: Map<string, ZipEntry>): CellFormat[] {
  const styles = stylesName(entries);
  return readCellFormats(styles ? text(entries, styles) : '');
}

/**
 * The package with the large tabs of our index (by its tab name) given an empty `sheetData`, and
 * their cells; null when there is nothing to take out. A tab is taken out only when its name and
 * sheet id are the ones the index recorded; the caller checks that each one taken is still ours.
 */
export async function takeOutLargeTabs(
  bytes: Uint8Array,
  indexSheet: string,
): Promise<{ bytes: Buffer; tabs: Map<string, TabCells> } | null> {
  const entries = readZip(bytes);
  const { sheets } = workbookParts(entries);
  const index = sheets.find((sheet) => sheet.name === indexSheet);
  if (!index) return null;
  const strings = sharedStringsOf(entries);
  if (!strings) return null;
  const indexRows: { name: string; sheetId: number }[] = [];
  const indexCells = new Map<number, (string | number | boolean | null)[]>();
  readSheetData(entries.get(index.part)?.read() ?? Buffer.alloc(0), strings, (row, column, value) => {
    if (row > 1 && column <= 3)
      (indexCells.get(row) ?? indexCells.set(row, []).get(row)!)[column - 1] = value;
  });
  for (const [, [, name, sheetId]] of indexCells)
    if (typeof name === 'string' && typeof sheetId === 'number') indexRows.push({ name, sheetId });
  const large = sheets.filter(
    (sheet) =>
      (entries.get(sheet.part)?.size ?? 0) >= LARGE_SHEET_BYTES &&
      indexRows.some((row) => row.name === sheet.name && row.sheetId === sheet.sheetId),
  );
  if (large.length === 0) return null;
  const formats = cellFormatsOf(entries);
  const tabs = new Map<string, TabCells>();
  const emptied = new Map<string, string>();
  // Inflated together, in the thread pool.
  const xmls = await Promise.all(large.map((sheet) => entries.get(sheet.part)!.readAsync()));
  for (const [k, sheet] of large.entries()) {
    const xml = xmls[k];
    // A worksheet written with a namespace prefix (`<x:sheetData>`) is left to exceljs, and the
    // whole file with it.
    if (xml.indexOf('<sheetData') < 0) return null;
    // The XML is kept until the tab is read (not inflated again) or dropped with the tab.
    const load = (cells: TabCells) => putCells(cells, xml, strings, formats, 'values and formats');
    tabs.set(sheet.name, TabCells.later(readFirstRow(xml, strings), load));
    emptied.set(sheet.part, withSheetData(xml, EMPTY_SHEET_DATA, null));
  }
  // Stored, not compressed: exceljs reads the package once, right away.
  const zip = new ZipWriter(constants.Z_NO_COMPRESSION);
  for (const [name, entry] of entries) zip.add(name, emptied.get(name) ?? entry.read());
  return { bytes: zip.bytes(), tabs };
}

/**
 * Puts a worksheet's cells into `cells`: each cell with a value and its format, or (`values`) only
 * the cells holding a value, as a range reads.
 */
function putCells(
  cells: TabCells,
  xml: Buffer,
  strings: readonly string[],
  formats: readonly CellFormat[],
  which: 'values and formats' | 'values',
  hidden: (row: number, column: number) => boolean = () => false,
): void {
  const numbers = new Map<number, number>();
  readSheetData(xml, strings, (row, column, value, style) => {
    if (which === 'values' && (value === null || hidden(row, column))) return;
    let number = numbers.get(style);
    if (number === undefined) numbers.set(style, (number = cells.formatNumber(formats[style] ?? {})));
    cells.put(row, column, value, number);
  });
}

/** The names of an .xlsx package's tabs other than `skip`, in order, read without exceljs; null when none is found. */
export function tabNamesOfPackage(bytes: Uint8Array, skip: string): string[] | null {
  const { sheets } = workbookParts(readZip(bytes));
  return sheets.length === 0 ? null : sheets.map((sheet) => sheet.name).filter((name) => name !== skip);
}

/**
 * The tabs of an .xlsx package other than `skip`, and the cells holding a value of one of them
 * (`name`, or the first when none is named; null when there is no such tab), read without exceljs:
 * an order file of a million rows. Null when this reader cannot read the package as exceljs would
 * (a namespace prefix, the 1904 date system): exceljs reads it then.
 */
export function tabOfPackage(
  bytes: Uint8Array,
  name: string | undefined,
  skip: string,
): { names: string[]; cells: TabCells | null } | null {
  const entries = readZip(bytes);
  const { sheets, date1904 } = workbookParts(entries);
  const strings = sharedStringsOf(entries);
  // No tab found: a workbook part written with a namespace prefix, which exceljs reads or names.
  if (date1904 || !strings || sheets.length === 0) return null;
  const tabs = sheets.filter((sheet) => sheet.name !== skip);
  const names = tabs.map((sheet) => sheet.name);
  const tab = name === undefined ? tabs[0] : tabs.find((sheet) => sheet.name === name);
  if (!tab) return { names, cells: null };
  // A tab whose part is missing or prefixed: exceljs names what is wrong.
  const xml = entries.get(tab.part)?.read();
  if (!xml || xml.indexOf('<sheetData') < 0) return null;
  const cells = new TabCells();
  putCells(cells, xml, strings, cellFormatsOf(entries), 'values', mergedAway(xml));
  return { names, cells };
}

/**
 * Whether a cell is one of a merge's other than its top-left one (`<mergeCell ref="A2:B3"/>`,
 * ECMA-376 Part 1 §18.3.1.55): empty as exceljs and Sheets read it, whatever value the file keeps there.
 */
function mergedAway(xml: Buffer): (row: number, column: number) => boolean {
  const start = xml.indexOf('<mergeCells', Math.max(0, xml.lastIndexOf('</sheetData>')));
  if (start < 0) return () => false;
  const areas: { top: number; left: number; bottom: number; right: number }[] = [];
  const end = xml.indexOf('</mergeCells>', start);
  const part = xml.toString('utf8', start, end < 0 ? xml.length : end);
  for (const [, left, top, right, bottom] of part.matchAll(
    /<mergeCell\s[^>]*ref="([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)"/gi,
  )) {
    const column = (letters: string) => (columnIndex(letters) ?? 0) + 1;
    areas.push({ top: Number(top), left: column(left), bottom: Number(bottom), right: column(right) });
  }
  // Merges are mostly titles above the data: rows past the last merge are answered at once.
  const lastRow = areas.reduce((last, area) => Math.max(last, area.bottom), 0);
  return (row, column) =>
    row <= lastRow &&
    areas.some(
      (area) =>
        row >= area.top &&
        row <= area.bottom &&
        column >= area.left &&
        column <= area.right &&
        (row !== area.top || column !== area.left),
    );
}

/** A worksheet's XML with its `sheetData` replaced, and its `dimension` when one is given. */
function withSheetData(xml: Buffer, sheetData: string, dimension: string | null): string {
  const start = xml.indexOf('<sheetData');
  const opened = xml.indexOf('>', start);
  // `<sheetData/>`, or its closing tag found from the end (a text never holds a `<`): a search for
  // the next `/>` would run through every cell of a tab that has none.
  const end =
    xml[opened - 1] === 47 /* / */ ? opened + 1 : xml.lastIndexOf('</sheetData>') + '</sheetData>'.length;
  const before = xml.toString('utf8', 0, start);
  const after = xml.toString('utf8', end);
  const dimensioned =
    dimension === null
      ? before
      : before.replace(/<dimension\s+ref="[^"]*"\s*\/>/, `<dimension ref="${dimension}"/>`);
  return dimensioned + sheetData + after;
}

/**
 * The package exceljs wrote (stored, see `save`), compressed, with the cells of each tab in `tabs`
 * (by tab name) written into its worksheet, and their formats added to the style sheet.
 */
export async function withTabCells(bytes: Uint8Array, tabs: Map<string, TabCells>): Promise<Buffer> {
  const entries = readZip(bytes);
  const { sheets } = workbookParts(entries);
  const formats: CellFormat[] = [{}];
  const globalOf = new Map<string, number>();
  const localToGlobal = new Map<TabCells, number[]>();
  for (const cells of tabs.values()) {
    localToGlobal.set(
      cells,
      cells.formats.map((format, index) => {
        if (index === 0) return 0;
        const key = formatKey(format);
        let number = globalOf.get(key);
        if (number === undefined) globalOf.set(key, (number = formats.push(format) - 1));
        return number;
      }),
    );
  }
  const styles = stylesName(entries);
  const added = styles ? addCellFormats(text(entries, styles), formats) : { xml: '', styleOf: [0] };
  const partCells = new Map(
    sheets.filter((sheet) => tabs.has(sheet.name)).map((sheet) => [sheet.part, tabs.get(sheet.name)!]),
  );
  const zip = new ZipWriter();
  for (const [name, entry] of entries) {
    const cells = partCells.get(name);
    if (name === styles) zip.add(name, added.xml);
    else if (!cells) zip.add(name, entry.read());
    else {
      const global = localToGlobal.get(cells)!;
      const { rows, columns } = cells.extent();
      const dimension = rows === 0 ? 'A1' : `A1:${columnLetter(Math.max(columns, 1) - 1)}${rows}`;
      const [before, after] = withSheetData(entry.read(), '\u0000', dimension).split('\u0000');
      await zip.addPieces(
        name,
        worksheetPieces(before, cells, (format) => added.styleOf[global[format]], after),
      );
    }
  }
  return zip.bytes();
}

/** A worksheet's XML: what comes before its sheetData, its cells, what comes after. */
function* worksheetPieces(
  before: string,
  cells: TabCells,
  styleOf: (format: number) => number,
  after: string,
): Generator<Uint8Array> {
  yield Buffer.from(before, 'utf8');
  yield* sheetDataPieces(cells, styleOf);
  yield Buffer.from(after, 'utf8');
}
