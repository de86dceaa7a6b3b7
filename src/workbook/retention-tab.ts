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
import { addTable, columnsOf, emptyTab, type TabContent } from './tab-content';
import { w } from './words';

/** Low to high: white to green, as a retention triangle is usually read. */
const SCALE = { min: '#ffffff', mid: '#b7e1cd', max: '#57bb8a' };

function title(tab: TabContent, row: number, text: string, italic = false): void {
  tab.blocks.push({ row, column: 1, values: [[text]] });
  tab.formats.push({
    area: { row, column: 1, rows: 1, columns: 1 },
    format: italic ? { italic } : { bold: true },
  });
}

export function retentionTab(result: PayingOff, lang: Lang): TabContent {
  const { cohorts, repeat } = result;
  const tab = emptyTab({ kind: 'retention', key: 'retention' }, w(lang, 'tab.retention'));
  title(tab, 1, w(lang, 'retention.title'));
  title(
    tab,
    2,
    w(lang, 'retention.partial', { month: cohorts.partialMonth, day: formatDay(cohorts.asOfDay, lang) }),
    true,
  );
  const months = Array.from({ length: cohorts.months }, (_, month) => w(lang, 'retention.month', { month }));
  const triangle = (row: number, role: 'percent' | 'money', cells: (index: number) => (number | null)[]) => {
    const rows = cohorts.cohorts.map((cohort, index): WriteCell[] => [
      cohort.month,
      cohort.customers,
      ...cells(index),
    ]);
    const area = addTable(
      tab,
      row,
      1,
      [
        { header: w(lang, 'retention.cohort'), role: 'text' },
        { header: w(lang, 'retention.customers'), role: 'count' },
        ...columnsOf(months, role),
      ],
      rows,
    );
    // Month 0 is 100 % for every cohort: the retention scale starts at month 1.
    const first = role === 'percent' ? 4 : 3;
    if (rows.length > 0)
      tab.colorScales.push({
        area: { row: row + 1, column: first, rows: rows.length, columns: cohorts.months + 3 - first },
        colors: SCALE,
      });
    return area;
  };
  const shares = triangle(4, 'percent', (index) => cohorts.cohorts[index].retention);
  let row = shares.row + shares.rows + 1;
  title(tab, row, w(lang, 'retention.revenueTitle'));
  const revenue = triangle(row + 1, 'money', (index) =>
    cohorts.cohorts[index].cumulativeRevenuePerCustomer.map((value) =>
      value === null ? null : value / 1000,
    ),
  );
  row = revenue.row + revenue.rows + 1;
  title(tab, row, w(lang, 'retention.repeatTitle', { days: REPEAT_WINDOW_DAYS }));
  addTable(
    tab,
    row + 1,
    1,
    [
      { header: w(lang, 'retention.head.segment'), role: 'text' },
      { header: w(lang, 'retention.head.eligible'), role: 'count' },
      { header: w(lang, 'retention.head.repeaters'), role: 'count' },
      { header: w(lang, 'retention.head.repeatRate'), role: 'percent' },
      { header: w(lang, 'retention.head.tooRecent'), role: 'count' },
    ],
    repeat
      .filter((segment) => segment.eligible + segment.tooRecent > 0)
      .map((segment) => [
        segment.segment,
        segment.eligible,
        segment.repeaters,
        segment.repeatRate,
        segment.tooRecent,
      ]),
  );
  tab.layout = { frozenRows: 0, columnWidths: [170, 90, ...months.map(() => 80)] };
  return tab;
}
