/**
 * The fast paths of reading and scoring give exactly what the plain definitions give: values are
 * checked against values.ts as it was before them, quantile thresholds against a full sort,
 * text numbering and the orders of order ids against a Map.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayInZone } from '../../src/core/days';
import { percentileInc, quantileThresholds } from '../../src/core/scores';
import { OrderIds } from '../../src/core/order-ids';
import { TextNumbers } from '../../src/core/text-numbers';
import * as values from '../../src/core/values';
import * as reference from './values-reference';

const utc = dayInZone('UTC');
const formats = [values.localeFormat('fr_FR'), values.localeFormat('en_US')];

/** Texts made of the characters that numbers, dates and ids are written with. */
const numberLike = fc
  .array(fc.constantFrom(...'0123456789.-/ T:,\n\u00a0'.split(''), '00', '2025', '-10-', '.0'), {
    maxLength: 24,
  })
  .map((parts) => parts.join(''));
const anyText = fc.oneof(
  numberLike,
  fc.string(),
  fc.constantFrom('2025-10-17', '19970101', '17850.0', '-12.5'),
);

describe('fast paths read cells exactly as the plain definitions do', () => {
  it('customer ids', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(values.customerId(text)).toBe(reference.customerId(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it('text dates', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const format of formats) {
          expect(values.parseDay(text, format, utc)).toBe(reference.parseDay(text, format, utc));
        }
      }),
      { numRuns: 20_000 },
    );
  });

  it('amounts and quantities', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const format of formats) {
          expect(values.parseMoney(text, format)).toBe(reference.parseMoney(text, format));
          expect(Object.is(values.parseNumber(text, format), reference.parseNumber(text, format))).toBe(true);
        }
      }),
      { numRuns: 20_000 },
    );
  });

  it('money as text, and the order of customer ids', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), anyText, anyText, (thousandths, a, b) => {
        expect(values.decimalOfThousandths(thousandths)).toBe(reference.decimalOfThousandths(thousandths));
        expect(values.decimalOfThousandths(thousandths / 7)).toBe(
          reference.decimalOfThousandths(thousandths / 7),
        );
        expect(Math.sign(values.compareCustomerIds(a, b))).toBe(
          Math.sign(reference.compareCustomerIds(a, b)),
        );
      }),
      { numRuns: 20_000 },
    );
  });

  it('sorting customer ids once gives the order of compareCustomerIds', () => {
    fc.assert(
      fc.property(fc.uniqueArray(anyText, { maxLength: 50 }), (ids) => {
        const sorted = [...ids].sort(values.compareCustomerIds);
        expect(Array.from(values.customerIdOrder(ids), (i) => ids[i])).toEqual(sorted);
        // Ids already in order (a file sorted by customer) keep it.
        expect(Array.from(values.customerIdOrder(sorted), (i) => sorted[i])).toEqual(sorted);
      }),
    );
  });
});

describe('quantile thresholds without a full sort', () => {
  const sortedPercentiles = (list: ArrayLike<number>, classes: number) => {
    const sorted = Float64Array.from(list).sort();
    return Array.from({ length: classes - 1 }, (_, k) => percentileInc(sorted, (k + 1) / classes));
  };

  it('are the percentiles of the sorted values, for counts (counted) and for money (selected)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -3000, max: 3000 }), { minLength: 1, maxLength: 400 }),
        fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 400 }),
        fc.integer({ min: 3, max: 10 }),
        (counts, money, classes) => {
          expect(quantileThresholds(Int32Array.from(counts), classes)).toEqual(
            sortedPercentiles(counts, classes),
          );
          expect(quantileThresholds(Float64Array.from(money), classes)).toEqual(
            sortedPercentiles(money, classes),
          );
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('hold on many equal values and on a wide range of whole numbers', () => {
    const equal = new Float64Array(10_000).map((_, i) => (i % 3) * 1000);
    const wide = new Int32Array(10_000).map((_, i) => (i * 7919) % 1_000_003);
    expect(quantileThresholds(equal, 5)).toEqual(sortedPercentiles(equal, 5));
    expect(quantileThresholds(wide, 7)).toEqual(sortedPercentiles(wide, 7));
    // Nearly all values in the lowest of the buckets the span is cut into, by one far value.
    const skewed = new Float64Array(50_000).map((_, i) => (i === 7 ? 1e12 : (i * 31) % 997));
    expect(quantileThresholds(skewed, 10)).toEqual(sortedPercentiles(skewed, 10));
    // A NaN, in no bucket, leaves the values to the selection, as before buckets.
    const withNaN = Float64Array.from([1, 2, NaN, 3, 4, 5]);
    expect(quantileThresholds(withNaN, 5)).toEqual([NaN, NaN, 3, 4]);
  });
});

describe('numbering texts', () => {
  it('gives each distinct text the number a Map would, in order of first appearance, sorted or not', () => {
    const wholeNumberText = fc.oneof(
      fc.stringMatching(/^[0-9]{1,17}$/),
      fc.bigInt({ min: 0n, max: 2n ** 53n }).map(String),
    );
    const anyTexts = fc.array(fc.oneof(fc.string({ maxLength: 3 }), fc.string(), wholeNumberText), {
      maxLength: 3000,
    });
    // Sorted by length only: long ascending runs, with repeats and steps back between them.
    const mostlyAscending = anyTexts.map((texts) => texts.sort((a, b) => a.length - b.length));
    fc.assert(
      fc.property(fc.oneof(anyTexts, mostlyAscending), (texts) => {
        const numbers = new TextNumbers();
        const numbersOnly = new TextNumbers(false);
        const map = new Map<string, number>();
        for (const text of texts) {
          if (!map.has(text)) map.set(text, map.size);
          expect(numbers.numberOf(text)).toBe(map.get(text));
          expect(numbersOnly.numberOf(text)).toBe(map.get(text));
        }
        expect(numbers.texts).toEqual([...map.keys()]);
        expect(numbers.size).toBe(map.size);
        // Without its texts, a table keeps those that do not write a whole number in its one way.
        expect(numbersOnly.texts).toEqual(
          [...map.keys()].map((text) => (/^(0|[1-9][0-9]{0,14})$/.test(text) ? '' : text)),
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('finding the order of an order id', () => {
  it('gives an id the order it was first given, whether ids ascend, go back or are texts', () => {
    const id = fc.oneof(
      fc.integer({ min: 0, max: 50 }).map(String),
      fc.bigInt({ min: 0n, max: 2n ** 53n }).map(String),
      fc.constantFrom('007', '1.5', 'C536365', ' 12', '-3', '1e3', '999999999999999', '1000000000000000'),
      fc.string({ maxLength: 3 }),
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            id,
            fc.nat(10_000).map((n) => String(n * 3)),
          ),
          { maxLength: 2000 },
        ),
        (ids) => {
          const orderIds = new OrderIds();
          const reference = new Map<string, number>();
          ids
            .sort((a, b) => (a.length === b.length ? 0 : a.length - b.length))
            .forEach((text, index) => {
              if (!reference.has(text)) reference.set(text, index);
              expect(orderIds.orderOf(text, index)).toBe(reference.get(text));
            });
        },
      ),
      { numRuns: 300 },
    );
  });
});
