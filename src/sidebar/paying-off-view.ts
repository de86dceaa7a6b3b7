/**
 * « Is each segment paying off », in short, shown after Apply (src/workbook/README.md, "Is a segment
 * paying off"): each campaign's conversion against its control group, the latest cohorts' retention
 * in months 1 and 3, the latest months' acquisition cost, the cells to fix in the hand tables, and a
 * link to each tab (the results on the summary tab, the retention tab, the two tables to fill).
 */
import { intlLocale, type Lang } from '../core/labels';
import type { PayingOffTabLink, PayingOffView } from '../workbook/sidebar-wire';
import { h } from './dom';
import { formatAmount, formatCount } from './format';
import { say, type TextKey } from './text';

const COHORT_HEADERS: readonly TextKey[] = [
  'payingOff.head.cohort',
  'payingOff.head.customers',
  'payingOff.head.month1',
  'payingOff.head.month3',
];
const ACQUISITION_HEADERS: readonly TextKey[] = [
  'payingOff.head.month',
  'payingOff.head.newCustomers',
  'payingOff.head.spend',
  'payingOff.head.cac',
];

/** A share as the locale writes it (`14,8 %`), `—` when there is none. */
function share(value: number | null, lang: Lang): string {
  if (value === null) return '—';
  return value
    .toLocaleString(intlLocale(lang), { style: 'percent', maximumFractionDigits: 1 })
    .replace(/\u202f/g, '\u00a0');
}

/** Points of share, signed (`+10,4 pts`). */
function points(value: number, lang: Lang): string {
  const text = (value * 100).toLocaleString(intlLocale(lang), {
    maximumFractionDigits: 1,
    signDisplay: 'always',
  });
  return say(lang, 'payingOff.points', { value: text });
}

const money = (value: number | null, lang: Lang) => (value === null ? '—' : formatAmount(value * 1000, lang));

function tabLink(tab: PayingOffTabLink | null, open: (id: number) => void) {
  if (!tab) return null;
  const link = h('button', { type: 'button', class: 'link', 'data-tab': tab.id }, tab.name);
  link.addEventListener('click', () => open(tab.id));
  return link;
}

function part(lang: Lang, title: TextKey, ...children: (Node | null)[]): HTMLElement {
  return h('section', { class: 'paying-off-part' }, h('h3', {}, say(lang, title)), ...children);
}

function table(headers: string[], rows: string[][]): HTMLTableElement {
  return h(
    'table',
    { class: 'paying-off-table' },
    h('thead', {}, h('tr', {}, ...headers.map((header) => h('th', { scope: 'col' }, header)))),
    h('tbody', {}, ...rows.map((row) => h('tr', {}, ...row.map((cell) => h('td', {}, cell))))),
  );
}

/** The compact view; `open` shows a tab. */
export function payingOffSection(lang: Lang, view: PayingOffView, open: (id: number) => void): HTMLElement {
  const campaigns =
    view.campaigns.length === 0
      ? h('p', {}, say(lang, 'payingOff.noCampaign'))
      : h(
          'ul',
          { class: 'paying-off-campaigns' },
          ...view.campaigns.map((line) =>
            h(
              'li',
              {},
              h('strong', {}, line.segment === '' ? line.name : `${line.name} · ${line.segment}`),
              ' ',
              line.conversion === null
                ? ''
                : line.controlConversion === null
                  ? say(lang, 'payingOff.conversion', {
                      conversion: share(line.conversion, lang),
                      contacted: formatCount(line.contacted ?? 0, lang),
                    })
                  : say(lang, 'payingOff.conversionControl', {
                      conversion: share(line.conversion, lang),
                      control: share(line.controlConversion, lang),
                      uplift: points(line.uplift ?? 0, lang),
                    }),
              line.note === '' ? null : h('small', { class: 'hint' }, ` ${line.note}`),
            ),
          ),
        );
  return h(
    'section',
    { class: 'paying-off', 'aria-label': say(lang, 'payingOff.title') },
    h('h2', {}, say(lang, 'payingOff.title')),
    part(
      lang,
      'payingOff.campaigns',
      campaigns,
      tabLink(view.tabs.results, open),
      tabLink(view.tabs.campaigns, open),
    ),
    part(
      lang,
      'payingOff.cohorts',
      table(
        COHORT_HEADERS.map((key) => say(lang, key)),
        view.cohorts.map((cohort) => [
          cohort.month,
          formatCount(cohort.customers, lang),
          share(cohort.month1, lang),
          share(cohort.month3, lang),
        ]),
      ),
      tabLink(view.tabs.retention, open),
    ),
    part(
      lang,
      'payingOff.acquisition',
      table(
        ACQUISITION_HEADERS.map((key) => say(lang, key)),
        view.acquisition.map((month) => [
          month.month,
          formatCount(month.newCustomers, lang),
          money(month.spend, lang),
          money(month.cac, lang),
        ]),
      ),
      tabLink(view.tabs.results, open),
      tabLink(view.tabs.acquisition, open),
    ),
    view.issues.length === 0
      ? null
      : h(
          'div',
          { class: 'notice', role: 'alert' },
          say(lang, 'payingOff.issues'),
          h('ul', {}, ...view.issues.map((issue) => h('li', {}, issue))),
        ),
  );
}
