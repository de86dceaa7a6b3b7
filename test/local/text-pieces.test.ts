/**
 * The command's CSV written a piece at a time gives the texts the plain definitions give: whole
 * numbers as `String` writes them, amounts as `decimalOfThousandths` does, across piece boundaries.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalOfThousandths } from '../../src/core/values';
import { csvField } from '../../src/local/csv-field';
import { TextPieces, utf8Text } from '../../src/local/text-pieces';

/** What a `TextPieces` hands on, joined, after `write` has appended to it. */
function written(write: (pieces: TextPieces) => void): string {
  const parts: string[] = [];
  const pieces = new TextPieces((bytes) => parts.push(utf8Text(bytes)));
  write(pieces);
  pieces.flush();
  return parts.join('');
}

const amounts = fc.oneof(
  fc.integer({ min: -1e13, max: 1e13 }),
  fc.integer({ min: -(2 ** 32), max: 2 ** 32 }),
  fc.double({ min: -1e13, max: 1e13, noNaN: true }),
  fc.double({ min: -(2 ** 32), max: 2 ** 32, noNaN: true }),
  fc.constantFrom(0, -0, 0.5, -0.5, 1e20, -1e20, 2 ** 53, Infinity, NaN),
  // Either side of the largest 32-bit integer, where the writing changes arithmetic.
  fc.constantFrom(
    2 ** 31 - 1,
    2 ** 31,
    2 ** 31 - 1.5,
    2 ** 31 - 0.5,
    -(2 ** 31 - 1),
    -(2 ** 31),
    999,
    1000,
    1001.4,
  ),
);

describe('TextPieces writes numbers as their plain definitions do', () => {
  it('whole numbers as String writes them', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.integer({ min: -(2 ** 53), max: 2 ** 53 })), (value) => {
        expect(written((pieces) => pieces.integer(value))).toBe(String(value));
      }),
      { numRuns: 5_000 },
    );
  });

  it('amounts in thousandths as decimalOfThousandths writes them', () => {
    fc.assert(
      fc.property(amounts, (value) => {
        expect(written((pieces) => pieces.thousandths(value))).toBe(decimalOfThousandths(value));
      }),
      { numRuns: 5_000 },
    );
  });

  it('amounts and texts over several pieces of a megabyte, as one string would hold them', () => {
    const values = Array.from({ length: 200_000 }, (_, index) => (index * 7919 - 5e8) / 3);
    const expected = values.map((value, index) => `${decimalOfThousandths(value)},é${index}\n`).join('');
    const text = written((pieces) =>
      values.forEach((value, index) => {
        pieces.thousandths(value);
        pieces.text(`,é${index}`);
        pieces.ascii(10);
      }),
    );
    expect(text).toBe(expected);
  });

  it('hands on whole characters only: a first piece of a few lines, then about a megabyte each', () => {
    const pieces: Uint8Array[] = [];
    const csv = new TextPieces((bytes) => pieces.push(Uint8Array.from(bytes)));
    const long = 'é'.repeat(400_000);
    for (let line = 0; line < 40_000; line++) {
      csv.text(line === 20_000 ? long : `client-é${line}`);
      csv.ascii(44);
      csv.integer(line);
      csv.ascii(10);
    }
    csv.flush();
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const texts = pieces.map((piece) => decoder.decode(piece));
    expect(pieces[0].length).toBeLessThanOrEqual(256);
    expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThanOrEqual((1 << 20) + 17);
    expect(pieces.length).toBeGreaterThan(2);
    expect(texts.join('')).toBe(
      Array.from(
        { length: 40_000 },
        (_, line) => `${line === 20_000 ? long : `client-é${line}`},${line}\n`,
      ).join(''),
    );
  });
});

describe('csvField', () => {
  it('quotes a text with a quote, a comma or a line break, and guards a formula start', () => {
    expect(csvField('a"b')).toBe('"a""b"');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField('a\rb')).toBe('"a\rb"');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('=1,1', true)).toBe('"=1,1"');
    expect(csvField('00001')).toBe('00001');
  });
});
