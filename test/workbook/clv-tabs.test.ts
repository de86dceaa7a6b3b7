/**
 * The predicted value in the tabs Apply writes (src/core/README.md, "Predicted value", issue 14): each segment tab gains
 * « Probabilité d’être actif » and « Valeur prévue (12 mois) »; the KPI tab gains per segment the
 * predicted value and the revenue at risk (customers with P(alive) < 50 %), or one line saying why
 * there is none; the « Valeur prévue » switch turns all of it off.
 */
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis';
import { clvProblemText, predictForAnalysis } from '../../src/core/clv';
import { dayFromIso } from '../../src/core/days';
import type { Cell } from '../../src/core/values';
import { applySegmentation } from '../../src/workbook/apply';
import { recordingPort } from './recording-port';
import { shopOrders } from './shop';

const today = dayFromIso('2026-01-15')!;
const KPI = 'Segmento · Synthèse';

function applied(orders: Cell[][], predictedValue = true) {
  const port = recordingPort({ sheets: { Commandes: orders } });
  const result = applySegmentation(port, {
    today,
    adjust: (settings) => ({ ...settings, predictedValue }),
  });
  expect(result.ok).toBe(true);
  const analysis = analyse(orders, { locale: 'fr_FR', timeZone: 'Europe/Paris' });
  const segments = analysis.segmentNames.filter((_, i) => analysis.segment.includes(i));
  return { port, analysis, segments, prediction: predictForAnalysis(analysis) };
}

/** The rows of the table on a tab whose header row has `header` second, down to its last row. */
function tableUnder(values: Cell[][], header: string): Cell[][] {
  const start = values.findIndex((row) => row[1] === header);
  if (start < 0) return [];
  const end = values.findIndex((row, index) => index > start && (row[0] ?? '') === '');
  return values.slice(start, end < 0 ? values.length : end).map((row) => row.slice(0, 3));
}

describe('segment tabs and the KPI tab with the predicted value', () => {
  const { port, analysis, segments, prediction } = applied(shopOrders(2000));
  const index = new Map(analysis.metrics.ids.map((id, i) => [id, i]));

  it('each segment tab ends with P(alive) and the 12-month predicted value of src/core, to the cent', () => {
    expect(prediction.problem).toBeNull();
    for (const name of segments) {
      const [header, ...rows] = port.valuesOf(name);
      expect(header.slice(-2)).toEqual(['Probabilité d’être actif', 'Valeur prévue (12 mois)']);
      for (const row of rows) {
        const i = index.get(String(row[0]))!;
        expect(row[header.length - 2]).toBe(prediction.probabilityAlive![i]);
        expect(row[header.length - 1]).toBe(Math.round(prediction.predictedValue![i]) / 1000);
      }
    }
  });

  it('the KPI tab lists per segment the predicted value and the revenue at risk (P(alive) < 50 %), then the totals', () => {
    const table = tableUnder(port.valuesOf(KPI), 'Valeur prévue (12 mois)');
    expect(table[0]).toEqual(['Segment', 'Valeur prévue (12 mois)', 'CA à risque (P(actif) < 50 %)']);
    expect(table.slice(1, -1).map((row) => row[0])).toEqual(segments);
    let total = 0;
    let atRisk = 0;
    for (const [name, value, risk] of table.slice(1, -1)) {
      const s = analysis.segmentNames.indexOf(String(name));
      let expected = 0;
      let expectedRisk = 0;
      for (let i = 0; i < analysis.metrics.count; i++) {
        if (analysis.segment[i] !== s) continue;
        expected += prediction.predictedValue![i];
        if (prediction.probabilityAlive![i] < 0.5) expectedRisk += prediction.predictedValue![i];
      }
      expect(value).toBe(Math.round(expected) / 1000);
      expect(risk).toBe(Math.round(expectedRisk) / 1000);
      expect(Number(risk)).toBeLessThanOrEqual(Number(value));
      total += expected;
      atRisk += expectedRisk;
    }
    expect(table[table.length - 1][0]).toBe('Total');
    expect(table[table.length - 1][1]).toBeCloseTo(total / 1000, 2);
    expect(table[table.length - 1][2]).toBeCloseTo(atRisk / 1000, 2);
  });
});

describe('when the predicted value cannot be trusted, or is off', () => {
  it('an untrusted spend model leaves the predicted value empty (P(alive) stays, its model is trusted) and the KPI tab says why in one line', () => {
    const { port, segments, prediction, analysis } = applied(shopOrders(300));
    const reason = clvProblemText(prediction, 'fr');
    expect(prediction.problem).toBe('degenerateFit');
    expect(prediction.spend?.trusted).toBe(false);
    const index = new Map(analysis.metrics.ids.map((id, i) => [id, i]));
    const [header, ...rows] = port.valuesOf(segments[0]);
    const alive = header.indexOf('Probabilité d’être actif');
    expect(alive).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row[alive]).toBe(prediction.probabilityAlive![index.get(String(row[0]))!]);
      expect(row[alive + 1] ?? '').toBe('');
    }
    const lines = port.valuesOf(KPI).map((row) => row[0]);
    expect(lines).toContain(`Valeur prévue non calculée : ${reason}`);
    expect(lines).not.toContain('CA à risque (P(actif) < 50 %)');
  });

  it('« Valeur prévue » off: no column, no KPI table, no line', () => {
    const { port, segments } = applied(shopOrders(2000), false);
    expect(port.valuesOf(segments[0])[0]).not.toContain('Probabilité d’être actif');
    const text = port.valuesOf(KPI).flat().map(String);
    expect(text.some((cell) => cell.startsWith('Valeur prévue'))).toBe(false);
  });
});
