import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseTable, readTable, TextTable, UnclosedQuoteError } from '../../src/local/table-file';
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
          const unclosed: { line?: number } = {};
          const expected = referenceCsv(text, delimiter, unclosed);
          // A quote that never closes is an error naming its line (issue 12), not rows.
          if (unclosed.line !== undefined)
            expect(() => tableOf(delimiter, chunksOf(text, at))).toThrow(
              new UnclosedQuoteError(unclosed.line),
            );
          else expect(tableOf(delimiter, chunksOf(text, at)).rows()).toEqual(expected);
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

describe('decoding a file by detection: byte order mark, else UTF-8 when valid, else Windows-1252', () => {
  const text =
    'Client;Date de commande;Montant TTC\nHélène Dupré;17/10/2025;1 234,56 €\nZoë;18/10/2025;12,50 €\n';
  const rows = [
    ['Client', 'Date de commande', 'Montant TTC'],
    ['Hélène Dupré', '17/10/2025', '1 234,56 €'],
    ['Zoë', '18/10/2025', '12,50 €'],
  ];
  /** Windows-1252 bytes of a text of Latin-1 characters and €. */
  const windows1252 = (latin: string) => Buffer.from(latin.replace(/€/g, '\x80'), 'latin1');
  const utf16be = (value: string) => Buffer.from(value, 'utf16le').swap16();
  const files: [string, Buffer][] = [
    ['Windows-1252 (Excel « CSV (séparateur : point-virgule) »)', windows1252(text)],
    ['UTF-8', Buffer.from(text)],
    ['UTF-8 with a byte order mark', Buffer.from(`\uFEFF${text}`)],
    ['UTF-16 LE with a byte order mark', Buffer.from(`\uFEFF${text}`, 'utf16le')],
    ['UTF-16 BE with a byte order mark', utf16be(`\uFEFF${text}`)],
  ];

  for (const [name, bytes] of files) {
    it(`reads ${name}, plain or gzipped, in any chunk size`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'segmento-encoding-'));
      const plain = join(dir, 'commandes.csv');
      writeFileSync(plain, bytes);
      writeFileSync(`${plain}.gz`, gzipSync(bytes));
      for (const chunkBytes of [5, 1 << 20]) {
        expect(readTable(plain, chunkBytes).rows()).toEqual(rows);
        expect(readTable(`${plain}.gz`, chunkBytes).rows()).toEqual(rows);
      }
    });
  }

  it('whitespace-separated columns in Windows-1252 are decoded too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'segmento-encoding-'));
    const file = join(dir, 'orders.txt');
    writeFileSync(file, windows1252('Zoë 19970101 1 29.33€\n'));
    expect(readTable(file).rows()).toEqual([['Zoë', '19970101', '1', '29.33€']]);
  });

  it('the encoding read is told: windows-1252, utf-8, utf-16le', () => {
    const dir = mkdtempSync(join(tmpdir(), 'segmento-encoding-'));
    const file = join(dir, 'commandes.csv');
    for (const [bytes, encoding] of [
      [files[0][1], 'windows-1252'],
      [files[1][1], 'utf-8'],
      [files[3][1], 'utf-16le'],
    ] as const) {
      writeFileSync(file, bytes);
      expect(readTable(file).encoding).toBe(encoding);
    }
  });

  it('whitespace columns of several chunks are decoded one way: a customer is never read two ways', () => {
    // 750 KB of UTF-8 `cé0`…`cé2`, then one Windows-1252 byte (`zé`) on the last line: with the file
    // read half a megabyte at a time, each chunk decoded on its own would give `cé0` and `cÃ©0`.
    const lines = Array.from(
      { length: 40_000 },
      (_, i) => `cé${i % 3} 2024-${String(1 + (i % 12)).padStart(2, '0')}-15 10`,
    );
    const bytes = Buffer.concat([
      Buffer.from(`customer date amount\n${lines.join('\n')}\n`, 'utf8'),
      Buffer.from('z\xe9 2024-05-05 3\n', 'latin1'),
    ]);
    expect(bytes.length).toBeGreaterThan(1 << 19);
    const file = join(mkdtempSync(join(tmpdir(), 'segmento-encoding-')), 'cdnow.txt');
    writeFileSync(file, bytes);
    const table = readTable(file);
    expect(table.encoding).toBe('windows-1252');
    const customers = new Set(
      table
        .rows()
        .slice(1)
        .map((row) => row[0]),
    );
    expect([...customers]).toEqual(['cÃ©0', 'cÃ©1', 'cÃ©2', 'zé']);
  });
});

describe('an unclosed quote never swallows the rest of the file', () => {
  const lines = (count: number, from = 0) =>
    Array.from({ length: count }, (_, index) => `c${from + index};2025-01-02;${index}\n`).join('');

  it('a quote that runs to the end of the file is an error naming the line where it opened', () => {
    const text = `Client;Date;Montant\n${lines(8)}"Dupont;2025-01-02;3\n${lines(5000)}`;
    for (const at of [[], [0.1, 0.5, 0.9]]) {
      expect(() => tableOf(';', chunksOf(text, at))).toThrow(new UnclosedQuoteError(10));
    }
  });

  it('a quote closed only far past the usual row length (by a stray quote) is the same error', () => {
    const text = `Client;Date;Montant\n${lines(8)}"Dupont;2025-01-02;3\n${lines(5000)}c;"note";1\n${lines(3)}`;
    expect(() => tableOf(';', [text])).toThrow(new UnclosedQuoteError(10));
  });

  it('a quote left open merges two rows into one of another width: the same error, at the line it opened', () => {
    const text =
      '"customer_id","order_date","revenue"\n"Brion Stark","2004-12-20",32\n' +
      '"Ethyl Botsford","2005-05-02,36\n"Anne","2005-06-01",10\n"Zoe","2005-07-01",5\n';
    expect(() => tableOf(',', [text])).toThrow(new UnclosedQuoteError(3));
  });

  it('a long quoted note over a few lines is still one field', () => {
    const note = `${'mot '.repeat(50)}\n`.repeat(20);
    const table = tableOf(';', [`Client;Note\n${lines(30)}a;"${note}"\nb;x\n`]);
    expect(table.cell(31, 1)).toBe(note);
    expect(table.rowCount).toBe(33);
  });

  it('readTable names the file and the line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'segmento-table-'));
    const file = join(dir, 'commandes.csv');
    writeFileSync(file, `Client;Date;Montant\n"a;2025-01-02;3\n${lines(3)}`);
    expect(() => readTable(file)).toThrow(
      expect.objectContaining({ key: 'input.unclosedQuote', params: { path: file, line: 2 } }),
    );
  });
});
