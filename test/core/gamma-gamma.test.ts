import { describe, expect, it } from 'vitest';
import { MIN_REPEAT_CUSTOMERS } from '../../src/core/clv-reasons';
import {
  expectedSpend,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  spendHistories,
  type GammaGammaParameters,
} from '../../src/core/gamma-gamma';
import { summaryOf } from './clv-fixtures';

/** Hardie's note 025 on CDNOW, as `lifetimes`' tests write it. */
const PUBLISHED: GammaGammaParameters = { p: 6.25, q: 3.74, gamma: 15.44 };

describe('Gamma-Gamma spend model (Fader, Hardie & Lee 2005; Hardie’s note 025)', () => {
  it('E[M | x, m̄] = p (γ + m̄x) / (px + q − 1), in thousandths; a one-time buyer gets p γ / (q − 1)', () => {
    // x = 2, m̄ = 22.345 dollars (CDNOW's customer 1): 6.25 × (15.44 + 44.69) / 15.24.
    expect(expectedSpend(PUBLISHED, 2, 44_690)).toBeCloseTo(((6.25 * (15.44 + 44.69)) / 15.24) * 1000, 6);
    expect(expectedSpend(PUBLISHED, 0, 0)).toBeCloseTo(((6.25 * 15.44) / 2.74) * 1000, 6);
  });

  it('a mean repeat spend of zero or less (refunds) counts as zero: below the population mean', () => {
    expect(expectedSpend(PUBLISHED, 2, -5_000)).toBe(expectedSpend(PUBLISHED, 2, 0));
    expect(expectedSpend(PUBLISHED, 2, 0)).toBeLessThan(expectedSpend(PUBLISHED, 0, 0));
  });

  it('the likelihood of m̄ is a density: it integrates to 1 over m̄ for each x', () => {
    for (const x of [1, 3, 10]) {
      let integral = 0;
      // Trapezoids on a log scale from 1e-4 to 1e5 dollars: ∫ f(m) dm = ∫ f(m) m d(ln m).
      const steps = 4000;
      const [low, high] = [Math.log(1e-4), Math.log(1e5)];
      const step = (high - low) / steps;
      for (let k = 0; k <= steps; k++) {
        const mean = Math.exp(low + k * step);
        const histories = spendHistories(summaryOf([[x, 7, 70, mean * 1000 * x]]));
        const density = Math.exp(gammaGammaLogLikelihood(PUBLISHED, histories));
        integral += (k === 0 || k === steps ? 0.5 : 1) * density * mean * step;
      }
      expect(integral).toBeCloseTo(1, 6);
    }
  });

  it('learns only from repeat customers with a positive repeat spend, grouped by (x, repeat spend)', () => {
    const histories = spendHistories(
      summaryOf([
        [0, 0, 70, 0],
        [2, 14, 70, 30_000],
        [2, 21, 70, 30_000],
        [1, 7, 70, 0],
        [1, 7, 70, -4_000],
        [3, 28, 70, 30_000],
      ]),
    );
    expect(histories.customers).toBe(3);
    expect(histories.groups.count).toBe(2);
    expect(Array.from(histories.meanSpend)).toEqual([15, 10]);
    expect(Array.from(histories.groups.groupOf)).toEqual([-1, 0, 0, -1, -1, 1]);
  });

  it(`is not trusted with fewer than ${MIN_REPEAT_CUSTOMERS} customers with a positive repeat spend`, () => {
    const few = Array.from(
      { length: MIN_REPEAT_CUSTOMERS - 1 },
      (_, i) => [1 + (i % 3), 10, 70, 10_000 + i * 1_000] as const,
    );
    expect(fitGammaGamma(spendHistories(summaryOf(few)))).toEqual({
      trusted: false,
      reason: 'tooFewSpendCustomers',
      customers: MIN_REPEAT_CUSTOMERS - 1,
    });
  });

  it('is not trusted when every basket is the same (no spread to learn: a limit case)', () => {
    const same = Array.from(
      { length: 100 },
      (_, i) => [1 + (i % 4), 10, 70, 20_000 * (1 + (i % 4))] as const,
    );
    const fit = fitGammaGamma(spendHistories(summaryOf(same)));
    expect(fit.trusted).toBe(false);
    if (!fit.trusted) expect(['degenerateFit', 'noConvergence']).toContain(fit.reason);
  });

  it('is not trusted when baskets are so spread that the mean basket is infinite (q ≤ 1)', () => {
    // One-repeat-day customers whose baskets span nine orders of magnitude.
    const wild = Array.from({ length: 200 }, (_, i) => [1, 10, 70, Math.round(10 ** (i / 22)) * 10] as const);
    const fit = fitGammaGamma(spendHistories(summaryOf(wild)));
    expect(fit).toMatchObject({ trusted: false, reason: 'infiniteMeanSpend' });
  });
});
