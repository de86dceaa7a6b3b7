/**
 * The KPI tab (DESIGN.md §6): per segment and in total the customers, revenue, orders, average
 * basket, purchase frequency, median recency and repeat rate; the returning customers' share of
 * revenue; the thresholds in force; the R × F heatmap of average spend; two charts.
 */
import type { Analysis } from '../core/analysis';
import { isoDay } from '../core/days';
import { computeKpis, type KpiFigures, type KpiReport } from '../core/kpis';
import { formatMoney, t, type Lang } from '../core/labels';
import { AXES, thresholdTable, type Axis, type ScoreRange } from '../core/scores';
import type { ChartSpec, NumberFormat, WriteCell } from './port';
import { addTable, emptyTab, type TabContent } from './tab-content';

const KPI_HEADERS = {
  fr: [
    'Segment',
    'Clients',
    '% clients',
    'CA net',
    '% CA',
    'Achats',
    'Panier moyen',
    'Achats par client',
    'Récence médiane (j)',
    'Taux de réachat',
  ],
  en: [
    'Segment',
    'Customers',
    '% customers',
    'Net revenue',
    '% revenue',
    'Purchases',
    'Average basket',
    'Purchases per customer',
    'Median recency (d)',
    'Repeat rate',
  ],
};
/** Number format of each KPI column. */
export const KPI_FORMATS: readonly NumberFormat[] = [
  'text',
  'integer',
  'percent',
  'money',
  'percent',
  'integer',
  'money',
  'decimal',
  'decimal',
  'percent',
];

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
    KPI_HEADERS[lang],
    ...report.segments
      .filter((segment) => !segment.empty)
      .map((segment) => figuresRow(segment.name, segment)),
    figuresRow(lang === 'fr' ? 'Total' : 'Total', report.totals),
  ];
}

function formatBound(value: number, axis: Axis, lang: Lang): string {
  if (!Number.isFinite(value)) return t(lang, 'range.empty');
  if (axis === 'monetary') return formatMoney(value, lang);
  return Number.isInteger(value)
    ? String(value)
    : value.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-US', { maximumFractionDigits: 2 });
}

/** `≤ 30`, `30 – 90`, `> 365` …: the values a score covers on an axis, as a person reads them. */
export function rangeText(range: ScoreRange, axis: Axis, lang: Lang): string {
  if (range.empty) return t(lang, 'range.empty');
  const min = range.min === null ? null : formatBound(range.min, axis, lang);
  const max = range.max === null ? null : formatBound(range.max, axis, lang);
  if (axis === 'recency') {
    if (min === null) return t(lang, 'range.below', { max: max ?? '' });
    if (max === null) return t(lang, 'range.atLeast', { min });
    return `${t(lang, 'range.atLeast', { min })} ${lang === 'fr' ? 'et' : 'and'} ${t(lang, 'range.below', { max })}`;
  }
  if (min === null) return t(lang, 'range.atMost', { max: max ?? '' });
  if (max === null) return t(lang, 'range.above', { min });
  return `${t(lang, 'range.above', { min })} ${lang === 'fr' ? 'et' : 'and'} ${t(lang, 'range.atMost', { max })}`;
}

/** Score → range table of the thresholds in force, one column per axis. */
export function thresholdRows(analysis: Analysis): WriteCell[][] {
  const { thresholds, lang } = analysis;
  const tables = AXES.map((axis) => thresholdTable(thresholds, axis));
  return [
    [
      'Score',
      ...AXES.map(
        (axis) => t(lang, `axis.${axis}`) + (axis === 'recency' ? ` (${t(lang, 'unit.days')})` : ''),
      ),
    ],
    ...Array.from({ length: thresholds.classes }, (_, i) => [
      i + 1,
      ...AXES.map((axis, a) => rangeText(tables[a][i], axis, lang)),
    ]),
  ];
}

/** The KPIs of an analysis: computed once, for the KPI tab and the summary a run prints. */
export function kpiReport({ metrics, scores, thresholds, segment, segmentNames }: Analysis): KpiReport {
  return computeKpis(metrics, scores, thresholds, segment, segmentNames);
}

export function kpiTab(analysis: Analysis, report: KpiReport): TabContent {
  const { lang, metrics, thresholds } = analysis;
  const tab = emptyTab({ kind: 'kpi', key: 'kpi' }, t(lang, 'tab.kpi'));
  const fr = lang === 'fr';
  tab.blocks.push({
    row: 1,
    column: 1,
    values: [
      [
        fr
          ? `Segmento — analyse au ${isoDay(metrics.asOfDay)}`
          : `Segmento — as of ${isoDay(metrics.asOfDay)}`,
      ],
    ],
  });
  tab.formats.push({ area: { row: 1, column: 1, rows: 1, columns: 1 }, format: { bold: true } });

  const rows = kpiTableRows(report, lang);
  const table = addTable(tab, 3, 1, rows[0], rows.slice(1));
  KPI_FORMATS.forEach((numberFormat, column) =>
    tab.formats.push({
      area: { row: 4, column: column + 1, rows: rows.length - 1, columns: 1 },
      format: { numberFormat },
    }),
  );
  tab.formats.push({
    area: { row: 3 + rows.length - 1, column: 1, rows: 1, columns: rows[0].length },
    format: { bold: true },
  });

  let row = table.row + table.rows + 1;
  tab.blocks.push({
    row,
    column: 1,
    values: [
      [
        fr
          ? 'Part du CA faite par les clients fidèles (2 achats ou plus)'
          : 'Share of revenue from returning customers (2+ purchases)',
        figure(report.returningRevenueShare),
      ],
    ],
  });
  tab.formats.push({
    area: { row, column: 2, rows: 1, columns: 1 },
    format: { numberFormat: 'percent', bold: true },
  });

  row += 2;
  tab.blocks.push({ row, column: 1, values: [[fr ? 'Seuils des scores' : 'Score thresholds']] });
  tab.formats.push({ area: { row, column: 1, rows: 1, columns: 1 }, format: { bold: true } });
  const thresholdValues = thresholdRows(analysis);
  const thresholdArea = addTable(tab, row + 1, 1, thresholdValues[0], thresholdValues.slice(1));

  row = thresholdArea.row + thresholdArea.rows + 1;
  tab.blocks.push({
    row,
    column: 1,
    values: [
      [
        fr
          ? 'Montant moyen par client selon R (lignes) × F (colonnes)'
          : 'Average spend per customer by R (rows) × F (columns)',
      ],
    ],
  });
  tab.formats.push({ area: { row, column: 1, rows: 1, columns: 1 }, format: { bold: true } });
  const classes = thresholds.classes;
  const heatHeader: WriteCell[] = ['R \\ F', ...Array.from({ length: classes }, (_, f) => f + 1)];
  const heatRows = Array.from({ length: classes }, (_, i) => {
    const r = classes - i;
    return [
      r,
      ...report.heatmap[r - 1].map((cell) =>
        cell.averageSpend === null ? null : figure(Math.round(cell.averageSpend) / 1000),
      ),
    ];
  });
  const heat = addTable(tab, row + 1, 1, heatHeader, heatRows);
  const heatValues = { row: heat.row + 1, column: 2, rows: classes, columns: classes };
  tab.formats.push({ area: heatValues, format: { numberFormat: 'money', horizontalAlignment: 'center' } });
  tab.colorScales.push({ area: heatValues, colors: { min: '#f8696b', mid: '#ffeb84', max: '#63be7b' } });

  // Header and segment rows of the KPI table (not the totals): one bar per segment.
  const segmentRows = { row: table.row, rows: table.rows - 1, columns: 1 };
  const chart = (title: string, valuesColumn: number, anchorRow: number): ChartSpec => ({
    type: 'bar',
    title,
    labels: { ...segmentRows, column: 1 },
    values: { ...segmentRows, column: valuesColumn },
    anchor: { row: anchorRow, column: KPI_HEADERS.fr.length + 2 },
    width: 480,
    height: 300,
  });
  tab.charts.push(
    chart(fr ? 'Clients par segment' : 'Customers by segment', 2, 3),
    chart(fr ? 'CA net par segment' : 'Net revenue by segment', 4, 20),
  );
  tab.layout = { frozenRows: 0, columnWidths: [260, 110, 110, 130, 90, 90, 120, 130, 140, 120] };
  return tab;
}
