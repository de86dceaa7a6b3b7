/**
 * The order each order id stands for, as the lines are read (`readOrders`). Order ids are most
 * often whole numbers in ascending order (a file sorted by order, or by date with ids given in
 * turn): such an id, above every whole-number id before it, is new without any search, and joins a
 * sorted run where a later line finds it by binary search. Any other id (a text, a whole number
 * out of order) is numbered by `TextNumbers`. An id is in one of the two, never both: an id
 * numbered apart was at most the run's last when it came, and the run only grows.
 */
import { grown, TextNumbers, wholeNumberOf } from './text-numbers';
import { largeArray } from './large-arrays';

export class OrderIds {
  /** The ascending whole-number ids and their orders. */
  private runIds: Float64Array;
  private runOrders: Int32Array;
  private runLength = 0;
  /** The other ids, numbered, and the order of each number. */
  private readonly others = new TextNumbers(false);
  private otherOrders = new Int32Array(1024);

  /**
   * `lines`: how many lines will be read at most. The run is made that long at once: its memory is
   * taken only as it fills, and it is never copied into a larger one.
   */
  constructor(lines = 0) {
    this.runIds = largeArray(Float64Array, Math.max(lines, 1024));
    this.runOrders = largeArray(Int32Array, Math.max(lines, 1024));
  }

  /**
   * The order of the id: the one it was given before, else `next`, which it is given. An id that
   * writes a whole number may be given as that number (`wholeNumberOf`), without its text.
   */
  orderOf(id: string | number, next: number): number {
    const whole = typeof id === 'number' ? id : wholeNumberOf(id);
    const length = this.runLength;
    if (whole >= 0 && (length === 0 || whole > this.runIds[length - 1])) {
      if (length === this.runIds.length) {
        this.runIds = grown(this.runIds, largeArray(Float64Array, length * 2));
        this.runOrders = grown(this.runOrders, largeArray(Int32Array, length * 2));
      }
      this.runIds[length] = whole;
      this.runOrders[length] = next;
      this.runLength++;
      return next;
    }
    if (whole >= 0) {
      const index = indexIn(this.runIds, length, whole);
      if (index >= 0) return this.runOrders[index];
    }
    const known = this.others.size;
    const number = whole >= 0 ? this.others.numberOfWhole(whole) : this.others.numberOf(id as string);
    if (number < known) return this.otherOrders[number];
    if (number === this.otherOrders.length)
      this.otherOrders = grown(this.otherOrders, largeArray(Int32Array, number * 2));
    this.otherOrders[number] = next;
    return next;
  }
}

/** Where `value` is among the first `length` ascending values, or -1. */
function indexIn(values: Float64Array, length: number, value: number): number {
  let low = 0;
  let high = length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const found = values[middle];
    if (found === value) return middle;
    if (found < value) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}
