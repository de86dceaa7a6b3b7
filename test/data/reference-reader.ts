/**
 * The table reader as it was before files were read in chunks (one string, one array per row):
 * the oracle that the chunked `TextTable` reader is checked against, in tests only.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { detectDelimiter } from '../../src/local/table-file';

export function referenceReadTableFile(path: string): string[][] {
  const bytes = readFileSync(path);
  const text = (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8').replace(/^\uFEFF/, '');
  return referenceParseDelimited(text);
}

export function referenceParseDelimited(text: string): string[][] {
  const delimiter = detectDelimiter(text);
  return delimiter === null ? referenceWhitespaceColumns(text) : referenceCsv(text, delimiter);
}

export function referenceWhitespaceColumns(text: string): string[][] {
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

/**
 * `unclosed`, when given, gets the line (from 1) of the first quote that never closes, or whose
 * field holds a line feed in a row of another width than the first row.
 */
export function referenceCsv(text: string, delimiter = ',', unclosed?: { line?: number }): string[][] {
  const separator = delimiter.charCodeAt(0);
  const rows: string[][] = [];
  let row: string[] = [];
  let position = 0;
  const length = text.length;
  let multiLineQuote = -1;
  const pushRow = () => {
    const misfit = multiLineQuote >= 0 && rows.length > 0 && row.length !== rows[0].length;
    if (misfit && unclosed && unclosed.line === undefined)
      unclosed.line = text.slice(0, multiLineQuote).split('\n').length;
    rows.push(row);
    row = [];
    multiLineQuote = -1;
  };
  while (position < length) {
    let field: string;
    if (text.charCodeAt(position) === QUOTE) {
      const opened = position;
      let end = position + 1;
      let value = '';
      for (;;) {
        const close = text.indexOf('"', end);
        if (close < 0) {
          if (unclosed && unclosed.line === undefined)
            unclosed.line = text.slice(0, position).split('\n').length;
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
      if (multiLineQuote < 0 && text.slice(opened, end).includes('\n')) multiLineQuote = opened;
      position = end;
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
      pushRow();
    }
  }
  if (row.length > 0) pushRow();
  return rows;
}
