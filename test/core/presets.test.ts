import { describe, expect, it } from 'vitest';
import { DEFAULT_PRESET, PRESET_IDS, presetLabel, presetSegments } from '../../src/core/presets';
import { scoreCode } from '../../src/core/scores';
import { readingOnScale, segmentOfCode, validateSegmentSet } from '../../src/core/segments';

/** A rule's ranges as `R 3–5 F 3–5 M 2–5` (only those it has). */
function ranges(id: (typeof PRESET_IDS)[number]): string[] {
  return presetSegments(id, 'fr').rules.map((rule) =>
    (['r', 'f', 'm', 'total'] as const)
      .filter((field) => rule[field])
      .map((field) => `${field.toUpperCase()} ${rule[field]!.min}–${rule[field]!.max}`)
      .join(' '),
  );
}

describe('presets', () => {
  it('the seed example: 3-3-5 on 5 classes is code 335, total 11, « À stimuler » in Score sur 15', () => {
    expect(scoreCode(3, 3, 5)).toBe('335');
    expect([3, 3, 5].reduce((total, s) => total + readingOnScale(s, 5, 5), 0)).toBe(11);
    expect(segmentOfCode(3, 3, 5, 5, presetSegments('score15', 'fr'), 'fr')).toEqual({ name: 'À stimuler' });
    expect(segmentOfCode(3, 3, 5, 5, presetSegments('score15', 'en'), 'en')).toEqual({
      name: 'To stimulate',
    });
  });

  it('every preset validates with no issue at 5, 7 and 10 classes, and Score sur 15 and Démarrage simple at 3 and 4', () => {
    for (const lang of ['fr', 'en'] as const) {
      for (const id of PRESET_IDS) {
        for (const classes of [3, 4, 5, 7, 10]) {
          if (id === 'classique' && classes < 5) continue;
          expect(validateSegmentSet(presetSegments(id, lang), classes, lang)).toEqual([]);
        }
      }
    }
  });

  it('RFM classique read with 3 or 4 classes leaves one rule empty: a warning, not an error', () => {
    // 3 classes read 1, 3, 5: « Fidèles » (2–4 on each axis) only reaches 3-3-3, which
    // « Fidèles potentiels » takes first. 4 classes read 1, 2, 4, 5: « À surveiller » only reaches
    // R ≤ 2 with F and M ≥ 4, all taken by « Fidèles », « À ne pas perdre » and « À risque ».
    const set = presetSegments('classique', 'fr');
    expect(validateSegmentSet(set, 3, 'fr')).toEqual([
      {
        rule: 2,
        severity: 'warning',
        message:
          'Règle 3 « Fidèles » : jamais appliquée, les clients qu’elle vise sont déjà pris par « Fidèles potentiels ».',
      },
    ]);
    expect(validateSegmentSet(set, 4, 'fr')).toEqual([
      {
        rule: 7,
        severity: 'warning',
        message:
          'Règle 8 « À surveiller » : jamais appliquée, les clients qu’elle vise sont déjà pris par « Fidèles », « À ne pas perdre » et « À risque ».',
      },
    ]);
  });

  it('RFM classique is the ten-segment table of the R package rfm, in order', () => {
    expect(presetSegments('classique', 'fr').rules.map((rule) => rule.name)).toEqual([
      'Champions',
      'Fidèles potentiels',
      'Fidèles',
      'Prometteurs',
      'Nouveaux clients',
      'À ne pas perdre',
      'À risque',
      'À surveiller',
      'Bientôt endormis',
      'Perdus',
    ]);
    expect(presetSegments('classique', 'en').rules.map((rule) => rule.name)).toEqual([
      'Champions',
      'Potential loyalists',
      'Loyal customers',
      'Promising',
      'New customers',
      "Can't lose them",
      'At risk',
      'Need attention',
      'About to sleep',
      'Lost',
    ]);
    expect(ranges('classique')).toEqual([
      'R 5–5 F 5–5 M 5–5',
      'R 3–5 F 3–5 M 2–5',
      'R 2–4 F 2–4 M 2–4',
      'R 3–4 F 1–3 M 3–5',
      'R 4–5 F 1–3 M 1–5',
      'R 1–2 F 3–4 M 4–5',
      'R 1–2 F 2–5 M 4–5',
      'R 1–3 F 3–5 M 3–5',
      'R 2–3 F 1–3 M 1–4',
      'R 1–1 F 1–5 M 1–5',
    ]);
  });

  it('Score sur 15 bands the total', () => {
    expect(presetSegments('score15', 'fr').rules.map((rule) => rule.name)).toEqual([
      'VIP',
      'À stimuler',
      'À fidéliser',
      'À réactiver',
      'Inactifs',
    ]);
    expect(presetSegments('score15', 'en').rules.map((rule) => rule.name)).toEqual([
      'VIP',
      'To stimulate',
      'To retain',
      'To reactivate',
      'Inactive',
    ]);
    expect(ranges('score15')).toEqual(['TOTAL 13–15', 'TOTAL 10–12', 'TOTAL 7–9', 'TOTAL 5–6', 'TOTAL 3–4']);
  });

  it('Démarrage simple: Fidèles, À réactiver, and Cœur de cible for everyone else', () => {
    const fr = presetSegments('simple', 'fr');
    expect(fr.rules.map((rule) => rule.name)).toEqual(['Fidèles', 'À réactiver', 'Cœur de cible']);
    expect(presetSegments('simple', 'en').rules.map((rule) => rule.name)).toEqual([
      'Loyal',
      'To reactivate',
      'Core customers',
    ]);
    expect(ranges('simple')).toEqual(['R 3–5 F 4–5', 'R 1–2', '']);
    expect(segmentOfCode(3, 4, 1, 5, fr, 'fr')).toEqual({ name: 'Fidèles' });
    expect(segmentOfCode(2, 5, 5, 5, fr, 'fr')).toEqual({ name: 'À réactiver' });
    expect(segmentOfCode(5, 3, 5, 5, fr, 'fr')).toEqual({ name: 'Cœur de cible' });
  });

  it('presets are written on the 5-class scale, with distinct colours and the fallback Autres / Others', () => {
    for (const id of PRESET_IDS) {
      const fr = presetSegments(id, 'fr');
      expect(fr.scale).toBe(5);
      expect(fr.fallback.name).toBe('Autres');
      expect(presetSegments(id, 'en').fallback.name).toBe('Others');
      const colors = [...fr.rules.map((rule) => rule.color), fr.fallback.color];
      expect(new Set(colors).size).toBe(colors.length);
      for (const color of colors) expect(color).toMatch(/^#[0-9a-f]{6}$/);
    }
  });

  it('each preset has a label in French and English, and RFM classique is the default', () => {
    expect(PRESET_IDS.map((id) => presetLabel(id, 'fr'))).toEqual([
      'RFM classique',
      'Score sur 15',
      'Démarrage simple',
    ]);
    expect(PRESET_IDS.map((id) => presetLabel(id, 'en'))).toEqual([
      'Classic RFM',
      'Score out of 15',
      'Simple start',
    ]);
    expect(DEFAULT_PRESET).toBe('classique');
  });

  it('a preset is a fresh copy that a caller may edit', () => {
    const edited = presetSegments('classique', 'fr');
    edited.rules[0].name = 'Stars';
    edited.rules[0].r!.min = 4;
    expect(presetSegments('classique', 'fr').rules[0]).toEqual({
      name: 'Champions',
      color: '#2e7d32',
      r: { min: 5, max: 5 },
      f: { min: 5, max: 5 },
      m: { min: 5, max: 5 },
    });
  });
});
