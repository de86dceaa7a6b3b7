/**
 * Analysis date (latest order, today or a date) and scoring (3 to 10 quantile classes, or fixed
 * thresholds per axis), with the threshold table in force.
 */
import { dayFromIso, isoDay } from '../core/days';
import { formatDay, t } from '../core/labels';
import { AXES, MAX_CLASSES, MIN_CLASSES, thresholdList, type Axis, type Scoring } from '../core/scores';
import type { App, Section } from './model';
import { fill, h, select, uid } from './dom';
import { say } from './text';

/** A group of radio buttons in a fieldset; `onChoose` gets the chosen value. */
function radios<V extends string>(
  legend: string,
  choices: readonly (readonly [value: V, label: string])[],
  chosen: V,
  onChoose: (value: V) => void,
  legendClass?: string,
): { element: HTMLFieldSetElement; inputs: HTMLInputElement[] } {
  const name = uid('choice');
  const inputs = choices.map(([value]) => {
    const input = h('input', { type: 'radio', name, value, id: uid('radio') });
    input.checked = value === chosen;
    input.addEventListener('change', () => input.checked && onChoose(value));
    return input;
  });
  const element = h(
    'fieldset',
    {},
    h('legend', { class: legendClass }, legend),
    ...choices.map(([, label], index) =>
      h('div', { class: 'radio' }, inputs[index], h('label', { for: inputs[index].id }, label)),
    ),
  );
  return { element, inputs };
}

export function asOfSection(app: App): Section {
  const { lang, settings, today } = app.model;
  const dayInput = h('input', { type: 'date', 'aria-label': say(lang, 'asOf.day') });
  dayInput.value = settings.asOf.kind === 'date' ? isoDay(settings.asOf.day) : isoDay(today);
  const readDay = () => dayFromIso(dayInput.value) ?? NaN;
  const group = radios(
    say(lang, 'asOf.title'),
    [
      ['latest', say(lang, 'asOf.latest')],
      ['today', say(lang, 'asOf.today')],
      ['date', say(lang, 'asOf.date')],
    ],
    settings.asOf.kind,
    (kind) => {
      app.model.settings.asOf = kind === 'date' ? { kind, day: readDay() } : { kind };
      app.changed();
    },
  );
  dayInput.addEventListener('input', () => {
    app.model.settings.asOf = { kind: 'date', day: readDay() };
    group.inputs[2].checked = true;
    app.changed();
  });
  group.element.lastElementChild?.append(dayInput);
  const status = h('p', { class: 'status', role: 'status' });
  return {
    element: h('section', { class: 'plain' }, group.element, status),
    update() {
      const { preview } = app.model;
      if (preview.asOfError) fill(status, h('span', { class: 'error' }, preview.asOfError));
      else if (preview.analysis)
        fill(status, say(lang, 'asOf.inForce', { date: formatDay(preview.analysis.metrics.asOfDay, lang) }));
      else fill(status);
    },
  };
}

/**
 * Fixed thresholds offered when a person switches from quantiles (the recency example of
 * src/core/README.md, "Scores").
 */
const EXAMPLE_THRESHOLDS: Record<Axis, number[]> = {
  recency: [30, 90, 180, 365],
  frequency: [1, 2, 4, 8],
  monetary: [50, 100, 250, 500],
};

export function scoringSection(app: App): Section {
  const { lang } = app.model;
  const titleId = uid('scoring');
  const initial = app.model.settings.scoring;
  const classes = select(
    Array.from({ length: MAX_CLASSES - MIN_CLASSES + 1 }, (_, i) => {
      const value = String(MIN_CLASSES + i);
      return [value, value] as const;
    }),
    String(initial.kind === 'quantile' ? initial.classes : 5),
    { id: uid('classes') },
  );
  const thresholdInputs = AXES.map((axis) => {
    const input = h('input', {
      type: 'text',
      inputmode: 'decimal',
      id: uid('thresholds'),
      placeholder: EXAMPLE_THRESHOLDS[axis].join(' / '),
    });
    input.value = (initial.kind === 'fixed' ? initial[axis] : EXAMPLE_THRESHOLDS[axis]).join(' / ');
    return input;
  });
  const quantileBox = h(
    'div',
    { class: 'field' },
    h('label', { for: classes.id }, say(lang, 'scoring.classes')),
    classes,
  );
  const fixedBox = h(
    'div',
    {},
    ...AXES.map((axis, index) =>
      h(
        'div',
        { class: 'field' },
        h(
          'label',
          { for: thresholdInputs[index].id },
          say(lang, 'scoring.thresholds', { axis: t(lang, `axis.${axis}`) }),
        ),
        thresholdInputs[index],
      ),
    ),
  );
  const scoringOf = (kind: Scoring['kind']): Scoring => {
    if (kind === 'quantile') return { kind, classes: Number(classes.value) };
    const [recency, frequency, monetary] = thresholdInputs.map((input) => thresholdList(input.value));
    return { kind, recency, frequency, monetary };
  };
  const show = (kind: Scoring['kind']) => {
    quantileBox.hidden = kind !== 'quantile';
    fixedBox.hidden = kind !== 'fixed';
  };
  const group = radios(
    say(lang, 'scoring.title'),
    [
      ['quantile', say(lang, 'scoring.quantile')],
      ['fixed', say(lang, 'scoring.fixed')],
    ],
    initial.kind,
    (kind) => {
      show(kind);
      app.model.settings.scoring = scoringOf(kind);
      app.changed();
    },
    'visually-hidden',
  );
  show(initial.kind);
  for (const control of [classes, ...thresholdInputs]) {
    control.addEventListener('input', () => {
      app.model.settings.scoring = scoringOf(app.model.settings.scoring.kind);
      app.changed();
    });
  }
  const status = h('p', { class: 'status', role: 'status' });
  const table = h('div', { class: 'thresholds' });
  return {
    element: h(
      'section',
      { 'aria-labelledby': titleId },
      h('h2', { id: titleId }, say(lang, 'scoring.title')),
      group.element,
      quantileBox,
      fixedBox,
      status,
      table,
    ),
    update() {
      const { preview } = app.model;
      fill(status, preview.scoringError && h('span', { class: 'error' }, preview.scoringError));
      const rows = preview.thresholds;
      if (!rows) return fill(table);
      fill(
        table,
        h(
          'table',
          {},
          h('caption', {}, say(lang, 'scoring.table')),
          h(
            'thead',
            {},
            h('tr', {}, ...rows[0].map((cell) => h('th', { scope: 'col' }, String(cell ?? '')))),
          ),
          h(
            'tbody',
            {},
            ...rows
              .slice(1)
              .map(([score, ...ranges]) =>
                h(
                  'tr',
                  {},
                  h('th', { scope: 'row' }, String(score)),
                  ...ranges.map((range) => h('td', {}, String(range ?? ''))),
                ),
              ),
          ),
        ),
      );
    },
  };
}
