/** A condition of a segment rule, on a metric (recency > 180) or an attribute column (Ville = Lyon). */
import type {
  AttributeCondition,
  Condition,
  MetricCondition,
  MetricField,
  SegmentRule,
} from '../core/segments';
import type { App } from './model';
import { h, iconButton, select, uid } from './dom';
import { say, type TextKey } from './text';

const METRICS: readonly MetricField[] = [
  'recency',
  'frequency',
  'monetary',
  'averageBasket',
  'tenure',
  'probabilityAlive',
  'predictedValue',
];
const METRIC_OPS: readonly MetricCondition['op'][] = ['<', '<=', '>', '>=', '=', '!='];
const ATTRIBUTE_OPS: readonly AttributeCondition['op'][] = ['=', '!=', 'contains'];
/** Distinct values offered for an attribute condition. */
const MAX_SUGGESTIONS = 200;

/** The attribute columns of the orders, and the condition's own when the orders lack it. */
function attributeNames(app: App, condition?: Condition): string[] {
  const book = app.model.book;
  const names = book ? book.columns.attributes.map((column) => book.columns.headers[column]) : [];
  if (condition && 'attribute' in condition && !names.includes(condition.attribute))
    names.push(condition.attribute);
  return names;
}

function suggestions(app: App, attribute: string): HTMLDataListElement {
  const values =
    app.model.preview.analysis?.metrics.attributes.find((column) => column.name === attribute)?.values ?? [];
  const distinct = new Set<string>();
  for (const value of values) {
    const text = String(value ?? '').trim();
    if (text !== '') distinct.add(text);
    if (distinct.size >= MAX_SUGGESTIONS) break;
  }
  const datalist = h('datalist', { id: uid('values') });
  for (const text of [...distinct].sort()) {
    const option = h('option');
    option.value = text;
    datalist.append(option);
  }
  return datalist;
}

/**
 * One condition of a rule: on a metric or an attribute column, its comparison and its value; a
 * column's values are offered as suggestions. `edited` marks the rules as a person's own.
 */
export function conditionItem(
  app: App,
  edited: () => void,
  rule: SegmentRule,
  ruleIndex: number,
  position: number,
): HTMLElement {
  const { lang } = app.model;
  const conditions = rule.conditions!;
  const condition = conditions[position];
  const number = position + 1;
  const key = `rule-${ruleIndex}-condition-${position}`;
  const what = h('select', {
    'aria-label': say(lang, 'rule.conditionField', { index: number }),
    'data-key': `${key}-field`,
  });
  const metricGroup = h('optgroup', { label: say(lang, 'rule.metrics') });
  for (const metric of METRICS) {
    metricGroup.append(h('option', { value: `metric:${metric}` }, say(lang, `metric.${metric}` as TextKey)));
  }
  what.append(metricGroup);
  const names = attributeNames(app, condition);
  if (names.length > 0) {
    const columnGroup = h('optgroup', { label: say(lang, 'rule.columns') });
    for (const name of names) {
      const option = h('option', {}, name);
      option.value = `attribute:${name}`;
      columnGroup.append(option);
    }
    what.append(columnGroup);
  }
  what.value = 'field' in condition ? `metric:${condition.field}` : `attribute:${condition.attribute}`;
  what.addEventListener('change', () => {
    const [kind, ...rest] = what.value.split(':');
    const name = rest.join(':');
    const before = conditions[position];
    conditions[position] =
      kind === 'metric'
        ? {
            field: name as MetricField,
            op: 'field' in before ? before.op : '>',
            value: 'field' in before ? before.value : 0,
          }
        : {
            attribute: name,
            op: 'attribute' in before ? before.op : '=',
            value: 'attribute' in before ? before.value : '',
          };
    edited();
    app.rulesChanged(`${key}-field`);
  });

  const ops: readonly string[] = 'field' in condition ? METRIC_OPS : ATTRIBUTE_OPS;
  const op = select(
    ops.map((value) => [value, value === 'contains' ? say(lang, 'op.contains') : value] as const),
    condition.op,
    { 'aria-label': say(lang, 'rule.conditionOp', { index: number }) },
  );
  op.addEventListener('change', () => {
    conditions[position] = { ...conditions[position], op: op.value } as Condition;
    edited();
    app.changed();
  });

  const value = h('input', {
    type: 'field' in condition ? 'number' : 'text',
    step: 'field' in condition ? 'any' : null,
    'aria-label': say(lang, 'rule.conditionValue', { index: number }),
    autocomplete: 'off',
  });
  value.value = String(condition.value);
  let datalist: HTMLDataListElement | null = null;
  if ('attribute' in condition) {
    datalist = suggestions(app, condition.attribute);
    value.setAttribute('list', datalist.id);
  }
  value.addEventListener('input', () => {
    const current = conditions[position];
    conditions[position] =
      'field' in current
        ? { ...current, value: value.value.trim() === '' ? NaN : Number(value.value) }
        : { ...current, value: value.value };
    edited();
    app.changed();
  });
  const remove = iconButton(
    '✕',
    say(lang, 'rule.removeCondition', { index: number }),
    `${key}-remove`,
    () => {
      conditions.splice(position, 1);
      if (conditions.length === 0) delete rule.conditions;
      edited();
      app.rulesChanged(`rule-${ruleIndex}-add-condition`);
    },
  );
  return h('li', { class: 'condition' }, what, h('div', { class: 'row' }, op, value, remove), datalist);
}
