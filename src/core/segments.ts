/**
 * Segment rules (see src/core/README.md, "Segments"): an ordered list of rules, the first rule that
 * matches a customer wins, and a customer that matches none goes to the fallback segment.
 */
import { normalizeHeader } from './columns';
import { t, type Lang } from './labels';
import { averageBasket, tenureDays, type AttributeValue, type CustomerMetrics } from './metrics';
import { MAX_CLASSES, MIN_CLASSES, scoreCode, type Scores } from './scores';
import { MONEY_SCALE } from './values';
import { largeArray } from './large-arrays';

/** An inclusive range of scores (or of totals), on the rules' scale. */
export interface ScoreBounds {
  min: number;
  max: number;
}

/**
 * Recency and tenure in days, frequency in purchases, monetary and average basket in currency
 * units; P(alive) from 0 to 1 and the predicted value over 12 months in currency units (src/core/README.md,
 * "Predicted value"), which hold only when the predictions are there (computed and trusted).
 */
export type MetricField =
  'recency' | 'frequency' | 'monetary' | 'averageBasket' | 'tenure' | 'probabilityAlive' | 'predictedValue';

/** The fields that need the predicted-value models. */
export const PREDICTION_FIELDS: readonly MetricField[] = ['probabilityAlive', 'predictedValue'];

/**
 * Each customer's P(alive) (0 to 1) and predicted value (thousandths), index i of the metrics;
 * null when the model behind them cannot be trusted.
 */
export interface CustomerPredictions {
  probabilityAlive: Float64Array | null;
  predictedValue: Float64Array | null;
}

export interface MetricCondition {
  field: MetricField;
  op: '<' | '<=' | '>' | '>=' | '=' | '!=';
  value: number;
}

/**
 * A condition on an extra column of the orders: the column is named as its header (case and
 * accents ignored), the customer's value is compared trimmed and case-insensitively. A customer
 * without a value, or orders without that column, have the value ''.
 */
export interface AttributeCondition {
  attribute: string;
  op: '=' | '!=' | 'contains';
  value: string;
}

export type Condition = MetricCondition | AttributeCondition;

/** A rule matches a customer when every range it has holds and every condition holds. */
export interface SegmentRule {
  name: string;
  /** `#rrggbb` */
  color: string;
  r?: ScoreBounds;
  f?: ScoreBounds;
  m?: ScoreBounds;
  /** Range of R + F + M, each read on the rules' scale. */
  total?: ScoreBounds;
  conditions?: Condition[];
}

export interface SegmentSet {
  /** The class count the ranges are written on (5 for the presets). */
  scale: number;
  rules: SegmentRule[];
  fallback: { name: string; color: string };
}

/** A problem in a segment set; `rule` is the rule's index, -1 for the set itself or its fallback. */
export interface RuleIssue {
  rule: number;
  /**
   * A warning does not block: the rule is sound on its own scale but, read with the class count in
   * force, no customer can reach it (RFM classique with 3 classes leaves « Fidèles » empty).
   */
  severity?: 'warning';
  field?: 'name' | 'r' | 'f' | 'm' | 'total' | 'conditions' | 'color';
  message: string;
}

type RangeField = 'r' | 'f' | 'm' | 'total';
const RANGE_FIELDS: readonly RangeField[] = ['r', 'f', 'm', 'total'];

/**
 * A score out of `classes` read on a scale of `scale` classes: the middle of its class,
 * ⌈scale·(2·score − 1) / (2·classes)⌉ (the score itself when both are equal). Exact for integers.
 */
export function readingOnScale(score: number, classes: number, scale: number): number {
  const denominator = 2 * classes;
  return Math.floor((scale * (2 * score - 1) + denominator - 1) / denominator);
}

/** The names of the segments, indexed like `assignSegments`' result: the rules', then the fallback's. */
export function segmentNames(set: SegmentSet): string[] {
  return [...set.rules.map((rule) => rule.name), set.fallback.name];
}

/** The columns the rules' attribute conditions test: kept as attributes whatever their values. */
export function ruleAttributes(set: SegmentSet): string[] {
  return set.rules.flatMap((rule) =>
    (rule.conditions ?? []).flatMap((condition) => ('attribute' in condition ? [condition.attribute] : [])),
  );
}

/** Whether a rule needs more than scores: conditions on metrics or attributes. */
export function hasConditions(rule: SegmentRule): boolean {
  return (rule.conditions?.length ?? 0) > 0;
}

function inBounds(value: number, bounds: ScoreBounds | undefined): boolean {
  return !bounds || (value >= bounds.min && value <= bounds.max);
}

/** Whether the ranges of a rule hold for R, F and M already read on the rules' scale. */
export function rangesMatch(rule: SegmentRule, r: number, f: number, m: number): boolean {
  return inBounds(r, rule.r) && inBounds(f, rule.f) && inBounds(m, rule.m) && inBounds(r + f + m, rule.total);
}

/** Index of the score triple (r, f, m), each 1 … classes: ((r − 1)·classes + f − 1)·classes + m − 1. */
function tripleIndex(r: number, f: number, m: number, classes: number): number {
  return ((r - 1) * classes + f - 1) * classes + m - 1;
}

/** For each rule, 1 for each score triple (by `tripleIndex`) that its ranges match. */
function rangeMatches(set: SegmentSet, classes: number): Uint8Array[] {
  const reading = Array.from({ length: classes }, (_, i) => readingOnScale(i + 1, classes, set.scale));
  return set.rules.map((rule) => {
    const matched = new Uint8Array(classes ** 3);
    for (let r = 1; r <= classes; r++)
      for (let f = 1; f <= classes; f++)
        for (let m = 1; m <= classes; m++)
          if (rangesMatch(rule, reading[r - 1], reading[f - 1], reading[m - 1]))
            matched[tripleIndex(r, f, m, classes)] = 1;
    return matched;
  });
}

type CustomerTest = (customer: number) => boolean;

/** A customer's value of a field; null when there is none (no trusted prediction): the condition then fails. */
type MetricValue = (
  metrics: CustomerMetrics,
  customer: number,
  predicted: CustomerPredictions | null,
) => number | null;

const METRIC_VALUES: Record<MetricField, MetricValue> = {
  recency: (metrics, customer) => metrics.recencyDays[customer],
  frequency: (metrics, customer) => metrics.frequency[customer],
  monetary: (metrics, customer) => metrics.monetary[customer] / MONEY_SCALE,
  averageBasket: (metrics, customer) => averageBasket(metrics, customer) / MONEY_SCALE,
  tenure: (metrics, customer) => tenureDays(metrics, customer),
  probabilityAlive: (_, customer, predicted) => predicted?.probabilityAlive?.[customer] ?? null,
  predictedValue: (_, customer, predicted) => {
    const value = predicted?.predictedValue?.[customer];
    return value === undefined ? null : value / MONEY_SCALE;
  },
};

/** Whether a rule of the set has a condition on P(alive) or the predicted value. */
export function usesPredictions(set: SegmentSet): boolean {
  return set.rules.some((rule) =>
    (rule.conditions ?? []).some(
      (condition) => 'field' in condition && PREDICTION_FIELDS.includes(condition.field),
    ),
  );
}

const NUMBER_OPS: Record<MetricCondition['op'], (value: number, target: number) => boolean> = {
  '<': (value, target) => value < target,
  '<=': (value, target) => value <= target,
  '>': (value, target) => value > target,
  '>=': (value, target) => value >= target,
  '=': (value, target) => value === target,
  '!=': (value, target) => value !== target,
};

const TEXT_OPS: Record<AttributeCondition['op'], (value: string, target: string) => boolean> = {
  '=': (value, target) => value === target,
  '!=': (value, target) => value !== target,
  contains: (value, target) => value.includes(target),
};

/** An attribute value as compared: its text, trimmed and lower-cased (dates are already yyyy-mm-dd). */
function attributeText(cell: AttributeValue): string {
  return String(cell ?? '')
    .trim()
    .toLowerCase();
}

/** The values of the first extra column whose header names the attribute, or null. */
function attributeValues(metrics: CustomerMetrics, attribute: string): AttributeValue[] | null {
  const wanted = normalizeHeader(attribute);
  if (wanted === '') return null;
  return metrics.attributes.find((column) => normalizeHeader(column.name) === wanted)?.values ?? null;
}

function conditionTest(
  condition: Condition,
  metrics: CustomerMetrics,
  predicted: CustomerPredictions | null,
): CustomerTest {
  if ('field' in condition) {
    const value = METRIC_VALUES[condition.field];
    const compare = NUMBER_OPS[condition.op];
    return (customer) => {
      const actual = value(metrics, customer, predicted);
      return actual !== null && compare(actual, condition.value);
    };
  }
  const values = attributeValues(metrics, condition.attribute);
  const compare = TEXT_OPS[condition.op];
  const target = attributeText(condition.value);
  return (customer) => compare(values ? attributeText(values[customer]) : '', target);
}

/** Whether every condition of a rule holds for a customer. */
function conditionsTest(
  conditions: Condition[],
  metrics: CustomerMetrics,
  predicted: CustomerPredictions | null,
): CustomerTest {
  const tests = conditions.map((condition) => conditionTest(condition, metrics, predicted));
  return (customer) => tests.every((test) => test(customer));
}

/**
 * The segment of each customer: the index of the first rule that matches, `set.rules.length` for
 * the fallback (see `segmentNames`). `classes` is the number of score classes (3 … 10).
 * `predicted` gives the conditions on P(alive) and the predicted value their values; without it
 * those conditions hold for nobody.
 */
export function assignSegments(
  metrics: CustomerMetrics,
  scores: Scores,
  classes: number,
  set: SegmentSet,
  predicted: CustomerPredictions | null = null,
): Uint16Array {
  const fallback = set.rules.length;
  const matches = rangeMatches(set, classes);
  const tests = set.rules.map((rule) =>
    hasConditions(rule) ? conditionsTest(rule.conditions!, metrics, predicted) : null,
  );
  // Per score triple: the first matching rule without conditions, and the rules with conditions before it.
  const firstPlain = new Uint16Array(classes ** 3).fill(fallback);
  const conditional: (number[] | null)[] = new Array(classes ** 3).fill(null);
  for (let triple = 0; triple < classes ** 3; triple++) {
    for (let rule = 0; rule < fallback; rule++) {
      if (!matches[rule][triple]) continue;
      if (!tests[rule]) {
        firstPlain[triple] = rule;
        break;
      }
      (conditional[triple] ??= []).push(rule);
    }
  }
  const segment = largeArray(Uint16Array, metrics.count);
  for (let customer = 0; customer < metrics.count; customer++) {
    const triple = tripleIndex(scores.r[customer], scores.f[customer], scores.m[customer], classes);
    const candidates = conditional[triple];
    segment[customer] = candidates?.find((rule) => tests[rule]!(customer)) ?? firstPlain[triple];
  }
  return segment;
}

/** How a message names a rule (index in `set.rules`, -1 for the fallback). */
function ruleLabel(set: SegmentSet, index: number, lang: Lang): string {
  const name = (index < 0 ? set.fallback.name : set.rules[index].name).trim();
  if (index < 0) return name ? t(lang, 'rule.fallbackLabel', { name }) : t(lang, 'rule.fallbackUnnamed');
  return t(lang, name ? 'rule.label' : 'rule.labelUnnamed', { index: index + 1, name });
}

/**
 * The segment of a score code (`=SEGMENT("335")`), or an error a person can act on: a score
 * outside 1 … classes, or a first matching rule that also needs metrics or attributes.
 */
export function segmentOfCode(
  r: number,
  f: number,
  m: number,
  classes: number,
  set: SegmentSet,
  lang: Lang,
): { name: string } | { error: string } {
  const scores = [r, f, m];
  if (!scores.every((score) => Number.isInteger(score) && score >= 1 && score <= classes)) {
    return { error: t(lang, 'segment.badCode', { code: scoreCode(r, f, m), classes }) };
  }
  const [readR, readF, readM] = scores.map((score) => readingOnScale(score, classes, set.scale));
  const index = set.rules.findIndex((rule) => rangesMatch(rule, readR, readF, readM));
  if (index < 0) return { name: set.fallback.name };
  if (hasConditions(set.rules[index])) {
    return { error: t(lang, 'segment.needsOrders', { rule: ruleLabel(set, index, lang) }) };
  }
  return { name: set.rules[index].name };
}

/**
 * Everything wrong with a segment set, for scores out of `classes` (3 … 10), in rule order, the
 * fallback's last: names, ranges, colours, conditions, and rules that can never apply.
 */
export function validateSegmentSet(set: SegmentSet, classes: number, lang: Lang): RuleIssue[] {
  const { scale } = set;
  if (!Number.isInteger(scale) || scale < MIN_CLASSES || scale > MAX_CLASSES) {
    return [{ rule: -1, message: t(lang, 'rule.badScale', { value: String(scale) }) }];
  }
  const issues: RuleIssue[] = [];
  set.rules.forEach((rule, index) => {
    const label = ruleLabel(set, index, lang);
    issues.push(...nameIssues(set, index, lang));
    for (const field of RANGE_FIELDS) issues.push(...rangeIssues(rule, field, index, scale, label, lang));
    issues.push(...colorIssues(rule.color, index, label, lang));
    issues.push(...conditionIssues(rule.conditions ?? [], index, label, lang));
  });
  issues.push(...nameIssues(set, -1, lang));
  issues.push(...colorIssues(set.fallback.color, -1, ruleLabel(set, -1, lang), lang));
  const badRanges = new Set(issues.filter((issue) => isRangeField(issue.field)).map((issue) => issue.rule));
  const unreachable = reachIssues(set, scale, badRanges, lang);
  issues.push(...unreachable);
  if (Number.isInteger(classes) && classes >= MIN_CLASSES && classes <= MAX_CLASSES && classes !== scale) {
    const known = new Set([...badRanges, ...unreachable.map((issue) => issue.rule)]);
    const emptyHere = reachIssues(set, classes, known, lang);
    issues.push(...emptyHere.map((issue): RuleIssue => ({ ...issue, severity: 'warning' })));
  }
  const order = (issue: RuleIssue) => (issue.rule < 0 ? set.rules.length : issue.rule);
  return issues.sort((a, b) => order(a) - order(b));
}

function isRangeField(field: RuleIssue['field']): boolean {
  return field === 'r' || field === 'f' || field === 'm' || field === 'total';
}

/** Names compare trimmed and case-insensitively; the fallback's is compared with the rules'. */
function nameIssues(set: SegmentSet, index: number, lang: Lang): RuleIssue[] {
  const names = segmentNames(set).map((name) => name.trim().toLowerCase());
  const position = index < 0 ? set.rules.length : index;
  const rule = ruleLabel(set, index, lang);
  if (names[position] === '')
    return [{ rule: index, field: 'name', message: t(lang, 'rule.emptyName', { rule }) }];
  const first = names.indexOf(names[position]);
  if (first === position) return [];
  return [{ rule: index, field: 'name', message: t(lang, 'rule.duplicateName', { rule, other: first + 1 }) }];
}

function rangeIssues(
  rule: SegmentRule,
  field: RangeField,
  index: number,
  scale: number,
  label: string,
  lang: Lang,
): RuleIssue[] {
  const bounds = rule[field];
  if (!bounds) return [];
  const [low, high] = field === 'total' ? [3, 3 * scale] : [1, scale];
  const params = {
    rule: label,
    range:
      field === 'total'
        ? t(lang, 'rule.rangeTotal')
        : t(lang, 'rule.rangeScore', { axis: field.toUpperCase() }),
    min: String(bounds.min),
    max: String(bounds.max),
    low,
    high,
  };
  const issue = (key: 'rule.nonIntegerBound' | 'rule.invertedRange' | 'rule.emptyRange') => [
    { rule: index, field, message: t(lang, key, params) },
  ];
  if (!Number.isInteger(bounds.min) || !Number.isInteger(bounds.max)) return issue('rule.nonIntegerBound');
  if (bounds.min > bounds.max) return issue('rule.invertedRange');
  if (bounds.max < low || bounds.min > high) return issue('rule.emptyRange');
  return [];
}

function colorIssues(color: string, index: number, label: string, lang: Lang): RuleIssue[] {
  if (/^#[0-9a-f]{6}$/i.test(color)) return [];
  return [{ rule: index, field: 'color', message: t(lang, 'rule.badColor', { rule: label, color }) }];
}

function conditionIssues(conditions: Condition[], index: number, label: string, lang: Lang): RuleIssue[] {
  return conditions.flatMap((condition, position): RuleIssue[] => {
    const params = { rule: label, index: position + 1, value: String(condition.value) };
    if ('field' in condition) {
      if (typeof condition.value === 'number' && Number.isFinite(condition.value)) return [];
      return [{ rule: index, field: 'conditions', message: t(lang, 'rule.badConditionValue', params) }];
    }
    if (condition.attribute.trim() !== '') return [];
    return [{ rule: index, field: 'conditions', message: t(lang, 'rule.emptyAttribute', params) }];
  });
}

/** `« A »`, `« A » et « B »`, `« A », « B » et « C »`. */
function quotedList(names: string[], lang: Lang): string {
  const quoted = names.map((name) => t(lang, 'rule.quoted', { name }));
  if (quoted.length === 1) return quoted[0];
  return t(lang, 'list.and', { list: quoted.slice(0, -1).join(', '), last: quoted[quoted.length - 1] });
}

/**
 * Rules that can never apply, over every score triple 1 … classes: none matches their ranges, or
 * each one they match is already taken by an earlier rule without conditions (rules with
 * conditions take no triple for sure, so they hide nothing). Rules in `skip` are not reported.
 */
function reachIssues(set: SegmentSet, classes: number, skip: Set<number>, lang: Lang): RuleIssue[] {
  const matches = rangeMatches(set, classes);
  const takenBy = new Int16Array(classes ** 3).fill(-1);
  const issues: RuleIssue[] = [];
  set.rules.forEach((rule, index) => {
    const hiders = new Set<number>();
    let matchesAny = false;
    let reachesFree = false;
    for (let triple = 0; triple < takenBy.length; triple++) {
      if (!matches[index][triple]) continue;
      matchesAny = true;
      if (takenBy[triple] < 0) reachesFree = true;
      else hiders.add(takenBy[triple]);
    }
    const label = ruleLabel(set, index, lang);
    if (!skip.has(index) && !matchesAny) {
      issues.push({ rule: index, message: t(lang, 'rule.neverMatches', { rule: label, classes }) });
    } else if (!skip.has(index) && !reachesFree) {
      const names = [...hiders].sort((a, b) => a - b).map((hider) => set.rules[hider].name.trim());
      issues.push({
        rule: index,
        message: t(lang, 'rule.hidden', { rule: label, names: quotedList(names, lang) }),
      });
    }
    if (hasConditions(rule)) return;
    for (let triple = 0; triple < takenBy.length; triple++) {
      if (matches[index][triple] && takenBy[triple] < 0) takenBy[triple] = index;
    }
  });
  return issues;
}
