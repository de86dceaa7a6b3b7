import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedPurchases, fitBgNbd, bgNbdHistories } from '../../src/core/bgnbd';
import {
  AT_RISK_BELOW,
  clvProblemText,
  DEFAULT_MONTHS,
  predictCustomerValue,
  predictedValueBySegment,
} from '../../src/core/clv';
import { clvReasonMessage, type ClvReason } from '../../src/core/clv-reasons';
import { DAYS_PER_MONTH, weeksOfDays, weeksOfMonths } from '../../src/core/clv-time';
import { simulatedSummary, summaryOf } from './clv-fixtures';

/** A shop whose histories follow the models, with CDNOW-like parameters. */
const SHOP = { r: 0.5, alpha: 8, a: 0.8, b: 2.5, p: 6, q: 4, gamma: 15 };

function shop() {
  return simulatedSummary(1500, SHOP, 7);
}

describe('predicted value over H months (src/core/README.md, "Predicted value")', () => {
  it('a horizon in months is H × 365.25 / 12 / 7 weeks: 12 months are 52.18 weeks, never 12 weeks or 12 days', () => {
    expect(DEFAULT_MONTHS).toBe(12);
    expect(DAYS_PER_MONTH).toBe(30.4375);
    expect(weeksOfMonths(12)).toBeCloseTo(52.178571, 6);
    expect(weeksOfDays(7)).toBe(1);
  });

  it('value = expected purchase days over H months × expected spend per day, per customer', () => {
    const prediction = predictCustomerValue(shop());
    expect(prediction.problem).toBeNull();
    expect(prediction.purchases?.trusted).toBe(true);
    if (!prediction.purchases?.trusted) return;
    const summary = prediction.summary;
    for (const i of [0, 1, 7, 55]) {
      const expected = expectedPurchases(
        prediction.purchases.parameters,
        weeksOfMonths(12),
        summary.repeatDays[i],
        weeksOfDays(summary.lastPurchase[i] - summary.firstPurchase[i]),
        weeksOfDays(summary.asOfDay - summary.firstPurchase[i]),
      )!;
      expect(prediction.expectedPurchases![i]).toBeCloseTo(expected, 12);
      expect(prediction.predictedValue![i]).toBeCloseTo(expected * prediction.expectedSpend![i], 9);
    }
  });

  it('a monthly discount rate discounts month k by (1 + d)^k; 0 leaves the value as it is', () => {
    const summary = shop();
    const plain = predictCustomerValue(summary, { months: 6 });
    const discounted = predictCustomerValue(summary, { months: 6, monthlyDiscountRate: 0.05 });
    if (!plain.purchases?.trusted) throw new Error('fit expected');
    const { parameters } = plain.purchases;
    const i = 1;
    const history = [
      summary.repeatDays[i],
      weeksOfDays(summary.lastPurchase[i] - summary.firstPurchase[i]),
      weeksOfDays(summary.asOfDay - summary.firstPurchase[i]),
    ] as const;
    let manual = 0;
    for (let k = 1; k <= 6; k++) {
      const gained =
        expectedPurchases(parameters, weeksOfMonths(k), ...history)! -
        expectedPurchases(parameters, weeksOfMonths(k - 1), ...history)!;
      manual += gained / 1.05 ** k;
    }
    expect(discounted.predictedValue![i]).toBeCloseTo(manual * discounted.expectedSpend![i], 8);
    expect(discounted.predictedValue![i]).toBeLessThan(plain.predictedValue![i]);
    expect(discounted.expectedPurchases![i]).toBe(plain.expectedPurchases![i]);
  });

  it('bad options say so and predict nothing', () => {
    for (const months of [0, -3, NaN, Infinity, 1201]) {
      expect(predictCustomerValue(shop(), { months })).toMatchObject({
        problem: 'badHorizon',
        predictedValue: null,
      });
    }
    expect(predictCustomerValue(shop(), { monthlyDiscountRate: -0.01 })).toMatchObject({
      problem: 'badDiscountRate',
      probabilityAlive: null,
    });
  });

  it('an untrusted purchase model leaves P(alive), purchases and value empty, with its reason', () => {
    const oneTimers = summaryOf(Array.from({ length: 50 }, (_, i) => [0, 0, 30 + i, 0] as const));
    const prediction = predictCustomerValue(oneTimers);
    expect(prediction.problem).toBe('tooFewRepeatCustomers');
    expect(prediction.probabilityAlive).toBeNull();
    expect(prediction.expectedPurchases).toBeNull();
    expect(prediction.predictedValue).toBeNull();
  });

  it('per segment: the predicted value of its customers, and of those with P(alive) < 50 % (revenue at risk)', () => {
    const prediction = predictCustomerValue(shop());
    const segment = Uint16Array.from({ length: prediction.summary.count }, (_, i) => i % 3);
    const sums = predictedValueBySegment(prediction, segment, 3)!;
    expect(AT_RISK_BELOW).toBe(0.5);
    for (let s = 0; s < 3; s++) {
      let value = 0;
      let risk = 0;
      for (let i = s; i < prediction.summary.count; i += 3) {
        value += prediction.predictedValue![i];
        if (prediction.probabilityAlive![i] < 0.5) risk += prediction.predictedValue![i];
      }
      expect(sums.predicted[s]).toBeCloseTo(value, 6);
      expect(sums.atRisk[s]).toBeCloseTo(risk, 6);
      expect(sums.atRisk[s]).toBeGreaterThan(0);
      expect(sums.atRisk[s]).toBeLessThan(sums.predicted[s]);
    }
    const oneTimers = summaryOf(Array.from({ length: 50 }, (_, i) => [0, 0, 30 + i, 0] as const));
    expect(predictedValueBySegment(predictCustomerValue(oneTimers), new Uint16Array(50), 1)).toBeNull();
  });

  it('the missing predictions are said in words with the count of the model that gave up; none when all are there', () => {
    const oneTimers = summaryOf(Array.from({ length: 50 }, (_, i) => [0, 0, 30 + i, 0] as const));
    expect(clvProblemText(predictCustomerValue(oneTimers), 'fr')).toBe(
      clvReasonMessage('tooFewRepeatCustomers', 'fr', { count: 0 }),
    );
    expect(clvProblemText(predictCustomerValue(oneTimers), 'en')).toContain('only 0 customers');
    expect(clvProblemText(predictCustomerValue(shop()), 'en')).toBeNull();
  });

  it('any history gives numbers in range or a reason: never a NaN, never a throw', () => {
    const history = fc
      .tuple(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
      )
      .chain(([x, a, b]) =>
        fc.tuple(
          fc.constant(x),
          fc.constant(x === 0 ? 0 : Math.min(a, b)),
          fc.constant(Math.max(a, b)),
          fc.integer({ min: -50_000, max: 5_000_000 }),
        ),
      );
    fc.assert(
      fc.property(
        fc.array(history, { maxLength: 150 }),
        fc.double({ min: 0.5, max: 60, noNaN: true }),
        (rows, months) => {
          const prediction = predictCustomerValue(summaryOf(rows), { months, monthlyDiscountRate: 0.01 });
          const arrays = [
            prediction.probabilityAlive,
            prediction.expectedPurchases,
            prediction.expectedSpend,
            prediction.predictedValue,
          ];
          for (const values of arrays)
            if (values) expect(values.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
          if (prediction.probabilityAlive)
            expect(prediction.probabilityAlive.every((p) => p <= 1)).toBe(true);
          if (prediction.predictedValue === null) expect(prediction.problem).not.toBeNull();
        },
      ),
      { numRuns: 60 },
    );
  });

  it('finds the parameters of histories drawn from the models themselves (20,000 customers, within 12 %)', () => {
    const prediction = predictCustomerValue(simulatedSummary(20_000, SHOP, 1));
    if (!prediction.purchases?.trusted || !prediction.spend?.trusted) throw new Error('fits expected');
    const { r, alpha, a, b } = prediction.purchases.parameters;
    const { p, q, gamma } = prediction.spend.parameters;
    const found = { r, alpha, a, b, p, q, gamma };
    for (const [name, truth] of Object.entries(SHOP)) {
      expect(Math.abs(found[name as keyof typeof found] / truth - 1), name).toBeLessThan(0.12);
    }
  });

  it('fits in time on grouped histories: 20,000 customers in few distinct histories', () => {
    const many = summaryOf(
      Array.from(
        { length: 20_000 },
        (_, i) => [i % 5, (i % 5) * 20, 200, (i % 5) * 30_000 + (i % 11) * 1_000] as const,
      ),
    );
    const histories = bgNbdHistories(many);
    expect(histories.groups.count).toBe(5);
    expect(fitBgNbd(histories).customers).toBe(20_000);
  });
});

describe('messages for a fit that cannot be trusted', () => {
  const reasons: ClvReason[] = [
    'badHorizon',
    'badDiscountRate',
    'tooFewRepeatCustomers',
    'noConvergence',
    'degenerateFit',
    'numericalFailure',
    'tooFewSpendCustomers',
    'infiniteMeanSpend',
  ];

  it('every reason reads in French and English, with the count quoted', () => {
    for (const reason of reasons) {
      expect(clvReasonMessage(reason, 'fr')).toMatch(/\S/);
      expect(clvReasonMessage(reason, 'en')).toMatch(/\S/);
      expect(clvReasonMessage(reason, 'fr')).not.toBe(clvReasonMessage(reason, 'en'));
    }
    expect(clvReasonMessage('tooFewRepeatCustomers', 'fr', { count: 12 })).toBe(
      'Prévision impossible : seuls 12 clients ont racheté un autre jour (il en faut au moins 30). Attendez plus d’historique.',
    );
    expect(clvReasonMessage('tooFewSpendCustomers', 'en', { count: 4 })).toContain('only 4 customers');
  });
});
