import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  migrationMatrix,
  NEW_CUSTOMERS,
  NO_LONGER_PRESENT,
  type MigrationMatrix,
  type SegmentSnapshot,
} from '../../src/core/migrations';

// a, b, c, d, e before; a stays in A, b moves A → B, c stays in B, d and e leave, f and g arrive.
const PREVIOUS: SegmentSnapshot = {
  asOfDay: 20000,
  customers: ['a', 'b', 'c', 'd', 'e'],
  segments: ['A', 'A', 'B', 'B', 'C'],
  revenue: [10000, 20000, 30000, 40000, 50000],
};
const CURRENT: SegmentSnapshot = {
  asOfDay: 20030,
  customers: ['g', 'a', 'b', 'c', 'f'],
  segments: ['D', 'A', 'B', 'B', 'A'],
  revenue: [70000, 11000, 22000, 33000, 60000],
};

/** Customers of a cell, by row and column key. */
function count(matrix: MigrationMatrix, from: string, to: string): number {
  return matrix.cells[matrix.from.indexOf(from)][matrix.to.indexOf(to)].customers;
}

function rowSums(matrix: MigrationMatrix): number[] {
  return matrix.cells.map((row) => row.reduce((sum, cell) => sum + cell.customers, 0));
}

function columnSums(matrix: MigrationMatrix): number[] {
  return matrix.to.map((_, column) => matrix.cells.reduce((sum, row) => sum + row[column].customers, 0));
}

/** Customers per segment name, in first-seen order. */
function sizes(snapshot: SegmentSnapshot): Map<string, number> {
  const map = new Map<string, number>();
  for (const segment of snapshot.segments) map.set(segment, (map.get(segment) ?? 0) + 1);
  return map;
}

describe('migrations', () => {
  const matrix = migrationMatrix(PREVIOUS, CURRENT);

  it('rows are the previous segments then the new customers; columns the current ones then the gone', () => {
    expect(matrix.from).toEqual(['A', 'B', 'C', NEW_CUSTOMERS]);
    expect(matrix.to).toEqual(['D', 'A', 'B', NO_LONGER_PRESENT]);
    expect(matrix.previousAsOfDay).toBe(20000);
    expect(matrix.currentAsOfDay).toBe(20030);
  });

  it('each customer counts once, in the cell of its previous and current segment', () => {
    expect(matrix.cells.map((row) => row.map((cell) => cell.customers))).toEqual([
      [0, 1, 1, 0], // A: a stays, b → B
      [0, 0, 1, 1], // B: c stays, d gone
      [0, 0, 0, 1], // C: e gone
      [1, 1, 0, 0], // new: g → D, f → A
    ]);
  });

  it('a cell holds the current revenue, and the previous revenue in the gone column', () => {
    expect(matrix.cells[0][2]).toEqual({ customers: 1, revenue: 22000 });
    expect(matrix.cells[1][3]).toEqual({ customers: 1, revenue: 40000 });
    expect(matrix.cells[3][0]).toEqual({ customers: 1, revenue: 70000 });
    expect(matrix.revenueKnown).toBe(true);
  });

  it('came in, stayed and left per segment, new and gone customers included', () => {
    expect(matrix.movements).toEqual([
      { segment: 'D', previous: 0, current: 1, cameIn: 1, stayed: 0, left: 0 },
      { segment: 'A', previous: 2, current: 2, cameIn: 1, stayed: 1, left: 1 },
      { segment: 'B', previous: 2, current: 2, cameIn: 1, stayed: 1, left: 1 },
      { segment: 'C', previous: 1, current: 0, cameIn: 0, stayed: 0, left: 1 },
    ]);
  });

  it('totals count the customers of either snapshot, new, gone, stayed and moved', () => {
    expect(matrix.totals).toEqual({
      customers: 7,
      previous: 5,
      current: 5,
      newCustomers: 2,
      goneCustomers: 2,
      stayed: 2,
      moved: 1,
    });
  });

  it('row sums are the previous segment sizes and column sums the current ones', () => {
    expect(rowSums(matrix)).toEqual([2, 2, 1, 2]);
    expect(columnSums(matrix)).toEqual([1, 2, 2, 2]);
  });

  it('segments follow the given order, unlisted ones after it', () => {
    const ordered = migrationMatrix(PREVIOUS, CURRENT, ['C', 'B', 'A']);
    expect(ordered.from).toEqual(['C', 'B', 'A', NEW_CUSTOMERS]);
    expect(ordered.to).toEqual(['B', 'A', 'D', NO_LONGER_PRESENT]);
    expect(ordered.movements.map((m) => m.segment)).toEqual(['B', 'A', 'D', 'C']);
    expect(count(ordered, 'A', 'B')).toBe(1);
  });

  it('a missing revenue counts as 0 and the matrix says so', () => {
    const withoutRevenue = migrationMatrix({ ...PREVIOUS, revenue: undefined }, CURRENT);
    expect(withoutRevenue.revenueKnown).toBe(false);
    expect(withoutRevenue.cells[1][3]).toEqual({ customers: 1, revenue: 0 });
    expect(withoutRevenue.cells[0][2]).toEqual({ customers: 1, revenue: 22000 });
  });

  it('a first run has only new customers', () => {
    const first = migrationMatrix({ asOfDay: 0, customers: [], segments: [] }, CURRENT);
    expect(first.from).toEqual([NEW_CUSTOMERS]);
    expect(count(first, NEW_CUSTOMERS, 'B')).toBe(2);
    expect(first.totals).toMatchObject({ customers: 5, newCustomers: 5, goneCustomers: 0, stayed: 0 });
  });

  it('a customer twice in a snapshot, or arrays of different lengths, is an error', () => {
    expect(() => migrationMatrix({ ...PREVIOUS, customers: ['a', 'b', 'c', 'd', 'a'] }, CURRENT)).toThrow(
      RangeError,
    );
    expect(() => migrationMatrix(PREVIOUS, { ...CURRENT, customers: ['g', 'a', 'b', 'c', 'g'] })).toThrow(
      /twice/,
    );
    expect(() => migrationMatrix(PREVIOUS, { ...CURRENT, customers: ['a', 'b', 'c', 'e', 'a'] })).toThrow(
      /twice/,
    );
    expect(() => migrationMatrix(PREVIOUS, { ...CURRENT, segments: ['A'] })).toThrow(RangeError);
  });

  it('any two snapshots satisfy the sum invariants', () => {
    const snapshot = fc
      .uniqueArray(
        fc.record({
          customer: fc.constantFrom(...'abcdefghijklmnop'.split('')),
          segment: fc.constantFrom('A', 'B', 'C', 'D', 'Autres'),
          revenue: fc.integer({ min: -100000, max: 1000000 }),
        }),
        { selector: (row) => row.customer, maxLength: 16 },
      )
      .map((rows): SegmentSnapshot => ({
        asOfDay: 20000,
        customers: rows.map((row) => row.customer),
        segments: rows.map((row) => row.segment),
        revenue: rows.map((row) => row.revenue),
      }));
    fc.assert(
      fc.property(snapshot, snapshot, (previous, current) => {
        const result = migrationMatrix(previous, current);
        const union = new Set([...previous.customers, ...current.customers]);
        const before = sizes(previous);
        const after = sizes(current);
        const added = current.customers.filter((id) => !previous.customers.includes(id)).length;
        const gone = previous.customers.filter((id) => !current.customers.includes(id)).length;
        expect(result.totals.customers).toBe(union.size);
        expect(rowSums(result)).toEqual([...[...before.values()], added]);
        expect(columnSums(result)).toEqual([...[...after.values()], gone]);
        const revenueIn = result.cells.flat().reduce((sum, cell) => sum + cell.revenue, 0);
        const goneRevenue = result.cells.reduce((sum, row) => sum + row[row.length - 1].revenue, 0);
        const currentRevenue = current.revenue!.reduce((sum, value) => sum + value, 0);
        expect(revenueIn - goneRevenue).toBe(currentRevenue);
        for (const movement of result.movements) {
          expect(movement.previous).toBe(before.get(movement.segment) ?? 0);
          expect(movement.current).toBe(after.get(movement.segment) ?? 0);
          expect(movement.stayed + movement.left).toBe(movement.previous);
          expect(movement.stayed + movement.cameIn).toBe(movement.current);
        }
      }),
    );
  });
});
