/**
 * The digamma function ψ(x) = d ln Γ(x) / dx for x > 0: the gradients of the BG/NBD and
 * Gamma-Gamma likelihoods (see src/core/README.md, "Predicted value") need it.
 *
 * ψ(x) = ψ(x + 1) − 1/x moves x up to 10 or more, where the asymptotic series
 * ln x − 1/(2x) − Σ B₂ₖ / (2k x²ᵏ) (seven terms) is exact to the last bits; the error is below
 * 1e-14 × max(1, |ψ(x)|) (near the root of ψ at 1.4616… it is absolute).
 */

/** ψ(x) for x > 0; NaN for x ≤ 0 or NaN, +Infinity at +Infinity. */
export function digamma(x: number): number {
  if (!(x > 0)) return NaN;
  if (x === Infinity) return Infinity;
  let shift = 0;
  while (x < 10) {
    shift -= 1 / x;
    x += 1;
  }
  const inverse = 1 / x;
  const inverseSquare = inverse * inverse;
  const series =
    inverseSquare *
    (1 / 12 -
      inverseSquare *
        (1 / 120 -
          inverseSquare *
            (1 / 252 -
              inverseSquare *
                (1 / 240 - inverseSquare * (1 / 132 - inverseSquare * (691 / 32760 - inverseSquare / 12))))));
  return shift + Math.log(x) - 0.5 * inverse - series;
}
