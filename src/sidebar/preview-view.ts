/**
 * The live preview: customers and net revenue per segment, in rule order then the fallback, with a
 * bar chart drawn as plain elements (a solid bar for the share of customers, a line under it for
 * the share of revenue): a few rows need no chart library.
 */
import type { Lang } from '../core/labels';
import type { App, Section } from './model';
import type { Preview } from './preview';
import { fill, h, uid } from './dom';
import { formatAmount, formatCount } from './format';
import { say } from './text';

/** A bar width: the share of the largest value, in %, at least a sliver when the value is positive. */
function width(value: number, largest: number): string {
  if (value <= 0 || largest <= 0) return '0%';
  return `${Math.max(1, (100 * value) / largest).toFixed(1)}%`;
}

export function previewSection(app: App): Section {
  const { lang } = app.model;
  const titleId = uid('preview');
  const body = h('div', { class: 'preview', 'aria-live': 'polite' });
  return {
    element: h(
      'section',
      { 'aria-labelledby': titleId },
      h('h2', { id: titleId }, say(lang, 'preview.title')),
      body,
    ),
    update() {
      const { report, analysis, analysisError, predicted } = app.model.preview;
      if (!report || !analysis) {
        return fill(
          body,
          h('p', { class: analysisError ? 'error' : 'hint' }, analysisError ?? say(lang, 'preview.empty')),
        );
      }
      const set = analysis.segmentSet;
      const colors = [...set.rules.map((rule) => rule.color), set.fallback.color];
      const mostCustomers = Math.max(...report.segments.map((segment) => segment.customers));
      const mostRevenue = Math.max(...report.segments.map((segment) => segment.revenue));
      const rows = report.segments.map((segment, index) => {
        const customers = h('div', { class: 'bar customers' });
        customers.style.width = width(segment.customers, mostCustomers);
        customers.style.backgroundColor = colors[index];
        const revenue = h('div', { class: 'bar revenue' });
        revenue.style.width = width(segment.revenue, mostRevenue);
        const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
        swatch.style.backgroundColor = colors[index];
        const value = predicted?.bySegment?.predicted[index];
        const atRisk = predicted?.bySegment?.atRisk[index];
        const forecast =
          value === undefined || atRisk === undefined
            ? {}
            : {
                'data-predicted': Math.round(value),
                'data-at-risk': Math.round(atRisk),
                title: say(lang, 'preview.segmentPredicted', {
                  value: formatAmount(value, lang),
                  atRisk: formatAmount(atRisk, lang),
                }),
              };
        return h(
          'tr',
          {
            'data-segment': index,
            'data-customers': segment.customers,
            'data-revenue': segment.revenue,
            ...forecast,
          },
          h('th', { scope: 'row' }, h('div', { class: 'name' }, swatch, segment.name), customers, revenue),
          h('td', {}, formatCount(segment.customers, lang)),
          h('td', {}, formatAmount(segment.revenue, lang)),
        );
      });
      const totals = report.totals;
      fill(
        body,
        h(
          'table',
          {},
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, say(lang, 'preview.segment')),
              h('th', { scope: 'col' }, say(lang, 'preview.customers')),
              h('th', { scope: 'col' }, say(lang, 'preview.revenue')),
            ),
          ),
          h('tbody', {}, ...rows),
          h(
            'tfoot',
            {},
            h(
              'tr',
              { 'data-customers': totals.customers, 'data-revenue': totals.revenue },
              h('th', { scope: 'row' }, say(lang, 'preview.total')),
              h('td', {}, formatCount(totals.customers, lang)),
              h('td', {}, formatAmount(totals.revenue, lang)),
            ),
          ),
        ),
        h('p', { class: 'hint' }, say(lang, 'preview.legend')),
        predicted && h('p', { class: 'hint predicted' }, predictedLine(predicted, lang)),
      );
    },
  };
}

/** The predicted value of all segments and the part at risk, or why there is none. */
function predictedLine(predicted: NonNullable<Preview['predicted']>, lang: Lang): string {
  const { bySegment, problem } = predicted;
  if (bySegment === null) return problem ?? '';
  const sum = (values: Float64Array) => values.reduce((total, value) => total + value, 0);
  return say(lang, 'preview.predicted', {
    value: formatAmount(sum(bySegment.predicted), lang),
    atRisk: formatAmount(sum(bySegment.atRisk), lang),
  });
}
