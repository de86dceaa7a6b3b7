/**
 * The thresholds in force as a person reads them (the KPI tab and the sidebar): a table of score →
 * the values it covers on each axis, in whole days and purchases and in amounts with cents.
 */
import type { Analysis } from './analysis';
import { formatCount, formatMoney, t, type Lang } from './labels';
import { AXES, thresholdTable, type Axis, type ScoreRange } from './scores';

/**
 * The whole numbers a score covers on an axis counted in whole units (days, purchases), bounds
 * included, null for an open end. Thresholds are percentiles and may fall between whole numbers:
 * recency s covers min ≤ days < max, so days from ⌈min⌉ to ⌈max⌉ − 1; frequency s covers
 * min < purchases ≤ max, so from ⌊min⌋ + 1 to ⌊max⌋.
 */
function wholeRange(range: ScoreRange, axis: Axis): { low: number | null; high: number | null } {
  if (axis === 'recency')
    return {
      low: range.min === null ? null : Math.ceil(range.min),
      high: range.max === null ? null : Math.ceil(range.max) - 1,
    };
  return {
    low: range.min === null ? null : Math.floor(range.min) + 1,
    high: range.max === null ? null : Math.floor(range.max),
  };
}

/**
 * `≤ 12`, `13 – 47`, `≥ 257` days; `1`, `2 – 3` purchases; `> 38,33 et ≤ 80,68` of spend: the values
 * a score covers on an axis, as a person reads them, in whole days and purchases (never `< 13,2`).
 */
export function rangeText(range: ScoreRange, axis: Axis, lang: Lang): string {
  const unbounded = [range.min, range.max].some((bound) => bound !== null && !Number.isFinite(bound));
  if (range.empty || unbounded) return t(lang, 'range.empty');
  const count = (value: number) => formatCount(value, lang);
  if (axis !== 'monetary') {
    const { low, high } = wholeRange(range, axis);
    if (low !== null && high !== null && low > high) return t(lang, 'range.empty');
    if (low === null) return t(lang, 'range.atMost', { max: count(high ?? 0) });
    if (high === null) return t(lang, 'range.atLeast', { min: count(low) });
    return low === high ? count(low) : t(lang, 'range.between', { min: count(low), max: count(high) });
  }
  const min = range.min === null ? null : formatMoney(range.min, lang);
  const max = range.max === null ? null : formatMoney(range.max, lang);
  if (min === null) return t(lang, 'range.atMost', { max: max ?? '' });
  if (max === null) return t(lang, 'range.above', { min });
  return t(lang, 'range.aboveAtMost', {
    above: t(lang, 'range.above', { min }),
    atMost: t(lang, 'range.atMost', { max }),
  });
}

/** Score → range table of the thresholds in force, one column per axis. */
export function thresholdRows(analysis: Analysis): (string | number)[][] {
  const { thresholds, lang } = analysis;
  const tables = AXES.map((axis) => thresholdTable(thresholds, axis));
  return [
    [
      'Score',
      ...AXES.map(
        (axis) => t(lang, `axis.${axis}`) + (axis === 'recency' ? ` (${t(lang, 'unit.days')})` : ''),
      ),
    ],
    ...Array.from({ length: thresholds.classes }, (_, i) => [
      i + 1,
      ...AXES.map((axis, a) => rangeText(tables[a][i], axis, lang)),
    ]),
  ];
}
