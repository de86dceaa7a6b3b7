/**
 * Segment rules on the predicted value (src/core/README.md, "Segments" and "Predicted value"; issue 14): « P(actif) < 0,5 et M ≥ 4 »,
 * a win-back segment, on the CDNOW sample as of 1997-09-30.
 */
import { describe, expect, it } from 'vitest';
import { analyseBook } from '../../src/core/analysis';
import { predictCustomerValue, predictForAnalysis } from '../../src/core/clv';
import { summariseForClv } from '../../src/core/clv-summary';
import { dayFromIso } from '../../src/core/days';
import { readOrders } from '../../src/core/orders';
import type { SegmentSet } from '../../src/core/segments';
import { readTableFile } from '../../src/local/table-file';
import { conditionText, parseCondition } from '../../src/workbook/settings-tab';
import { dataSet } from '../data-sets';

const path = dataSet('CDNOW_sample.txt');
const asOfDay = dayFromIso('1997-09-30')!;

const WIN_BACK: SegmentSet = {
  scale: 5,
  rules: [
    {
      name: 'À reconquérir',
      color: '#e06666',
      m: { min: 4, max: 5 },
      conditions: [{ field: 'probabilityAlive', op: '<', value: 0.5 }],
    },
    {
      name: 'Gros potentiel',
      color: '#6aa84f',
      conditions: [{ field: 'predictedValue', op: '>=', value: 100 }],
    },
  ],
  fallback: { name: 'Autres', color: '#cccccc' },
};

describe.skipIf(!path)('rules on P(alive) and the predicted value, CDNOW sample', () => {
  const book = path
    ? readOrders(readTableFile(path), {
        locale: 'en_US',
        mapping: { customer: 1, date: 2, amount: 4, hasHeader: false },
      })
    : null!;
  const core = path ? predictCustomerValue(summariseForClv(book, asOfDay)) : null!;

  it('« P(actif) < 0,5 et M ≥ 4 » takes exactly the high spenders the model thinks gone; « valeur prévue ≥ 100 » the next', () => {
    const analysis = analyseBook(book, { lang: 'fr', asOfDay, segments: WIN_BACK });
    let winBack = 0;
    for (let i = 0; i < analysis.metrics.count; i++) {
      const expected =
        analysis.scores.m[i] >= 4 && core.probabilityAlive![i] < 0.5
          ? 0
          : core.predictedValue![i] / 1000 >= 100
            ? 1
            : 2;
      expect(analysis.segment[i]).toBe(expected);
      if (expected === 0) winBack++;
    }
    expect(winBack).toBeGreaterThan(20);
    // The fit made for the rules is the one the tabs and formulas show.
    expect(predictForAnalysis(analysis)).toBe(analysis.prediction);
    expect(predictForAnalysis(analysis, { months: 6 })).not.toBe(analysis.prediction);
  });

  it('with « Valeur prévue » off the two rules hold for nobody, and nothing is fitted', () => {
    const analysis = analyseBook(book, { lang: 'fr', asOfDay, segments: WIN_BACK, predictedValue: false });
    expect(new Set(analysis.segment)).toEqual(new Set([2]));
    expect(analysis.prediction).toBeNull();
  });

  it('predictions made before for the same orders and date are used (the sidebar keeps them while rules change); others are not', () => {
    expect(analyseBook(book, { lang: 'fr', asOfDay, segments: WIN_BACK, prediction: core }).prediction).toBe(
      core,
    );
    const later = analyseBook(book, {
      lang: 'fr',
      asOfDay: asOfDay + 30,
      segments: WIN_BACK,
      prediction: core,
    });
    expect(later.prediction).not.toBe(core);
    expect(later.prediction?.summary.asOfDay).toBe(asOfDay + 30);
  });

  it('without such a rule, the analysis fits nothing', () => {
    expect(analyseBook(book, { lang: 'fr', asOfDay }).prediction).toBeNull();
  });

  it('the settings tab writes and reads the conditions as a person types them', () => {
    const [alive, value] = WIN_BACK.rules.map((rule) => rule.conditions![0]);
    expect(conditionText(alive, 'fr')).toBe('P(actif) < 0.5');
    expect(conditionText(value, 'en')).toBe('predicted value >= 100');
    for (const text of [
      'P(actif) < 0.5',
      'p(actif) < 0,5',
      'P(alive) < 0.5',
      'Probabilité d’être actif < 0,5',
    ])
      expect(parseCondition(text), text).toEqual(alive);
    for (const text of ['valeur prévue >= 100', 'Predicted value ≥ 100', 'CLV >= 100'])
      expect(parseCondition(text), text).toEqual(value);
  });
});
