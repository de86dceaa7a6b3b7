/**
 * Numbers for distinct texts (customer ids, order ids), 0, 1, 2… in order of first appearance.
 * The same service as a `Map<string, number>`, in an open-addressing table of typed arrays that
 * holds millions of ids in a fraction of the memory and time of a Map.
 *
 * A table that keeps its texts numbers the texts that come in ascending order (by length, then
 * code unit: `99` < `100`, `00001` < `00002`), each above every one before it, without hashing:
 * a file sorted by customer gives most of its ids so, and a later line of one finds it by binary
 * search. Any other text goes to the hash table; a text is in one of the two, never both (a
 * hashed text was at most the run's last when it came, and the run only grows).
 *
 * In the hash table, a text that writes a whole number in its one way (`536365`: digits, no
 * leading zero, at most 15 of them) is found by that number, compared as a number: most order ids
 * and many customer ids are such texts, and a table that need not keep their texts (order ids:
 * only their numbers are needed) holds none of those strings.
 */
import { largeArray } from './large-arrays';
export class TextNumbers {
  /**
   * The texts, by number; when the texts are not kept, '' for each text that writes a whole
   * number.
   */
  readonly texts: string[] = [];
  /**
   * Pairs of (hash, number + 1) of the texts, at the slot of their hash or the next free one;
   * (0, 0) for a free slot. At most half the slots are used. A pair sits in one cache line, so
   * that a search reads memory once where it would otherwise read it twice.
   */
  private table = new Int32Array(2 * 1024);
  /** The whole number each text writes, by number; NaN for the other texts. */
  private wholeNumbers: Float64Array;
  /** The numbers of the texts that came in ascending order, each above all those before it. */
  private run: Int32Array;
  private runLength = 0;

  /**
   * `keepsTexts`: whether `texts` holds the texts that write whole numbers too. `expected`: how
   * many texts there may be at most, when known (the rows to read): the arrays by number are made
   * that long at once, their memory taken only as they fill, and never copied into larger ones.
   */
  constructor(
    private readonly keepsTexts = true,
    expected = 0,
  ) {
    this.wholeNumbers = largeArray(Float64Array, Math.max(expected, 1024));
    this.run = largeArray(Int32Array, Math.max(expected, 1024));
  }

  get size(): number {
    return this.texts.length;
  }

  /** The text's number, given the next one when it has none. */
  numberOf(text: string): number {
    if (this.keepsTexts) {
      const length = this.runLength;
      if (length === 0 || isAbove(text, this.texts[this.run[length - 1]])) {
        if (length === this.run.length) this.run = grown(this.run, largeArray(Int32Array, length * 2));
        this.run[length] = this.texts.length;
        this.runLength++;
        return this.added(text, NaN);
      }
      const found = this.inRun(text);
      if (found >= 0) return found;
    }
    return this.hashedNumberOf(text, wholeNumberOf(text));
  }

  /**
   * The number of the text that writes the whole number `whole` (as `wholeNumberOf` reads it), in a
   * table that does not keep its texts: the text itself is not needed.
   */
  numberOfWhole(whole: number): number {
    if (this.keepsTexts) throw new Error('numberOfWhole: this table keeps its texts');
    return this.hashedNumberOf('', whole);
  }

  /** The number of `text`, which writes `whole` (or -1), from the hash table. */
  private hashedNumberOf(text: string, whole: number): number {
    const isWhole = whole >= 0;
    const hash = isWhole ? hashOfWhole(whole) : hashOf(text);
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    let slot = hash & mask;
    for (; ; slot = (slot + 1) & mask) {
      const entry = table[2 * slot + 1];
      if (entry === 0) break;
      if (table[2 * slot] !== hash) continue;
      if (isWhole ? this.wholeNumbers[entry - 1] === whole : this.texts[entry - 1] === text) return entry - 1;
    }
    const number = this.added(isWhole && !this.keepsTexts ? '' : text, isWhole ? whole : NaN);
    table[2 * slot] = hash;
    table[2 * slot + 1] = number + 1;
    if (4 * this.hashed > table.length) this.grow();
    return number;
  }

  /** Texts in the hash table. */
  private get hashed(): number {
    return this.texts.length - this.runLength;
  }

  /** The next number, for `text`, which writes `whole` (or NaN). */
  private added(text: string, whole: number): number {
    const number = this.texts.length;
    this.texts.push(text);
    if (number === this.wholeNumbers.length)
      this.wholeNumbers = grown(this.wholeNumbers, largeArray(Float64Array, number * 2));
    this.wholeNumbers[number] = whole;
    return number;
  }

  /** The number of a text of the run, or -1. */
  private inRun(text: string): number {
    const { run, texts } = this;
    let low = 0;
    let high = this.runLength - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const found = texts[run[middle]];
      if (found === text) return run[middle];
      if (isAbove(text, found)) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  private grow(): void {
    const old = this.table;
    const table = largeArray(Int32Array, old.length * 2);
    const mask = (table.length >> 1) - 1;
    for (let index = 0; index < old.length; index += 2) {
      if (old[index + 1] === 0) continue;
      let slot = old[index] & mask;
      while (table[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      table[2 * slot] = old[index];
      table[2 * slot + 1] = old[index + 1];
    }
    this.table = table;
  }
}

/**
 * Whether `text` comes after `other`: longer, or as long and after it code unit by code unit. The
 * lengths are compared first each time, so that code V8 compiles over it while the texts are all
 * as long has seen that comparison, and is not thrown away at the first longer one.
 */
function isAbove(text: string, other: string): boolean {
  const longer = text.length - other.length;
  return longer > 0 || (longer === 0 && text > other);
}

/** `larger` holding `array`'s values first. */
export function grown<T extends Float64Array | Int32Array>(array: T, larger: T): T {
  larger.set(array);
  return larger;
}

/** The whole number a text writes in its one way (`0`, `536365`; not `007`, `+1`, `1.0`), else -1. */
export function wholeNumberOf(text: string): number {
  return wholeNumberIn(text, 0, text.length);
}

/** `wholeNumberOf` the part of `text` from `start` to `end` (excluded), read where it stands. */
export function wholeNumberIn(text: string, start: number, end: number): number {
  const length = end - start;
  if (length <= 0 || length > 15 || (length > 1 && text.charCodeAt(start) === 48)) return -1;
  let value = 0;
  for (let index = start; index < end; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** The final mix of both hashes, so that the low bits spread well. */
function mixed(hash: number): number {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  return hash ^ (hash >>> 13);
}

/** FNV-1a over the UTF-16 code units. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++)
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  return mixed(hash);
}

/** A whole number below 2^53 from its low and high 32 bits. */
function hashOfWhole(whole: number): number {
  return mixed(Math.imul(whole | 0, 0x01000193) ^ Math.imul(Math.floor(whole / 4294967296), 0x9e3779b1));
}
