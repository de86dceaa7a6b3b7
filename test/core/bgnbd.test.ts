import { describe, expect, it } from 'vitest';
import {
  bgNbdHistories,
  bgNbdLogLikelihood,
  expectedPurchases,
  fitBgNbd,
  probabilityAlive,
  probabilityOfPurchases,
  type BgNbdParameters,
} from '../../src/core/bgnbd';
import { MIN_REPEAT_CUSTOMERS } from '../../src/core/clv-reasons';
import { logGamma } from '../../src/core/log-gamma';
import { summaryOf } from './clv-fixtures';

/** BTYD's vignette estimate on CDNOW (BTYD-walkthrough, §4.2). */
const BTYD: BgNbdParameters = { r: 0.2425982, alpha: 4.4136842, a: 0.7929899, b: 2.4261667 };
/** The same, rounded as in BTYD's `bgnbd.pmf` examples and `lifetimes`' tests. */
const ROUNDED: BgNbdParameters = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

/** |actual / expected − 1| ≤ tolerance. */
function expectRelative(actual: number | null, expected: number, tolerance: number): void {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! / expected - 1)).toBeLessThanOrEqual(tolerance);
}

// BTYD prints its estimate to 7 digits, which moves its printed predictions by up to 3e-6: they
// are matched to 1e-5, and the same formula evaluated by mpmath 1.3.0 (40 digits, hyp2f1) at
// those 7-digit parameters to 1e-12.
describe('BG/NBD predictions (Fader, Hardie & Lee 2005), in weeks, against BTYD’s vignette and mpmath', () => {
  it('E[X(52)] for a new customer is 1.444004 (bgnbd.Expectation)', () => {
    expectRelative(expectedPurchases(BTYD, 52, 0, 0, 0), 1.444004, 1e-5);
    expectRelative(expectedPurchases(BTYD, 52, 0, 0, 0), 1.4440048010359272, 1e-12);
  });

  it('customer 1516 (x 26, t_x 30.857, T 31): E[X(52)] 25.75659 and P(alive) 0.9688523', () => {
    expectRelative(expectedPurchases(BTYD, 52, 26, 30.85714, 31), 25.75659, 1e-5);
    expectRelative(expectedPurchases(BTYD, 52, 26, 30.85714, 31), 25.756536041055003, 1e-12);
    expectRelative(probabilityAlive(BTYD, 26, 30.85714, 31), 0.9688523, 1e-6);
  });

  it('the increasing-frequency paradox: x 10, 15, 20, 25 at t_x 20, T 39 expect 0.3474606 … 0.0003583685', () => {
    const btyd = [0.3474606, 0.04283391, 0.004158973, 0.0003583685];
    const mpmath = [0.34746024562624406, 0.04283395419533952, 0.004158985738114368, 0.00035837044012641464];
    [10, 15, 20, 25].forEach((x, i) => {
      expectRelative(expectedPurchases(BTYD, 52, x, 20, 39), btyd[i], 1e-5);
      expectRelative(expectedPurchases(BTYD, 52, x, 20, 39), mpmath[i], 1e-12);
    });
  });

  it('P(X(39) = 0) for a new customer is 0.5737864 and P(X(2) = 10) 1.07869e-7 (bgnbd.pmf, BTYD’s 3-decimal parameters)', () => {
    expect(Math.abs(probabilityOfPurchases(ROUNDED, 39, 0) - 0.5737864)).toBeLessThan(1e-6);
    // The figure belongs to BTYD's 3-decimal parameters: the paper's 4-decimal ones give 0.5743028
    // ((4.4137 / 43.4137)^0.2426).
    const paper = { r: 0.2426, alpha: 4.4137, a: 0.793, b: 2.4262 };
    expect(Math.abs(probabilityOfPurchases(paper, 39, 0) - 0.5743028)).toBeLessThan(1e-6);
    expect(probabilityOfPurchases(ROUNDED, 2, 10) / 1.07869e-7).toBeCloseTo(1, 5);
  });

  it('P(X(30) = n) for n = 11 … 20 matches lifetimes’ test values (to 1e-9)', () => {
    const expected = [
      0.0019995214, 0.0015170236, 0.001163315, 0.0009003148, 0.0007023638, 0.0005517902, 0.0004361913,
      0.0003467171, 0.0002769613, 0.000222226,
    ];
    expected.forEach((value, i) =>
      expect(Math.abs(probabilityOfPurchases(ROUNDED, 30, 11 + i) - value)).toBeLessThan(1e-9),
    );
    let total = 0;
    for (let n = 0; n < 400; n++) total += probabilityOfPurchases(ROUNDED, 30, n);
    expect(total).toBeCloseTo(1, 4);
  });

  it('P(alive) is 1 without a repeat purchase, falls with silence, and tends to 0 (never NaN) for huge x', () => {
    expect(probabilityAlive(BTYD, 0, 0, 38)).toBe(1);
    expect(probabilityAlive(BTYD, 3, 30, 38)).toBeGreaterThan(probabilityAlive(BTYD, 3, 10, 38));
    const huge = probabilityAlive(BTYD, 100_000, 1, 10_000);
    expect(huge).toBe(0);
    const hugeExpectation = expectedPurchases(BTYD, 52, 100_000, 1, 10_000);
    expect(hugeExpectation).toBe(0);
    // Still buying at 10 a week: about 520 in 52 weeks (mpmath: 518.6998948894752).
    expectRelative(expectedPurchases(BTYD, 52, 100_000, 10_000, 10_000), 518.6998948894752, 1e-12);
  });

  it('a = 1 is a removable singularity: the expectation is continuous through it', () => {
    const near = (a: number) => expectedPurchases({ ...BTYD, a }, 52, 2, 30.43, 38.86)!;
    expect(near(1)).toBeGreaterThan(0);
    expect(Math.abs(near(1) - (near(1 - 1e-4) + near(1 + 1e-4)) / 2)).toBeLessThan(1e-8);
  });

  it('nothing to predict over no time', () => {
    expect(expectedPurchases(BTYD, 0, 2, 30, 38)).toBe(0);
  });
});

describe('BG/NBD likelihood and fit', () => {
  it('the overflow-free likelihood (Hardie’s note 027) equals the paper’s form (6)', () => {
    const { r, alpha, a, b } = { r: 0.5, alpha: 6, a: 1.2, b: 3.3 };
    const lnBeta = (p: number, q: number) => logGamma(p) + logGamma(q) - logGamma(p + q);
    const paper = (x: number, tx: number, T: number) => {
      const A1 = logGamma(r + x) + r * Math.log(alpha) - logGamma(r);
      const A2 = lnBeta(a, b + x) - lnBeta(a, b);
      const A3 = -(r + x) * Math.log(alpha + T);
      const A4 = x > 0 ? lnBeta(a + 1, b + x - 1) - lnBeta(a, b) - (r + x) * Math.log(alpha + tx) : -Infinity;
      return A1 + Math.log(Math.exp(A2 + A3) + Math.exp(A4));
    };
    // t_x and T in days: 28, 42 days are 4 and 6 weeks.
    const histories = bgNbdHistories(
      summaryOf([
        [3, 28, 42],
        [0, 0, 42],
        [1, 7, 14],
      ]),
    );
    const expected = paper(3, 4, 6) + paper(0, 0, 6) + paper(1, 1, 2);
    expect(bgNbdLogLikelihood({ r, alpha, a, b }, histories)).toBeCloseTo(expected, 12);
  });

  it('groups customers with the same (x, t_x, T): the likelihood is weighted, not recomputed', () => {
    const histories = bgNbdHistories(
      summaryOf([
        [3, 28, 42],
        [0, 0, 42],
        [3, 28, 42],
        [0, 0, 42],
        [0, 0, 42],
      ]),
    );
    expect(histories.groups.count).toBe(2);
    expect(Array.from(histories.groups.weight)).toEqual([2, 3]);
    expect(Array.from(histories.groups.groupOf)).toEqual([0, 1, 0, 1, 1]);
    expect(histories.repeatCustomers).toBe(2);
  });

  it(`is not trusted with fewer than ${MIN_REPEAT_CUSTOMERS} repeat customers`, () => {
    const few = Array.from({ length: 200 }, (_, i) =>
      i < MIN_REPEAT_CUSTOMERS - 1 ? ([2, 50, 200] as const) : ([0, 0, 200] as const),
    );
    expect(fitBgNbd(bgNbdHistories(summaryOf(few)))).toEqual({
      trusted: false,
      reason: 'tooFewRepeatCustomers',
      customers: 200,
      repeatCustomers: MIN_REPEAT_CUSTOMERS - 1,
    });
  });

  it('is not trusted when nobody ever stops buying (the drop-out runs to a limit case)', () => {
    // Everyone buys every week up to the analysis date: no sign of drop-out, no spread of rates.
    const steady = Array.from({ length: 300 }, (_, i) => {
      const weeks = 20 + (i % 30);
      return [weeks, weeks * 7, weeks * 7] as const;
    });
    const fit = fitBgNbd(bgNbdHistories(summaryOf(steady)));
    expect(fit.trusted).toBe(false);
    if (!fit.trusted) expect(['degenerateFit', 'noConvergence']).toContain(fit.reason);
  });
});
