import { describe, expect, it } from 'vitest';
import { bestMinimum, minimiseBfgs, type Objective } from '../../src/core/minimise';

/** Rosenbrock's valley, (1 − x)² + 100 (y − x²)², minimum 0 at (1, 1). */
const rosenbrock: Objective = ([x, y], gradient) => {
  gradient[0] = -2 * (1 - x) - 400 * x * (y - x * x);
  gradient[1] = 200 * (y - x * x);
  return (1 - x) ** 2 + 100 * (y - x * x) ** 2;
};

describe('BFGS minimisation', () => {
  it('gives up early, unconverged, on a run that drifts towards a bound without getting anywhere', () => {
    // Falls ever more slowly towards +∞ (as a degenerate fit drifts): no minimum to find.
    const drift: Objective = ([x], gradient) => {
      gradient[0] = -1e-3 / (1 + x * x);
      return 1e6 - 1e-3 * Math.atan(x);
    };
    const found = minimiseBfgs(drift, [0]);
    expect(found.converged).toBe(false);
    expect(found.iterations).toBeLessThan(200);
  });

  it('finds the bottom of Rosenbrock’s valley from the textbook start (−1.2, 1)', () => {
    const found = minimiseBfgs(rosenbrock, [-1.2, 1]);
    expect(found.converged).toBe(true);
    expect(found.x[0]).toBeCloseTo(1, 8);
    expect(found.x[1]).toBeCloseTo(1, 8);
    expect(found.value).toBeLessThan(1e-16);
    expect(found.iterations).toBeLessThan(100);
  });

  it('solves a quadratic in about as many iterations as dimensions', () => {
    const centre = [3, -2, 0.5, 7];
    const scales = [1, 10, 100, 0.1];
    const quadratic: Objective = (x, gradient) => {
      let value = 0;
      for (let i = 0; i < 4; i++) {
        gradient[i] = scales[i] * (x[i] - centre[i]);
        value += (scales[i] * (x[i] - centre[i]) ** 2) / 2;
      }
      return value;
    };
    const found = minimiseBfgs(quadratic, [0, 0, 0, 0], { gradientTolerance: 1e-10 });
    expect(found.converged).toBe(true);
    found.x.forEach((value, i) => expect(value).toBeCloseTo(centre[i], 9));
  });

  it('backs off from points where the objective is not finite, and never steps past them', () => {
    // ln-barrier: infinite for x ≤ 0, minimum at x = 1.
    const barrier: Objective = ([x], gradient) => {
      gradient[0] = 1 - 1 / x;
      return x > 0 ? x - Math.log(x) : Infinity;
    };
    const found = minimiseBfgs(barrier, [30]);
    expect(found.converged).toBe(true);
    expect(found.x[0]).toBeCloseTo(1, 9);
  });

  it('reports no convergence, not a NaN, when the start itself is not finite or the iterations run out', () => {
    const nowhere: Objective = (_x, gradient) => {
      gradient[0] = NaN;
      return NaN;
    };
    expect(minimiseBfgs(nowhere, [1])).toMatchObject({ converged: false, iterations: 0 });
    expect(minimiseBfgs(rosenbrock, [-1.2, 1], { maxIterations: 3 }).converged).toBe(false);
  });

  it('bestMinimum tries the starts in turn (as logarithms) and polishes the best', () => {
    // Minimum of (ln u − ln 5)² at u = 5, searched over t = ln u.
    const logSquare: Objective = ([t], gradient) => {
      gradient[0] = 2 * (t - Math.log(5));
      return (t - Math.log(5)) ** 2;
    };
    const found = bestMinimum(logSquare, [[1], [100]], 1e-12);
    expect(found.converged).toBe(true);
    expect(Math.exp(found.x[0])).toBeCloseTo(5, 10);
  });
});
