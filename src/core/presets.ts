/**
 * The three preset segment sets (src/core/README.md, "Presets"), in French and English, written on
 * the 5-class scale (with other class counts each score is read on that scale, see
 * `readingOnScale`).
 */
import type { Lang } from './labels';
import type { SegmentRule, SegmentSet } from './segments';

export type PresetId = 'classique' | 'score15' | 'simple';
export const PRESET_IDS: readonly PresetId[] = ['classique', 'score15', 'simple'];
export const DEFAULT_PRESET: PresetId = 'classique';

/** The class count the presets' ranges are written on. */
export const PRESET_SCALE = 5;

type Range = [min: number, max: number];
interface PresetRule {
  name: Record<Lang, string>;
  color: string;
  ranges: Partial<Record<'r' | 'f' | 'm' | 'total', Range>>;
}

function rule(fr: string, en: string, color: string, ranges: PresetRule['ranges']): PresetRule {
  return { name: { fr, en }, color, ranges };
}

const LABELS: Record<PresetId, Record<Lang, string>> = {
  classique: { fr: 'RFM classique', en: 'Classic RFM' },
  score15: { fr: 'Score sur 15', en: 'Score out of 15' },
  simple: { fr: 'Démarrage simple', en: 'Simple start' },
};

/** The colour of a segment that has none: the fallback's, and a colour cell left empty or unreadable. */
export const NEUTRAL_COLOR = '#9e9e9e';
const FALLBACK = { name: { fr: 'Autres', en: 'Others' }, color: NEUTRAL_COLOR };

const RULES: Record<PresetId, PresetRule[]> = {
  // The ten-segment table documented by the R package `rfm`.
  classique: [
    rule('Champions', 'Champions', '#2e7d32', { r: [5, 5], f: [5, 5], m: [5, 5] }),
    rule('Fidèles potentiels', 'Potential loyalists', '#66bb6a', { r: [3, 5], f: [3, 5], m: [2, 5] }),
    rule('Fidèles', 'Loyal customers', '#26a69a', { r: [2, 4], f: [2, 4], m: [2, 4] }),
    rule('Prometteurs', 'Promising', '#29b6f6', { r: [3, 4], f: [1, 3], m: [3, 5] }),
    rule('Nouveaux clients', 'New customers', '#5c6bc0', { r: [4, 5], f: [1, 3], m: [1, 5] }),
    rule('À ne pas perdre', "Can't lose them", '#ab47bc', { r: [1, 2], f: [3, 4], m: [4, 5] }),
    rule('À risque', 'At risk', '#ef5350', { r: [1, 2], f: [2, 5], m: [4, 5] }),
    rule('À surveiller', 'Need attention', '#ffa726', { r: [1, 3], f: [3, 5], m: [3, 5] }),
    rule('Bientôt endormis', 'About to sleep', '#ffd54f', { r: [2, 3], f: [1, 3], m: [1, 4] }),
    rule('Perdus', 'Lost', '#8d6e63', { r: [1, 1], f: [1, 5], m: [1, 5] }),
  ],
  score15: [
    rule('VIP', 'VIP', '#2e7d32', { total: [13, 15] }),
    rule('À stimuler', 'To stimulate', '#66bb6a', { total: [10, 12] }),
    rule('À fidéliser', 'To retain', '#29b6f6', { total: [7, 9] }),
    rule('À réactiver', 'To reactivate', '#ffa726', { total: [5, 6] }),
    rule('Inactifs', 'Inactive', '#ef5350', { total: [3, 4] }),
  ],
  simple: [
    rule('Fidèles', 'Loyal', '#2e7d32', { r: [3, 5], f: [4, 5] }),
    rule('À réactiver', 'To reactivate', '#ffa726', { r: [1, 2] }),
    rule('Cœur de cible', 'Core customers', '#29b6f6', {}),
  ],
};

/** A fresh copy of a preset, in a language (the caller may edit it). */
export function presetSegments(id: PresetId, lang: Lang): SegmentSet {
  return {
    scale: PRESET_SCALE,
    rules: RULES[id].map((preset) => segmentRule(preset, lang)),
    fallback: { name: FALLBACK.name[lang], color: FALLBACK.color },
  };
}

function segmentRule(preset: PresetRule, lang: Lang): SegmentRule {
  const rule: SegmentRule = { name: preset.name[lang], color: preset.color };
  for (const [field, [min, max]] of Object.entries(preset.ranges) as [keyof PresetRule['ranges'], Range][]) {
    rule[field] = { min, max };
  }
  return rule;
}

/** The name of a preset as the sidebar lists it. */
export function presetLabel(id: PresetId, lang: Lang): string {
  return LABELS[id][lang];
}

/**
 * A preset segment's names in every language, for its name in any of them (ignoring case): a
 * campaigns table typed in French names « Perdus » where the segments are in English ("Lost").
 * Empty for a name no preset has.
 */
export function presetNamesOf(name: string): string[] {
  const wanted = name.trim().toLowerCase();
  const found = new Set<string>();
  for (const { name: names } of [...Object.values(RULES).flat(), FALLBACK]) {
    const all = Object.values(names);
    if (all.some((candidate) => candidate.toLowerCase() === wanted)) all.forEach((one) => found.add(one));
  }
  return [...found];
}
