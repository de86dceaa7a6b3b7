import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseTable, readTable, TextTable } from '../../src/local/table-file';
import { referenceCsv, referenceParseDelimited, referenceWhitespaceColumns } from '../data/reference-reader';

/** The text cut after some of its line feeds, as the file reader cuts it. */
function chunksOf(text: string, cuts: number[]): string[] {
  const ends = [...new Set(cuts.map((cut) => text.indexOf('\n', Math.floor(cut * text.length))))]
    .filter((end) => end >= 0)
    .sort((a, b) => a - b);
  const chunks: string[] = [];
  let start = 0;
  for (const end of ends) {
    chunks.push(text.slice(start, end + 1));
    start = end + 1;
  }
  chunks.push(text.slice(start));
  return chunks;
}

function tableOf(delimiter: string | null, chunks: string[]): TextTable {
  const table = new TextTable(delimiter);
  chunks.forEach((chunk, index) => table.add(chunk, index === chunks.length - 1));
  return table;
}

const messyText = (alphabet: string[]) =>
  fc.array(fc.constantFrom(...alphabet), { maxLength: 80 }).map((characters) => characters.join(''));
const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 });

describe('reading a table file in chunks', () => {
  it('CSV read in chunks gives the rows of the whole text read at once, quotes and line breaks included', () => {
    fc.assert(
      fc.property(messyText(['a', 'b', ',', ';', '"', '\n', '\r', ' ', 'é']), cuts, (text, at) => {
        for (const delimiter of [',', ';']) {
          expect(tableOf(delimiter, chunksOf(text, at)).rows()).toEqual(referenceCsv(text, delimiter));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('whitespace columns read in chunks give the rows of the whole text read at once', () => {
    fc.assert(
      fc.property(messyText(['a', '1', ' ', '\t', '\n', '\r', '\u00a0', '\u2028']), cuts, (text, at) => {
        expect(tableOf(null, chunksOf(text, at)).rows()).toEqual(referenceWhitespaceColumns(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('a cell past the end of a short row is undefined; the width is the longest row', () => {
    const table = parseTable('a,b,c\n1,2\n\n4,5,6,7\n');
    expect(table.rowCount).toBe(4);
    expect(table.width).toBe(4);
    expect([table.cell(1, 1), table.cell(1, 2), table.cell(2, 0), table.cell(3, 3)]).toEqual([
      '2',
      undefined,
      '',
      '7',
    ]);
  });

  it('a file read a few bytes at a time, plain or gzipped, gives the rows of the whole file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'segmento-table-'));
    const text =
      '\uFEFFClient;Date;Montant\n"Dupont, Anne";17/10/2025;"1 234,56 €"\r\n"a ""long""\nnote";2025-10-01;20\n' +
      `${'x'.repeat(300)};2025-10-02;3\nB;2025-10-03;4`;
    const plain = join(dir, 'orders.csv');
    writeFileSync(plain, text);
    writeFileSync(`${plain}.gz`, gzipSync(Buffer.from(text)));
    const expected = referenceParseDelimited(text.slice(1));
    for (const chunkBytes of [1, 7, 64, 1 << 20]) {
      expect(readTable(plain, chunkBytes).rows()).toEqual(expected);
      expect(readTable(`${plain}.gz`, chunkBytes).rows()).toEqual(expected);
    }
  });

  it('an empty file has no rows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'segmento-table-'));
    writeFileSync(join(dir, 'empty.csv'), '');
    expect(readTable(join(dir, 'empty.csv')).rowCount).toBe(0);
  });
});
