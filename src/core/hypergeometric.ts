/**
 * The Gauss hypergeometric function ₂F₁(a, b; c; z) for real parameters and z < 1, as the BG/NBD
 * conditional expectation needs it (see src/core/README.md, "Predicted value"):
 *
 *   ₂F₁(a, b; c; z) = Σₙ (a)ₙ (b)ₙ / ((c)ₙ n!) zⁿ,   (a)ₙ = a (a + 1) … (a + n − 1).
 *
 * - 0 ≤ z ≤ ½: the series itself.
 * - z < 0: Pfaff's transformation ₂F₁(a, b; c; z) = (1 − z)^(−a) ₂F₁(a, c − b; c; z / (z − 1)) maps z
 *   into [0, 1), so the series never alternates (the form in a or in b is the one that terminates,
 *   when one does).
 * - ½ < z < 1 and c − a − b < 0: Euler's transformation
 *   ₂F₁(a, b; c; z) = (1 − z)^(c − a − b) ₂F₁(c − a, c − b; c; z) takes out the factor that grows
 *   without bound as z → 1; the remaining series has terms that decay like n^(a + b − c − 1) zⁿ.
 * - otherwise ½ < z < 1: the series, whose terms decay like n^(a + b − c − 1) zⁿ.
 *
 * The series stops when the next terms can no longer change the sum: once the term ratio has
 * settled below 1, the tail is bounded by |term| · ρ / (1 − ρ) and that bound is under 1e-16 of the
 * sum. Nothing silently becomes NaN: the result is a value or a reason — `domain` (z ≥ 1, a
 * non-finite argument, or c a non-positive integer), `notConverged` (more than `MAX_TERMS` terms),
 * `cancellation` (terms of both signs cancel so much that fewer than about 8 digits are left: the
 * cause of `lifetimes`' "log of a negative ₂F₁") or `overflow`.
 */

export type Hypergeometric2F1 =
  | { ok: true; value: number }
  | { ok: false; reason: 'domain' | 'notConverged' | 'cancellation' | 'overflow' };

/** Most terms summed before giving up (z = 0.9999 needs about 400,000). */
export const MAX_TERMS = 1_000_000;
const EPSILON = 1e-16;
/** Largest tolerated ratio of the sum of |terms| to |sum|: 1e8 loses 8 of the 16 digits. */
const MAX_CANCELLATION = 1e8;

function isNonPositiveInteger(value: number): boolean {
  return value <= 0 && Number.isInteger(value);
}

/** ₂F₁(a, b; c; z) for z < 1, or why it cannot be given. */
export function hypergeometric2F1(a: number, b: number, c: number, z: number): Hypergeometric2F1 {
  if (![a, b, c, z].every(Number.isFinite) || z >= 1 || isNonPositiveInteger(c)) {
    return { ok: false, reason: 'domain' };
  }
  if (z < 0) {
    // Pfaff, in the parameter that keeps a terminating series terminating.
    const w = z / (z - 1);
    const [kept, other] = isNonPositiveInteger(b) && !isNonPositiveInteger(a) ? [b, a] : [a, b];
    return scaled(series(kept, c - other, c, w), Math.pow(1 - z, -kept));
  }
  if (z > 0.5 && c - a - b < 0 && !isNonPositiveInteger(a) && !isNonPositiveInteger(b)) {
    return scaled(series(c - a, c - b, c, z), Math.pow(1 - z, c - a - b));
  }
  return series(a, b, c, z);
}

function scaled(result: Hypergeometric2F1, factor: number): Hypergeometric2F1 {
  if (!result.ok) return result;
  const value = result.value * factor;
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: 'overflow' };
}

/** The series at 0 ≤ z < 1 (a terminating one at any z). */
function series(a: number, b: number, c: number, z: number): Hypergeometric2F1 {
  let term = 1;
  let sum = 1;
  // Neumaier's compensation: the rounding lost by each addition, added back at the end.
  let lost = 0;
  let absoluteSum = 1;
  for (let n = 0; n < MAX_TERMS; n++) {
    const ratio = (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    term *= ratio;
    const next = sum + term;
    lost += Math.abs(sum) >= Math.abs(term) ? sum - next + term : term - next + sum;
    sum = next;
    absoluteSum += Math.abs(term);
    if (!Number.isFinite(sum) || !Number.isFinite(absoluteSum)) return { ok: false, reason: 'overflow' };
    if (term === 0) return settled(sum + lost, absoluteSum);
    // Past the largest term the ratios tend to z, from above (then the next ratio bounds the
    // later ones) or from below (then z does).
    const bound = Math.max(Math.abs((((a + n + 1) * (b + n + 1)) / ((c + n + 1) * (n + 2))) * z), z);
    if (bound < 1 && Math.abs(ratio) < 1 && n + 1 > Math.abs(a) + Math.abs(b) + Math.abs(c)) {
      const tail = (Math.abs(term) * bound) / (1 - bound);
      if (tail <= EPSILON * Math.abs(sum)) return settled(sum + lost, absoluteSum);
    }
  }
  return { ok: false, reason: 'notConverged' };
}

function settled(sum: number, absoluteSum: number): Hypergeometric2F1 {
  if (absoluteSum > MAX_CANCELLATION * Math.abs(sum)) return { ok: false, reason: 'cancellation' };
  return { ok: true, value: sum };
}
