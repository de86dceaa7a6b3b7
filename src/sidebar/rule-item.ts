/**
 * One rule of the sidebar's list: its inputs (name, colour, R/F/M and total ranges, conditions),
 * drawn from the rule and writing back into it, and how its messages and brief are shown. The list
 * itself (order, presets, the fallback) is in rules-view.ts.
 */
import type { Lang } from '../core/labels';
import { NEUTRAL_COLOR } from '../core/presets';
import type { RuleIssue, ScoreBounds, SegmentRule, SegmentSet } from '../core/segments';
import { conditionItem } from './condition-view';
import { fill, h, iconButton, uid } from './dom';
import type { App } from './model';
import { say } from './text';

/** What a rule's inputs need from the list: the page, the language, and how an edit is told. */
export interface RuleEditing {
  app: App;
  lang: Lang;
  /** A person's edit: the rules no longer are the preset's. */
  edited(): void;
  segments(): SegmentSet;
  /** Rules whose ranges and conditions are unfolded: they stay so when the list is drawn again. */
  unfolded: WeakSet<SegmentRule>;
  move(index: number, by: number): void;
}

type RangeField = 'r' | 'f' | 'm' | 'total';
const RANGE_FIELDS: readonly RangeField[] = ['r', 'f', 'm', 'total'];

export interface RuleParts {
  messages: HTMLElement;
  brief: HTMLElement;
  /** The rule's customers and revenue in the preview. */
  figures: HTMLElement;
  controls: Partial<Record<NonNullable<RuleIssue['field']>, HTMLElement[]>>;
}

export function textInput(
  editing: RuleEditing,
  value: string,
  label: string,
  key: string,
  onInput: (value: string) => void,
) {
  const input = h('input', { type: 'text', 'aria-label': label, 'data-key': key, autocomplete: 'off' });
  input.value = value;
  input.addEventListener('input', () => {
    onInput(input.value);
    editing.edited();
    editing.app.changed();
  });
  return input;
}

export function colorInput(
  editing: RuleEditing,
  value: string,
  label: string,
  onInput: (value: string) => void,
) {
  const input = h('input', { type: 'color', 'aria-label': label });
  input.value = /^#[0-9a-f]{6}$/i.test(value) ? value.toLowerCase() : NEUTRAL_COLOR;
  input.addEventListener('input', () => {
    onInput(input.value);
    editing.edited();
    editing.app.changed();
  });
  return input;
}

function rangeInputs(
  editing: RuleEditing,
  rule: SegmentRule,
  field: RangeField,
  index: number,
): HTMLElement[] {
  const { lang } = editing;
  const scale = editing.segments().scale;
  const [low, high] = field === 'total' ? [3, 3 * scale] : [1, scale];
  const label = field === 'total' ? say(lang, 'rule.total') : field.toUpperCase();
  const bounds = rule[field];
  const make = (which: 'min' | 'max') => {
    const input = h('input', {
      type: 'number',
      min: low,
      max: high,
      step: 1,
      inputmode: 'numeric',
      placeholder: which === 'min' ? low : high,
      'aria-label': say(lang, which === 'min' ? 'rule.min' : 'rule.max', {
        range: label,
        index: index + 1,
      }),
    });
    input.value = bounds ? String(bounds[which]) : '';
    return input;
  };
  const min = make('min');
  const max = make('max');
  const onInput = () => {
    const [from, to] = [min.value.trim(), max.value.trim()];
    if (from === '' && to === '') delete rule[field];
    else
      rule[field] = {
        min: from === '' ? low : Number(from),
        max: to === '' ? high : Number(to),
      } satisfies ScoreBounds;
    editing.edited();
    editing.app.changed();
  };
  min.addEventListener('input', onInput);
  max.addEventListener('input', onInput);
  return [
    h('span', { class: 'range-label', 'aria-hidden': 'true' }, label),
    min,
    h('span', { 'aria-hidden': 'true' }, '–'),
    max,
  ];
}

/** A rule of the list: its head (colour, name, move and remove buttons), figures, messages and details. */
export function ruleItem(
  editing: RuleEditing,
  rule: SegmentRule,
  index: number,
  count: number,
): { element: HTMLElement; parts: RuleParts } {
  const { app, lang, edited, segments, unfolded } = editing;
  const number = index + 1;
  const messages = h('ul', { class: 'messages', id: uid('messages'), 'aria-live': 'polite' });
  const name = textInput(
    editing,
    rule.name,
    say(lang, 'rule.name', { index: number }),
    `rule-${index}-name`,
    (value) => (rule.name = value),
  );
  name.setAttribute('aria-describedby', messages.id);
  const color = colorInput(
    editing,
    rule.color,
    say(lang, 'rule.color', { index: number }),
    (value) => (rule.color = value),
  );
  const ranges = RANGE_FIELDS.map((field) =>
    h('div', { class: 'range' }, ...rangeInputs(editing, rule, field, index)),
  );
  const conditions = h('ol', { class: 'conditions', 'aria-label': say(lang, 'rule.conditions') });
  (rule.conditions ?? []).forEach((_, position) =>
    conditions.append(conditionItem(app, edited, rule, index, position)),
  );
  const addCondition = h(
    'button',
    { type: 'button', class: 'secondary small', 'data-key': `rule-${index}-add-condition` },
    `+ ${say(lang, 'rule.addCondition')}`,
  );
  addCondition.addEventListener('click', () => {
    (rule.conditions ??= []).push({ field: 'recency', op: '>', value: 180 });
    edited();
    app.rulesChanged(`rule-${index}-condition-${rule.conditions.length - 1}-field`);
  });
  const brief = h('span', { class: 'brief' });
  const figures = h('p', { class: 'figures' });
  const details = h(
    'details',
    {},
    h('summary', {}, say(lang, 'rule.details'), ' ', brief),
    h('div', { class: 'ranges' }, ...ranges),
    conditions,
    addCondition,
  );
  details.open = unfolded.has(rule);
  details.addEventListener('toggle', () => (details.open ? unfolded.add(rule) : unfolded.delete(rule)));
  const parts: RuleParts = {
    messages,
    brief,
    figures,
    controls: {
      name: [name],
      color: [color],
      ...Object.fromEntries(
        RANGE_FIELDS.map((field, i) => [field, Array.from(ranges[i].querySelectorAll('input'))]),
      ),
      conditions: [conditions],
    },
  };
  const element = h(
    'li',
    { class: 'rule', 'data-rule': index },
    h(
      'div',
      { class: 'rule-head' },
      color,
      name,
      iconButton(
        '↑',
        say(lang, 'rule.up', { index: number }),
        `rule-${index}-up`,
        () => editing.move(index, -1),
        index === 0,
      ),
      iconButton(
        '↓',
        say(lang, 'rule.down', { index: number }),
        `rule-${index}-down`,
        () => editing.move(index, 1),
        index === count - 1,
      ),
      iconButton('✕', say(lang, 'rule.remove', { index: number }), `rule-${index}-remove`, () => {
        segments().rules.splice(index, 1);
        edited();
        app.rulesChanged(segments().rules.length > 0 ? `rule-${Math.max(0, index - 1)}-name` : 'add-rule');
      }),
    ),
    figures,
    messages,
    details,
  );
  return { element, parts };
}

/** The ranges and conditions of a rule in one line: `R 4–5 · F 5 · +1`. */
export function briefOf(rule: SegmentRule, lang: Lang): string {
  const ranges = RANGE_FIELDS.flatMap((field) => {
    const bounds = rule[field];
    if (!bounds) return [];
    const label = field === 'total' ? say(lang, 'rule.total') : field.toUpperCase();
    return [`${label} ${bounds.min === bounds.max ? bounds.min : `${bounds.min}–${bounds.max}`}`];
  });
  const conditions = rule.conditions?.length ?? 0;
  if (conditions > 0) ranges.push(`+${conditions}`);
  return ranges.length > 0 ? ranges.join(' · ') : say(lang, 'rule.anyone');
}

/** A rule's messages beside it, and its controls marked invalid where an error names them. */
export function showIssues(target: RuleParts, issues: RuleIssue[]) {
  fill(
    target.messages,
    ...issues.map((issue) =>
      h('li', { class: issue.severity === 'warning' ? 'warning' : 'error' }, issue.message),
    ),
  );
  for (const [field, controls] of Object.entries(target.controls)) {
    const invalid = issues.some((issue) => issue.field === field && issue.severity !== 'warning');
    for (const control of controls) {
      if (invalid) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    }
  }
}
