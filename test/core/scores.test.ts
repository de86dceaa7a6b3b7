import { describe, expect, it } from 'vitest';
import {
  parseScoreCode,
  percentileInc,
  quantileThresholds,
  scoreCode,
  scoreHigherIsBetter,
  scoreLowerIsBetter,
  thresholdTable,
  validateScoring,
} from '../../src/core/scores';

describe('scores', () => {
  it('percentiles interpolate linearly like Sheets PERCENTILE', () => {
    // =PERCENTILE({1,2,3,4,10}; 0.2) = 1.8 ; 0.8 → 5.2
    expect(percentileInc([1, 2, 3, 4, 10], 0.2)).toBeCloseTo(1.8, 12);
    expect(percentileInc([1, 2, 3, 4, 10], 0.8)).toBeCloseTo(5.2, 12);
    expect(percentileInc([7], 0.4)).toBe(7);
    expect(quantileThresholds([10, 1, 4, 3, 2], 5).map((x) => Number(x.toFixed(10)))).toEqual([
      1.8, 2.6, 3.4, 5.2,
    ]);
  });

  it('frequency and spend score 1 + the thresholds strictly below the value', () => {
    expect(scoreHigherIsBetter(1, [1, 1, 2, 3])).toBe(1);
    expect(scoreHigherIsBetter(2, [1, 1, 2, 3])).toBe(3);
    expect(scoreHigherIsBetter(9, [1, 1, 2, 3])).toBe(5);
  });

  it('recency scores 1 + the thresholds strictly above the days: fewer days is better', () => {
    expect(scoreLowerIsBetter(10, [30, 90, 180, 365])).toBe(5);
    expect(scoreLowerIsBetter(30, [30, 90, 180, 365])).toBe(4);
    expect(scoreLowerIsBetter(400, [30, 90, 180, 365])).toBe(1);
  });

  it('equal values always get equal scores', () => {
    const values = [1, 1, 1, 1, 1, 1, 2, 5];
    const thresholds = quantileThresholds(values, 5);
    const scores = values.map((value) => scoreHigherIsBetter(value, thresholds));
    expect(scores).toEqual([1, 1, 1, 1, 1, 1, 5, 5]);
  });

  it('a code reads R, F and M side by side', () => {
    expect(scoreCode(3, 3, 5)).toBe('335');
    expect(scoreCode(10, 3, 5)).toBe('10-3-5');
    expect(parseScoreCode('335')).toEqual([3, 3, 5]);
    expect(parseScoreCode('3-3-5')).toEqual([3, 3, 5]);
    expect(parseScoreCode('10-3-5')).toEqual([10, 3, 5]);
    expect(parseScoreCode('33')).toBeNull();
    expect(parseScoreCode('305')).toBeNull();
  });

  it('the threshold table shows the values each score covers', () => {
    const thresholds = { classes: 5, recency: [30, 90, 180, 365], frequency: [1, 1, 2, 4], monetary: [] };
    expect(thresholdTable(thresholds, 'recency')).toEqual([
      { score: 1, min: 365, max: null, empty: false },
      { score: 2, min: 180, max: 365, empty: false },
      { score: 3, min: 90, max: 180, empty: false },
      { score: 4, min: 30, max: 90, empty: false },
      { score: 5, min: null, max: 30, empty: false },
    ]);
    expect(thresholdTable(thresholds, 'frequency')).toEqual([
      { score: 1, min: null, max: 1, empty: false },
      { score: 2, min: 1, max: 1, empty: true },
      { score: 3, min: 1, max: 2, empty: false },
      { score: 4, min: 2, max: 4, empty: false },
      { score: 5, min: 4, max: null, empty: false },
    ]);
  });

  it('classes go from 3 to 10; fixed thresholds must increase and agree in count', () => {
    expect(() => validateScoring({ kind: 'quantile', classes: 2 }, 'fr')).toThrow(
      'Le nombre de classes doit être un entier de 3 à 10 (reçu : 2).',
    );
    expect(() => validateScoring({ kind: 'quantile', classes: 10 }, 'fr')).not.toThrow();
    const fixed = {
      kind: 'fixed' as const,
      recency: [30, 90, 180, 365],
      frequency: [1, 2, 3, 5],
      monetary: [50, 100, 200, 500],
    };
    expect(() => validateScoring(fixed, 'en')).not.toThrow();
    expect(() => validateScoring({ ...fixed, recency: [90, 30, 180, 365] }, 'en')).toThrow('Recency');
    expect(() => validateScoring({ ...fixed, frequency: [1, 2, 3] }, 'en')).toThrow('same number');
  });
});
