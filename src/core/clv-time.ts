/**
 * Time units of the predicted-value models (see src/core/README.md, "Predicted value"): weeks
 * inside the models, as the papers and their published CDNOW figures use them; days and months for
 * people. Every conversion is here, so that a horizon typed in months can never be read as weeks or
 * days (the mistake behind the 140.10 of `lifetimes`' quickstart, where 36.28 is right).
 */

export const DAYS_PER_WEEK = 7;
/** A calendar month on average: 365.25 / 12 = 30.4375 days. */
export const DAYS_PER_MONTH = 365.25 / 12;

/** Weeks in a number of days. */
export function weeksOfDays(days: number): number {
  return days / DAYS_PER_WEEK;
}

/** Weeks in a number of months: H months = H × 365.25 / 12 / 7 weeks (12 months = 52.18 weeks). */
export function weeksOfMonths(months: number): number {
  return (months * DAYS_PER_MONTH) / DAYS_PER_WEEK;
}
