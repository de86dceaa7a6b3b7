import { describe, expect, it } from 'vitest';
import { digamma } from '../../src/core/digamma';
import { hypergeometric2F1 } from '../../src/core/hypergeometric';
import { logGamma } from '../../src/core/log-gamma';

const EULER_GAMMA = 0.5772156649015329;

/** |actual − expected| ≤ tolerance × max(1, |expected|). */
function expectClose(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected)));
}

function valueOf(result: ReturnType<typeof hypergeometric2F1>): number {
  if (!result.ok) throw new Error(`2F1 failed: ${result.reason}`);
  return result.value;
}

describe('log-gamma: ln Γ(x) to 1e-14 × max(1, |ln Γ|)', () => {
  it('ln Γ(n) = ln (n − 1)! for n = 1 … 60', () => {
    let logFactorial = 0;
    for (let n = 1; n <= 60; n++) {
      expectClose(logGamma(n), logFactorial, 1e-14);
      logFactorial += Math.log(n);
    }
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-15);
    expect(Math.abs(logGamma(2))).toBeLessThan(1e-15);
  });

  it('Γ(n + ½) = (2n)! √π / (4ⁿ n!) for n = 0 … 40', () => {
    for (let n = 0; n <= 40; n++) {
      let logValue = 0.5 * Math.log(Math.PI) - n * Math.log(4);
      for (let k = n + 1; k <= 2 * n; k++) logValue += Math.log(k);
      expectClose(logGamma(n + 0.5), logValue, 1e-14);
    }
  });

  it('near 0, ln Γ(x) = −ln x − γx + O(x²); far out, Stirling’s series', () => {
    expectClose(logGamma(1e-10), -Math.log(1e-10) - EULER_GAMMA * 1e-10, 1e-15);
    for (const x of [1e4, 1e6, 1e9]) {
      const stirling =
        (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3);
      expectClose(logGamma(x), stirling, 1e-14);
    }
    // mpmath 1.3.0 (30 digits, rounded to doubles): loggamma(0.1), loggamma(2.5), loggamma(1.5)
    expectClose(logGamma(0.1), 2.252712651734206, 1e-14);
    expectClose(logGamma(2.5), 0.2846828704729192, 1e-14);
    expectClose(logGamma(1.5), -0.12078223763524522, 1e-14);
  });

  it('ln Γ(x + 1) − ln Γ(x) = ln x across eight decades (to the precision of ln Γ itself)', () => {
    for (let x = 1e-3; x < 1e5; x *= 1.37) {
      const difference = logGamma(x + 1) - logGamma(x);
      expect(Math.abs(difference - Math.log(x))).toBeLessThanOrEqual(
        1e-14 * Math.max(1, Math.abs(logGamma(x + 1))),
      );
    }
  });

  it('is Infinity at 0 and NaN only for a negative or NaN argument', () => {
    expect(logGamma(0)).toBe(Infinity);
    expect(logGamma(Infinity)).toBe(Infinity);
    expect(logGamma(-1)).toBeNaN();
    expect(logGamma(NaN)).toBeNaN();
  });
});

describe('digamma: ψ(x) = d ln Γ(x) / dx', () => {
  it('ψ(n) = −γ + Σₖ₌₁ⁿ⁻¹ 1/k and ψ(½) = −γ − 2 ln 2', () => {
    let harmonic = 0;
    for (let n = 1; n <= 50; n++) {
      expectClose(digamma(n), -EULER_GAMMA + harmonic, 1e-14);
      harmonic += 1 / n;
    }
    expectClose(digamma(0.5), -EULER_GAMMA - 2 * Math.LN2, 1e-14);
  });

  it('matches mpmath at 0.1 and 1e-8, and vanishes at its root 1.4616…', () => {
    expectClose(digamma(0.1), -10.423754940411078, 1e-14);
    expectClose(digamma(1e-8), -100000000.57721564, 1e-14);
    expect(Math.abs(digamma(1.4616321449683622))).toBeLessThan(1e-15);
  });

  it('ψ(x + 1) − ψ(x) = 1/x, and ψ is the slope of ln Γ', () => {
    for (let x = 1e-3; x < 1e5; x *= 1.37) expectClose(digamma(x + 1) - digamma(x), 1 / x, 1e-12);
    for (const x of [0.3, 2.7, 45]) {
      const h = 1e-5;
      expectClose((logGamma(x + h) - logGamma(x - h)) / (2 * h), digamma(x), 1e-8);
    }
  });
});

describe('hypergeometric 2F1(a, b; c; z) for z < 1', () => {
  const zs = [-50, -5, -0.9, -0.3, 0, 0.1, 0.5, 0.75, 0.9, 0.99, 0.999];

  it('2F1(1, 1; 2; z) = −ln(1 − z) / z (series, Pfaff for z < 0)', () => {
    for (const z of zs)
      expectClose(valueOf(hypergeometric2F1(1, 1, 2, z)), z === 0 ? 1 : -Math.log1p(-z) / z, 1e-14);
  });

  it('2F1(a, b; b; z) = (1 − z)^(−a) (Euler’s transformation near 1, where c − a − b < 0)', () => {
    for (const z of zs) expectClose(valueOf(hypergeometric2F1(0.3, 2.5, 2.5, z)), (1 - z) ** -0.3, 1e-14);
    for (const z of zs) expectClose(valueOf(hypergeometric2F1(7.25, 1.5, 1.5, z)), (1 - z) ** -7.25, 1e-13);
  });

  it('2F1(½, 1; 3/2; −x²) = arctan(x) / x and 2F1(½, ½; 3/2; x²) = arcsin(x) / x', () => {
    for (const x of [0.2, 1, 3, 30])
      expectClose(valueOf(hypergeometric2F1(0.5, 1, 1.5, -x * x)), Math.atan(x) / x, 1e-14);
    for (const x of [0.2, 0.7, 0.95, 0.999]) {
      expectClose(valueOf(hypergeometric2F1(0.5, 0.5, 1.5, x * x)), Math.asin(x) / x, 1e-13);
    }
  });

  it('matches mpmath 1.3.0 (30 digits, rounded to doubles), negative values included', () => {
    expectClose(valueOf(hypergeometric2F1(3, 2.5, 1.2, 0.95)), 1159457.8490990214, 1e-13);
    expectClose(valueOf(hypergeometric2F1(0.3, 0.7, 1.5, -20)), 0.558969965651195, 1e-14);
    expectClose(valueOf(hypergeometric2F1(2.5, -1.5, 0.5, 0.7)), -1.2415044636783767, 1e-14);
  });

  it('a terminating series is the polynomial, at any z < 1', () => {
    const [b, c, z] = [2.5, 1.5, -2];
    const polynomial =
      1 -
      (3 * b * z) / c +
      (3 * b * (b + 1) * z ** 2) / (c * (c + 1)) -
      (b * (b + 1) * (b + 2) * z ** 3) / (c * (c + 1) * (c + 2));
    expectClose(valueOf(hypergeometric2F1(-3, b, c, z)), polynomial, 1e-14);
    expectClose(valueOf(hypergeometric2F1(b, -3, c, z)), polynomial, 1e-14);
  });

  it('says why instead of a NaN: domain, cancellation, no convergence, overflow', () => {
    expect(hypergeometric2F1(1, 1, 2, 1)).toEqual({ ok: false, reason: 'domain' });
    expect(hypergeometric2F1(1, 1, -2, 0.5)).toEqual({ ok: false, reason: 'domain' });
    expect(hypergeometric2F1(NaN, 1, 2, 0.5)).toEqual({ ok: false, reason: 'domain' });
    // (1 − 0.999)^20.5 ≈ 1e-61.5 as a sum of alternating terms near 1e6: no digit survives.
    expect(hypergeometric2F1(-20.5, 1, 1, 0.999)).toEqual({ ok: false, reason: 'cancellation' });
    expect(hypergeometric2F1(1, 1, 2, 1 - 1e-9)).toEqual({ ok: false, reason: 'notConverged' });
    // (1 − 0.9)^(1 − 400) = 1e399.
    expect(hypergeometric2F1(200, 200, 1, 0.9)).toEqual({ ok: false, reason: 'overflow' });
  });
});
