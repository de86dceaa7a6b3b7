import { describe, expect, it } from 'vitest';
import { civilFromDay, dayFromCivil, dayFromSerial, dayInZone, isoDay } from '../../src/core/days';

describe('days', () => {
  it('counts days from 1970-01-01 in the proleptic Gregorian calendar', () => {
    expect(dayFromCivil(1970, 1, 1)).toBe(0);
    expect(dayFromCivil(2000, 3, 1)).toBe(11017);
    expect(dayFromCivil(1969, 12, 31)).toBe(-1);
    expect(isoDay(dayFromCivil(2024, 2, 29)!)).toBe('2024-02-29');
  });

  it('rejects dates that do not exist', () => {
    expect(dayFromCivil(2025, 2, 29)).toBeNull();
    expect(dayFromCivil(2025, 4, 31)).toBeNull();
    expect(dayFromCivil(2025, 13, 1)).toBeNull();
    expect(dayFromCivil(1900, 2, 29)).toBeNull();
    expect(dayFromCivil(2000, 2, 29)).not.toBeNull();
  });

  it('round-trips every day over four centuries', () => {
    for (let day = -150000; day < 150000; day += 7) {
      const { year, month, day: dayOfMonth } = civilFromDay(day);
      expect(dayFromCivil(year, month, dayOfMonth)).toBe(day);
    }
  });

  it('reads Sheets serial numbers, dropping the time of day', () => {
    expect(isoDay(dayFromSerial(45947))).toBe('2025-10-17');
    expect(isoDay(dayFromSerial(45947.99))).toBe('2025-10-17');
  });

  it('takes the calendar day of an instant in the spreadsheet time zone', () => {
    const lateEvening = new Date('2025-10-16T23:30:00Z');
    expect(isoDay(dayInZone('UTC')(lateEvening))).toBe('2025-10-16');
    expect(isoDay(dayInZone('Europe/Paris')(lateEvening))).toBe('2025-10-17');
    expect(isoDay(dayInZone('America/New_York')(new Date('2025-10-17T03:00:00Z')))).toBe('2025-10-16');
    // Across the change to summer time: 2025-03-30 01:30 UTC is 03:30 in Paris.
    expect(isoDay(dayInZone('Europe/Paris')(new Date('2025-03-29T23:30:00Z')))).toBe('2025-03-30');
  });
});
