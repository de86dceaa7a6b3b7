/**
 * The holdout check of the purchase model (src/core/README.md, "Predicted value"; Fader, Hardie &
 * Lee 2005, figure 5; BTYD's `bgnbd.PlotFreqVsConditionalExpectedFrequency`): fit on the history up
 * to the analysis date, predict each customer's purchase days in the holdout window that follows,
 * and compare with what the same customers actually did, by number of repeat purchase days in the
 * calibration period (0, 1, …, and a last group "censor or more").
 */
import { bgNbdHistories, expectedPurchases, type BgNbdParameters } from './bgnbd';
import type { ClvSummary } from './clv-summary';
import { weeksOfDays } from './clv-time';

export interface HoldoutGroup {
  /** Repeat purchase days in the calibration period (the lower bound of the last group). */
  repeatDays: number;
  /** Whether the group holds every customer with `repeatDays` or more. */
  orMore: boolean;
  customers: number;
  /** Mean purchase days per customer in the holdout window, as observed. */
  actualMean: number;
  /** Mean expected purchase days per customer in the holdout window (conditional expectation). */
  predictedMean: number;
}

export interface HoldoutComparison {
  /** Length of the holdout window in days (after the analysis date, up to its end). */
  holdoutDays: number;
  groups: HoldoutGroup[];
  /** Over all customers: observed and predicted purchase days in the holdout window. */
  actualTotal: number;
  predictedTotal: number;
}

/** BTYD's and the paper's grouping: 0 to 6 repeat days, then 7 or more. */
export const DEFAULT_CENSOR = 7;

/**
 * The table, or null when the summary was made without a holdout window (or with an empty one),
 * or a conditional expectation cannot be computed. Groups without customers are left out.
 */
export function holdoutComparison(
  summary: ClvSummary,
  parameters: BgNbdParameters,
  censor: number = DEFAULT_CENSOR,
): HoldoutComparison | null {
  const { holdoutDays: actual, holdoutEndDay } = summary;
  if (actual === null || holdoutEndDay === null || holdoutEndDay <= summary.asOfDay) return null;
  const holdoutDays = holdoutEndDay - summary.asOfDay;
  const weeks = weeksOfDays(holdoutDays);
  const histories = bgNbdHistories(summary);
  const predictedOfGroup = new Float64Array(histories.groups.count);
  for (let g = 0; g < histories.groups.count; g++) {
    const expected = expectedPurchases(
      parameters,
      weeks,
      histories.repeatDays[g],
      weeksOfDays(histories.spanDays[g]),
      weeksOfDays(histories.observedDays[g]),
    );
    if (expected === null) return null;
    predictedOfGroup[g] = expected;
  }
  const customers = new Float64Array(censor + 1);
  const actualSums = new Float64Array(censor + 1);
  const predictedSums = new Float64Array(censor + 1);
  for (let i = 0; i < summary.count; i++) {
    const bin = Math.min(summary.repeatDays[i], censor);
    customers[bin]++;
    actualSums[bin] += actual[i];
    predictedSums[bin] += predictedOfGroup[histories.groups.groupOf[i]];
  }
  const groups: HoldoutGroup[] = [];
  for (let bin = 0; bin <= censor; bin++) {
    if (customers[bin] === 0) continue;
    groups.push({
      repeatDays: bin,
      orMore: bin === censor,
      customers: customers[bin],
      actualMean: actualSums[bin] / customers[bin],
      predictedMean: predictedSums[bin] / customers[bin],
    });
  }
  const sum = (values: Float64Array) => values.reduce((total, value) => total + value, 0);
  return { holdoutDays, groups, actualTotal: sum(actualSums), predictedTotal: sum(predictedSums) };
}
