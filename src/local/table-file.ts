/**
 * Reading an order file as a sheet would hold it, text cells: CSV (comma, semicolon or tab,
 * RFC 4180 quotes), whitespace-separated columns (CDNOW), optionally gzipped.
 *
 * The encoding is detected (see src/local/README.md, "Reading files"): a byte order mark first
 * (UTF-8, UTF-16 LE or BE); else UTF-8 when every byte of the file is valid UTF-8; else
 * Windows-1252, what Excel's French « CSV (séparateur : point-virgule) » writes (`é` is one byte
 * E9, `€` one byte 80). A CSV file is checked whole before any cell is decoded;
 * whitespace-separated columns are decided 32 MB at a time (`WHITESPACE_PART_BYTES`), so once for
 * nearly every file.
 *
 * A file is read in chunks cut at line ends and held as those texts and where each field starts
 * and ends (a `TextTable`): a cell becomes a string only when it is read, so a file of millions of
 * rows costs about its own size in memory (a CSV file one character per byte), not one array of
 * strings per row, and never meets the length limit of a single JavaScript string.
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { isAscii, isUtf8 } from 'node:buffer';
import type { RowSource } from '../core/rows';
import { wholeNumberIn } from '../core/text-numbers';
import { dayFromDigitsIn, thousandthsOfPlainDecimalIn } from '../core/values';
import { CliError } from './messages';
import { checkReadable } from './input-checks';

const QUOTE = 34;
export const CR = 13;
export const LF = 10;
const BOM = 0xfeff;

/**
 * A quoted field that never closes, or that runs over line breaks far past a row's usual length,
 * or into a row of another width than the first (a stray quote: it would swallow or merge every row
 * up to the next quote). `line`: the line, from 1, where its quote opened.
 */
export class UnclosedQuoteError extends Error {
  constructor(readonly line: number) {
    super(`unclosed quote opened on line ${line}`);
    this.name = 'UnclosedQuoteError';
  }
}

/**
 * The longest a quoted field may run across line breaks: ten times the average row read so far,
 * and at least this many characters (a long multi-line note is fine; the rest of the file is not).
 */
const MIN_QUOTED_SPAN = 10_000;
const QUOTED_SPAN_ROWS = 10;

/** Blocks of bytes told apart as ASCII or not, so that a cell of ASCII is never scanned. */
const BLOCK_SHIFT = 12;
const BLOCK = 1 << BLOCK_SHIFT;

/**
 * Bytes read at a time: each chunk of text is cut after its last line end. Half a megabyte: read
 * into one buffer used again and again, each chunk's text held in V8's heap (Node holds a text of a
 * megabyte or more outside it, a copy in fresh memory): a file's bytes are then copied once into
 * fresh memory, not twice (15 ms less of the 0.4 s `segmento scores` takes on CDNOW ×14).
 */
const CHUNK_BYTES = 1 << 19;

/**
 * Bytes of a whitespace-separated file decoded at a time, each part's encoding decided on its own
 * bytes: 32 MB, one decision for nearly every file (a customer's id is never read two ways).
 */
const WHITESPACE_PART_BYTES = 1 << 25;

/** How the bytes of a file are read as text. */
export type TextEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/**
 * The characters of bytes 80–9F in Windows-1252 (the WHATWG table: `€` for 80, `œ` for 9C; the
 * five bytes it leaves unassigned stand for themselves); bytes A0–FF are those of Latin-1. Written
 * out because Node's `TextDecoder('windows-1252')` decodes Latin-1 instead.
 */
const WINDOWS_1252_80_9F =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Windows-1252 bytes as text. */
export function decodeWindows1252(bytes: Buffer): string {
  const latin1 = bytes.toString('latin1');
  let text = '';
  let copied = 0;
  for (let index = 0; index < latin1.length; index++) {
    const code = latin1.charCodeAt(index);
    if (code < 0x80 || code > 0x9f) continue;
    text += latin1.slice(copied, index) + WINDOWS_1252_80_9F[code - 0x80];
    copied = index + 1;
  }
  return copied === 0 ? latin1 : text + latin1.slice(copied);
}

function isAsciiText(text: string): boolean {
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) >= 0x80) return false;
  return true;
}

/** `dayFromDigitsIn` of a cell of at most 10 characters (a date followed by a time is read otherwise). */
export function digitsDayIn(text: string, start: number, end: number): number | null | undefined {
  return end - start > 10 ? undefined : dayFromDigitsIn(text, start, end);
}

/** The delimiter of a text table, from its first line: `,` `;` or tab, or null for whitespace columns. */
export function detectDelimiter(text: string): string | null {
  const firstLine = text.slice(0, text.search(/\r?\n|$/)).replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map(
    (delimiter) => [delimiter, firstLine.split(delimiter).length - 1] as const,
  );
  const [delimiter, count] = counts.reduce((best, candidate) => (candidate[1] > best[1] ? candidate : best));
  return count > 0 ? delimiter : null;
}

/** Whitespace as `\s` and `String.prototype.trim` know it. */
function isSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === BOM
  );
}

/**
 * Where the CSV field starting at `start` ends: at the delimiter or line break after it, or at
 * the end of the text; -1 when the field is quoted and its quote is not closed in the text.
 */
function csvFieldEnd(text: string, start: number, separator: number): number {
  const length = text.length;
  let position = start;
  if (text.charCodeAt(start) === QUOTE) {
    position = start + 1;
    for (;;) {
      const close = text.indexOf('"', position);
      if (close < 0) return -1;
      if (text.charCodeAt(close + 1) !== QUOTE) {
        position = close + 1;
        break;
      }
      position = close + 2;
    }
  }
  while (position < length) {
    const code = text.charCodeAt(position);
    if (code === separator || code === LF || code === CR) break;
    position++;
  }
  return position;
}

/**
 * The value of the CSV field between `start` and `end`: as written; or, when quoted, the text
 * between the quotes with doubled quotes made single (up to `end` when the quote is not closed),
 * followed by anything between the closing quote and the delimiter, as spreadsheets do.
 */
function csvFieldValue(text: string, start: number, end: number): string {
  if (text.charCodeAt(start) !== QUOTE) return text.slice(start, end);
  let value = '';
  let position = start + 1;
  for (;;) {
    const close = text.indexOf('"', position);
    if (close < 0 || close >= end) return value + text.slice(position, end);
    value += text.slice(position, close);
    if (text.charCodeAt(close + 1) !== QUOTE) return value + text.slice(close + 1, end);
    value += '"';
    position = close + 2;
  }
}

/**
 * A table of text cells held as chunks of text and where each field starts and ends in its
 * chunk. Rows never straddle two chunks. Built by `readTable` or `parseTable`.
 */
export class TextTable implements RowSource {
  private rowsRead = 0;
  private widest = 0;
  /**
   * Chunks of plain text not yet split into rows: quote-free CSV whose characters are ASCII bytes,
   * added while no row was split. They are split when a row is first needed, so that a reader of
   * their text can read it without the table's fields (src/local/plain-orders.ts).
   */
  private pending: { text: string; last: boolean; nonAscii: Uint8Array | null }[] = [];
  private readonly texts: string[] = [];
  /** First row of each text. */
  private readonly textFirstRows: number[] = [];
  /** Index of each row's first field; one more entry than rows. */
  private rowFields: Int32Array = new Int32Array(1 << 12);
  /** Where each field starts and ends in its text (a quoted field with its quotes). */
  private fieldStarts: Int32Array = new Int32Array(1 << 14);
  private fieldEnds: Int32Array = new Int32Array(1 << 14);
  private fieldCount = 0;
  /**
   * For texts whose characters stand for bytes: where they hold other characters than ASCII, 1 for
   * each block of `BLOCK` characters that does (null when unknown: every cell is then checked).
   */
  private readonly textsNonAscii: (Uint8Array | null)[] = [];
  /** The text of the rows last read, its blocks holding non-ASCII, its rows `[firstRow, endRow)`. */
  private text = '';
  private textNonAscii: Uint8Array | null = null;
  private firstRow = 0;
  private endRow = 0;
  /** An unfinished row at the end of the last chunk (a quoted field with a line break in it). */
  private carry = '';
  /** How much of each text in `texts` its rows use (the rest is carried into the next one). */
  private readonly textsUsed: number[] = [];
  /** Characters of the rows read so far. */
  private usedLength = 0;
  private readonly separator: number;
  /**
   * How the bytes of the texts added are decoded when their characters stand for bytes: UTF-8
   * until a chunk that is not valid UTF-8 is seen (`readTable`), then Windows-1252. Also the
   * encoding a file was read with, for other tables.
   */
  encoding: TextEncoding = 'utf-8';

  /**
   * `delimiter`: the CSV delimiter, or null for whitespace-separated columns. `expectedLength`:
   * the length of the whole text when known, to make room for its fields at once.
   */
  constructor(
    readonly delimiter: string | null,
    private readonly expectedLength = 0,
    /** Whether each character of the texts added stands for one byte of UTF-8. */
    readonly bytesAsCharacters = false,
  ) {
    this.separator = delimiter === null ? -1 : delimiter.charCodeAt(0);
  }

  get rowCount(): number {
    this.splitPending();
    return this.rowsRead;
  }

  get width(): number {
    this.splitPending();
    return this.widest;
  }

  /**
   * The texts of the whole file when every chunk of it is plain (see `pending`) and none is split
   * into rows yet; else null.
   */
  plainTexts(): string[] | null {
    return this.pending.length > 0 && this.pending[this.pending.length - 1].last
      ? this.pending.map(({ text }) => text)
      : null;
  }

  cell(row: number, column: number): string | undefined {
    const field = this.fieldAt(row, column);
    if (field < 0) return undefined;
    const text = this.text;
    const start = this.fieldStarts[field];
    const end = this.fieldEnds[field];
    const value =
      this.separator >= 0 && text.charCodeAt(start) === QUOTE
        ? csvFieldValue(text, start, end)
        : text.slice(start, end);
    if (!this.bytesAsCharacters) return value;
    const blocks = this.textNonAscii;
    if (blocks !== null) {
      let ascii = true;
      for (let block = start >> BLOCK_SHIFT; block <= (end - 1) >> BLOCK_SHIFT; block++)
        ascii &&= blocks[block] === 0;
      if (ascii) return value;
    }
    if (isAsciiText(value)) return value;
    const bytes = Buffer.from(value, 'latin1');
    return this.encoding === 'windows-1252' ? decodeWindows1252(bytes) : bytes.toString('utf8');
  }

  /** See `RowSource.wholeNumberAt`: digits only, as written (a quoted cell is read with `cell`). */
  wholeNumberAt(row: number, column: number): number {
    const field = this.fieldAt(row, column);
    return field < 0 ? -1 : wholeNumberIn(this.text, this.fieldStarts[field], this.fieldEnds[field]);
  }

  /** See `RowSource.plainThousandthsAt` (a quoted cell is read with `cell`). */
  plainThousandthsAt(row: number, column: number): number | undefined {
    const field = this.fieldAt(row, column);
    if (field < 0) return undefined;
    return thousandthsOfPlainDecimalIn(this.text, this.fieldStarts[field], this.fieldEnds[field]);
  }

  /** See `RowSource.digitsDayAt` (a date followed by a time is read with `cell`). */
  digitsDayAt(row: number, column: number): number | null | undefined {
    const field = this.fieldAt(row, column);
    if (field < 0) return undefined;
    return digitsDayIn(this.text, this.fieldStarts[field], this.fieldEnds[field]);
  }

  /** The index of a cell's field, its row's text made `text`; -1 past the end of a short row. */
  private fieldAt(row: number, column: number): number {
    if (row < this.firstRow || row >= this.endRow) this.seek(row);
    const first = this.rowFields[row];
    if (column < 0 || column >= this.rowFields[row + 1] - first) return -1;
    return first + column;
  }

  /** Every row as an array of its cells. */
  rows(): string[][] {
    return Array.from({ length: this.rowCount }, (_, row) =>
      Array.from({ length: this.rowFields[row + 1] - this.rowFields[row] }, (_, column) =>
        this.cell(row, column)!,
      ),
    );
  }

  /**
   * Adds the next chunk of text, which ends at a line end unless it is the last one. When its
   * characters stand for bytes, `nonAscii` tells which of its blocks hold other bytes than ASCII
   * (see `nonAsciiBlocks`).
   */
  add(chunk: string, last: boolean, nonAscii: Uint8Array | null = null): void {
    if (this.rowsRead === 0 && this.carry === '' && this.isPlain(chunk, nonAscii)) {
      this.pending.push({ text: chunk, last, nonAscii });
      return;
    }
    this.splitPending();
    this.split(chunk, last, nonAscii);
  }

  /** Quote-free CSV text whose characters are ASCII bytes. */
  private isPlain(text: string, nonAscii: Uint8Array | null): boolean {
    return (
      this.separator >= 0 &&
      nonAscii !== null &&
      nonAscii.every((block) => block === 0) &&
      !text.includes('"')
    );
  }

  /** Splits the chunks still pending into rows now, rather than when a row is first needed. */
  splitPending(): void {
    if (this.pending.length === 0) return;
    const pending = this.pending;
    this.pending = [];
    for (const { text, last, nonAscii } of pending) this.split(text, last, nonAscii);
  }

  /** Splits a chunk into rows (see `add`). */
  private split(chunk: string, last: boolean, nonAscii: Uint8Array | null): void {
    const carried = this.carry;
    const text = carried === '' ? chunk : carried + chunk;
    const firstRow = this.rowsRead;
    const consumed =
      this.delimiter === null ? this.addWhitespaceRows(text, last) : this.addCsvRows(text, last);
    this.carry = consumed < text.length ? text.slice(consumed) : '';
    this.usedLength += consumed;
    if (this.rowsRead > firstRow) {
      this.textsUsed.push(consumed);
      this.texts.push(text);
      this.textsNonAscii.push(carried === '' ? nonAscii : null);
      this.textFirstRows.push(firstRow);
    }
    if (last) {
      this.rowFields = this.rowFields.subarray(0, this.rowsRead + 1);
      this.fieldStarts = this.fieldStarts.subarray(0, this.fieldCount);
      this.fieldEnds = this.fieldEnds.subarray(0, this.fieldCount);
    }
  }

  /**
   * Makes room for `fields` fields and `rows` rows once `read` characters of the whole text are
   * read: for as many as the whole text should hold at the same rate when its length is known (the
   * arrays then grow once or twice, even within the first chunk), else for half as many again.
   */
  private reserve(fields: number, rows: number, read: number): void {
    const scale = this.expectedLength > read && read > 0 ? (this.expectedLength / read) * 1.05 : 1.5;
    if (fields > this.fieldStarts.length) {
      this.fieldStarts = resized(this.fieldStarts, fields * scale);
      this.fieldEnds = resized(this.fieldEnds, fields * scale);
    }
    if (rows + 1 >= this.rowFields.length) this.rowFields = resized(this.rowFields, (rows + 1) * scale);
  }

  private seek(row: number): void {
    this.splitPending();
    let low = 0;
    let high = this.textFirstRows.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.textFirstRows[middle] <= row) low = middle;
      else high = middle - 1;
    }
    this.text = this.texts[low];
    this.textNonAscii = this.textsNonAscii[low];
    this.firstRow = this.textFirstRows[low];
    this.endRow = low + 1 < this.texts.length ? this.textFirstRows[low + 1] : this.rowsRead;
  }

  private addField(start: number, end: number): void {
    if (this.fieldCount === this.fieldStarts.length)
      this.reserve(this.fieldCount + 1, this.rowsRead, this.usedLength + start);
    this.fieldStarts[this.fieldCount] = start;
    this.fieldEnds[this.fieldCount++] = end;
  }

  /** Ends the row being read, at `position` of the text. */
  private closeRow(position: number): void {
    const fields = this.fieldCount - this.rowFields[this.rowsRead];
    if (fields > this.widest) this.widest = fields;
    this.rowsRead++;
    if (this.rowsRead + 1 >= this.rowFields.length)
      this.reserve(this.fieldCount, this.rowsRead, this.usedLength + position);
    this.rowFields[this.rowsRead] = this.fieldCount;
  }

  /**
   * RFC 4180 rows: quoted fields may hold delimiters, doubled quotes and line breaks; a delimiter
   * at the very end of the text adds an empty field. Returns where the last complete row ends.
   */
  private addCsvRows(text: string, last: boolean): number {
    const separator = this.separator;
    const length = text.length;
    let position = 0;
    let rowStart = 0;
    // The next line feed at or after `position` (length if none), kept until passed: whether a
    // quoted field holds one.
    let nextLineFeed = -1;
    // Where the first quoted field holding a line feed opened in the row being read, or -1.
    let multiLineQuote = -1;
    while (position < length) {
      const end = csvFieldEnd(text, position, separator);
      if (text.charCodeAt(position) === QUOTE) {
        const span = (end < 0 ? length : end) - position;
        if (span > MIN_QUOTED_SPAN && span > this.longestQuotedSpan(rowStart)) {
          const lineBreak = text.indexOf('\n', position);
          if (lineBreak >= 0 && lineBreak < position + span)
            throw new UnclosedQuoteError(this.lineAt(text, position));
        }
        if (end < 0) {
          if (!last) return this.dropRow(rowStart);
          throw new UnclosedQuoteError(this.lineAt(text, position));
        }
        if (nextLineFeed < position) nextLineFeed = indexOrLength(text, '\n', position);
        if (multiLineQuote < 0 && nextLineFeed < end) multiLineQuote = position;
      }
      this.addField(position, end);
      position = end;
      const code = text.charCodeAt(position);
      if (code === separator) {
        position++;
        if (position === length) {
          if (!last) return this.dropRow(rowStart);
          this.addField(position, position);
        }
      } else {
        if (code === CR) position++;
        if (text.charCodeAt(position) === LF) position++;
        this.checkQuotedRow(text, multiLineQuote);
        multiLineQuote = -1;
        this.closeRow(position);
        rowStart = position;
      }
    }
    if (this.fieldCount > this.rowFields[this.rowsRead]) {
      this.checkQuotedRow(text, multiLineQuote);
      this.closeRow(length);
    }
    return length;
  }

  /**
   * A row whose quoted field ran over a line break must have the width of the first row: more
   * fields (rows merged by a stray quote) or fewer (rows swallowed into one field) mean the quote
   * opened at `quoteStart` was not closed where it should have been.
   */
  private checkQuotedRow(text: string, quoteStart: number): void {
    if (quoteStart < 0 || this.rowsRead === 0) return;
    const width = this.fieldCount - this.rowFields[this.rowsRead];
    if (width !== this.rowFields[1] - this.rowFields[0])
      throw new UnclosedQuoteError(this.lineAt(text, quoteStart));
  }

  /** `QUOTED_SPAN_ROWS` times the average length of the rows read before `rowStart` of the current text. */
  private longestQuotedSpan(rowStart: number): number {
    return this.rowsRead === 0 ? 0 : (QUOTED_SPAN_ROWS * (this.usedLength + rowStart)) / this.rowsRead;
  }

  /** The line, from 1, of a position in the text being read (counted only when an error needs it). */
  private lineAt(text: string, position: number): number {
    let line = 1;
    const count = (of: string, end: number) => {
      for (let index = of.indexOf('\n'); index >= 0 && index < end; index = of.indexOf('\n', index + 1))
        line++;
    };
    this.texts.forEach((earlier, index) => count(earlier, this.textsUsed[index]));
    count(text, position);
    return line;
  }

  /** Forgets the fields of the unfinished row that starts at `rowStart`, and returns it. */
  private dropRow(rowStart: number): number {
    this.fieldCount = this.rowFields[this.rowsRead];
    return rowStart;
  }

  /**
   * Lines of whitespace-separated columns; a blank line is a row without cells, except a last
   * one. Returns where the last complete line ends.
   */
  private addWhitespaceRows(text: string, last: boolean): number {
    let lineStart = 0;
    for (;;) {
      let lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) {
        if (!last) return lineStart;
        lineEnd = text.length;
      }
      let position = lineStart;
      for (;;) {
        while (position < lineEnd && isSpace(text.charCodeAt(position))) position++;
        if (position >= lineEnd) break;
        const start = position;
        while (position < lineEnd && !isSpace(text.charCodeAt(position))) position++;
        this.addField(start, position);
      }
      this.closeRow(lineEnd);
      if (lineEnd === text.length) break;
      lineStart = lineEnd + 1;
    }
    // The text after the last line end is a row only when it holds something.
    if (this.rowsRead > 0 && this.rowFields[this.rowsRead - 1] === this.fieldCount) this.rowsRead--;
    return text.length;
  }
}

function indexOrLength(text: string, search: string, from: number): number {
  const index = text.indexOf(search, from);
  return index < 0 ? text.length : index;
}

function resized(array: Int32Array, length: number): Int32Array {
  const larger = new Int32Array(Math.ceil(length) + 1024);
  larger.set(array.subarray(0, Math.min(array.length, larger.length)));
  return larger;
}

/** Calls `onChunk` with the file's bytes, chunk by chunk, each cut after a line end (LF). */
function forEachChunk(
  path: string,
  chunkBytes: number,
  onChunk: (bytes: Buffer, last: boolean) => void,
): void {
  if (path.endsWith('.gz')) {
    let bytes: Buffer;
    try {
      // zlib is loaded only for a gzipped file (loading it takes 1.3 ms of every start).
      bytes = process.getBuiltinModule('node:zlib').gunzipSync(readFileSync(path));
    } catch (error) {
      if (
        (error as NodeJS.ErrnoException).errno !== undefined &&
        !String((error as NodeJS.ErrnoException).code).startsWith('Z_')
      )
        throw error;
      throw new CliError('input', 'input.truncatedGzip', { path });
    }
    let start = 0;
    do {
      let end = Math.min(start + chunkBytes, bytes.length);
      if (end < bytes.length) {
        const lineEnd = bytes.indexOf(LF, end);
        end = lineEnd < 0 ? bytes.length : lineEnd + 1;
      }
      onChunk(bytes.subarray(start, end), end === bytes.length);
      start = end;
    } while (start < bytes.length);
    return;
  }
  const fd = openSync(path, 'r');
  try {
    let buffer = Buffer.allocUnsafe(chunkBytes);
    let filled = 0;
    let ended = false;
    for (;;) {
      while (!ended && filled < buffer.length) {
        const read = readSync(fd, buffer, filled, buffer.length - filled, null);
        if (read === 0) ended = true;
        filled += read;
      }
      if (ended) return onChunk(buffer.subarray(0, filled), true);
      const lineEnd = buffer.lastIndexOf(LF, filled - 1);
      if (lineEnd < 0) {
        // A line longer than the buffer: read on.
        const larger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(larger, 0, 0, filled);
        buffer = larger;
        continue;
      }
      onChunk(buffer.subarray(0, lineEnd + 1), false);
      buffer.copy(buffer, 0, lineEnd + 1, filled);
      filled -= lineEnd + 1;
    }
  } finally {
    closeSync(fd);
  }
}

/** 1 for each block of `BLOCK` bytes that holds a byte outside ASCII. */
function nonAsciiBlocks(bytes: Buffer): Uint8Array {
  const blocks = new Uint8Array(Math.ceil(bytes.length / BLOCK));
  if (isAscii(bytes)) return blocks;
  for (let block = 0; block < blocks.length; block++) {
    if (!isAscii(bytes.subarray(block * BLOCK, (block + 1) * BLOCK))) blocks[block] = 1;
  }
  return blocks;
}

/** The encoding a byte order mark names, and the mark's length; null without a mark. */
function byteOrderMark(bytes: Buffer): { encoding: TextEncoding; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/**
 * A table file, read in chunks of about `chunkBytes` into a `TextTable`. A CSV file's bytes are
 * held one character per byte (its delimiters, quotes and line ends are ASCII, which UTF-8 and
 * Windows-1252 never use inside a longer character), and only a cell with other bytes is decoded
 * when read, as UTF-8 or Windows-1252 by what the whole file turned out to be; whitespace-separated
 * columns, where Unicode spaces separate, are decoded as they are read. A UTF-16 file (with its
 * byte order mark) is decoded whole, then read as text.
 */
export function readTable(path: string, chunkBytes = CHUNK_BYTES): TextTable {
  checkReadable(path, 'input');
  try {
    return readTableOf(path, chunkBytes);
  } catch (error) {
    if (error instanceof UnclosedQuoteError)
      throw new CliError('input', 'input.unclosedQuote', { path, line: error.line });
    throw error;
  }
}

function readTableOf(path: string, chunkBytes: number): TextTable {
  const expectedLength = path.endsWith('.gz') ? 0 : statSync(path).size;
  // Chunks kept (copied: the reading buffer is used again) until they are decoded together.
  const state: { table: TextTable | null; utf16: TextEncoding | null; held: Buffer[]; heldBytes: number } = {
    table: null,
    utf16: null,
    held: [],
    heldBytes: 0,
  };
  /** The chunk added to those held; all of them, joined, once `ready`, else null. */
  const hold = (bytes: Buffer, ready: boolean): Buffer | null => {
    state.held.push(Buffer.from(bytes));
    state.heldBytes += bytes.length;
    if (!ready) return null;
    const joined = state.held.length === 1 ? state.held[0] : Buffer.concat(state.held);
    state.held = [];
    state.heldBytes = 0;
    return joined;
  };
  forEachChunk(path, chunkBytes, (chunk, last) => {
    let bytes = chunk;
    if (state.table === null && state.utf16 === null) {
      const mark = byteOrderMark(chunk);
      if (mark !== null) bytes = chunk.subarray(mark.length);
      if (mark !== null && mark.encoding !== 'utf-8') state.utf16 = mark.encoding;
    }
    if (state.utf16 !== null) {
      // Its line ends are two bytes: the chunks, cut after a byte 0A, are joined and decoded whole.
      const whole = hold(bytes, last);
      if (whole === null) return;
      const text = new TextDecoder(state.utf16).decode(whole);
      state.table = new TextTable(detectDelimiter(text), text.length);
      state.table.encoding = state.utf16;
      return state.table.add(text, true);
    }
    if (state.table === null) {
      // The first line decides; its delimiters and quotes are ASCII whatever the encoding.
      const lineEnd = bytes.indexOf(LF);
      const delimiter = detectDelimiter(
        bytes.toString('latin1', 0, lineEnd < 0 ? bytes.length : lineEnd + 1),
      );
      state.table = new TextTable(delimiter, expectedLength, delimiter !== null);
    }
    const table = state.table;
    if (!table.bytesAsCharacters) {
      // Whitespace columns, split where Unicode spaces are: decoded as they are split, each part
      // as UTF-8 or Windows-1252 by what it holds (a part ends after a line feed, never inside a
      // character), in parts of `WHITESPACE_PART_BYTES`.
      const part = hold(bytes, last || state.heldBytes + bytes.length >= WHITESPACE_PART_BYTES);
      if (part === null) return;
      const utf8 = isUtf8(part);
      if (!utf8) table.encoding = 'windows-1252';
      return table.add(utf8 ? part.toString('utf8') : decodeWindows1252(part), last);
    }
    // A chunk ends after a line feed, never inside a character: each is valid UTF-8 on its own.
    if (!isUtf8(bytes)) table.encoding = 'windows-1252';
    table.add(bytes.toString('latin1'), last, nonAsciiBlocks(bytes));
  });
  return state.table!;
}

/** The rows of a table file, each an array of text cells. */
export function readTableFile(path: string): string[][] {
  return readTable(path).rows();
}

/** A text table held in memory, as a `TextTable`. */
export function parseTable(text: string): TextTable {
  const table = new TextTable(detectDelimiter(text), text.length);
  table.add(text, true);
  return table;
}

export function parseDelimited(text: string): string[][] {
  return parseTable(text).rows();
}

/** RFC 4180: quoted fields may hold delimiters, doubled quotes and line breaks. */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const table = new TextTable(delimiter, text.length);
  table.add(text, true);
  return table.rows();
}
