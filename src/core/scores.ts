/**
 * Score thresholds and classes (see src/core/README.md, "Scores"). A score on an axis is 1 + the
 * number of thresholds the customer strictly beats, so equal values always share a score and a
 * person can re-check any score with PERCENTILE and COUNTIF.
 */
import { t, UserError, type Lang } from './labels';
import type { CustomerMetrics } from './metrics';
import { MONEY_SCALE } from './values';
import { ranksByBuckets, ranksByCounting } from './select-ranks';
import { largeArray } from './large-arrays';

export const MIN_CLASSES = 3;
export const MAX_CLASSES = 10;

/** Quantile classes (default, 5) or thresholds typed by the user; money thresholds in currency units. */
export type Scoring =
  | { kind: 'quantile'; classes: number }
  | { kind: 'fixed'; recency: number[]; frequency: number[]; monetary: number[] };

/** Classes of the default scoring (and of a settings tab that leaves the count empty). */
export const DEFAULT_CLASSES = 5;
export const DEFAULT_SCORING: Scoring = { kind: 'quantile', classes: DEFAULT_CLASSES };

export type Axis = 'recency' | 'frequency' | 'monetary';
export const AXES: readonly Axis[] = ['recency', 'frequency', 'monetary'];

/** The thresholds in force: ascending; recency in days, frequency in orders, monetary in thousandths. */
export interface Thresholds {
  classes: number;
  recency: number[];
  frequency: number[];
  monetary: number[];
}

/** Sheets' PERCENTILE (= PERCENTILE.INC) of ascending values: linear interpolation between ranks. */
export function percentileInc(sorted: ArrayLike<number>, fraction: number): number {
  const rank = fraction * (sorted.length - 1);
  const [below, above] = percentileRanks(sorted.length, fraction);
  return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
}

/** The two ranks (0-based, in ascending order of n values) that `percentileInc` reads. */
function percentileRanks(n: number, fraction: number): [number, number] {
  const below = Math.floor(fraction * (n - 1));
  return [below, Math.min(below + 1, n - 1)];
}

/** The k/classes percentiles (k = 1 … classes − 1) of the values. Empty values give no thresholds. */
export function quantileThresholds(values: ArrayLike<number>, classes: number): number[] {
  if (values.length === 0) return [];
  const fractions = Array.from({ length: classes - 1 }, (_, k) => (k + 1) / classes);
  const ranks = fractions.flatMap((fraction) => percentileRanks(values.length, fraction));
  const wanted = [...new Set(ranks)].sort((a, b) => a - b);
  const found =
    values instanceof Int32Array
      ? ranksByCounting(values, wanted)
      : ranksByBuckets(values instanceof Float64Array ? values : Float64Array.from(values), wanted);
  // The values a full ascending sort would put at the ranks that percentileInc reads.
  const sorted: { length: number; [rank: number]: number } = { length: values.length };
  wanted.forEach((rank, index) => (sorted[rank] = found[index]));
  return fractions.map((fraction) => percentileInc(sorted, fraction));
}

/**
 * Frequency and spend: 1 + the number of thresholds strictly below the value. Each comparison is
 * added as 0 or 1 rather than branched on: which way it goes depends on the customer, and a
 * processor that guesses it wrong half the time made scoring twice as slow.
 */
export function scoreHigherIsBetter(value: number, thresholds: ArrayLike<number>): number {
  let score = 1;
  for (let index = 0; index < thresholds.length; index++) score += +(thresholds[index] < value);
  return score;
}

/** Recency: 1 + the number of thresholds strictly above the days (fewer days is better). */
export function scoreLowerIsBetter(days: number, thresholds: ArrayLike<number>): number {
  let score = 1;
  for (let index = 0; index < thresholds.length; index++) score += +(thresholds[index] > days);
  return score;
}

/**
 * Fixed thresholds as a person types them: `30 / 90 / 180` or `30; 90; 180`, a decimal comma or
 * point, spaces as thousands separators → [30, 90, 180]. A part that is not a number gives NaN,
 * which the validation reports.
 */
export function thresholdList(text: string): number[] {
  return text
    .split(/[/;]/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => Number(part.replace(',', '.').replace(/\s/g, '')));
}

/** Check a scoring typed by a person; throws a UserError saying what to fix. */
export function validateScoring(scoring: Scoring, lang: Lang): void {
  if (scoring.kind === 'quantile') {
    const { classes } = scoring;
    if (!Number.isInteger(classes) || classes < MIN_CLASSES || classes > MAX_CLASSES) {
      throw new UserError('error.classes', { value: String(classes) }, lang);
    }
    return;
  }
  for (const axis of AXES) {
    const values = scoring[axis];
    const count = values.length;
    const ascending = values.every(
      (value, i) => Number.isFinite(value) && (i === 0 || value > values[i - 1]),
    );
    if (!ascending || count < MIN_CLASSES - 1 || count > MAX_CLASSES - 1) {
      throw new UserError(
        'error.fixedThresholds',
        {
          axis: t(lang, `axis.${axis}`),
          count: `${MIN_CLASSES - 1}–${MAX_CLASSES - 1}`,
          value: values.join(' / '),
        },
        lang,
      );
    }
  }
  if (
    scoring.recency.length !== scoring.frequency.length ||
    scoring.recency.length !== scoring.monetary.length
  ) {
    throw new UserError('error.fixedThresholdCounts', {}, lang);
  }
}

export function computeThresholds(metrics: CustomerMetrics, scoring: Scoring, lang: Lang): Thresholds {
  validateScoring(scoring, lang);
  if (scoring.kind === 'fixed') {
    return {
      classes: scoring.recency.length + 1,
      recency: [...scoring.recency],
      frequency: [...scoring.frequency],
      monetary: scoring.monetary.map((value) => Math.round(value * MONEY_SCALE)),
    };
  }
  const { classes } = scoring;
  return {
    classes,
    recency: quantileThresholds(metrics.recencyDays, classes),
    frequency: quantileThresholds(metrics.frequency, classes),
    monetary: quantileThresholds(metrics.monetary, classes),
  };
}

/** R, F and M of every customer (1 … classes). */
export interface Scores {
  r: Uint8Array;
  f: Uint8Array;
  m: Uint8Array;
}

export function scoreCustomers(metrics: CustomerMetrics, thresholds: Thresholds): Scores {
  const { count, recencyDays, frequency, monetary } = metrics;
  const r = largeArray(Uint8Array, count);
  const f = largeArray(Uint8Array, count);
  const m = largeArray(Uint8Array, count);
  const recency = Float64Array.from(thresholds.recency);
  const frequencyThresholds = Float64Array.from(thresholds.frequency);
  const monetaryThresholds = Float64Array.from(thresholds.monetary);
  for (let i = 0; i < count; i++) {
    r[i] = scoreLowerIsBetter(recencyDays[i], recency);
    f[i] = scoreHigherIsBetter(frequency[i], frequencyThresholds);
    m[i] = scoreHigherIsBetter(monetary[i], monetaryThresholds);
  }
  return { r, f, m };
}

/** A score code as read by people: R, F, M side by side (`335`; `10-3-5` when a score has two digits). */
export function scoreCode(r: number, f: number, m: number): string {
  return r > 9 || f > 9 || m > 9 ? `${r}-${f}-${m}` : `${r}${f}${m}`;
}

/** The scores of a code typed in a cell: `335`, `3-3-5`, `3 3 5`, `10-3-5`; null when unreadable. */
export function parseScoreCode(text: string): [number, number, number] | null {
  const trimmed = text.trim();
  const parts = /^\d{3}$/.test(trimmed) ? trimmed.split('') : trimmed.split(/[\s\-./]+/);
  if (parts.length !== 3 || !parts.every((part) => /^\d{1,2}$/.test(part))) return null;
  const [r, f, m] = parts.map(Number);
  return r >= 1 && f >= 1 && m >= 1 ? [r, f, m] : null;
}

/**
 * One row of the threshold table: the values that get a score on an axis. `min` is exclusive and
 * `max` inclusive for frequency and spend (`min < value ≤ max`); for recency `min ≤ days < max`.
 * null means unbounded; `empty` when equal thresholds leave no value for that score.
 */
export interface ScoreRange {
  score: number;
  min: number | null;
  max: number | null;
  empty: boolean;
}

/** Score → range of values, for one axis (monetary in thousandths). */
export function thresholdTable(thresholds: Thresholds, axis: Axis): ScoreRange[] {
  const values = thresholds[axis];
  return Array.from({ length: thresholds.classes }, (_, i) => {
    const score = i + 1;
    if (axis === 'recency') {
      // score s: thresholds[classes − 1 − s] ≤ days < thresholds[classes − s]
      const min = score === thresholds.classes ? null : values[thresholds.classes - 1 - score];
      const max = score === 1 ? null : values[thresholds.classes - score];
      return { score, min, max, empty: min !== null && max !== null && min >= max };
    }
    const min = score === 1 ? null : values[score - 2];
    const max = score === thresholds.classes ? null : values[score - 1];
    return { score, min, max, empty: min !== null && max !== null && min >= max };
  });
}
