import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis';
import { thresholdTable, type Axis, type Thresholds } from '../../src/core/scores';
import type { Cell } from '../../src/core/values';
import { kpiReport } from '../../src/core/kpis';
import { rangeText } from '../../src/core/threshold-text';
import { kpiTab } from '../../src/workbook/kpi-tab';

const thresholds: Thresholds = {
  classes: 5,
  recency: [15.8, 47.2, 121.6, 256.4],
  frequency: [1, 1, 3, 5],
  monetary: [38_330, 80_680, 154_020, 341_430],
};

const texts = (axis: Axis, lang: 'fr' | 'en' = 'fr') =>
  thresholdTable(thresholds, axis).map((range) => rangeText(range, axis, lang));

/** The whole numbers a range text covers, read back: `≤ 15`, `16 – 47`, `≥ 257`, `4`, `—`. */
function covers(text: string, value: number): boolean {
  if (text === '—') return false;
  const number = (part: string) => Number(part.replace(/\s/g, ''));
  const [, op, rest] = /^(≤|≥)?\s*(.*)$/.exec(text)!;
  if (op === '≤') return value <= number(rest);
  if (op === '≥') return value >= number(rest);
  const [low, high = low] = rest.split('–');
  return value >= number(low) && value <= number(high);
}

describe('score thresholds as a person reads them (KPI tab and sidebar)', () => {
  it('recency in whole days: a threshold of 15.8 days reads ≤ 15, never < 15,8', () => {
    expect(texts('recency')).toEqual(['≥ 257', '122 – 256', '48 – 121', '16 – 47', '≤ 15']);
  });

  it('frequency in whole purchases; a class no whole number can reach reads —', () => {
    expect(texts('frequency')).toEqual(['≤ 1', '—', '2 – 3', '4 – 5', '≥ 6']);
  });

  it('spend keeps its cents', () => {
    expect(texts('monetary', 'en')).toEqual([
      '≤ 38.33',
      '> 38.33 and ≤ 80.68',
      '> 80.68 and ≤ 154.02',
      '> 154.02 and ≤ 341.43',
      '> 341.43',
    ]);
  });

  it('each whole number of days or purchases falls in the range of the score it gets (1 + thresholds beaten)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 400, noNaN: true }), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 0, max: 450 }),
        (values, value) => {
          const sorted = [...values].sort((a, b) => a - b);
          const set: Thresholds = { classes: 5, recency: sorted, frequency: sorted, monetary: sorted };
          const recencyScore = 1 + sorted.filter((threshold) => threshold > value).length;
          const frequencyScore = 1 + sorted.filter((threshold) => threshold < value).length;
          const recency = thresholdTable(set, 'recency').map((range) => rangeText(range, 'recency', 'fr'));
          const frequency = thresholdTable(set, 'frequency').map((range) =>
            rangeText(range, 'frequency', 'fr'),
          );
          expect(recency.map((text) => covers(text, value))).toEqual(
            recency.map((_, i) => i + 1 === recencyScore),
          );
          expect(frequency.map((text) => covers(text, value))).toEqual(
            frequency.map((_, i) => i + 1 === frequencyScore),
          );
        },
      ),
    );
  });
});

describe('the KPI tab explains what a reader could misread', () => {
  // Most customers bought once: the frequency thresholds tie at 1, and F = 2…4 hold nobody.
  const rows: Cell[][] = [['Client', 'Date', 'Montant']];
  for (let c = 0; c < 40; c++)
    rows.push([`C${c}`, `2025-10-${String(1 + (c % 28)).padStart(2, '0')}`, 10 + c]);
  for (let c = 0; c < 4; c++) for (let k = 0; k < 6; k++) rows.push([`C${c}`, `2025-09-${10 + k}`, 5]);
  const analysis = analyse(rows, { locale: 'fr_FR', timeZone: 'Europe/Paris' });
  const tab = kpiTab(analysis, kpiReport(analysis));
  const text = tab.blocks.flatMap((block) => block.values.flat()).map(String);

  it('dates its title as the locale writes dates', () => {
    expect(text[0]).toBe('Segmento — analyse au 28/10/2025');
  });

  it('says the average basket leaves refunds out, and names the returning customers without « fidèles »', () => {
    expect(text).toContain('Part du CA faite par les clients ayant acheté 2 fois ou plus');
    expect(text.some((cell) => cell.startsWith('Panier moyen = montant des achats ÷ nombre d’achats'))).toBe(
      true,
    );
  });

  it('explains the empty heatmap columns under the heatmap', () => {
    expect(analysis.thresholds.frequency.slice(0, 3)).toEqual([1, 1, 1]);
    expect(text.find((cell) => cell.startsWith('Colonne F ='))).toMatch(
      /^Colonne F = 2, 3, 4 vide : aucun client/,
    );
  });
});
