/**
 * The Gamma-Gamma model of spend per purchase (Fader, Hardie & Lee 2005, "RFM and CLV: using
 * iso-value curves"; Hardie's note 025; see src/core/README.md, "Predicted value"): each purchase's
 * spend is Gamma(p, ν), the customer's ν ~ Gamma(q, γ), independent of the purchase process. It is
 * fitted on the repeat purchase days only (the first one left out) of customers with x > 0 and a
 * positive mean repeat spend m̄; m̄ and γ are in currency units (the order book's thousandths /
 * 1000), so γ reads as the papers' 15.44 dollars on CDNOW.
 *
 * Likelihood of a customer's mean m̄ over x days (the density of the mean of x gammas):
 *
 *   ln L = ln Γ(px + q) − ln Γ(px) − ln Γ(q) + q ln γ + (px − 1) ln m̄ + px ln x − (px + q) ln(γ + m̄x),
 *
 * maximised over (ln p, ln q, ln γ) with BFGS and the exact gradient, on customers grouped by
 * identical (x, repeat spend). The expected spend per purchase day of a customer,
 * E[M | x, m̄] = p (γ + m̄x) / (px + q − 1), needs q > 1 (the population's mean spend p γ / (q − 1)
 * is infinite otherwise): a fit with q ≤ 1 is not trusted.
 */
import { MIN_REPEAT_CUSTOMERS, type ClvReason } from './clv-reasons';
import type { ClvSummary } from './clv-summary';
import { digamma } from './digamma';
import { distinctIndex, groupRows, tupleKeyScales, type RowGroups } from './group-rows';
import { logGamma } from './log-gamma';
import { awayFromBounds, bestMinimum, objectiveAt, withinBounds } from './minimise';

/** Gamma-Gamma parameters; γ in currency units. */
export interface GammaGammaParameters {
  p: number;
  q: number;
  gamma: number;
}

/** Repeat customers with a positive repeat spend, grouped by identical (x, repeat spend). */
export interface SpendHistories {
  groups: RowGroups;
  /** x of each group. */
  repeatDays: Int32Array;
  /** m̄ of each group, in currency units. */
  meanSpend: Float64Array;
  /** Customers in the fit. */
  customers: number;
}

export type GammaGammaFit =
  | {
      trusted: true;
      parameters: GammaGammaParameters;
      logLikelihood: number;
      customers: number;
      iterations: number;
    }
  | { trusted: false; reason: ClvReason; customers: number };

const THOUSANDTHS = 1000;
const GRADIENT_TOLERANCE = 1e-11;

/** The customers the spend model learns from: x > 0 and a positive repeat spend. */
export function spendHistories(summary: ClvSummary): SpendHistories {
  const { repeatDays, repeatSpend } = summary;
  const used = (i: number) => repeatDays[i] > 0 && repeatSpend[i] > 0;
  let maxX = 0;
  let maxSpend = 0;
  let integral = true;
  for (let i = 0; i < summary.count; i++) {
    if (!used(i)) continue;
    maxX = Math.max(maxX, repeatDays[i]);
    maxSpend = Math.max(maxSpend, repeatSpend[i]);
    if (!Number.isInteger(repeatSpend[i])) integral = false;
  }
  const scales = integral ? tupleKeyScales([maxX + 1, maxSpend + 1]) : null;
  const groups = groupRows(
    summary.count,
    (i) => (scales ? repeatDays[i] * scales[0] + repeatSpend[i] : `${repeatDays[i]},${repeatSpend[i]}`),
    used,
  );
  const x = new Int32Array(groups.count);
  const meanSpend = new Float64Array(groups.count);
  let customers = 0;
  for (let g = 0; g < groups.count; g++) {
    const i = groups.firstRow[g];
    x[g] = repeatDays[i];
    meanSpend[g] = repeatSpend[i] / THOUSANDTHS / repeatDays[i];
    customers += groups.weight[g];
  }
  return { groups, repeatDays: x, meanSpend, customers };
}

/** Mean negative log-likelihood per customer over (ln p, ln q, ln γ), with its gradient. */
function negativeLogLikelihood(histories: SpendHistories) {
  const { groups, repeatDays, meanSpend, customers } = histories;
  const { distinct: distinctX, indexOf: xOf } = distinctIndex(repeatDays);
  const lnMean = Float64Array.from(meanSpend, Math.log);
  const lnX = Float64Array.from(repeatDays, Math.log);
  const lnGammaTerms = new Float64Array(distinctX.length);
  const psiSum = new Float64Array(distinctX.length);
  const psiPx = new Float64Array(distinctX.length);
  return (logParameters: Float64Array, gradient: Float64Array): number => {
    const p = Math.exp(logParameters[0]);
    const q = Math.exp(logParameters[1]);
    const gamma = Math.exp(logParameters[2]);
    if (![p, q, gamma].every(withinBounds)) return Infinity;
    const lnGammaQ = logGamma(q);
    const psiQ = digamma(q);
    for (let k = 0; k < distinctX.length; k++) {
      const px = p * distinctX[k];
      lnGammaTerms[k] = logGamma(px + q) - logGamma(px) - lnGammaQ;
      psiSum[k] = digamma(px + q);
      psiPx[k] = digamma(px);
    }
    const lnG = Math.log(gamma);
    let total = 0;
    let gP = 0;
    let gQ = 0;
    let gGamma = 0;
    for (let g = 0; g < groups.count; g++) {
      const k = xOf[g];
      const x = repeatDays[g];
      const w = groups.weight[g];
      const px = p * x;
      const total1 = gamma + meanSpend[g] * x;
      const lnTotal = Math.log(total1);
      total += w * (lnGammaTerms[k] + q * lnG + (px - 1) * lnMean[g] + px * lnX[g] - (px + q) * lnTotal);
      gP += w * x * (psiSum[k] - psiPx[k] + lnMean[g] + lnX[g] - lnTotal);
      gQ += w * (psiSum[k] - psiQ + lnG - lnTotal);
      gGamma += w * (q / gamma - (px + q) / total1);
    }
    gradient[0] = (-p * gP) / customers;
    gradient[1] = (-q * gQ) / customers;
    gradient[2] = (-gamma * gGamma) / customers;
    return -total / customers;
  };
}

/** The log-likelihood of the spend histories at some parameters (natural log, summed). */
export function gammaGammaLogLikelihood(parameters: GammaGammaParameters, histories: SpendHistories): number {
  const { p, q, gamma } = parameters;
  return -objectiveAt(negativeLogLikelihood(histories), [p, q, gamma]) * histories.customers;
}

/**
 * The maximum-likelihood parameters, or why there are none to trust: fewer than
 * `MIN_REPEAT_CUSTOMERS` customers with a positive repeat spend (`tooFewSpendCustomers`), a
 * parameter that runs to the search bounds 1e-8 or 1e8 (`degenerateFit`, e.g. every basket the
 * same), no convergence, or q ≤ 1 (`infiniteMeanSpend`). Starts: BTYD's (1, 1, 1), then
 * (1, 2, mean m̄) if it fails.
 */
export function fitGammaGamma(histories: SpendHistories): GammaGammaFit {
  const { customers } = histories;
  const untrusted = (reason: ClvReason): GammaGammaFit => ({ trusted: false, reason, customers });
  if (customers < MIN_REPEAT_CUSTOMERS) return untrusted('tooFewSpendCustomers');
  let spend = 0;
  for (let g = 0; g < histories.groups.count; g++)
    spend += histories.groups.weight[g] * histories.meanSpend[g];
  const best = bestMinimum(
    negativeLogLikelihood(histories),
    [
      [1, 1, 1],
      [1, 2, spend / customers],
    ],
    GRADIENT_TOLERANCE,
  );
  const [p, q, gamma] = Array.from(best.x, Math.exp);
  if (!Number.isFinite(best.value)) return untrusted('noConvergence');
  if (![p, q, gamma].every(awayFromBounds)) return untrusted('degenerateFit');
  if (!best.converged) return untrusted('noConvergence');
  if (q <= 1) return untrusted('infiniteMeanSpend');
  return {
    trusted: true,
    parameters: { p, q, gamma },
    logLikelihood: -best.value * customers,
    customers,
    iterations: best.iterations,
  };
}

/**
 * E[M | x, m̄]: a customer's expected spend per future purchase day, in thousandths like the
 * order book: p (γ + m̄x) / (px + q − 1), m̄ in currency units. A one-time buyer (x = 0) gets the
 * population's mean p γ / (q − 1); a mean repeat spend of zero or less (refunds) counts as zero,
 * pulling the expectation below that mean. Requires q > 1 (a trusted fit).
 */
export function expectedSpend(
  { p, q, gamma }: GammaGammaParameters,
  repeatDays: number,
  repeatSpendThousandths: number,
): number {
  const total = repeatDays > 0 ? Math.max(repeatSpendThousandths, 0) / THOUSANDTHS : 0;
  return ((p * (gamma + total)) / (p * repeatDays + q - 1)) * THOUSANDTHS;
}
