/** Numbers as the sidebar shows them, with no-break spaces that every font draws. */
import { formatMoney, type Lang } from '../core/labels';

const NARROW_SPACE = /\u202f/g;

export function formatCount(value: number, lang: Lang): string {
  return value.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-US').replace(NARROW_SPACE, '\u00a0');
}

/** Money held in thousandths: `1 234,56` in French, `1,234.56` in English. */
export function formatAmount(thousandths: number, lang: Lang): string {
  return formatMoney(thousandths, lang).replace(NARROW_SPACE, '\u00a0');
}
