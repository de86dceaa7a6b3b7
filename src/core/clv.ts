/**
 * Predicted value per customer (see src/core/README.md, "Predicted value"): P(alive) at the
 * analysis date, expected purchase days over the next H months (BG/NBD), expected spend per
 * purchase day (Gamma-Gamma), and their product, the predicted value over H months, optionally
 * discounted month by month.
 *
 * The horizon is given in months and turned into the models' weeks here, in one place
 * (`weeksOfMonths`): 12 months are 52.18 weeks. A caller cannot pass weeks or days by mistake.
 *
 * Nothing here throws or returns NaN: when a model cannot be trusted its predictions are null and
 * `problem` says why (a `ClvReason`, worded by `clvReasonMessage`).
 */
import type { Analysis } from './analysis';
import {
  bgNbdHistories,
  expectedPurchases,
  fitBgNbd,
  probabilityAlive,
  type BgNbdFit,
  type BgNbdHistories,
  type BgNbdParameters,
} from './bgnbd';
import { clvReasonMessage, type ClvReason } from './clv-reasons';
import { summariseForClv, type ClvSummary } from './clv-summary';
import { weeksOfDays, weeksOfMonths } from './clv-time';
import { expectedSpend, fitGammaGamma, spendHistories, type GammaGammaFit } from './gamma-gamma';
import type { Lang } from './labels';

export interface ClvOptions {
  /** Horizon in months, a positive number up to 1,200 (default 12). */
  months?: number;
  /** Monthly discount rate, 0 or more (0.01 = 1 % a month, about 12.7 % a year); default 0: none. */
  monthlyDiscountRate?: number;
}

export const DEFAULT_MONTHS = 12;
const MAX_MONTHS = 1200;

export interface ClvPrediction {
  summary: ClvSummary;
  months: number;
  monthlyDiscountRate: number;
  /** The purchase model's fit (or why it is not trusted); null when the options were invalid. */
  purchases: BgNbdFit | null;
  /** The spend model's fit (or why it is not trusted); null when the options were invalid. */
  spend: GammaGammaFit | null;
  /** Why some predictions are missing: the options, then the purchase model, then the spend model. */
  problem: ClvReason | null;
  /** P(alive) at the analysis date, per customer (index i of the summary), 0 to 1. */
  probabilityAlive: Float64Array | null;
  /** Expected purchase days over the horizon, per customer. */
  expectedPurchases: Float64Array | null;
  /** Expected spend per purchase day, per customer, in thousandths (like the order book). */
  expectedSpend: Float64Array | null;
  /** Predicted value over the horizon, per customer, in thousandths, discounted when asked. */
  predictedValue: Float64Array | null;
}

/** Why the options cannot be used, or null. */
function optionsProblem(months: number, rate: number): ClvReason | null {
  if (!(Number.isFinite(months) && months > 0 && months <= MAX_MONTHS)) return 'badHorizon';
  if (!(Number.isFinite(rate) && rate >= 0)) return 'badDiscountRate';
  return null;
}

/** Fit both models on the summary and predict every customer's value over the horizon. */
export function predictCustomerValue(summary: ClvSummary, options: ClvOptions = {}): ClvPrediction {
  const months = options.months ?? DEFAULT_MONTHS;
  const monthlyDiscountRate = options.monthlyDiscountRate ?? 0;
  const empty = {
    summary,
    months,
    monthlyDiscountRate,
    probabilityAlive: null,
    expectedPurchases: null,
    expectedSpend: null,
    predictedValue: null,
  };
  const invalid = optionsProblem(months, monthlyDiscountRate);
  if (invalid) return { ...empty, purchases: null, spend: null, problem: invalid };

  const histories = bgNbdHistories(summary);
  const purchases = fitBgNbd(histories);
  const spend = fitGammaGamma(spendHistories(summary));
  const spendPerDay = spend.trusted
    ? Float64Array.from({ length: summary.count }, (_, i) =>
        expectedSpend(spend.parameters, summary.repeatDays[i], summary.repeatSpend[i]),
      )
    : null;
  if (!purchases.trusted) {
    return { ...empty, purchases, spend, problem: purchases.reason, expectedSpend: spendPerDay };
  }
  const perGroup = groupPredictions(purchases.parameters, histories, months, monthlyDiscountRate);
  if (perGroup === null) {
    return { ...empty, purchases, spend, problem: 'numericalFailure', expectedSpend: spendPerDay };
  }
  const { groupOf } = histories.groups;
  const alive = Float64Array.from(groupOf, (g) => perGroup.alive[g]);
  const expected = Float64Array.from(groupOf, (g) => perGroup.purchases[g]);
  const value = spendPerDay && Float64Array.from(groupOf, (g, i) => perGroup.discounted[g] * spendPerDay[i]);
  return {
    ...empty,
    purchases,
    spend,
    problem: spend.trusted ? null : spend.reason,
    probabilityAlive: alive,
    expectedPurchases: expected,
    expectedSpend: spendPerDay,
    predictedValue: value,
  };
}

/**
 * Per distinct history: P(alive), expected purchase days over the horizon, and the same
 * discounted — Σₖ (E[X(k months)] − E[X((k − 1) months)]) / (1 + d)^k over the months k, the last
 * one partial when the horizon is not a whole number of months. Null when one cannot be computed.
 */
function groupPredictions(
  parameters: BgNbdParameters,
  histories: BgNbdHistories,
  months: number,
  rate: number,
): { alive: Float64Array; purchases: Float64Array; discounted: Float64Array } | null {
  const count = histories.groups.count;
  const alive = new Float64Array(count);
  const purchases = new Float64Array(count);
  const discounted = new Float64Array(count);
  for (let g = 0; g < count; g++) {
    const x = histories.repeatDays[g];
    const span = weeksOfDays(histories.spanDays[g]);
    const observed = weeksOfDays(histories.observedDays[g]);
    alive[g] = probabilityAlive(parameters, x, span, observed);
    const total = expectedPurchases(parameters, weeksOfMonths(months), x, span, observed);
    if (total === null) return null;
    purchases[g] = total;
    if (rate === 0) {
      discounted[g] = total;
      continue;
    }
    let previous = 0;
    let sum = 0;
    for (let k = 1; k - 1 < months; k++) {
      const upTo = k < months ? expectedPurchases(parameters, weeksOfMonths(k), x, span, observed) : total;
      if (upTo === null) return null;
      sum += (upTo - previous) / Math.pow(1 + rate, k);
      previous = upTo;
    }
    discounted[g] = sum;
  }
  return { alive, purchases, discounted };
}

/**
 * Why some predictions are missing, in words, or null when every prediction is there. The count a
 * message quotes is the one of the model that gave up (repeat customers, or customers with a
 * positive repeat spend). Every layer (custom functions, tabs, command line) says it this way.
 */
export function clvProblemText(prediction: ClvPrediction, lang: Lang): string | null {
  const { problem, purchases, spend } = prediction;
  if (problem === null) return null;
  const count =
    purchases !== null && !purchases.trusted
      ? purchases.repeatCustomers
      : spend !== null && !spend.trusted
        ? spend.customers
        : undefined;
  return clvReasonMessage(problem, lang, { count });
}

/**
 * The predictions for the customers of an analysis, index i being index i of its metrics (the
 * same customers, in the same order, at the same analysis date): what the custom functions, the
 * tabs and the command line show next to the scores.
 */
export function predictForAnalysis(analysis: Analysis, options: ClvOptions = {}): ClvPrediction {
  // The analysis fitted them already when a rule needed them (12 months, not discounted).
  const defaults = (options.months ?? DEFAULT_MONTHS) === DEFAULT_MONTHS && !options.monthlyDiscountRate;
  if (analysis.prediction && defaults) return analysis.prediction;
  return predictCustomerValue(summariseForClv(analysis.book, analysis.metrics.asOfDay), options);
}

/** P(alive) under which a customer's predicted value counts as revenue at risk (src/core/README.md, "Predicted value"). */
export const AT_RISK_BELOW = 0.5;

/** Per segment: the predicted value of its customers and the part of it at risk, in thousandths. */
export interface SegmentPredictedValue {
  predicted: Float64Array;
  /** Predicted value of the segment's customers whose P(alive) is below `AT_RISK_BELOW`. */
  atRisk: Float64Array;
}

/**
 * Sums of predicted value per segment (`segment[i]` the segment index of customer i, as in an
 * Analysis), and of the revenue at risk; null when the predictions are not there to sum.
 */
export function predictedValueBySegment(
  prediction: ClvPrediction,
  segment: ArrayLike<number>,
  segmentCount: number,
): SegmentPredictedValue | null {
  const { predictedValue, probabilityAlive } = prediction;
  if (predictedValue === null || probabilityAlive === null) return null;
  const predicted = new Float64Array(segmentCount);
  const atRisk = new Float64Array(segmentCount);
  for (let i = 0; i < predictedValue.length; i++) {
    predicted[segment[i]] += predictedValue[i];
    if (probabilityAlive[i] < AT_RISK_BELOW) atRisk[segment[i]] += predictedValue[i];
  }
  return { predicted, atRisk };
}
