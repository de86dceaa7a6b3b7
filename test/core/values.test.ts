import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayInZone, isoDay } from '../../src/core/days';
import {
  compareCustomerIds,
  customerId,
  decimalOfThousandths,
  localeFormat,
  parseDay,
  parseMoney,
  type Cell,
} from '../../src/core/values';

const fr = localeFormat('fr_FR');
const us = localeFormat('en_US');
const utc = dayInZone('UTC');
const day = (cell: Cell, format = fr) => {
  const value = parseDay(cell, format, utc);
  return value === null ? null : isoDay(value);
};

describe('customer ids', () => {
  it('a number and a text that reads as a whole number with a decimal point become their digits', () => {
    expect(customerId(17850)).toBe('17850');
    expect(customerId('17850')).toBe('17850');
    expect(customerId('17850.0')).toBe('17850');
    expect(customerId(' 17850.00 ')).toBe('17850');
  });

  it('any other text is kept as typed, trimmed: 00017 stays distinct from 17', () => {
    expect(customerId('00017')).toBe('00017');
    expect(customerId('  Brion Stark ')).toBe('Brion Stark');
    expect(customerId('17850.5')).toBe('17850.5');
  });

  it('trimming never turns a text into a formula: \\t=1+1 keeps its tab, spaces alone are trimmed', () => {
    expect(customerId('\t=1+1')).toBe('\t=1+1');
    expect(customerId(' \r+33 6 12 ')).toBe(' \r+33 6 12');
    expect(customerId('  +33 6 12 ')).toBe('+33 6 12');
    expect(customerId('\t00017\t')).toBe('00017');
  });

  it('an empty cell has no id', () => {
    expect(customerId('')).toBe('');
    expect(customerId('   ')).toBe('');
    expect(customerId(null)).toBe('');
  });

  it('whole-number ids sort by value, before text ids', () => {
    expect(['b', '100', '99', 'a', '0007'].sort(compareCustomerIds)).toEqual(['99', '100', '0007', 'a', 'b']);
  });
});

describe('text dates follow the locale', () => {
  it('reads ISO dates with or without a time', () => {
    expect(day('2025-10-17')).toBe('2025-10-17');
    expect(day('2025-10-17 08:26:00')).toBe('2025-10-17');
    expect(day('2025-10-17T23:59:00')).toBe('2025-10-17');
    expect(day('20251017')).toBe('2025-10-17');
  });

  it('an ambiguous numeric date is day first in fr_FR and month first in en_US', () => {
    expect(day('03/04/2025', fr)).toBe('2025-04-03');
    expect(day('03/04/2025', us)).toBe('2025-03-04');
  });

  it('an unambiguous numeric date is read whatever the locale', () => {
    expect(day('17/10/2025', fr)).toBe('2025-10-17');
    expect(day('17/10/2025', us)).toBe('2025-10-17');
    expect(day('10/17/2025', us)).toBe('2025-10-17');
    expect(day('10/17/2025', fr)).toBe('2025-10-17');
    expect(day('17.10.25', fr)).toBe('2025-10-17');
  });

  it('reads month names in French and English', () => {
    expect(day('17 oct. 2025')).toBe('2025-10-17');
    expect(day('17 octobre 2025')).toBe('2025-10-17');
    expect(day('1er février 2024')).toBe('2024-02-01');
    expect(day('lundi 17 août 2026')).toBe('2026-08-17');
    expect(day('17-Oct-2025', us)).toBe('2025-10-17');
    expect(day('Oct 17, 2025', us)).toBe('2025-10-17');
    expect(day('December 1st 2010', us)).toBe('2010-12-01');
  });

  it('numbers are Sheets serial dates, or yyyymmdd', () => {
    expect(day(45947)).toBe('2025-10-17');
    expect(day(19970101)).toBe('1997-01-01');
  });

  it('Date objects give their calendar day in the spreadsheet time zone', () => {
    expect(isoDay(parseDay(new Date('2025-10-16T22:30:00Z'), fr, dayInZone('Europe/Paris'))!)).toBe(
      '2025-10-17',
    );
  });

  it('unreadable dates give null', () => {
    for (const cell of ['', 'bientôt', '31/02/2025', '2025-13-01', true, 'oct 2025', -5, new Date('nope')]) {
      expect(day(cell as Cell)).toBeNull();
    }
  });
});

describe('amounts are exact thousandths read with the locale', () => {
  it('reads French and English amounts with currency signs and grouping', () => {
    expect(parseMoney('1 234,56 €', fr)).toBe(1234560);
    expect(parseMoney('1\u202f234,56\u00a0€', fr)).toBe(1234560);
    expect(parseMoney('€1,234.56', us)).toBe(1234560);
    expect(parseMoney('€1,234.56', fr)).toBe(1234560);
    expect(parseMoney('1.234,56', fr)).toBe(1234560);
    expect(parseMoney('12,5', fr)).toBe(12500);
    expect(parseMoney('12.50', fr)).toBe(12500);
    expect(parseMoney('1,234', us)).toBe(1234000);
    expect(parseMoney('1.234', fr)).toBe(1234000);
    expect(parseMoney('0.001', fr)).toBe(1);
    expect(parseMoney('2.55', us)).toBe(2550);
    expect(parseMoney('45 EUR', fr)).toBe(45000);
  });

  it('parentheses and minus signs make a refund', () => {
    expect(parseMoney('(12.50)', us)).toBe(-12500);
    expect(parseMoney('-12,50 €', fr)).toBe(-12500);
    expect(parseMoney('12,50-', fr)).toBe(-12500);
    expect(parseMoney(-4.2, fr)).toBe(-4200);
  });

  it('numbers are rounded to the thousandth, half away from zero', () => {
    expect(parseMoney(2.55, us)).toBe(2550);
    expect(parseMoney(0.1 + 0.2, us)).toBe(300);
    expect(parseMoney(1.0005, us)).toBe(1001);
    expect(parseMoney('1.0005', us)).toBe(1001);
    expect(parseMoney(-1.0005, us)).toBe(-1001);
  });

  it('unreadable amounts give null', () => {
    for (const cell of ['', 'gratuit', '12,34,56.7.8', '1.2.3,4,5', true, null, NaN, '€', '--3']) {
      expect(parseMoney(cell as Cell, fr)).toBeNull();
    }
  });

  it('an amount beyond what exact integer thousandths hold (MAX_SAFE_INTEGER / 1000) is unreadable', () => {
    const limit = Number.MAX_SAFE_INTEGER / 1000;
    expect(parseMoney('9007199254740.991', us)).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseMoney('9007199254740.992', us)).toBeNull();
    expect(parseMoney('1'.padEnd(400, '0'), us)).toBeNull();
    expect(parseMoney(`-${'9'.repeat(400)},5 €`, fr)).toBeNull();
    expect(parseMoney(limit * 2, us)).toBeNull();
    expect(parseMoney(1e300, us)).toBeNull();
    expect(parseMoney(-Infinity, us)).toBeNull();
  });

  it('sums of thousandths do not drift like float sums', () => {
    let floatSum = 0;
    let exactSum = 0;
    for (let i = 0; i < 1000; i++) {
      floatSum += 0.1;
      exactSum += parseMoney(0.1, us)!;
    }
    expect(floatSum).not.toBe(100);
    expect(decimalOfThousandths(exactSum)).toBe('100.00');
  });

  it('prints thousandths as plain decimals', () => {
    expect(decimalOfThousandths(8911407904)).toBe('8911407.904');
    expect(decimalOfThousandths(1234560)).toBe('1234.56');
    expect(decimalOfThousandths(-500)).toBe('-0.50');
    expect(decimalOfThousandths(0)).toBe('0.00');
  });

  it('any text gives an amount or null, never an exception', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const value = parseMoney(text, fr);
        expect(value === null || Number.isFinite(value)).toBe(true);
      }),
    );
  });

  it('a plain decimal reads back to itself in every locale', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
        const text = `${whole}.${String(cents).padStart(2, '0')}`;
        const expected = Math.sign(whole || 1) * (Math.abs(whole) * 1000 + cents * 10);
        expect(parseMoney(text, fr)).toBe(whole === 0 ? cents * 10 : expected);
        expect(parseMoney(text, us)).toBe(whole === 0 ? cents * 10 : expected);
      }),
    );
  });
});
