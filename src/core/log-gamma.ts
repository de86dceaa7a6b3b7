/**
 * The logarithm of the gamma function, ln Γ(x), for x > 0: the only special function the BG/NBD
 * and Gamma-Gamma likelihoods need (see src/core/README.md, "Predicted value").
 *
 * Lanczos' approximation with Godfrey's coefficients (g = 607/128, 15 terms), the one used by
 * Apache Commons Math and Numerical Recipes' successors: the error is below 1e-14 × max(1, |ln Γ(x)|)
 * for every x > 0 (relative away from the zeros of ln Γ at 1 and 2, absolute near them). Below 0.5
 * it uses ln Γ(x) = ln Γ(x + 1) − ln x, so that ln Γ(x) → −ln x as x → 0 keeps full precision.
 */

const LANCZOS_G = 607 / 128;
/** Godfrey's coefficients, written as the doubles they round to. */
const LANCZOS = [
  0.9999999999999971, 57.15623566586292, -59.59796035547549, 14.136097974741746, -0.4919138160976202,
  3.399464998481189e-5, 4.652362892704858e-5, -9.837447530487956e-5, 1.580887032249125e-4,
  -2.1026444172410488e-4, 2.1743961811521265e-4, -1.643181065367639e-4, 8.441822398385275e-5,
  -2.6190838401581408e-5, 3.6899182659531625e-6,
];
const HALF_LOG_2_PI = 0.9189385332046727;

/**
 * ln Γ(x) for x > 0 (ln Γ(n) = ln (n − 1)!). Returns +Infinity at x = 0 and for x = +Infinity, and
 * NaN for a negative or NaN argument: the callers only pass positive parameters, and check
 * `Number.isFinite` on what they compute from it.
 */
export function logGamma(x: number): number {
  if (!(x >= 0)) return NaN;
  if (x === 0 || x === Infinity) return Infinity;
  if (x < 0.5) return logGamma(x + 1) - Math.log(x);
  let sum = LANCZOS[0];
  for (let i = LANCZOS.length - 1; i > 0; i--) sum += LANCZOS[i] / (x + i);
  const shifted = x + LANCZOS_G + 0.5;
  return (x + 0.5) * Math.log(shifted) - shifted + HALF_LOG_2_PI + Math.log(sum / x);
}
