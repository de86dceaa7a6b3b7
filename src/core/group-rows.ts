/**
 * Grouping of rows by identical keys, so that a likelihood costs one term per distinct tuple
 * (with its weight) rather than one per customer (see src/core/README.md, "Predicted value").
 */
import { largeArray } from './large-arrays';

export interface RowGroups {
  /** Number of distinct keys. */
  count: number;
  /** The group of each row. */
  groupOf: Int32Array;
  /** The first row of each group: where its values are read. */
  firstRow: Int32Array;
  /** Rows in each group. */
  weight: Float64Array;
}

/** Groups `rows` rows (those `include` keeps, the others get group −1) by `keyOf`. */
export function groupRows(
  rows: number,
  keyOf: (row: number) => number | string,
  include: (row: number) => boolean = () => true,
): RowGroups {
  const groupOf = largeArray(Int32Array, rows).fill(-1);
  const firstRow: number[] = [];
  const weight: number[] = [];
  const groups = new Map<number | string, number>();
  for (let row = 0; row < rows; row++) {
    if (!include(row)) continue;
    const key = keyOf(row);
    let group = groups.get(key);
    if (group === undefined) {
      group = firstRow.length;
      groups.set(key, group);
      firstRow.push(row);
      weight.push(0);
    }
    groupOf[row] = group;
    weight[group]++;
  }
  return {
    count: firstRow.length,
    groupOf,
    firstRow: Int32Array.from(firstRow),
    weight: Float64Array.from(weight),
  };
}

/**
 * A number that is the same for equal tuples of non-negative integers below the given bounds
 * and different otherwise, or null when such numbers would pass 2⁵³ (use a text key then).
 */
export function tupleKeyScales(bounds: readonly number[]): number[] | null {
  const scales: number[] = [];
  let scale = 1;
  for (let index = bounds.length - 1; index >= 0; index--) {
    scales.unshift(scale);
    scale *= bounds[index];
  }
  return scale <= Number.MAX_SAFE_INTEGER ? scales : null;
}

/** The distinct values, ascending, and the index among them of each value. */
export function distinctIndex(values: ArrayLike<number>): { distinct: Float64Array; indexOf: Int32Array } {
  const distinct = Float64Array.from(new Set(Array.from(values))).sort();
  const index = new Map(Array.from(distinct, (value, position) => [value, position]));
  return { distinct, indexOf: Int32Array.from(values, (value) => index.get(value)!) };
}
