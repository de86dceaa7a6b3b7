/**
 * Every text rule reads a text in time proportional to its length (issue 12, « Hangs »): each is
 * given 100,000-character adversarial texts and must give its usual result. The results are
 * asserted; the time only bounds each test, far above what linear rules take (milliseconds) and
 * far below what a quadratic one takes (the old `normalizeHeader`: 3.8 s for one 100,000-capital
 * header on our 2-core machine, 69 s on the machine of issue 12).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inferRoles, normalizeHeader } from '../../src/core/columns';
import { ADVERSARIAL, LONG } from './adversarial-texts';

/** The most a test of 100,000-character texts may take (vitest fails a test that runs longer). */
const LINEAR_BOUND_MS = 2000;
import {
  customerId,
  dayFromText,
  localeFormat,
  numericDateParts,
  parseMoney,
  parseNumber,
} from '../../src/core/values';

/** The rules `normalizeHeader` had as regular expressions (quadratic on long capital runs). */
function regexNormalizeHeader(header: string): string {
  return header
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

describe('normalizeHeader is linear', () => {
  it('gives the same words as the documented rules (camelCase, runs of capitals, snake_case)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('A', 'B', 'a', 'b', '1', '_', ' ', 'É', 'é', '-') }),
        (header) => normalizeHeader(header) === regexNormalizeHeader(header),
      ),
      { numRuns: 2000 },
    );
    expect(normalizeHeader('HTMLPage')).toBe('html page');
    expect(normalizeHeader('customerID2Name')).toBe('customer id2 name');
  });

  it(
    'reads 100,000-character adversarial headers',
    () => {
      expect(normalizeHeader(ADVERSARIAL.capitals)).toBe('a'.repeat(LONG));
      expect(normalizeHeader(ADVERSARIAL['capitals then a lower-case letter'])).toBe(
        `${'a'.repeat(LONG - 1)} aa`,
      );
      expect(normalizeHeader(ADVERSARIAL['capital-digit pairs'])).toBe(`a1${' a1'.repeat(LONG / 2 - 1)}`);
      for (const text of Object.values(ADVERSARIAL)) expect(typeof normalizeHeader(text)).toBe('string');
    },
    LINEAR_BOUND_MS,
  );
});

describe('date texts are read in linear time', () => {
  it(
    '100,000-character adversarial texts are not dates, nor numeric dates',
    () => {
      for (const format of [localeFormat('fr_FR'), localeFormat('en_US')]) {
        for (const text of Object.values(ADVERSARIAL)) {
          expect(dayFromText(text, format)).toBeNull();
          expect(numericDateParts(text)).toBeNull();
        }
        expect(dayFromText(`17/10/2025${' 1'.repeat(LONG / 2)}`, format)).toBeNull();
      }
    },
    LINEAR_BOUND_MS,
  );
});

describe('amounts, numbers, ids and the column roles of values are read in linear time', () => {
  it(
    '100,000-character adversarial texts give null amounts, a trimmed id and roles',
    () => {
      const fr = localeFormat('fr_FR');
      for (const text of Object.values(ADVERSARIAL)) {
        const amount = parseMoney(text, fr);
        expect(amount === null || Number.isSafeInteger(amount)).toBe(true);
        const number = parseNumber(text, fr);
        expect(number === null || Number.isFinite(number)).toBe(true);
        expect(customerId(text).length).toBeLessThanOrEqual(text.length);
        expect(
          inferRoles(
            [
              [text, text],
              [text, text],
            ],
            2,
            fr,
          ).date,
        ).toBe(-1);
      }
      expect(parseMoney(ADVERSARIAL['decimal points'], fr)).toBeNull();
      expect(customerId(ADVERSARIAL['tabs then an equals sign'])).toBe(
        ADVERSARIAL['tabs then an equals sign'],
      );
    },
    LINEAR_BOUND_MS,
  );
});
