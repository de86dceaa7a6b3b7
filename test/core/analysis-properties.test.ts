/**
 * Properties of the whole reading and scoring path (fast-check): any cells give scores or rejects,
 * never an exception or a lost row; the order of the rows changes no score.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis';
import { UserError } from '../../src/core/labels';
import type { Cell } from '../../src/core/values';

const anyCell: fc.Arbitrary<Cell> = fc.oneof(
  fc.string(),
  fc.double(),
  fc.integer({ min: -100_000, max: 3_000_000 }),
  fc.boolean(),
  fc.constant(''),
  fc.constant(null),
  fc.date({ min: new Date(-1e14), max: new Date(1e14), noInvalidDate: false }),
  fc.constantFrom(
    '17/10/2025',
    '2025-10-17',
    '17 oct. 2025',
    '1 234,56 €',
    '(12.50)',
    '17850.0',
    '00017',
    '=1+1',
  ),
);

const customer = fc.constantFrom('c1', 'c2', 'c3', '00017', '17', 17, '17.0', 'Ana', '', ' ');
const date: fc.Arbitrary<Cell> = fc.oneof(
  fc.date({ min: new Date('2020-01-01'), max: new Date('2026-12-31'), noInvalidDate: true }),
  fc.integer({ min: 43_000, max: 46_000 }),
  fc.constantFrom('2025-10-17', '17/10/2025', '3/4/2025', '17 oct. 2025', 'hier', ''),
);
const amount: fc.Arbitrary<Cell> = fc.oneof(
  fc.double({ min: -500, max: 5_000, noNaN: true }),
  fc.constantFrom('1 234,56 €', '12,50', '(12.50)', '-3', 'gratuit', '', 0),
);

describe('reading any cells', () => {
  it('gives scores or rejects, never an exception; every row is used, rejected or empty', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(anyCell, { maxLength: 6 }), { maxLength: 40 }),
        fc.boolean(),
        (body, withHeader) => {
          const rows = withHeader ? [['Client', 'Date', 'Montant', 'Commande'], ...body] : body;
          try {
            const { book, metrics, scores } = analyse(rows, { locale: 'fr_FR', timeZone: 'Europe/Paris' });
            const dataRows = rows.length - (book.columns.hasHeader ? 1 : 0);
            expect(book.lineCount + book.rejected.length + book.emptyRows).toBe(dataRows);
            for (let i = 0; i < metrics.count; i++) {
              for (const score of [scores.r[i], scores.f[i], scores.m[i]])
                expect(score).toBeGreaterThanOrEqual(1);
            }
          } catch (error) {
            // Only a range whose columns cannot be found is refused, with a message to act on.
            expect(error).toBeInstanceOf(UserError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the order of the rows', () => {
  it('changes no score, no metric and no segment', () => {
    const line = fc.tuple(customer, date, amount, fc.boolean());
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 60 }), fc.func(fc.integer()), (lines, key) => {
        // An order id is never shared by two customers: then no line's fate depends on which came first.
        const rows: Cell[][] = lines.map(([who, when, much, grouped], i) => [
          who,
          when,
          much,
          grouped ? `${String(who).trim()}-order` : `line-${i}`,
        ]);
        const header = ['Client', 'Date', 'Montant', 'Commande'];
        const shuffled = rows
          .map((row, i) => ({ row, rank: key(i) }))
          .sort((a, b) => a.rank - b.rank)
          .map(({ row }) => row);
        const byCustomer = (body: Cell[][]) => {
          const { metrics, scores, segment, segmentNames, book } = analyse([header, ...body], {
            locale: 'fr_FR',
            timeZone: 'Europe/Paris',
          });
          const table = new Map(
            metrics.ids.map((id, i) => [
              id,
              [
                metrics.recencyDays[i],
                metrics.frequency[i],
                metrics.monetary[i],
                scores.r[i],
                scores.f[i],
                scores.m[i],
                segmentNames[segment[i]],
              ],
            ]),
          );
          return { table, rejected: book.rejected.length, asOf: metrics.asOfDay };
        };
        expect(byCustomer(shuffled)).toEqual(byCustomer(rows));
      }),
      { numRuns: 300 },
    );
  });
});
