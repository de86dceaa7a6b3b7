/**
 * Every text rule reads a text in time proportional to its length (issue 12, « Hangs »): each is
 * given 100,000-character adversarial texts and must give its usual result. The results are
 * asserted, not the time; a quadratic rule would take tens of seconds here (the old
 * `normalizeHeader` took 69 s on 100,000 capitals), where these take milliseconds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeHeader } from '../../src/core/columns';
import { dayFromText, localeFormat, numericDateParts } from '../../src/core/values';

const LONG = 100_000;
/** Bytes 0–255 of a fixed pseudo-random sequence, as a binary file read as text would give. */
const binaryJunk = (length: number) => {
  let seed = 12345;
  return Array.from({ length }, () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return String.fromCharCode(seed >>> 24);
  }).join('');
};
export const ADVERSARIAL: Record<string, string> = {
  capitals: 'A'.repeat(LONG),
  'capitals then a lower-case letter': `${'A'.repeat(LONG)}a`,
  'capital-digit pairs': 'A1'.repeat(LONG / 2),
  'digits and a newline': `${'1'.repeat(LONG)}\nx`,
  'spaces and a letter': `${' '.repeat(LONG)}x`,
  'date-like then junk': `17 oct 2025${' 1'.repeat(LONG / 2)}\n`,
  'commas and dots': '1,'.repeat(LONG / 2),
  'binary junk': binaryJunk(LONG),
};

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

  it('reads 100,000-character adversarial headers', () => {
    expect(normalizeHeader(ADVERSARIAL.capitals)).toBe('a'.repeat(LONG));
    expect(normalizeHeader(ADVERSARIAL['capitals then a lower-case letter'])).toBe(
      `${'a'.repeat(LONG - 1)} aa`,
    );
    expect(normalizeHeader(ADVERSARIAL['capital-digit pairs'])).toBe(`a1${' a1'.repeat(LONG / 2 - 1)}`);
    for (const text of Object.values(ADVERSARIAL)) expect(typeof normalizeHeader(text)).toBe('string');
  });
});

describe('date texts are read in linear time', () => {
  it('100,000-character adversarial texts are not dates, nor numeric dates', () => {
    for (const format of [localeFormat('fr_FR'), localeFormat('en_US')]) {
      for (const text of Object.values(ADVERSARIAL)) {
        expect(dayFromText(text, format)).toBeNull();
        expect(numericDateParts(text)).toBeNull();
      }
      expect(dayFromText(`17/10/2025${' 1'.repeat(LONG / 2)}`, format)).toBeNull();
    }
  });
});
