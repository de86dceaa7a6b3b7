import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acquisitionCosts, newCustomers, readSpendTable } from '../../src/core/acquisition';
import { campaignConversions } from '../../src/core/campaigns';
import { repeatRateBySegment, retentionCohorts } from '../../src/core/cohorts';
import { readOrders } from '../../src/core/orders';
import type { Cell } from '../../src/core/values';

const cell: fc.Arbitrary<Cell> = fc.oneof(
  fc.constantFrom('', null, '2024-03', 'mars 2024', '03/2024', 'Web', '-5', '1 234,50 €', 'abc', '12.5'),
  fc.integer({ min: -1_000, max: 1_000_000 }),
  fc.double({ noNaN: false }),
  fc.string({ maxLength: 12 }),
  fc.boolean(),
);

/** Every number of a result, at any depth. */
function numbers(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(numbers);
  if (value && typeof value === 'object') return Object.values(value).flatMap(numbers);
  return [];
}

const orderLine = fc.tuple(
  fc.constantFrom('a', 'b', 'c', 'd', 'e'),
  fc
    .integer({ min: 19_700, max: 19_900 })
    .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10)),
  fc.integer({ min: -50_00, max: 200_00 }).map((cents) => cents / 100),
  fc.constantFrom('Web', 'Boutique', ''),
);

describe('cohorts, campaigns and acquisition (issue 15): any input gives figures or issues, never an exception, a lost row or NaN', () => {
  it('the spend table reads every non-empty row or names one of its cells', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { maxLength: 12 }), (body) => {
        const table = [['Mois', 'Canal', 'Dépenses', 'Prospects'], ...body];
        const { rows, issues } = readSpendTable(table, { locale: 'fr_FR' });
        const used = new Set([...rows.map((r) => r.row), ...issues.map((i) => i.row)]);
        body.forEach((cells, index) => {
          const empty = cells.every(
            (c) => c === '' || c === null || (typeof c === 'string' && c.trim() === ''),
          );
          expect(used.has(index + 2)).toBe(!empty);
        });
        expect(numbers(rows).every(Number.isFinite)).toBe(true);
        expect(rows.every((r) => r.spend >= 0)).toBe(true);
      }),
    );
  });

  it('cohorts, repeat rates, campaigns and acquisition costs hold only finite numbers or null', () => {
    fc.assert(
      fc.property(
        fc.array(orderLine, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 19_650, max: 19_950 }),
        (lines, campaignDay) => {
          const book = readOrders([['Client', 'Date', 'Montant', 'Canal'], ...lines], { locale: 'en_US' });
          const membership = {
            customers: book.customerIds,
            segments: book.customerIds.map((_, i) => (i % 2 ? 'A' : 'B')),
          };
          const results = [
            retentionCohorts(book),
            repeatRateBySegment(book, {
              customers: book.customerIds.map((_, i) => i),
              segment: book.customerIds.map((_, i) => i % 2),
              names: ['B', 'A'],
            }),
            campaignConversions(
              book,
              [{ name: 'x', day: campaignDay, segments: ['A', 'B'], cost: 1000, contacted: ['a', 'c'] }],
              () => membership,
            ),
            acquisitionCosts(newCustomers(book, { channel: 'Canal' }), [], { byChannel: true }),
          ];
          expect(numbers(results).every(Number.isFinite)).toBe(true);
        },
      ),
    );
  });
});
