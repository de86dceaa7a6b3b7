import { describe, expect, it } from 'vitest';
import { columnIndex, columnLetter } from '../../src/core/a1';
import { dayFromIso, dayInZone } from '../../src/core/days';
import { presetSegments } from '../../src/core/presets';
import type { Cell } from '../../src/core/values';
import { defaultSettings, type Settings } from '../../src/workbook/settings-model';
import { conditionText, parseCondition, parseSettings, settingsRows } from '../../src/workbook/settings-tab';

const PARIS = dayInZone('Europe/Paris');
const rows = (settings: Settings, lang: 'fr' | 'en' = 'fr') => settingsRows(settings, lang) as Cell[][];
const row = (values: Cell[][], label: string) => values.findIndex((cells) => cells[0] === label);

describe('the settings tab', () => {
  it('reads back what it writes, in French and in English', () => {
    const settings: Settings = {
      ...defaultSettings('fr'),
      sourceSheet: 'Ventes',
      sourceRange: 'A:H',
      mapping: { customer: 1, date: 4, amount: 5, hasHeader: true },
      asOf: { kind: 'date', day: dayFromIso('2025-10-17')! },
      scoring: {
        kind: 'fixed',
        recency: [30, 90, 180, 365],
        frequency: [1, 2, 4, 8],
        monetary: [50, 150.5, 400, 1000],
      },
      preset: null,
      historyKeep: 12,
      refresh: 'monthly',
    };
    settings.segments.rules[0].conditions = [
      { field: 'monetary', op: '>=', value: 500 },
      { attribute: 'Ville', op: '=', value: 'Lyon' },
    ];
    for (const lang of ['fr', 'en'] as const) {
      expect(parseSettings(rows(settings, lang), lang, 'fr_FR', PARIS)).toEqual({ settings, issues: [] });
    }
  });

  it('reads a tab saved as a file whose rows end at their last cell, without the empty conditions column', () => {
    const settings = defaultSettings('fr');
    const trimmed = rows(settings, 'fr').map((row) => {
      const cells = row.slice(0, 11);
      while (cells.length > 0 && cells.at(-1) === '') cells.pop();
      return cells;
    });
    expect(Math.max(...trimmed.map((row) => row.length))).toBeLessThan(12);
    expect(parseSettings(trimmed, 'fr', 'fr_FR', PARIS)).toEqual({ settings, issues: [] });
  });

  it('« Valeur prévue » / "Predicted value": oui/non round-trips in both languages; on by default and when the row is missing; a stray word names its cell', () => {
    expect(defaultSettings('fr').predictedValue).toBe(true);
    for (const lang of ['fr', 'en'] as const) {
      for (const predictedValue of [true, false]) {
        const settings: Settings = { ...defaultSettings(lang), predictedValue };
        const written = rows(settings, lang);
        const at = row(written, lang === 'fr' ? 'Valeur prévue' : 'Predicted value');
        expect(written[at][1]).toBe(
          predictedValue ? (lang === 'fr' ? 'oui' : 'yes') : lang === 'fr' ? 'non' : 'no',
        );
        expect(parseSettings(written, lang, 'fr_FR', PARIS)).toEqual({ settings, issues: [] });
      }
    }
    const withoutRow = rows(defaultSettings('fr')).filter((cells) => cells[0] !== 'Valeur prévue');
    expect(parseSettings(withoutRow, 'fr', 'fr_FR', PARIS).settings?.predictedValue).toBe(true);
    const english = rows({ ...defaultSettings('fr'), predictedValue: false }, 'en');
    expect(parseSettings(english, 'fr', 'fr_FR', PARIS).settings?.predictedValue).toBe(false);
    const stray = rows(defaultSettings('fr'));
    const at = row(stray, 'Valeur prévue');
    stray[at][1] = 'peut-être';
    expect(parseSettings(stray, 'fr', 'fr_FR', PARIS)).toEqual({
      settings: null,
      issues: [{ cell: `B${at + 1}`, message: 'Valeur prévue : « oui » ou « non » (reçu : « peut-être »).' }],
    });
  });

  it('a tab written in French is read by an English-speaking colleague', () => {
    const settings = {
      ...defaultSettings('fr'),
      preset: 'score15' as const,
      segments: presetSegments('score15', 'fr'),
    };
    expect(parseSettings(rows(settings, 'fr'), 'en', 'en_US', PARIS).settings?.segments).toEqual(
      settings.segments,
    );
  });

  it('a broken edit names the cell to fix, and gives no settings', () => {
    const values = rows(defaultSettings('fr'));
    values[row(values, 'Nombre de classes')][1] = 'cinq';
    values[row(values, 'Date d’analyse')][1] = 'bientôt';
    values[row(values, 'Colonne client')][1] = '12';
    const result = parseSettings(values, 'fr', 'fr_FR', PARIS);
    expect(result.settings).toBeNull();
    expect(result.issues.map((issue) => issue.cell)).toEqual([
      `B${row(values, 'Colonne client') + 1}`,
      `B${row(values, 'Date d’analyse') + 1}`,
      `B${row(values, 'Nombre de classes') + 1}`,
    ]);
    expect(result.issues[1].message).toBe(
      'Date d’analyse illisible « bientôt » : écrivez-la comme 2025-10-17 ou 17/10/2025.',
    );
  });

  it('rule problems point at the rule’s row', () => {
    const values = rows(defaultSettings('en'), 'en');
    const first = values.findIndex((cells) => cells[1] === 'Champions');
    values[first + 1][1] = 'Champions';
    values[first + 2][3] = 4;
    values[first + 2][4] = 2;
    const result = parseSettings(values, 'en', 'en_US', PARIS);
    expect(result.issues.map((issue) => issue.cell)).toEqual([`B${first + 2}`, `B${first + 3}`]);
    expect(result.issues[0].message).toMatch(/Champions/);
  });

  it('an unreadable condition names its cell', () => {
    const values = rows(defaultSettings('fr'));
    const first = values.findIndex((cells) => cells[1] === 'Champions');
    values[first][11] = 'récence environ 10';
    expect(parseSettings(values, 'fr', 'fr_FR', PARIS).issues).toEqual([
      {
        cell: `L${first + 1}`,
        message: expect.stringContaining('Condition illisible « récence environ 10 »'),
      },
    ]);
  });

  it('the fallback row is required', () => {
    const values = rows(defaultSettings('fr')).filter((cells) => cells[0] !== 'Sinon');
    expect(parseSettings(values, 'fr', 'fr_FR', PARIS).issues[0].message).toContain('Sinon');
  });
});

describe('conditions and column letters', () => {
  it('conditions are written and read as a person types them', () => {
    expect(parseCondition('récence > 180')).toEqual({ field: 'recency', op: '>', value: 180 });
    expect(parseCondition('Montant ≥ 1 500,50')).toEqual({ field: 'monetary', op: '>=', value: 1500.5 });
    expect(parseCondition('pays = France')).toEqual({ attribute: 'pays', op: '=', value: 'France' });
    expect(parseCondition('canal contient web')).toEqual({
      attribute: 'canal',
      op: 'contains',
      value: 'web',
    });
    expect(parseCondition('pays > France')).toBeNull();
    expect(conditionText({ field: 'averageBasket', op: '<', value: 20 }, 'fr')).toBe('panier moyen < 20');
    expect(conditionText({ attribute: 'canal', op: 'contains', value: 'web' }, 'en')).toBe(
      'canal contains web',
    );
  });

  it('column letters go both ways', () => {
    expect([0, 25, 26, 27, 701].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ']);
    expect(['A', 'z', 'AB', 'ZZ', '1', ''].map(columnIndex)).toEqual([0, 25, 27, 701, null, null]);
  });
});
