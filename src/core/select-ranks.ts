/**
 * Order statistics without a sort: the values at given ranks of numbers sorted ascending, by
 * counting them in buckets then selecting among the few in the buckets that matter, by
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

/** Buckets `ranksByBuckets` counts values in: 256 KB of counts, at home in a core's cache. */
const BUCKETS = 1 << 16;

/**
 * The values at the given ascending ranks of the values sorted ascending: each value counted in one
 * of `BUCKETS` buckets of equal width from the least to the greatest, then the values of the
 * buckets holding a wanted rank selected among (`ranksBySelection`). Three passes straight through
 * the values, where a quickselect's comparisons with its pivots cannot be predicted. Leaves
 * `values` as they are.
 */
export function ranksByBuckets(values: Float64Array, wanted: number[]): number[] {
  const n = values.length;
  let min = Infinity;
  let max = -Infinity;
  let numbers = 0;
  for (let i = 0; i < n; i++) {
    const value = values[i];
    if (value < min) min = value;
    if (value > max) max = value;
    if (value === value) numbers++;
  }
  // Monotonic: a greater value is never in a lower bucket.
  const scale = (BUCKETS - 1) / (max - min);
  // Equal values, a span too wide or too narrow for a double, or a NaN (in no bucket): selected
  // among them all.
  if (!(max > min && scale > 0 && scale < Infinity) || numbers < n)
    return ranksBySelection(largeCopy(Float64Array, values), wanted);
  const counts = new Int32Array(BUCKETS);
  for (let i = 0; i < n; i++) counts[Math.floor((values[i] - min) * scale)]++;
  // The bucket of each wanted rank, and how many values lie in the buckets below it.
  const wantedBuckets: number[] = [];
  const below: number[] = [];
  let bucket = 0;
  let before = 0;
  for (const rank of wanted) {
    while (before + counts[bucket] <= rank) before += counts[bucket++];
    wantedBuckets.push(bucket);
    below.push(before);
  }
  // The values of the wanted buckets, each bucket's in an array of its own.
  const slotOf = new Int32Array(BUCKETS).fill(-1);
  const chosen: Float64Array[] = [];
  for (const wantedBucket of wantedBuckets) {
    if (slotOf[wantedBucket] >= 0) continue;
    slotOf[wantedBucket] = chosen.length;
    chosen.push(new Float64Array(counts[wantedBucket]));
  }
  const filled = new Int32Array(chosen.length);
  for (let i = 0; i < n; i++) {
    const value = values[i];
    const slot = slotOf[Math.floor((value - min) * scale)];
    if (slot >= 0) chosen[slot][filled[slot]++] = value;
  }
  return wanted.map(
    (rank, index) => ranksBySelection(chosen[slotOf[wantedBuckets[index]]], [rank - below[index]])[0],
  );
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
