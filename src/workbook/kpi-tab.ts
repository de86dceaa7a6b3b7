/**
 * The KPI tab (see src/workbook/README.md, "What Apply writes"): per segment and in total the
 * customers, revenue, orders, average basket, purchase frequency, median recency and repeat rate;
 * the returning customers' share of revenue; the thresholds in force; the R × F heatmap of average
 * spend; two charts.
 */
import type { Analysis } from '../core/analysis';
import { clvProblemText, predictedValueBySegment, type ClvPrediction } from '../core/clv';
import { type KpiFigures, type KpiReport } from '../core/kpis';
import { formatDay, t, type Lang } from '../core/labels';
import { thresholdRows } from '../core/threshold-text';
import type { ChartSpec, NumberFormat, WriteCell } from './port';
import {
  addFittedTable,
  columnsOf,
  emptyTab,
  ROLE_FORMATS,
  type ColumnRole,
  type TabContent,
} from './tab-content';
import { w, type WordKey } from './words';

/** The column of the returning customers' share, after its label (which runs over columns A–C). */
const SHARE_COLUMN = 4;

/** Each KPI column: its header's catalogue key and what it holds. */
const KPI_COLUMNS: readonly { key: WordKey; role: ColumnRole }[] = [
  { key: 'kpi.head.segment', role: 'text' },
  { key: 'kpi.head.customers', role: 'count' },
  { key: 'kpi.head.customerShare', role: 'percent' },
  { key: 'kpi.head.revenue', role: 'money' },
  { key: 'kpi.head.revenueShare', role: 'percent' },
  { key: 'kpi.head.purchases', role: 'count' },
  { key: 'kpi.head.averageBasket', role: 'money' },
  { key: 'kpi.head.frequency', role: 'ratio' },
  { key: 'kpi.head.medianRecency', role: 'days' },
  { key: 'kpi.head.repeatRate', role: 'percent' },
];
const KPI_ROLES = KPI_COLUMNS.map((column) => column.role);
/** Number format of each KPI column, as the KPI tab shows it (the command line prints it the same way). */
export const KPI_FORMATS: readonly NumberFormat[] = KPI_ROLES.map((role) => ROLE_FORMATS[role]);

/** A figure as written: empty when it is not a finite number (a share of an infinite total). */
function figure(value: number | null): number | null {
  return value === null || !Number.isFinite(value) ? null : value;
}

function figuresRow(name: string, figures: KpiFigures): WriteCell[] {
  return [
    name,
    figures.customers,
    figure(figures.customerShare),
    figure(figures.revenue / 1000),
    figure(figures.revenueShare),
    figures.orders,
    figures.averageBasket === null ? null : figure(Math.round(figures.averageBasket) / 1000),
    figure(figures.purchaseFrequency),
    figure(figures.medianRecencyDays),
    figure(figures.repeatRate),
  ];
}

/** The KPI table: header, one row per non-empty segment, then the totals. */
export function kpiTableRows(report: KpiReport, lang: Lang): WriteCell[][] {
  return [
    KPI_COLUMNS.map((column) => w(lang, column.key)),
    ...report.segments
      .filter((segment) => !segment.empty)
      .map((segment) => figuresRow(segment.name, segment)),
    figuresRow(w(lang, 'kpi.total'), report.totals),
  ];
}

export function kpiTab(
  analysis: Analysis,
  report: KpiReport,
  prediction: ClvPrediction | null = null,
): TabContent {
  const { lang, metrics, thresholds } = analysis;
  const tab = emptyTab({ kind: 'kpi', key: 'kpi' }, w(lang, 'tab.kpi'));
  // Widened where a table below needs more (`addFittedTable`).
  tab.layout = { frozenRows: 0, columnWidths: [260, 110, 110, 130, 90, 90, 120, 130, 140, 120] };
  tab.blocks.push({
    row: 1,
    column: 1,
    values: [[w(lang, 'kpi.title', { day: formatDay(metrics.asOfDay, lang) })]],
  });
  tab.formats.push({ area: { row: 1, column: 1, rows: 1, columns: 1 }, format: { bold: true } });

  const rows = kpiTableRows(report, lang);
  const table = addFittedTable(
    tab,
    3,
    rows[0].map((header, column) => ({ header, role: KPI_ROLES[column] })),
    rows.slice(1),
  );
  tab.formats.push({
    area: { row: 3 + rows.length - 1, column: 1, rows: 1, columns: rows[0].length },
    format: { bold: true },
  });

  let row = table.row + table.rows + 1;
  // The label runs over the empty cells beside it; the share stands after it.
  tab.blocks.push({ row, column: 1, values: [[w(lang, 'kpi.returningShare')]] });
  tab.blocks.push({ row, column: SHARE_COLUMN, values: [[figure(report.returningRevenueShare)]] });
  tab.formats.push({
    area: { row, column: SHARE_COLUMN, rows: 1, columns: 1 },
    format: { numberFormat: 'percent', bold: true },
  });
  tab.blocks.push({ row: row + 1, column: 1, values: [[w(lang, 'kpi.basketNote')]] });
  tab.formats.push({ area: { row: row + 1, column: 1, rows: 1, columns: 1 }, format: { italic: true } });

  row += 3;
  tab.blocks.push({ row, column: 1, values: [[w(lang, 'kpi.thresholds')]] });
  tab.formats.push({ area: { row, column: 1, rows: 1, columns: 1 }, format: { bold: true } });
  const thresholdValues = thresholdRows(analysis);
  const [scoreHeader, ...axisHeaders] = thresholdValues[0];
  const thresholdArea = addFittedTable(
    tab,
    row + 1,
    [{ header: scoreHeader, role: 'score' }, ...columnsOf(axisHeaders, 'text')],
    thresholdValues.slice(1),
  );

  row = thresholdArea.row + thresholdArea.rows + 1;
  tab.blocks.push({ row, column: 1, values: [[w(lang, 'kpi.heatmap')]] });
  tab.formats.push({ area: { row, column: 1, rows: 1, columns: 1 }, format: { bold: true } });
  const classes = thresholds.classes;
  const heatHeader = [
    { header: 'R \\ F', role: 'score' as const },
    ...columnsOf(
      Array.from({ length: classes }, (_, f) => f + 1),
      'money',
    ),
  ];
  const heatRows = Array.from({ length: classes }, (_, i) => {
    const r = classes - i;
    return [
      r,
      ...report.heatmap[r - 1].map((cell) =>
        cell.averageSpend === null ? null : figure(Math.round(cell.averageSpend) / 1000),
      ),
    ];
  });
  const heat = addFittedTable(tab, row + 1, heatHeader, heatRows);
  const heatValues = { row: heat.row + 1, column: 2, rows: classes, columns: classes };
  tab.formats.push({ area: heatValues, format: { horizontalAlignment: 'center' } });
  tab.colorScales.push({ area: heatValues, colors: { min: '#f8696b', mid: '#ffeb84', max: '#63be7b' } });
  const emptyColumns = Array.from({ length: classes }, (_, f) => f + 1).filter((f) =>
    report.heatmap.every((cells) => cells[f - 1].averageSpend === null),
  );
  if (emptyColumns.length > 0) {
    const noteRow = heat.row + heat.rows;
    tab.blocks.push({
      row: noteRow,
      column: 1,
      values: [[w(lang, 'kpi.emptyColumns', { columns: emptyColumns.join(', ') })]],
    });
    tab.formats.push({ area: { row: noteRow, column: 1, rows: 1, columns: 1 }, format: { italic: true } });
  }

  if (prediction !== null) {
    const below = heat.row + heat.rows + (emptyColumns.length > 0 ? 2 : 1);
    addPredictedValue(tab, analysis, report, prediction, below);
  }

  // Header and segment rows of the KPI table (not the totals): one bar per segment.
  const segmentRows = { row: table.row, rows: table.rows - 1, columns: 1 };
  const chart = (title: string, valuesColumn: number, anchorRow: number): ChartSpec => ({
    type: 'bar',
    title,
    labels: { ...segmentRows, column: 1 },
    values: { ...segmentRows, column: valuesColumn },
    anchor: { row: anchorRow, column: KPI_COLUMNS.length + 2 },
    width: 480,
    height: 300,
  });
  tab.charts.push(chart(w(lang, 'kpi.chartCustomers'), 2, 3), chart(w(lang, 'kpi.chartRevenue'), 4, 20));
  return tab;
}

/**
 * Per non-empty segment and in total, the predicted value over the horizon and the revenue at risk
 * (the predicted value of customers whose P(alive) is below 50 %) (src/core/README.md, "Predicted value"); when a model
 * cannot be trusted, one line that says why instead.
 */
function addPredictedValue(
  tab: TabContent,
  analysis: Analysis,
  report: KpiReport,
  prediction: ClvPrediction,
  row: number,
): void {
  const { lang, segment, segmentNames } = analysis;
  const sums = predictedValueBySegment(prediction, segment, segmentNames.length);
  if (sums === null) {
    const reason = clvProblemText(prediction, lang) ?? '';
    tab.blocks.push({ row, column: 1, values: [[t(lang, 'kpi.clvNotTrusted', { reason })]] });
    tab.formats.push({ area: { row, column: 1, rows: 1, columns: 1 }, format: { italic: true } });
    return;
  }
  const money = (thousandths: number) => figure(Math.round(thousandths) / 1000);
  const shown = report.segments
    .map((figures, index) => ({ figures, index }))
    .filter(({ figures }) => !figures.empty);
  const total = (values: Float64Array) => values.reduce((sum, value) => sum + value, 0);
  const rows: WriteCell[][] = [
    ...shown.map(({ figures, index }) => [
      figures.name,
      money(sums.predicted[index]),
      money(sums.atRisk[index]),
    ]),
    [w(lang, 'head.total'), money(total(sums.predicted)), money(total(sums.atRisk))],
  ];
  const area = addFittedTable(
    tab,
    row,
    [
      { header: w(lang, 'head.segment'), role: 'text' },
      { header: t(lang, 'head.predictedValue', { months: prediction.months }), role: 'money' },
      { header: t(lang, 'kpi.revenueAtRisk'), role: 'money' },
    ],
    rows,
  );
  tab.formats.push({
    area: { row: area.row + area.rows - 1, column: 1, rows: 1, columns: 3 },
    format: { bold: true },
  });
}
