/**
 * The settings tab ("Segmento · Réglages" / "Segmento · Settings"): the configuration shared by
 * every collaborator, laid out for a person to read and edit, validated on every read. A broken
 * edit gives messages naming the cell to fix; nothing here ever writes over valid settings.
 */
import { cellText, dayFromText, localeFormat, type Cell } from '../core/values';
import { isoDay, type DayOf } from '../core/days';
import { t, type Lang } from '../core/labels';
import { NEUTRAL_COLOR, PRESET_IDS, PRESET_SCALE, presetLabel } from '../core/presets';
import { DEFAULT_CLASSES, MAX_CLASSES, MIN_CLASSES, thresholdList, validateScoring } from '../core/scores';
import {
  validateSegmentSet,
  type Condition,
  type MetricField,
  type ScoreBounds,
  type SegmentRule,
  type SegmentSet,
} from '../core/segments';
import { columnIndex, columnLetter } from '../core/a1';
import { MAPPED_ROLES, normalizeHeader, type ColumnMapping } from '../core/columns';
import type { WriteCell } from './port';
import {
  classesOf,
  defaultSettings,
  type Refresh,
  type Settings,
  type SettingsIssue,
} from './settings-model';

export type { SettingsIssue } from './settings-model';
import { emptyTab, type TabContent } from './tab-content';
import { w } from './words';

/** The settings tab as written the first time: the parameters, then the rules. */
export function settingsTabContent(settings: Settings, lang: Lang): TabContent {
  const tab = emptyTab({ kind: 'settings', key: 'settings' }, settingsTabName(lang));
  tab.blocks.push({ row: 1, column: 1, values: settingsRows(settings, lang) });
  tab.formats.push({ area: { row: 1, column: 1, rows: 1, columns: 1 }, format: { bold: true } });
  tab.layout = { columnWidths: [260, 160] };
  return tab;
}

export function settingsTabName(lang: Lang): string {
  return w(lang, 'tab.settings');
}

/** Settings issues in one line: `B14 : … · L20 : …`. */
export function issuesText(issues: readonly SettingsIssue[]): string {
  return issues.map((issue) => `${issue.cell} : ${issue.message}`).join(' · ');
}

type Key =
  | 'sourceSheet'
  | 'sourceRange'
  | 'customer'
  | 'date'
  | 'amount'
  | 'orderId'
  | 'quantity'
  | 'unitPrice'
  | 'asOf'
  | 'scoring'
  | 'classes'
  | 'recencyThresholds'
  | 'frequencyThresholds'
  | 'monetaryThresholds'
  | 'preset'
  | 'rulesScale'
  | 'historyKeep'
  | 'refresh'
  | 'predictedValue';

/** The parameter rows, in order; each row's label is `settings.param.<key>` in either language. */
const PARAMETERS: readonly Key[] = [
  'sourceSheet',
  'sourceRange',
  'customer',
  'date',
  'amount',
  'orderId',
  'quantity',
  'unitPrice',
  'asOf',
  'scoring',
  'classes',
  'recencyThresholds',
  'frequencyThresholds',
  'monetaryThresholds',
  'preset',
  'rulesScale',
  'historyKeep',
  'refresh',
  'predictedValue',
];

/** Both languages: a label or word typed in either is read back, whatever the spreadsheet's language. */
const LANGS: readonly Lang[] = ['fr', 'en'];

type Word =
  | 'latest'
  | 'today'
  | 'quantile'
  | 'fixed'
  | 'custom'
  | 'off'
  | 'weekly'
  | 'monthly'
  | 'fallback'
  | 'yes'
  | 'no';

function word(key: Word, lang: Lang): string {
  return w(lang, `settings.word.${key}`);
}

/** How often the refresh runs, as the settings tab words it: « chaque semaine », "weekly". */
export function refreshWord(refresh: Refresh, lang: Lang): string {
  return word(refresh, lang);
}

function isWord(text: string, key: Word): boolean {
  const normalized = normalizeHeader(text);
  return LANGS.some((lang) => normalizeHeader(word(key, lang)) === normalized);
}

const BOUND_COLUMNS = ['R min', 'R max', 'F min', 'F max', 'M min', 'M max', 'Total min', 'Total max'];
const ruleColumns = (lang: Lang) => [
  '#',
  'Segment',
  w(lang, 'settings.colour'),
  ...BOUND_COLUMNS,
  'Conditions',
];

const FIELD_WORDS: [MetricField, string[]][] = [
  ['recency', ['recence', 'recency', 'jours', 'days']],
  ['frequency', ['frequence', 'frequency', 'commandes', 'orders']],
  ['monetary', ['montant', 'monetary', 'depense', 'spend', 'ca', 'revenue']],
  ['averageBasket', ['panier moyen', 'average basket', 'basket']],
  ['tenure', ['anciennete', 'tenure']],
  ['probabilityAlive', ['p actif', 'p alive', 'p active', 'probabilite d etre actif', 'probability active']],
  ['predictedValue', ['valeur prevue', 'predicted value', 'clv']],
];

/** A condition as a person writes it: `récence > 180`, `montant >= 500`, `pays = France`. */
export function conditionText(condition: Condition, lang: Lang): string {
  const field = 'field' in condition ? w(lang, `settings.field.${condition.field}`) : condition.attribute;
  const op = condition.op === 'contains' ? w(lang, 'settings.contains') : condition.op;
  return `${field} ${op} ${condition.value}`;
}

/** Parse one condition; null when it cannot be read. */
export function parseCondition(text: string): Condition | null {
  const match = /^\s*(.+?)\s*(<=|>=|!=|≠|≤|≥|<|>|=|\bcontient\b|\bcontains\b)\s*(.+?)\s*$/i.exec(text);
  if (!match) return null;
  const op =
    ({ '≤': '<=', '≥': '>=', '≠': '!=', contient: 'contains' } as Record<string, string>)[
      match[2].toLowerCase()
    ] ?? match[2].toLowerCase();
  const name = normalizeHeader(match[1]);
  const field = FIELD_WORDS.find(([, words]) => words.includes(name))?.[0];
  if (field) {
    const value = Number(match[3].replace(',', '.').replace(/\s/g, ''));
    if (op === 'contains' || !Number.isFinite(value)) return null;
    return { field, op: op as '<', value };
  }
  if (!['=', '!=', 'contains'].includes(op)) return null;
  return { attribute: match[1].trim(), op: op as '=', value: match[3] };
}

function boundsCells(bounds: ScoreBounds | undefined): WriteCell[] {
  return bounds ? [bounds.min, bounds.max] : ['', ''];
}

/** The settings tab's cells: parameters, then the ordered rule table, then the fallback. */
export function settingsRows(settings: Settings, lang: Lang): WriteCell[][] {
  const mappingCell = (role: keyof ColumnMapping) => {
    const index = settings.mapping[role];
    return typeof index === 'number' ? columnLetter(index) : '';
  };
  const scoring = settings.scoring;
  const values: Record<Key, WriteCell> = {
    sourceSheet: settings.sourceSheet,
    sourceRange: settings.sourceRange,
    customer: mappingCell('customer'),
    date: mappingCell('date'),
    amount: mappingCell('amount'),
    orderId: mappingCell('orderId'),
    quantity: mappingCell('quantity'),
    unitPrice: mappingCell('unitPrice'),
    asOf: settings.asOf.kind === 'date' ? isoDay(settings.asOf.day) : word(settings.asOf.kind, lang),
    scoring: word(scoring.kind, lang),
    classes: classesOf(scoring),
    recencyThresholds: scoring.kind === 'fixed' ? scoring.recency.join(' / ') : '',
    frequencyThresholds: scoring.kind === 'fixed' ? scoring.frequency.join(' / ') : '',
    monetaryThresholds: scoring.kind === 'fixed' ? scoring.monetary.join(' / ') : '',
    preset: settings.preset ? presetLabel(settings.preset, lang) : word('custom', lang),
    rulesScale: settings.segments.scale,
    historyKeep: settings.historyKeep,
    refresh: word(settings.refresh, lang),
    predictedValue: word(settings.predictedValue ? 'yes' : 'no', lang),
  };
  const width = ruleColumns(lang).length;
  const pad = (cells: WriteCell[]) => [...cells, ...Array<WriteCell>(width - cells.length).fill('')];
  return [
    pad([settingsTabName(lang)]),
    pad([w(lang, 'settings.note')]),
    pad([]),
    ...PARAMETERS.map((key) => pad([w(lang, `settings.param.${key}`), values[key]])),
    pad([]),
    pad([w(lang, 'settings.rulesTitle')]),
    ruleColumns(lang),
    ...settings.segments.rules.map((rule, i) =>
      pad([
        i + 1,
        rule.name,
        rule.color,
        ...boundsCells(rule.r),
        ...boundsCells(rule.f),
        ...boundsCells(rule.m),
        ...boundsCells(rule.total),
        (rule.conditions ?? []).map((condition) => conditionText(condition, lang)).join(' ; '),
      ]),
    ),
    pad([word('fallback', lang), settings.segments.fallback.name, settings.segments.fallback.color]),
  ];
}

/**
 * Read the settings tab back. Settings when valid, otherwise every issue with its cell. `dayOf`
 * gives the day of a date typed in the tab, in the spreadsheet's time zone.
 */
export function parseSettings(
  cells: Cell[][],
  lang: Lang,
  locale: string,
  dayOf: DayOf,
): { settings: Settings; issues: [] } | { settings: null; issues: SettingsIssue[] } {
  // Every row as wide as the tab's rule table: a file may end its rows at their last cell.
  const width = ruleColumns(lang).length;
  const values = cells.map((row) =>
    Array.from({ length: Math.max(row.length, width) }, (_, column) => cellText(row[column], dayOf).trim()),
  );
  const issues: SettingsIssue[] = [];
  const settings = defaultSettings(lang);
  const parameterRow = new Map<Key, number>();
  const labels = new Map<string, Key>();
  for (const key of PARAMETERS)
    for (const language of LANGS) labels.set(normalizeHeader(w(language, `settings.param.${key}`)), key);
  const header = values.findIndex((row) => normalizeHeader(row[1] ?? '') === 'segment');
  values.slice(0, header < 0 ? values.length : header).forEach((row, index) => {
    const key = labels.get(normalizeHeader(row[0] ?? ''));
    if (key) parameterRow.set(key, index);
  });
  const at = (key: Key) => {
    const row = parameterRow.get(key);
    return row === undefined ? { text: '', cell: 'B1' } : { text: values[row][1] ?? '', cell: `B${row + 1}` };
  };
  const fail = (cell: string, message: string) => issues.push({ cell, message });

  settings.sourceSheet = at('sourceSheet').text;
  settings.sourceRange = at('sourceRange').text;
  for (const role of MAPPED_ROLES) {
    const { text, cell } = at(role);
    if (text === '') continue;
    const index = columnIndex(text);
    if (index === null) fail(cell, w(lang, 'settings.badColumn', { text }));
    else settings.mapping[role] = index;
  }
  if (Object.keys(settings.mapping).length > 0) settings.mapping.hasHeader = true;

  const asOf = at('asOf');
  if (asOf.text === '' || isWord(asOf.text, 'latest')) settings.asOf = { kind: 'latest' };
  else if (isWord(asOf.text, 'today')) settings.asOf = { kind: 'today' };
  else {
    const day = dayFromText(asOf.text, localeFormat(locale));
    if (day === null) fail(asOf.cell, t(lang, 'error.badAsOf', { value: asOf.text }));
    else settings.asOf = { kind: 'date', day };
  }

  const scoring = at('scoring');
  const classes = at('classes');
  if (scoring.text === '' || isWord(scoring.text, 'quantile')) {
    settings.scoring = {
      kind: 'quantile',
      classes: classes.text === '' ? DEFAULT_CLASSES : Number(classes.text),
    };
  } else if (isWord(scoring.text, 'fixed')) {
    const list = (key: Key) => thresholdList(at(key).text);
    settings.scoring = {
      kind: 'fixed',
      recency: list('recencyThresholds'),
      frequency: list('frequencyThresholds'),
      monetary: list('monetaryThresholds'),
    };
  } else {
    fail(
      scoring.cell,
      w(lang, 'settings.badScoring', { quantile: word('quantile', lang), fixed: word('fixed', lang) }),
    );
  }
  try {
    validateScoring(settings.scoring, lang);
  } catch (error) {
    if (settings.scoring.kind === 'quantile')
      fail(classes.cell, t(lang, 'error.classes', { value: classes.text }));
    else fail(at('recencyThresholds').cell, (error as Error).message);
  }

  const preset = at('preset');
  settings.preset =
    PRESET_IDS.find((id) =>
      LANGS.some((language) => normalizeHeader(presetLabel(id, language)) === normalizeHeader(preset.text)),
    ) ?? null;

  const historyKeep = at('historyKeep');
  if (historyKeep.text !== '') {
    const keep = Number(historyKeep.text);
    if (!Number.isInteger(keep) || keep < 1 || keep > 120)
      fail(historyKeep.cell, w(lang, 'settings.badHistory'));
    else settings.historyKeep = keep;
  }
  const refresh = at('refresh');
  settings.refresh =
    (['off', 'weekly', 'monthly'] as const).find((kind) => isWord(refresh.text, kind)) ?? 'off';

  // Predicted value: on unless switched off (a tab written before the switch existed has no row).
  const predictedValue = at('predictedValue');
  if (isWord(predictedValue.text, 'no') || isWord(predictedValue.text, 'off'))
    settings.predictedValue = false;
  else if (predictedValue.text === '' || isWord(predictedValue.text, 'yes')) settings.predictedValue = true;
  else fail(predictedValue.cell, t(lang, 'error.predictedValueWord', { value: predictedValue.text }));

  const scale = at('rulesScale');
  const rulesScale = scale.text === '' ? PRESET_SCALE : Number(scale.text);
  if (!Number.isInteger(rulesScale) || rulesScale < MIN_CLASSES || rulesScale > MAX_CLASSES) {
    fail(scale.cell, t(lang, 'error.classes', { value: scale.text }));
  }
  if (header >= 0) {
    const parsed = parseRules(values, header, rulesScale, lang, fail);
    if (parsed) {
      settings.segments = parsed;
      const classesInForce = classesOf(settings.scoring);
      for (const issue of validateSegmentSet(parsed, classesInForce, lang).filter(
        (found) => !found.severity,
      )) {
        fail(
          issue.rule < 0 ? `B${header + parsed.rules.length + 2}` : `B${header + issue.rule + 2}`,
          issue.message,
        );
      }
    }
  }
  return issues.length > 0 ? { settings: null, issues } : { settings, issues: [] };
}

function parseRules(
  values: string[][],
  header: number,
  scale: number,
  lang: Lang,
  fail: (cell: string, message: string) => void,
): SegmentSet | null {
  const rules: SegmentRule[] = [];
  let fallback: SegmentSet['fallback'] | null = null;
  for (let index = header + 1; index < values.length; index++) {
    const row = values[index];
    if (row.every((text) => text === '')) continue;
    const rowNumber = index + 1;
    if (isWord(row[0], 'fallback')) {
      fallback = { name: row[1], color: row[2] || NEUTRAL_COLOR };
      continue;
    }
    const bounds = (column: number): ScoreBounds | undefined => {
      const [min, max] = [row[column], row[column + 1]];
      if (min === '' && max === '') return undefined;
      const parsed = { min: min === '' ? 1 : Number(min), max: max === '' ? Infinity : Number(max) };
      if (!Number.isFinite(parsed.min) || Number.isNaN(parsed.max)) {
        fail(`${columnLetter(column)}${rowNumber}`, w(lang, 'settings.badBounds'));
        return undefined;
      }
      return parsed;
    };
    const r = bounds(3);
    const f = bounds(5);
    const m = bounds(7);
    const total = bounds(9);
    const conditions: Condition[] = [];
    for (const part of row[11].split(/[;\n]/).filter((text) => text.trim() !== '')) {
      const condition = parseCondition(part);
      if (condition) conditions.push(condition);
      else fail(`L${rowNumber}`, w(lang, 'settings.badCondition', { condition: part.trim() }));
    }
    const rule: SegmentRule = { name: row[1], color: row[2] || NEUTRAL_COLOR };
    const maxScale = (bound: ScoreBounds | undefined, top: number) =>
      bound && bound.max === Infinity ? { ...bound, max: top } : bound;
    if (r) rule.r = maxScale(r, scale);
    if (f) rule.f = maxScale(f, scale);
    if (m) rule.m = maxScale(m, scale);
    if (total) rule.total = maxScale(total, 3 * scale);
    if (conditions.length > 0) rule.conditions = conditions;
    rules.push(rule);
  }
  if (!fallback) {
    fail(`A${values.length + 1}`, w(lang, 'settings.noFallback', { fallback: word('fallback', lang) }));
    return null;
  }
  return { scale, rules, fallback };
}
