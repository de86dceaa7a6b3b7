/**
 * Segments: a preset chooser and the ordered rule list — add, remove, reorder, rename, colour,
 * R/F/M and total ranges, conditions on metrics and attributes — with each rule's messages beside
 * it. The list is drawn again only when its shape changes; a value edit only updates messages.
 */
import { NEUTRAL_COLOR, PRESET_IDS, presetLabel, presetSegments, type PresetId } from '../core/presets';
import type { RuleIssue, ScoreBounds, SegmentRule } from '../core/segments';
import type { App, Section } from './model';
import { conditionItem } from './condition-view';
import { fill, h, iconButton, uid } from './dom';
import { formatAmount, formatCount } from './format';
import { say } from './text';

type RangeField = 'r' | 'f' | 'm' | 'total';
const RANGE_FIELDS: readonly RangeField[] = ['r', 'f', 'm', 'total'];
const NEW_COLORS = ['#1a73e8', '#e8710a', '#12b5cb', '#e52592', '#9334e6', '#7cb342', '#f9ab00'];

interface RuleParts {
  messages: HTMLElement;
  brief: HTMLElement;
  /** The rule's customers and revenue in the preview. */
  figures: HTMLElement;
  controls: Partial<Record<NonNullable<RuleIssue['field']>, HTMLElement[]>>;
}

export function rulesSection(app: App): Section & { render(): void } {
  const { lang } = app.model;
  const titleId = uid('segments');
  const presetChoice = h('select', { id: uid('preset') });
  const list = h('ol', { class: 'rules' });
  const fallback = h('div', { class: 'fallback' });
  const addButton = h(
    'button',
    { type: 'button', class: 'secondary', 'data-key': 'add-rule' },
    `+ ${say(lang, 'segments.add')}`,
  );
  const scaleNote = h('p', { class: 'hint' });
  let parts: RuleParts[] = [];
  let fallbackParts: RuleParts;
  /** Rules whose ranges and conditions are unfolded: they stay so when the list is drawn again. */
  const unfolded = new WeakSet<SegmentRule>();
  const segments = () => app.model.settings.segments;

  /** A person's edit: the rules no longer are the preset's. */
  const edited = () => {
    app.model.settings.preset = null;
    presetChoice.value = '';
  };

  const drawPresets = () => {
    const preset = app.model.settings.preset;
    fill(
      presetChoice,
      ...PRESET_IDS.map((id) => h('option', { value: id }, presetLabel(id, lang))),
      h('option', { value: '' }, say(lang, 'segments.custom')),
    );
    presetChoice.value = preset ?? '';
  };
  presetChoice.addEventListener('change', () => {
    const id = presetChoice.value as PresetId | '';
    if (id === '') return;
    app.model.settings.preset = id;
    app.model.settings.segments = presetSegments(id, lang);
    app.rulesChanged();
  });
  addButton.addEventListener('click', () => {
    const rules = segments().rules;
    const taken = new Set(rules.map((rule) => rule.name.trim().toLowerCase()));
    let name = say(lang, 'segments.newName');
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${say(lang, 'segments.newName')} ${n}`;
    rules.push({ name, color: NEW_COLORS[rules.length % NEW_COLORS.length] });
    edited();
    app.rulesChanged(`rule-${rules.length - 1}-name`);
  });

  function textInput(value: string, label: string, key: string, onInput: (value: string) => void) {
    const input = h('input', { type: 'text', 'aria-label': label, 'data-key': key, autocomplete: 'off' });
    input.value = value;
    input.addEventListener('input', () => {
      onInput(input.value);
      edited();
      app.changed();
    });
    return input;
  }

  function colorInput(value: string, label: string, onInput: (value: string) => void) {
    const input = h('input', { type: 'color', 'aria-label': label });
    input.value = /^#[0-9a-f]{6}$/i.test(value) ? value.toLowerCase() : NEUTRAL_COLOR;
    input.addEventListener('input', () => {
      onInput(input.value);
      edited();
      app.changed();
    });
    return input;
  }

  function move(index: number, by: number) {
    const rules = segments().rules;
    const [rule] = rules.splice(index, 1);
    rules.splice(index + by, 0, rule);
    edited();
    const target = index + by;
    const kind = by < 0 ? 'up' : 'down';
    const atEnd = kind === 'up' ? target === 0 : target === rules.length - 1;
    const key = `rule-${target}-${atEnd ? (kind === 'up' ? 'down' : 'up') : kind}`;
    app.rulesChanged(key);
  }

  function rangeInputs(rule: SegmentRule, field: RangeField, index: number): HTMLElement[] {
    const scale = segments().scale;
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
      edited();
      app.changed();
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

  function ruleItem(rule: SegmentRule, index: number, count: number): HTMLElement {
    const number = index + 1;
    const messages = h('ul', { class: 'messages', id: uid('messages'), 'aria-live': 'polite' });
    const name = textInput(
      rule.name,
      say(lang, 'rule.name', { index: number }),
      `rule-${index}-name`,
      (value) => (rule.name = value),
    );
    name.setAttribute('aria-describedby', messages.id);
    const color = colorInput(
      rule.color,
      say(lang, 'rule.color', { index: number }),
      (value) => (rule.color = value),
    );
    const ranges = RANGE_FIELDS.map((field) =>
      h('div', { class: 'range' }, ...rangeInputs(rule, field, index)),
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
    parts.push({
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
    });
    return h(
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
          () => move(index, -1),
          index === 0,
        ),
        iconButton(
          '↓',
          say(lang, 'rule.down', { index: number }),
          `rule-${index}-down`,
          () => move(index, 1),
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
  }

  function render() {
    parts = [];
    const set = segments();
    drawPresets();
    fill(list, ...set.rules.map((rule, index) => ruleItem(rule, index, set.rules.length)));
    const messages = h('ul', { class: 'messages', id: uid('messages'), 'aria-live': 'polite' });
    const name = textInput(
      set.fallback.name,
      say(lang, 'segments.fallbackName'),
      'fallback-name',
      (value) => (segments().fallback.name = value),
    );
    name.setAttribute('aria-describedby', messages.id);
    const color = colorInput(
      set.fallback.color,
      say(lang, 'segments.fallbackColor'),
      (value) => (segments().fallback.color = value),
    );
    const figures = h('p', { class: 'figures' });
    fallbackParts = { messages, brief: h('span'), figures, controls: { name: [name], color: [color] } };
    fill(
      fallback,
      h(
        'div',
        { class: 'rule-head' },
        h('span', { class: 'otherwise' }, say(lang, 'segments.fallback')),
        color,
        name,
      ),
      figures,
      messages,
    );
    fill(scaleNote, say(lang, 'segments.firstWins'), ' ', say(lang, 'segments.scale', { scale: set.scale }));
  }

  function briefOf(rule: SegmentRule): string {
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

  function showIssues(target: RuleParts, issues: RuleIssue[]) {
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

  render();
  const element = h(
    'section',
    { 'aria-labelledby': titleId },
    h('h2', { id: titleId }, say(lang, 'segments.title')),
    h(
      'div',
      { class: 'field' },
      h('label', { for: presetChoice.id }, say(lang, 'segments.preset')),
      presetChoice,
    ),
    scaleNote,
    list,
    fallback,
    addButton,
  );
  return {
    element,
    render,
    update() {
      const { ruleIssues, report } = app.model.preview;
      const targets = [...parts, fallbackParts];
      targets.forEach((target, index) => {
        const isFallback = index === parts.length;
        const rule = segments().rules[index];
        if (rule) target.brief.textContent = briefOf(rule);
        const figures = report?.segments[index];
        // French counts 0 and 1 in the singular, English 1 alone.
        const one = figures && (lang === 'fr' ? figures.customers < 2 : figures.customers === 1);
        target.figures.textContent = figures
          ? say(lang, one ? 'rule.figuresOne' : 'rule.figures', {
              customers: formatCount(figures.customers, lang),
              revenue: formatAmount(figures.revenue, lang),
            })
          : '';
        showIssues(
          target,
          ruleIssues.filter((issue) => (isFallback ? issue.rule < 0 : issue.rule === index)),
        );
      });
    },
  };
}
