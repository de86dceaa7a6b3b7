/**
 * Reading an order file into rows of text cells, as a sheet would hold them: CSV (comma,
 * semicolon or tab, RFC 4180 quotes), whitespace-separated columns (CDNOW), optionally gzipped.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export function readTableFile(path: string): string[][] {
  const bytes = readFileSync(path);
  const text = (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8').replace(/^\uFEFF/, '');
  return parseDelimited(text);
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

export function parseDelimited(text: string): string[][] {
  const delimiter = detectDelimiter(text);
  return delimiter === null ? parseWhitespaceColumns(text) : parseCsv(text, delimiter);
}

function parseWhitespaceColumns(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    rows.push(trimmed === '' ? [] : trimmed.split(/\s+/));
  }
  if (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** RFC 4180: quoted fields may hold delimiters, doubled quotes and line breaks. */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const separator = delimiter.charCodeAt(0);
  const rows: string[][] = [];
  let row: string[] = [];
  let position = 0;
  const length = text.length;
  while (position < length) {
    let field: string;
    if (text.charCodeAt(position) === QUOTE) {
      let end = position + 1;
      let value = '';
      for (;;) {
        const close = text.indexOf('"', end);
        if (close < 0) {
          value += text.slice(end);
          end = length;
          break;
        }
        value += text.slice(end, close);
        if (text.charCodeAt(close + 1) === QUOTE) {
          value += '"';
          end = close + 2;
        } else {
          end = close + 1;
          break;
        }
      }
      field = value;
      position = end;
      // Anything between the closing quote and the next delimiter is kept, as spreadsheets do.
      while (position < length) {
        const code = text.charCodeAt(position);
        if (code === separator || code === LF || code === CR) break;
        field += text[position++];
      }
    } else {
      let end = position;
      while (end < length) {
        const code = text.charCodeAt(end);
        if (code === separator || code === LF || code === CR) break;
        end++;
      }
      field = text.slice(position, end);
      position = end;
    }
    row.push(field);
    const code = text.charCodeAt(position);
    if (code === separator) {
      position++;
      if (position === length) row.push('');
    } else {
      if (code === CR) position++;
      if (text.charCodeAt(position) === LF) position++;
      rows.push(row);
      row = [];
    }
  }
  if (row.length > 0) rows.push(row);
  return rows;
}
