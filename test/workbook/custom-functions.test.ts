import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis';
import { dayFromIso } from '../../src/core/days';
import { presetSegments } from '../../src/core/presets';
import { scoreCode } from '../../src/core/scores';
import type { Cell } from '../../src/core/values';
import { rfmScore, segment } from '../../src/workbook/custom-functions';
import { defaultSettings } from '../../src/workbook/settings-model';
import { settingsRows } from '../../src/workbook/settings-tab';
import { functionContext } from './function-context';
import { shopOrders } from './shop';

const context = functionContext;
const orders = shopOrders(2000);
const analysis = analyse(orders, { locale: 'fr_FR', timeZone: 'Europe/Paris' });
const someone = analysis.metrics.ids[7];
const i = 7;

describe('RFM_SCORE', () => {
  it('spills a header and one row per customer: customer, R, F, M, code, total', () => {
    const table = rfmScore(context(), orders) as Cell[][];
    expect(table[0]).toEqual(['Client', 'R', 'F', 'M', 'Code', 'Total']);
    expect(table.length - 1).toBe(analysis.metrics.count);
    const row = table.find((cells) => cells[0] === someone)!;
    const { r, f, m } = analysis.scores;
    expect(row).toEqual([someone, r[i], f[i], m[i], scoreCode(r[i], f[i], m[i]), r[i] + f[i] + m[i]]);
  });

  it('one customer gives one value; a column gives a column; an unknown customer an empty cell', () => {
    const code = scoreCode(analysis.scores.r[i], analysis.scores.f[i], analysis.scores.m[i]);
    expect(rfmScore(context(), orders, someone)).toBe(code);
    expect(rfmScore(context(), orders, [[someone], ['inconnu'], ['']])).toEqual([[code], [''], ['']]);
    expect(rfmScore(context(), orders, someone, '', 'total')).toBe(
      analysis.scores.r[i] + analysis.scores.f[i] + analysis.scores.m[i],
    );
    expect(rfmScore(context(), orders, someone, '', 'R')).toBe(analysis.scores.r[i]);
    expect(rfmScore(context(), orders, [['inconnu']], '', 'all')).toEqual([['', '', '', '', '', '', '']]);
  });

  it('an analysis date gives a past picture', () => {
    const past = analyse(orders, {
      locale: 'fr_FR',
      timeZone: 'Europe/Paris',
      asOfDay: dayFromIso('2024-12-31'),
    });
    const table = rfmScore(context(), orders, '', new Date(Date.UTC(2024, 11, 31, 12))) as Cell[][];
    expect(table.length - 1).toBe(past.metrics.count);
  });

  it('bad arguments say what to fix, in the user language', () => {
    expect(() => rfmScore(context(), orders, someone, '', 'xyz')).toThrow('Partie « xyz » inconnue');
    expect(() => rfmScore(context('en_US'), 'A1', someone)).toThrow('Give the orders range');
    expect(() => rfmScore(context(), orders, someone, 'hier')).toThrow('Date d’analyse illisible');
    expect(() =>
      rfmScore(context(), [
        ['Client', 'Ville'],
        ['a', 'b'],
      ]),
    ).toThrow('Colonne « montant » introuvable');
  });
});

describe('SEGMENT', () => {
  it('gives the segment of each listed customer, as src/core does', () => {
    const expected = analysis.segmentNames[analysis.segment[i]];
    expect(segment(context(), orders, someone)).toBe(expected);
    const table = segment(context(), orders) as Cell[][];
    expect(table[0]).toEqual(['Client', 'Segment']);
    expect(table.find((row) => row[0] === someone)).toEqual([someone, expected]);
  });

  it('names the segment of a score code: 335 is « À stimuler » on the Score sur 15 preset', () => {
    const settings = {
      ...defaultSettings('fr'),
      preset: 'score15' as const,
      segments: presetSegments('score15', 'fr'),
    };
    const settingsRange = settingsRows(settings, 'fr') as Cell[][];
    expect(segment(context(), '335', '', '', settingsRange)).toBe('À stimuler');
    expect(segment(context(), [['335'], ['555'], ['']], '', '', settingsRange)).toEqual([
      ['À stimuler'],
      ['VIP'],
      [''],
    ]);
    expect(segment(context(), 555)).toBe('Champions');
  });

  it('a code alone cannot satisfy a rule on metrics: the message names the rule', () => {
    const settings = defaultSettings('en');
    settings.segments.rules[0].conditions = [{ field: 'monetary', op: '>=', value: 500 }];
    const settingsRange = settingsRows(settings, 'en') as Cell[][];
    expect(() => segment(context('en_US'), '555', '', '', settingsRange)).toThrow('Champions');
    expect(() => segment(context(), 'abc')).toThrow('Code RFM illisible');
  });
});
