/**
 * Unconstrained minimisation of a smooth function with a known gradient: the quasi-Newton method of
 * Broyden, Fletcher, Goldfarb and Shanno (BFGS, Nocedal & Wright, *Numerical Optimization*,
 * algorithm 6.1) with a backtracking (Armijo) line search. The model fits (see src/core/README.md,
 * "Predicted value") minimise a mean negative log-likelihood over log-parameters with it: a few
 * dozen gradient evaluations where Nelder–Mead needs hundreds, which is what makes 330,000
 * customers cheap.
 *
 * A point where the objective is not finite (NaN or ±Infinity) is treated as infeasible: the line
 * search backs off from it, and a start there fails at once. A step never moves a coordinate by
 * more than `MAX_STEP`, so that exponentiated parameters cannot overflow on one bad step.
 */

/** The objective at x; it writes its gradient at x into `gradient`. */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

export interface MinimiseOptions {
  /** Largest number of iterations (default 500). */
  maxIterations?: number;
  /** Converged when every gradient component is at most this in absolute value (default 1e-9). */
  gradientTolerance?: number;
}

export interface Minimum {
  x: Float64Array;
  value: number;
  /** Largest absolute gradient component at x. */
  gradientNorm: number;
  iterations: number;
  /** Objective evaluations, line search included. */
  evaluations: number;
  /** The gradient fell below the tolerance. */
  converged: boolean;
}

/**
 * Model parameters are searched within [1e-8, 1e8]: the fits' objectives are infinite outside, so
 * a search that runs to a limit case (a spread that vanishes, a mean that runs away) stops at the
 * wall instead of wandering for its whole budget of iterations.
 */
export const PARAMETER_BOUND = 1e8;

/** A parameter value the fits may evaluate. */
export function withinBounds(value: number): boolean {
  return value >= 1 / PARAMETER_BOUND && value <= PARAMETER_BOUND;
}

/** A fitted value clearly inside the bounds (a hundredth of the way in, on a log scale): not a limit case. */
export function awayFromBounds(value: number): boolean {
  return Math.abs(Math.log(value)) < 0.99 * Math.log(PARAMETER_BOUND);
}

/** The objective at natural parameter values (searched as their logarithms), its gradient dropped. */
export function objectiveAt(objective: Objective, values: readonly number[]): number {
  return objective(Float64Array.from(values, Math.log), new Float64Array(values.length));
}

/** Largest change of one coordinate in one step. */
export const MAX_STEP = 2;
const ARMIJO = 1e-4;
const MAX_BACKTRACKS = 60;
/** Relative rounding of a sum of a few thousand terms. */
const ROUNDING = 1e-13;
/**
 * A run whose value has not dropped by more than STALL_DROP (relative) over this many iterations
 * is going nowhere (drifting along a ridge towards a bound, as a degenerate fit does): it stops,
 * unconverged, instead of spending its whole budget.
 */
const STALL_ITERATIONS = 40;
const STALL_DROP = 1e-9;

function maxAbs(values: Float64Array): number {
  let largest = 0;
  for (const value of values) largest = Math.max(largest, Math.abs(value));
  return largest;
}

/** A minimum of `objective` found from `start` (a local one: the fits try several starts). */
export function minimiseBfgs(
  objective: Objective,
  start: ArrayLike<number>,
  options: MinimiseOptions = {},
): Minimum {
  const maxIterations = options.maxIterations ?? 500;
  const tolerance = options.gradientTolerance ?? 1e-9;
  const n = start.length;
  let x = Float64Array.from(start);
  let gradient = new Float64Array(n);
  let value = objective(x, gradient);
  let evaluations = 1;
  const result = (iterations: number, converged: boolean): Minimum => ({
    x,
    value,
    gradientNorm: maxAbs(gradient),
    iterations,
    evaluations,
    converged,
  });
  if (!Number.isFinite(value) || !gradient.every(Number.isFinite)) return result(0, false);

  // Inverse Hessian approximation, row-major; the identity until the first step scales it.
  const inverse = new Float64Array(n * n);
  const resetInverse = (scale: number) => {
    inverse.fill(0);
    for (let i = 0; i < n; i++) inverse[i * n + i] = scale;
  };
  resetInverse(1);
  const direction = new Float64Array(n);
  let nextX = new Float64Array(n);
  let nextGradient = new Float64Array(n);
  const step = new Float64Array(n);
  const change = new Float64Array(n);
  const inverseChange = new Float64Array(n);
  let first = true;

  let stallStart = value;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (maxAbs(gradient) <= tolerance) return result(iteration, true);
    if (iteration > 0 && iteration % STALL_ITERATIONS === 0) {
      if (stallStart - value <= STALL_DROP * Math.abs(value)) return result(iteration, false);
      stallStart = value;
    }
    let slope = 0;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j < n; j++) sum -= inverse[i * n + j] * gradient[j];
      direction[i] = sum;
      slope += sum * gradient[i];
    }
    if (!(slope < 0)) {
      // Not a descent direction (the approximation went bad): start again from steepest descent.
      resetInverse(1);
      slope = 0;
      for (let i = 0; i < n; i++) {
        direction[i] = -gradient[i];
        slope -= gradient[i] * gradient[i];
      }
    }
    let length = Math.min(1, MAX_STEP / maxAbs(direction));
    let nextValue = NaN;
    let backtracks = 0;
    for (; backtracks < MAX_BACKTRACKS; backtracks++) {
      for (let i = 0; i < n; i++) nextX[i] = x[i] + length * direction[i];
      nextValue = objective(nextX, nextGradient);
      evaluations++;
      if (!Number.isFinite(nextValue) || !nextGradient.every(Number.isFinite)) {
        length /= 2;
        continue;
      }
      if (nextValue <= value + ARMIJO * length * slope) break;
      // Near the minimum the decrease falls below the rounding of the value itself: a step that
      // keeps the value within rounding and shrinks the gradient is taken.
      if (nextValue - value <= ROUNDING * Math.abs(value) && maxAbs(nextGradient) < maxAbs(gradient)) break;
      length /= 2;
    }
    if (backtracks === MAX_BACKTRACKS) return result(iteration, maxAbs(gradient) <= tolerance);

    let curvature = 0;
    let changeSquare = 0;
    for (let i = 0; i < n; i++) {
      step[i] = nextX[i] - x[i];
      change[i] = nextGradient[i] - gradient[i];
      curvature += step[i] * change[i];
      changeSquare += change[i] * change[i];
    }
    [x, nextX] = [nextX, x];
    [gradient, nextGradient] = [nextGradient, gradient];
    value = nextValue;
    // The BFGS update keeps the approximation positive definite only when the curvature is positive.
    if (curvature > 1e-300 * changeSquare && curvature > 0) {
      if (first) {
        resetInverse(curvature / changeSquare);
        first = false;
      }
      let quadratic = 0;
      for (let i = 0; i < n; i++) {
        let sum = 0;
        for (let j = 0; j < n; j++) sum += inverse[i * n + j] * change[j];
        inverseChange[i] = sum;
        quadratic += change[i] * sum;
      }
      const rho = 1 / curvature;
      const factor = (1 + rho * quadratic) * rho;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          inverse[i * n + j] +=
            factor * step[i] * step[j] - rho * (inverseChange[i] * step[j] + step[i] * inverseChange[j]);
        }
      }
    }
  }
  return result(maxIterations, maxAbs(gradient) <= tolerance);
}

/**
 * The lowest minimum found from a list of starts (natural values, searched as logarithms): the
 * starts are tried in turn until one converges, then the best point found is polished by a fresh
 * run from it (the quasi-Newton approximation restarted). `iterations` counts all the runs.
 */
export function bestMinimum(
  objective: Objective,
  starts: readonly (readonly number[])[],
  gradientTolerance: number,
): Minimum {
  let best: Minimum | null = null;
  let iterations = 0;
  let evaluations = 0;
  for (const start of starts) {
    const found = minimiseBfgs(objective, start.map(Math.log), { gradientTolerance });
    iterations += found.iterations;
    evaluations += found.evaluations;
    if (Number.isFinite(found.value) && (best === null || found.value < best.value)) best = found;
    if (found.converged) break;
  }
  if (best === null) {
    const x = Float64Array.from(starts[0], Math.log);
    return { x, value: Infinity, gradientNorm: Infinity, iterations, evaluations, converged: false };
  }
  const polished = minimiseBfgs(objective, best.x, { gradientTolerance });
  iterations += polished.iterations;
  evaluations += polished.evaluations;
  const chosen = polished.value <= best.value ? polished : best;
  return { ...chosen, iterations, evaluations };
}
