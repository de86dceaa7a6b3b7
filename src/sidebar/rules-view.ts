/**
 * Segments: a preset chooser and the ordered rule list — add, remove, reorder, rename, colour,
 * R/F/M and total ranges, conditions on metrics and attributes — with each rule's messages beside
 * it. The list is drawn again only when its shape changes; a value edit only updates messages.
 */
import { PRESET_IDS, presetLabel, presetSegments, type PresetId } from '../core/presets';
import type { SegmentRule } from '../core/segments';
import type { App, Section } from './model';
import { fill, h, uid } from './dom';
import { formatAmount, formatCount } from './format';
import {
  briefOf,
  colorInput,
  ruleItem,
  showIssues,
  textInput,
  type RuleEditing,
  type RuleParts,
} from './rule-item';
import { say } from './text';

const NEW_COLORS = ['#1a73e8', '#e8710a', '#12b5cb', '#e52592', '#9334e6', '#7cb342', '#f9ab00'];

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

  const editing: RuleEditing = {
    app,
    lang,
    edited: () => edited(),
    segments,
    unfolded: new WeakSet<SegmentRule>(),
    move: (index, by) => move(index, by),
  };

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

  function render() {
    parts = [];
    const set = segments();
    drawPresets();
    const items = set.rules.map((rule, index) => ruleItem(editing, rule, index, set.rules.length));
    parts = items.map((item) => item.parts);
    fill(list, ...items.map((item) => item.element));
    const messages = h('ul', { class: 'messages', id: uid('messages'), 'aria-live': 'polite' });
    const name = textInput(
      editing,
      set.fallback.name,
      say(lang, 'segments.fallbackName'),
      'fallback-name',
      (value) => (segments().fallback.name = value),
    );
    name.setAttribute('aria-describedby', messages.id);
    const color = colorInput(
      editing,
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
        if (rule) target.brief.textContent = briefOf(rule, lang);
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
