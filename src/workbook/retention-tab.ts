/**
 * The retention tab « Segmento · Fidélisation » / "Segmento · Retention" (see src/workbook/README.md,
 * "Is a segment paying off"): customers grouped by month of first purchase; for each cohort and each
 * month since (0 … 23) the share of the cohort who bought that month, then the cumulative net revenue
 * per customer, each a triangle with a colour scale; then per segment the repeat rate within 90 days
 * of the first purchase.
 */
import { REPEAT_WINDOW_DAYS } from '../core/cohorts';
import { formatDay, type Lang } from '../core/labels';
import type { PayingOff } from './paying-off';
import type { WriteCell } from './port';
import {
  addTitle,
  addTitledTable,
  columnsOf,
  emptyTab,
  type TabContent,
  type TitledTable,
} from './tab-content';
import { w } from './words';

/** Low to high: white to green, as a retention triangle is usually read. */
const SCALE = { min: '#ffffff', mid: '#b7e1cd', max: '#57bb8a' };

/**
 * One row per cohort: its month, its customers, then one cell per month since (empty when not
 * observed), for the first `shown` months since.
 */
function triangle(result: PayingOff, lang: Lang, kind: 'shares' | 'revenue', shown: number): TitledTable {
  const { cohorts } = result;
  const count = Math.min(shown, cohorts.months);
  const months = Array.from({ length: count }, (_, month) => w(lang, 'retention.month', { month }));
  return {
    title: w(lang, kind === 'shares' ? 'retention.title' : 'retention.revenueTitle'),
    columns: [
      { header: w(lang, 'retention.cohort'), role: 'text' },
      { header: w(lang, 'retention.customers'), role: 'count' },
      ...columnsOf(months, kind === 'shares' ? 'percent' : 'money'),
    ],
    rows: cohorts.cohorts.map((cohort): WriteCell[] => [
      cohort.month,
      cohort.customers,
      ...(kind === 'shares'
        ? cohort.retention
        : cohort.cumulativeRevenuePerCustomer.map((value) => (value === null ? null : value / 1000))
      ).slice(0, count),
    ]),
  };
}

/** The share of each cohort who bought, month by month since its first purchase (the first `months` months). */
export function retentionTable(result: PayingOff, lang: Lang, months = result.cohorts.months): TitledTable {
  return triangle(result, lang, 'shares', months);
}

/** Per segment with customers: counted, bought again within 90 days, the rate, too recent to tell. */
export function repeatTable(result: PayingOff, lang: Lang): TitledTable {
  return {
    title: w(lang, 'retention.repeatTitle', { days: REPEAT_WINDOW_DAYS }),
    columns: [
      { header: w(lang, 'retention.head.segment'), role: 'text' },
      { header: w(lang, 'retention.head.eligible'), role: 'count' },
      { header: w(lang, 'retention.head.repeaters'), role: 'count' },
      { header: w(lang, 'retention.head.repeatRate'), role: 'percent' },
      { header: w(lang, 'retention.head.tooRecent'), role: 'count' },
    ],
    rows: result.repeat
      .filter((segment) => segment.eligible + segment.tooRecent > 0)
      .map((segment) => [
        segment.segment,
        segment.eligible,
        segment.repeaters,
        segment.repeatRate,
        segment.tooRecent,
      ]),
  };
}

export function retentionTab(result: PayingOff, lang: Lang): TabContent {
  const { cohorts } = result;
  const tab = emptyTab({ kind: 'retention', key: 'retention' }, w(lang, 'tab.retention'));
  tab.layout = { frozenRows: 0, columnWidths: [90, 80] };
  const partial = w(lang, 'retention.partial', {
    month: cohorts.partialMonth,
    day: formatDay(cohorts.asOfDay, lang),
  });
  addTitle(tab, 1, partial, true);
  let row = 3;
  for (const kind of ['shares', 'revenue'] as const) {
    const table = triangle(result, lang, kind, cohorts.months);
    const area = addTitledTable(tab, row, table);
    // Month 0 is 100 % of every cohort: the scale of the shares starts at month 1.
    const first = kind === 'shares' ? 4 : 3;
    if (table.rows.length > 0)
      tab.colorScales.push({
        area: {
          row: area.row + 1,
          column: first,
          rows: table.rows.length,
          columns: table.columns.length - first + 1,
        },
        colors: SCALE,
      });
    row = area.row + area.rows + 1;
  }
  addTitledTable(tab, row, repeatTable(result, lang));
  return tab;
}
