/**
 * The settings of a document, as a model: what the settings tab holds, what the sidebar edits and
 * the custom functions read. Browser-safe: it imports only src/core, so the sidebar page can use it.
 * The tab's layout and parser are in settings-tab.ts.
 */
import { type Lang } from '../core/labels';
import { DEFAULT_PRESET, presetSegments, type PresetId } from '../core/presets';
import { DEFAULT_SCORING, type Scoring } from '../core/scores';
import type { SegmentSet } from '../core/segments';
import type { ColumnMapping } from '../core/columns';

export type AsOf = { kind: 'latest' } | { kind: 'today' } | { kind: 'date'; day: number };
export type Refresh = 'off' | 'weekly' | 'monthly';

export interface Settings {
  /** Tab holding the orders; '' means "the tab named like Commandes/Orders, else the first". */
  sourceSheet: string;
  /** A1 range of the orders in that tab; '' means its whole data range. */
  sourceRange: string;
  mapping: ColumnMapping;
  asOf: AsOf;
  scoring: Scoring;
  /** The preset the rules started from (null once a person wrote their own). */
  preset: PresetId | null;
  segments: SegmentSet;
  /** Snapshots kept in the history tab. */
  historyKeep: number;
  refresh: Refresh;
  /** Whether P(alive) and the predicted value are computed (src/core/README.md, "Predicted value"); off for large sheets or no need. */
  predictedValue: boolean;
}

export function defaultSettings(lang: Lang): Settings {
  return {
    sourceSheet: '',
    sourceRange: '',
    mapping: {},
    asOf: { kind: 'latest' },
    scoring: DEFAULT_SCORING,
    preset: DEFAULT_PRESET,
    segments: presetSegments(DEFAULT_PRESET, lang),
    historyKeep: 24,
    refresh: 'off',
    predictedValue: true,
  };
}

/** Score classes of a scoring: its class count, or one more than its fixed thresholds. */
export function classesOf(scoring: Scoring): number {
  return scoring.kind === 'quantile' ? scoring.classes : scoring.recency.length + 1;
}

/** The analysis date as a day number; null for "latest order" (the analysis finds it). */
export function asOfDay(asOf: AsOf, today: number): number | null {
  return asOf.kind === 'date' ? asOf.day : asOf.kind === 'today' ? today : null;
}

/** Preset rules for a language (re-exported for the sidebar and the command line). */
export function presetSettings(base: Settings, preset: PresetId, lang: Lang): Settings {
  return { ...base, preset, segments: presetSegments(preset, lang) };
}

/** A problem in the settings tab: the cell to fix (A1) and what is wrong. */
export interface SettingsIssue {
  cell: string;
  message: string;
}
