/** Numbers and dates as the sidebar shows them, with no-break spaces that every font draws. */
import { dayFromIso } from '../core/days';
import { intlLocale, formatCount as countText, formatDay, formatMoney, type Lang } from '../core/labels';

const NARROW_SPACE = /\u202f/g;

export function formatCount(value: number, lang: Lang): string {
  return countText(value, lang).replace(NARROW_SPACE, '\u00a0');
}

/** A cell's value as the locale writes it: `182,99`, `14/01/2025` (dates cross as ISO text). */
export function formatSample(value: unknown, lang: Lang): string {
  if (typeof value === 'number')
    return value
      .toLocaleString(intlLocale(lang), { maximumFractionDigits: 10 })
      .replace(NARROW_SPACE, '\u00a0');
  const text = String(value ?? '').trim();
  const day = /^\d{4}-\d{2}-\d{2}$/.test(text) ? dayFromIso(text) : null;
  return day === null ? text : formatDay(day, lang);
}

/** Money held in thousandths: `1 234,56` in French, `1,234.56` in English. */
export function formatAmount(thousandths: number, lang: Lang): string {
  return formatMoney(thousandths, lang).replace(NARROW_SPACE, '\u00a0');
}
