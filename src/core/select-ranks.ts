/**
 * Order statistics without a sort: the values at given ranks of numbers sorted ascending, by
 * quickselect, or by counting for whole numbers over a narrow span. Used by the quantile
 * thresholds (scores.ts), as d3-array keeps `quickselect` apart from `quantile`.
 */
import { largeArray, largeCopy } from './large-arrays';

/**
 * The values at the given ascending ranks of the values sorted ascending, by a quickselect that
 * only follows the parts holding a wanted rank: linear time on average where a sort is n·log n.
 * Reorders `values`.
 */
export function ranksBySelection(values: Float64Array, wanted: number[]): number[] {
  const parts: [number, number, number, number][] = [[0, values.length - 1, 0, wanted.length]];
  while (parts.length > 0) {
    // values[low..high] holds the ranks wanted[first..end).
    const [low, high, first, end] = parts.pop()!;
    if (first >= end || low >= high) continue;
    if (high - low < 32) {
      insertionSort(values, low, high);
      continue;
    }
    const pivot = medianOfThree(values[low], values[(low + high) >> 1], values[high]);
    let i = low;
    let j = high;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const swap = values[i];
        values[i++] = values[j];
        values[j--] = swap;
      }
    }
    // Now values[low..j] ≤ pivot ≤ values[i..high], and values[j+1..i-1] equal the pivot.
    let split = first;
    while (split < end && wanted[split] <= j) split++;
    let after = split;
    while (after < end && wanted[after] < i) after++;
    parts.push([low, j, first, split], [i, high, after, end]);
  }
  return wanted.map((rank) => values[rank]);
}

function medianOfThree(a: number, b: number, c: number): number {
  return a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
}

function insertionSort(values: Float64Array, low: number, high: number): void {
  for (let i = low + 1; i <= high; i++) {
    const value = values[i];
    let j = i - 1;
    while (j >= low && values[j] > value) {
      values[j + 1] = values[j];
      j--;
    }
    values[j + 1] = value;
  }
}

/**
 * The values at the given ascending ranks of whole numbers (days, purchase counts) sorted
 * ascending, found by counting each value when they span a range no wider than about their
 * number: linear time, and no sorted copy.
 */
export function ranksByCounting(values: Int32Array, ranks: number[]): number[] {
  const n = values.length;
  let min = values[0];
  let max = values[0];
  for (let i = 1; i < n; i++) {
    const value = values[i];
    if (value < min) min = value;
    else if (value > max) max = value;
  }
  if (max - min > 4 * n + 1024) return ranksBySelection(largeCopy(Float64Array, values), ranks);
  const counts = largeArray(Int32Array, max - min + 1);
  for (let i = 0; i < n; i++) counts[values[i] - min]++;
  const found: number[] = [];
  let below = 0;
  for (let offset = 0; offset < counts.length && found.length < ranks.length; offset++) {
    below += counts[offset];
    while (found.length < ranks.length && ranks[found.length] < below) found.push(min + offset);
  }
  return found;
}
