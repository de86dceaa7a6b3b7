/**
 * The BG/NBD model of repeat purchases (Fader, Hardie & Lee 2005, "Counting your customers the easy
 * way"; see src/core/README.md, "Predicted value"): while alive, a customer buys at a Poisson rate
 * λ ~ Gamma(r, α); after each purchase, they drop out for good with probability p ~ Beta(a, b).
 * Time is in weeks, so α is in weeks: a customer's history is (x, t_x, T) — repeat purchase days,
 * first to last purchase and first purchase to the analysis date, in weeks (see `clv-summary` and
 * `clv-time`).
 *
 * The fit maximises the likelihood over log-parameters (so that every parameter stays positive)
 * with BFGS and the exact gradient, on customers grouped by identical (x, t_x, T) with weights:
 * its cost is in distinct histories, not customers. The likelihood is Hardie's form that cannot
 * overflow for large x (note 027, "Overcoming the BG/NBD model's #NUM! error problem"):
 *
 *   ln L = ln Γ(r + x) − ln Γ(r) + ln B(a, b + x) − ln B(a, b) + r ln α − (r + x) ln(α + t_x)
 *          + ln(C₃ + [x > 0] C₄),  C₃ = ((α + t_x) / (α + T))^(r + x),  C₄ = a / (b + x − 1),
 *
 * with ln(C₃ + C₄) taken as a log-sum-exp. Nothing returns NaN: the fit returns a trusted result or
 * a reason, and each prediction a number or null.
 */
import { MIN_REPEAT_CUSTOMERS, type ClvReason } from './clv-reasons';
import { observedDays, repeatSpanDays, type ClvSummary } from './clv-summary';
import { weeksOfDays } from './clv-time';
import { digamma } from './digamma';
import { distinctIndex, groupRows, tupleKeyScales, type RowGroups } from './group-rows';
import { hypergeometric2F1 } from './hypergeometric';
import { logGamma } from './log-gamma';
import { awayFromBounds, bestMinimum, objectiveAt, withinBounds } from './minimise';

/** BG/NBD parameters: r and α (weeks) of the purchase rate's gamma, a and b of the drop-out beta. */
export interface BgNbdParameters {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** Customers grouped by identical history, the times as whole days. */
export interface BgNbdHistories {
  groups: RowGroups;
  /** x of each group. */
  repeatDays: Int32Array;
  /** t_x of each group, in days. */
  spanDays: Int32Array;
  /** T of each group, in days. */
  observedDays: Int32Array;
  customers: number;
  /** Customers with x > 0. */
  repeatCustomers: number;
}

export type BgNbdFit =
  | {
      trusted: true;
      parameters: BgNbdParameters;
      /** Log-likelihood of the whole calibration data at the parameters (natural log). */
      logLikelihood: number;
      /** Distinct histories the likelihood was summed over. */
      histories: number;
      customers: number;
      repeatCustomers: number;
      iterations: number;
    }
  | { trusted: false; reason: ClvReason; repeatCustomers: number; customers: number };

/** Each customer's (x, t_x, T), grouped. */
export function bgNbdHistories(summary: ClvSummary): BgNbdHistories {
  let maxX = 0;
  let maxDays = 0;
  let repeatCustomers = 0;
  for (let i = 0; i < summary.count; i++) {
    maxX = Math.max(maxX, summary.repeatDays[i]);
    maxDays = Math.max(maxDays, observedDays(summary, i));
    if (summary.repeatDays[i] > 0) repeatCustomers++;
  }
  const scales = tupleKeyScales([maxX + 1, maxDays + 1, maxDays + 1]);
  const groups = groupRows(summary.count, (i) =>
    scales
      ? summary.repeatDays[i] * scales[0] + repeatSpanDays(summary, i) * scales[1] + observedDays(summary, i)
      : `${summary.repeatDays[i]},${repeatSpanDays(summary, i)},${observedDays(summary, i)}`,
  );
  const repeatDays = new Int32Array(groups.count);
  const spanDays = new Int32Array(groups.count);
  const observed = new Int32Array(groups.count);
  for (let g = 0; g < groups.count; g++) {
    const i = groups.firstRow[g];
    repeatDays[g] = summary.repeatDays[i];
    spanDays[g] = repeatSpanDays(summary, i);
    observed[g] = observedDays(summary, i);
  }
  return {
    groups,
    repeatDays,
    spanDays,
    observedDays: observed,
    customers: summary.count,
    repeatCustomers,
  };
}

const GRADIENT_TOLERANCE = 1e-11;

/**
 * The mean negative log-likelihood per customer over log-parameters (ln r, ln α, ln a, ln b),
 * with its gradient. The terms that depend only on x are computed once per distinct x, the
 * logarithms of α + t once per distinct number of days.
 */
function negativeLogLikelihood(histories: BgNbdHistories) {
  const { groups, repeatDays, spanDays, observedDays: observed } = histories;
  const { distinct: xs, indexOf: xOf } = distinctIndex(repeatDays);
  const days = distinctIndex(Int32Array.from([...spanDays, ...observed]));
  const spanOf = days.indexOf.subarray(0, groups.count);
  const observedOf = days.indexOf.subarray(groups.count);
  const dayWeeks = days.distinct.map(weeksOfDays);
  const lnA = new Float64Array(xs.length);
  const lnC4 = new Float64Array(xs.length);
  const inverseB = new Float64Array(xs.length);
  const dR = new Float64Array(xs.length);
  const dA = new Float64Array(xs.length);
  const dB = new Float64Array(xs.length);
  const lnAlphaT = new Float64Array(dayWeeks.length);
  const inverseAlphaT = new Float64Array(dayWeeks.length);
  const weight = groups.weight;
  const customers = histories.customers;

  return (logParameters: Float64Array, gradient: Float64Array): number => {
    const r = Math.exp(logParameters[0]);
    const alpha = Math.exp(logParameters[1]);
    const a = Math.exp(logParameters[2]);
    const b = Math.exp(logParameters[3]);
    if (![r, alpha, a, b].every(withinBounds)) return Infinity;
    const lnGammaR = logGamma(r);
    const lnBeta = logGamma(a + b) - logGamma(b);
    const psiR = digamma(r);
    const psiAB = digamma(a + b);
    const psiB = digamma(b);
    for (let k = 0; k < xs.length; k++) {
      const x = xs[k];
      lnA[k] = logGamma(r + x) - lnGammaR + lnBeta + logGamma(b + x) - logGamma(a + b + x);
      dR[k] = digamma(r + x) - psiR;
      dA[k] = psiAB - digamma(a + b + x);
      dB[k] = dA[k] + digamma(b + x) - psiB;
      lnC4[k] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : -Infinity;
      inverseB[k] = x > 0 ? 1 / (b + x - 1) : 0;
    }
    for (let d = 0; d < dayWeeks.length; d++) {
      lnAlphaT[d] = Math.log(alpha + dayWeeks[d]);
      inverseAlphaT[d] = 1 / (alpha + dayWeeks[d]);
    }
    const lnAlpha = Math.log(alpha);
    let total = 0;
    let gR = 0;
    let gAlpha = 0;
    let gA = 0;
    let gB = 0;
    for (let g = 0; g < groups.count; g++) {
      const k = xOf[g];
      const x = xs[k];
      const w = weight[g];
      const lnSpan = lnAlphaT[spanOf[g]];
      const lnObserved = lnAlphaT[observedOf[g]];
      const rx = r + x;
      const lnC3 = rx * (lnSpan - lnObserved);
      let ll = lnA[k] + r * lnAlpha - rx * lnSpan;
      // Share of C₃ in C₃ + C₄ (1 when x = 0).
      let shareC3 = 1;
      if (x > 0) {
        const difference = lnC4[k] - lnC3;
        if (difference > 0) {
          const e = Math.exp(-difference);
          ll += lnC4[k] + Math.log1p(e);
          shareC3 = e / (1 + e);
        } else {
          const e = Math.exp(difference);
          ll += lnC3 + Math.log1p(e);
          shareC3 = 1 / (1 + e);
        }
      } else {
        ll += lnC3;
      }
      const shareC4 = 1 - shareC3;
      total += w * ll;
      gR += w * (dR[k] + lnAlpha - lnSpan + shareC3 * (lnSpan - lnObserved));
      gAlpha +=
        w *
        (r / alpha -
          rx * inverseAlphaT[spanOf[g]] +
          shareC3 * rx * (inverseAlphaT[spanOf[g]] - inverseAlphaT[observedOf[g]]));
      gA += w * (dA[k] + shareC4 / a);
      gB += w * (dB[k] - shareC4 * inverseB[k]);
    }
    gradient[0] = (-r * gR) / customers;
    gradient[1] = (-alpha * gAlpha) / customers;
    gradient[2] = (-a * gA) / customers;
    gradient[3] = (-b * gB) / customers;
    return -total / customers;
  };
}

/** The log-likelihood of the histories at some parameters (natural log, summed over customers). */
export function bgNbdLogLikelihood(parameters: BgNbdParameters, histories: BgNbdHistories): number {
  const { r, alpha, a, b } = parameters;
  return -objectiveAt(negativeLogLikelihood(histories), [r, alpha, a, b]) * histories.customers;
}

/**
 * The maximum-likelihood parameters, or why there are none to trust: fewer than
 * `MIN_REPEAT_CUSTOMERS` customers with a repeat purchase (`tooFewRepeatCustomers`), a parameter
 * that runs to the search bounds 1e-8 or 1e8 (`degenerateFit`: e.g. a and b both without bound
 * when every customer drops out with the same probability, or nobody drops out), or no start from
 * which the optimiser converges (`noConvergence`). The objective is the mean per customer, so the
 * convergence test does not depend on the number of customers. Starts: BTYD's (r, a, b) =
 * (1, 1, 3) with α set so that r / α is the mean weekly rate of repeat purchases, then two others
 * if that one fails; the best is polished once more from a fresh start.
 */
export function fitBgNbd(histories: BgNbdHistories): BgNbdFit {
  const { customers, repeatCustomers } = histories;
  const untrusted = (reason: ClvReason): BgNbdFit => ({ trusted: false, reason, customers, repeatCustomers });
  if (repeatCustomers < MIN_REPEAT_CUSTOMERS) return untrusted('tooFewRepeatCustomers');
  let purchases = 0;
  let weeks = 0;
  for (let g = 0; g < histories.groups.count; g++) {
    purchases += histories.groups.weight[g] * histories.repeatDays[g];
    weeks += histories.groups.weight[g] * weeksOfDays(histories.observedDays[g]);
  }
  const alpha = weeks > 0 ? weeks / purchases : 1;
  const starts = [
    [1, alpha, 1, 3],
    [0.5, alpha / 2, 0.5, 1],
    [2, alpha * 2, 2, 6],
  ];
  const objective = negativeLogLikelihood(histories);
  const best = bestMinimum(objective, starts, GRADIENT_TOLERANCE);
  const [r, fittedAlpha, a, b] = Array.from(best.x, Math.exp);
  if (!Number.isFinite(best.value)) return untrusted('noConvergence');
  if (![r, fittedAlpha, a, b].every(awayFromBounds)) return untrusted('degenerateFit');
  if (!best.converged) return untrusted('noConvergence');
  return {
    trusted: true,
    parameters: { r, alpha: fittedAlpha, a, b },
    logLikelihood: -best.value * customers,
    histories: histories.groups.count,
    customers,
    repeatCustomers,
    iterations: best.iterations,
  };
}

/**
 * P(alive): the probability that a customer with history (x, t_x, T) (weeks) has not dropped out
 * at the analysis date, 1 / (1 + [x > 0] · a / (b + x − 1) · ((α + T) / (α + t_x))^(r + x)). Taken
 * through its logarithm, so the power cannot overflow (it tends to 0 instead, never NaN).
 */
export function probabilityAlive(
  { r, alpha, a, b }: BgNbdParameters,
  x: number,
  spanWeeks: number,
  observedWeeks: number,
): number {
  if (x <= 0) return 1;
  const logOdds =
    Math.log(a) -
    Math.log(b + x - 1) +
    (r + x) * (Math.log(alpha + observedWeeks) - Math.log(alpha + spanWeeks));
  return 1 / (1 + Math.exp(logOdds));
}

/** Below this distance from 1, a is evaluated on both sides of 1 (a = 1 is a removable singularity). */
const NEAR_ONE = 1e-6;

/**
 * E[X(t) | x, t_x, T]: the expected purchase days in the next t weeks of a customer with history
 * (x, t_x, T) (weeks) — equation (10) of the paper:
 *
 *   (a + b + x − 1) / (a − 1) · [1 − ((α + T) / (α + T + t))^(r + x) ₂F₁(r + x, b + x; a + b + x − 1; z)]
 *   · P(alive),   z = t / (α + T + t).
 *
 * By Euler's transformation the bracket is 1 − (1 − z)^(a − 1) ₂F₁(a + b − 1 − r, a − 1; a + b + x − 1; z),
 * whose series converges fast even for large x and never overflows (`lifetimes` takes the log of
 * that ₂F₁, which can be negative when a < 1: NaN). a < 1 is fine (CDNOW's a is 0.79); at a = 1
 * the value is the mean of a = 1 ± 2e-6. Null when ₂F₁ cannot be computed to 8 digits; 0 for t ≤ 0.
 * A new customer is x = t_x = T = 0 (the paper's E[X(t)]).
 */
export function expectedPurchases(
  parameters: BgNbdParameters,
  weeks: number,
  x: number,
  spanWeeks: number,
  observedWeeks: number,
): number | null {
  if (!(weeks > 0)) return 0;
  const { a } = parameters;
  if (Math.abs(a - 1) < NEAR_ONE) {
    const below = expectedPurchases(
      { ...parameters, a: 1 - 2 * NEAR_ONE },
      weeks,
      x,
      spanWeeks,
      observedWeeks,
    );
    const above = expectedPurchases(
      { ...parameters, a: 1 + 2 * NEAR_ONE },
      weeks,
      x,
      spanWeeks,
      observedWeeks,
    );
    return below === null || above === null ? null : (below + above) / 2;
  }
  const { r, alpha, b } = parameters;
  const z = weeks / (alpha + observedWeeks + weeks);
  const hypergeometric = hypergeometric2F1(a + b - 1 - r, a - 1, a + b + x - 1, z);
  if (!hypergeometric.ok) return null;
  const bracket = 1 - Math.pow(1 - z, a - 1) * hypergeometric.value;
  const value =
    ((a + b + x - 1) / (a - 1)) * bracket * probabilityAlive(parameters, x, spanWeeks, observedWeeks);
  if (!Number.isFinite(value) || value < -1e-12) return null;
  return Math.max(value, 0);
}

/**
 * P(X(t) = n) for a new customer: the probability of exactly n repeat purchase days in the first
 * t weeks (the paper's equation (8)), through logarithms:
 *
 *   B(a, b + n) / B(a, b) · Γ(r + n) / (Γ(r) n!) · (α / (α + t))^r (t / (α + t))^n
 *   + [n > 0] · B(a + 1, b + n − 1) / B(a, b) · [1 − (α / (α + t))^r Σⱼ₌₀ⁿ⁻¹ Γ(r + j) / (Γ(r) j!) (t / (α + t))^j].
 */
export function probabilityOfPurchases(
  { r, alpha, a, b }: BgNbdParameters,
  weeks: number,
  n: number,
): number {
  if (!(weeks > 0)) return n === 0 ? 1 : 0;
  const lnBetaAB = logGamma(a) + logGamma(b) - logGamma(a + b);
  const lnStay = r * Math.log(alpha / (alpha + weeks));
  const lnRatio = Math.log(weeks / (alpha + weeks));
  const lnPoissonGamma = (j: number) =>
    logGamma(r + j) - logGamma(r) - logGamma(j + 1) + lnStay + j * lnRatio;
  const alive = Math.exp(logGamma(a) + logGamma(b + n) - logGamma(a + b + n) - lnBetaAB + lnPoissonGamma(n));
  if (n === 0) return alive;
  let cumulative = 0;
  for (let j = 0; j < n; j++) cumulative += Math.exp(lnPoissonGamma(j));
  const dropped = Math.exp(logGamma(a + 1) + logGamma(b + n - 1) - logGamma(a + b + n) - lnBetaAB);
  return alive + dropped * Math.max(0, 1 - cumulative);
}
