/**
 * Calendar days. A "day" is an integer: the number of days since 1970-01-01 in the proleptic
 * Gregorian calendar. Times of day never reach the metrics (see src/core/README.md, "Days and time zones").
 */

const MS_PER_DAY = 86_400_000;
/** Sheets' serial number of 1970-01-01 (serial 0 is 1899-12-30). */
export const SHEETS_SERIAL_OF_EPOCH = 25_569;
/** Latest date Sheets accepts: 9999-12-31. */
export const MAX_SHEETS_SERIAL = 2_958_465;

/** Day number of a civil date, or null when the date does not exist (31 February). */
export function dayFromCivil(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Year, month (1–12) and day of a day number. */
export function civilFromDay(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: era * 400 + yoe + (month <= 2 ? 1 : 0), month, day };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** `2025-10-17` for a day number. */
export function isoDay(dayNumber: number): string {
  const { year, month, day } = civilFromDay(dayNumber);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Day number of an ISO `YYYY-MM-DD` string (time part ignored), or null. */
export function dayFromIso(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text.trim());
  return match ? dayFromCivil(Number(match[1]), Number(match[2]), Number(match[3])) : null;
}

/** Day number of a Sheets serial date number (fractions are times of day and are dropped). */
export function dayFromSerial(serial: number): number {
  return Math.floor(serial) - SHEETS_SERIAL_OF_EPOCH;
}

/** A Date as a midnight-UTC Date of the same day number: how dates are handed back to a sheet. */
export function dateOfDay(dayNumber: number): Date {
  return new Date(dayNumber * MS_PER_DAY);
}

/**
 * The offset of a time zone from UTC at an instant, in milliseconds (Paris in summer: +7,200,000).
 * Offsets are looked up once per hour of UTC time and cached, so millions of dates stay cheap.
 */
export function zoneOffset(timeZone: string | undefined): (utcMs: number) => number {
  if (!timeZone || timeZone === 'UTC' || timeZone === 'Etc/UTC') return () => 0;
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  });
  const offsetByHour = new Map<number, number>();
  return (utcMs) => {
    const hour = Math.floor(utcMs / 3_600_000);
    let offset = offsetByHour.get(hour);
    if (offset === undefined) {
      const parts: Record<string, number> = {};
      for (const part of format.formatToParts(new Date(hour * 3_600_000)))
        parts[part.type] = Number(part.value);
      const localDay = dayFromCivil(parts.year, parts.month, parts.day) ?? 0;
      offset = localDay * MS_PER_DAY + parts.hour * 3_600_000 + parts.minute * 60_000 - hour * 3_600_000;
      offsetByHour.set(hour, offset);
    }
    return offset;
  };
}

/**
 * The calendar day of a `Date` in the spreadsheet's time zone. Sheets stores a date as a serial in
 * that zone and hands it back as local midnight there (17/10/2025 in Paris is 2025-10-16T22:00Z),
 * so this is the only way a Date becomes a day: never through UTC (`toISOString`, `getTime() / 86 400 000`).
 */
export type DayOf = (date: Date) => number;

/** `2025-10-17` for a Date in the spreadsheet's time zone; '' for an invalid Date. */
export function isoDayOf(date: Date, dayOf: DayOf): string {
  return Number.isNaN(date.getTime()) ? '' : isoDay(dayOf(date));
}

/** The function that gives the calendar day of an instant in a time zone (the spreadsheet's). */
export function dayInZone(timeZone: string | undefined): DayOf {
  const offset = zoneOffset(timeZone);
  return (date) => {
    const ms = date.getTime();
    return Math.floor((ms + offset(ms)) / MS_PER_DAY);
  };
}
