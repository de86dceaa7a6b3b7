/**
 * A worksheet's cells as SpreadsheetML (ECMA-376 Part 1, §18.3.1: `sheetData`, `row`, `c`), written
 * from and read into TabCells without an object per cell.
 *
 * Written: numbers as `<v>`, booleans as `t="b"`, texts as inline strings (`t="inlineStr"`, §18.3.1.53),
 * so no shared-strings table is rebuilt; a cell's style is the `s` index of its format. Characters
 * XML 1.0 forbids (controls other than tab, line feed and carriage return, and DEL) are left out, as
 * exceljs does.
 *
 * Read: the values of every cell (shared strings, inline strings, formula results, booleans,
 * errors as their text) and each cell's `s` index.
 */
import type { WriteCell } from '../workbook/port';
import { columnLetter } from '../core/a1';
import type { TabCells } from './tab-cells';

const PIECE_BYTES = 1 << 20;
/** Characters XML 1.0 does not allow: controls other than tab, line feed and carriage return, and DEL. */
const FORBIDDEN = '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f';
const NEEDS_ESCAPE = new RegExp(`[&<>${FORBIDDEN}]`);
const FORBIDDEN_ALL = new RegExp(`[${FORBIDDEN}]`, 'g');
const WHITE_SPACE = /\s/;

/** Bytes written into a buffer handed on each time it holds about a megabyte. */
class XmlPieces {
  private readonly bytes = Buffer.allocUnsafe(PIECE_BYTES + 256);
  private length = 0;

  constructor(private readonly out: (piece: Uint8Array) => void) {}

  /** ASCII markup, short. */
  ascii(text: string): void {
    if (this.length > PIECE_BYTES) this.flush();
    const bytes = this.bytes;
    let length = this.length;
    for (let index = 0; index < text.length; index++) bytes[length++] = text.charCodeAt(index);
    this.length = length;
  }

  /** Any text, UTF-8 encoded. */
  text(text: string): void {
    if (this.length + text.length * 3 > PIECE_BYTES) {
      this.flush();
      if (text.length * 3 > PIECE_BYTES) return this.out(Buffer.from(text, 'utf8'));
    }
    this.length += this.bytes.write(text, this.length, 'utf8');
  }

  flush(): void {
    if (this.length === 0) return;
    this.out(Buffer.from(this.bytes.subarray(0, this.length)));
    this.length = 0;
  }
}

/** A text as element content: `&`, `<`, `>` escaped, forbidden characters left out. */
export function xmlText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(FORBIDDEN_ALL, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * `<sheetData>…</sheetData>` for the cells, in pieces of about a megabyte: `styleOf(format number)`
 * gives a cell's `s` index (0: the workbook's default style, not written).
 */
export function* sheetDataPieces(
  cells: TabCells,
  styleOf: (format: number) => number,
): Generator<Uint8Array> {
  const ready: Uint8Array[] = [];
  const xml = new XmlPieces((piece) => ready.push(piece));
  const letters: string[] = [];
  const letter = (column: number) => (letters[column] ??= columnLetter(column));
  xml.ascii('<sheetData>');
  const rows = cells.rowCount();
  for (let row = 1; row <= rows; row++) {
    const values = cells.rowValues(row);
    const formats = cells.rowFormats(row);
    if (!values && !formats) continue;
    const columns = Math.max(values?.length ?? 0, formats?.length ?? 0);
    xml.ascii(`<row r="${row}">`);
    for (let c = 0; c < columns; c++) {
      const value = values?.[c] ?? null;
      const format = formats?.[c] ?? 0;
      if ((value === null || value === '') && format === 0) continue;
      const style = format === 0 ? 0 : styleOf(format);
      xml.ascii(`<c r="${letter(c)}${row}"${style === 0 ? '' : ` s="${style}"`}`);
      writeValue(xml, value);
    }
    xml.ascii('</row>');
    if (ready.length > 0) yield* ready.splice(0);
  }
  xml.ascii('</sheetData>');
  xml.flush();
  yield* ready;
}

/** A cell's value; an empty text is an empty cell, as in Sheets. */
function writeValue(xml: XmlPieces, value: WriteCell): void {
  if (value === null || value === '') return xml.ascii('/>');
  if (typeof value === 'number') return xml.ascii(`><v>${value}</v></c>`);
  if (typeof value === 'boolean') return xml.ascii(value ? ' t="b"><v>1</v></c>' : ' t="b"><v>0</v></c>');
  xml.ascii(needsPreserve(value) ? ' t="inlineStr"><is><t xml:space="preserve">' : ' t="inlineStr"><is><t>');
  xml.text(xmlText(value));
  xml.ascii('</t></is></c>');
}

/**
 * Whether a text must be written with `xml:space="preserve"`: white space at either end, or a line
 * break (`/^\s|\n|\s$/`, with its ends tested alone: that pattern tries every position of a long text).
 */
function needsPreserve(text: string): boolean {
  return (
    text !== '' &&
    (WHITE_SPACE.test(text[0]) || WHITE_SPACE.test(text[text.length - 1]) || text.includes('\n'))
  );
}

// ---------------------------------------------------------------------------------------------
// Reading

/** How many bytes of sheet XML are decoded to text at a time (cut after a `</row>`). */
const READ_BYTES = 16 << 20;
const ROW_END = Buffer.from('</row>');

const [R, S, T] = ['r', 's', 't'].map((letter) => letter.charCodeAt(0));

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Element text with its entity and character references replaced. */
export function xmlUnescape(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== '#') return ENTITIES[name] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
    return String.fromCodePoint(code);
  });
}

/**
 * The text of every `<t>` inside a piece of XML, joined (a shared or inline rich string); the
 * phonetic runs (`<rPh>`, the reading Japanese Excel keeps beside a text, §18.4.6) left out, as
 * exceljs and Excel show it.
 */
function joinedText(xml: string): string {
  if (xml.includes('<rPh')) xml = xml.replace(/<rPh[\s>][\s\S]*?<\/rPh>/g, '');
  let text = '';
  for (let at = xml.indexOf('<t'); at >= 0; at = xml.indexOf('<t', at + 2)) {
    const next = xml.charCodeAt(at + 2);
    if (next !== 62 /* > */ && next !== 32 /* space */ && next !== 47 /* / */) continue;
    const open = xml.indexOf('>', at);
    if (xml.charCodeAt(open - 1) === 47) continue; // <t/>
    const close = xml.indexOf('</t>', open);
    text += xml.slice(open + 1, close);
    at = close;
  }
  return xmlUnescape(text);
}

/** The shared strings table (`xl/sharedStrings.xml`, §18.4): each `<si>`'s text. */
export function parseSharedStrings(xml: string): string[] {
  const strings: string[] = [];
  for (let at = xml.indexOf('<si'); at >= 0; at = xml.indexOf('<si', at)) {
    const tagEnd = xml.indexOf('>', at);
    if (xml.charCodeAt(tagEnd - 1) === 47 /* / */) {
      strings.push('');
      at = tagEnd;
      continue;
    }
    const close = xml.indexOf('</si>', tagEnd);
    strings.push(joinedText(xml.slice(tagEnd + 1, close)));
    at = close;
  }
  return strings;
}

/** Called with each cell read: its row and column (1-based), its value and its `s` index. */
export type CellReader = (row: number, column: number, value: WriteCell, style: number) => void;

/**
 * Reads every cell of a worksheet's XML, in order, calling `cell` for each one holding a value or
 * a style. The XML is decoded a block of rows at a time.
 */
export function readSheetData(xml: Buffer, sharedStrings: readonly string[], cell: CellReader): void {
  let start = xml.indexOf('<sheetData');
  if (start < 0) return;
  // The one closing tag, near the end (a text never holds a `<`): found from there.
  const stop = xml.lastIndexOf('</sheetData>');
  if (stop < 0) return;
  let nextRow = 1;
  while (start < stop) {
    let end = Math.min(stop, start + READ_BYTES);
    if (end < stop) {
      const cut = xml.lastIndexOf(ROW_END, end);
      end = cut > start ? cut + ROW_END.length : xml.indexOf(ROW_END, end) + ROW_END.length;
    }
    nextRow = readRows(xml.toString('utf8', start, end), sharedStrings, nextRow, cell);
    start = end;
  }
}

/** The values of a worksheet's first row (row 1), read alone. */
export function readFirstRow(xml: Buffer, sharedStrings: readonly string[]): WriteCell[] {
  const values: WriteCell[] = [];
  const start = xml.indexOf('<sheetData');
  const end = xml.indexOf(ROW_END, start);
  if (start < 0 || end < 0) return values;
  readRows(xml.toString('utf8', start, end + ROW_END.length), sharedStrings, 1, (row, column, value) => {
    if (row === 1) values[column - 1] = value;
  });
  return Array.from(values, (value) => value ?? null);
}

/**
 * Where the value of a one-letter attribute (`r`, `s`, `t`) starts inside the tag xml[from, to),
 * or -1; the search stops at the tag's end.
 */
function valueStart(xml: string, name: number, from: number, to: number): number {
  for (let space = xml.indexOf(' ', from); space >= 0 && space < to; space = xml.indexOf(' ', space + 1)) {
    if (xml.charCodeAt(space + 1) === name && xml.charCodeAt(space + 2) === 61 /* = */) return space + 4;
  }
  return -1;
}

/** The whole number written from `at` (digits only). */
function digitsAt(xml: string, at: number): number {
  let value = 0;
  for (let code = xml.charCodeAt(at); code >= 48 && code <= 57; code = xml.charCodeAt(++at))
    value = value * 10 + code - 48;
  return value;
}

/** The column of a cell reference written from `at` (`AB12` → 28). */
function columnAt(xml: string, at: number): number {
  let column = 0;
  for (let code = xml.charCodeAt(at); code >= 65; code = xml.charCodeAt(++at))
    column = column * 26 + (code & ~32) - 64;
  return column;
}

/** Reads the rows of a piece of sheetData; returns the number the next row without `r` takes. */
function readRows(xml: string, sharedStrings: readonly string[], firstRow: number, cell: CellReader): number {
  let row = firstRow - 1;
  let column = 0;
  for (let at = xml.indexOf('<'); at >= 0 && at < xml.length; at = xml.indexOf('<', at + 1)) {
    const kind = xml.charCodeAt(at + 1);
    const next = xml.charCodeAt(at + 2);
    if (
      kind === 114 /* r */ &&
      next === 111 /* o */ &&
      xml.startsWith('<row', at) &&
      !xml.startsWith('<rowB', at)
    ) {
      const tagEnd = xml.indexOf('>', at);
      const r = valueStart(xml, R, at, tagEnd);
      row = r < 0 ? row + 1 : digitsAt(xml, r);
      column = 0;
      at = tagEnd;
    } else if (kind === 99 /* c */ && (next === 32 || next === 62 || next === 47)) {
      const tagEnd = xml.indexOf('>', at);
      const r = valueStart(xml, R, at, tagEnd);
      column = r < 0 ? column + 1 : columnAt(xml, r);
      const s = valueStart(xml, S, at, tagEnd);
      const style = s < 0 ? 0 : digitsAt(xml, s);
      let value: WriteCell = null;
      if (xml.charCodeAt(tagEnd - 1) !== 47 /* / */) {
        const close = xml.indexOf('</c>', tagEnd);
        const t = valueStart(xml, T, at, tagEnd);
        const type = t < 0 ? 'n' : xml.slice(t, xml.indexOf(xml[t - 1], t));
        value =
          type === 'inlineStr'
            ? inlineText(xml, tagEnd + 1, close)
            : cellValue(xml, tagEnd + 1, close, type, sharedStrings);
        at = close;
      } else at = tagEnd;
      if (value !== null || style !== 0) cell(row, column, value, style);
    }
  }
  return row + 1;
}

/** The text of an inline string between `from` and `to`: one run read at once, rich text joined. */
function inlineText(xml: string, from: number, to: number): string {
  const open = xml.indexOf('<t', from);
  if (open < 0 || open >= to) return '';
  const start = xml.indexOf('>', open) + 1;
  if (xml.charCodeAt(start - 2) === 47 /* <t/> */) return joinedText(xml.slice(from, to));
  const end = xml.indexOf('</t>', start);
  const another = xml.indexOf('<t', end + 4);
  if (another >= 0 && another < to) return joinedText(xml.slice(from, to));
  const text = xml.slice(start, end);
  return text.includes('&') ? xmlUnescape(text) : text;
}

/** A cell's value from its `<v>` and type (§18.18.11): null when it holds none. */
function cellValue(
  xml: string,
  from: number,
  to: number,
  type: string,
  sharedStrings: readonly string[],
): WriteCell {
  const open = xml.indexOf('<v', from);
  if (open < 0 || open >= to) return null;
  const start = xml.indexOf('>', open) + 1;
  if (xml.charCodeAt(start - 2) === 47) return type === 'str' ? '' : null; // <v/>
  const text = xml.slice(start, xml.indexOf('</v>', start));
  switch (type) {
    case 's':
      return sharedStrings[Number(text)] ?? '';
    case 'b':
      return text === '1' || text === 'true';
    case 'str':
    case 'e':
    case 'd':
      return xmlUnescape(text);
    default: {
      const number = Number(text);
      return Number.isFinite(number) ? number : xmlUnescape(text);
    }
  }
}
