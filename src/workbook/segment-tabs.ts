/**
 * One tab per non-empty segment (a clean customer list, ready to export as CSV) and the rejects
 * tab (see src/workbook/README.md, "What Apply writes").
 */
import type { Analysis } from '../core/analysis';
import type { ClvPrediction } from '../core/clv';
import { SHEETS_SERIAL_OF_EPOCH } from '../core/days';
import { t } from '../core/labels';
import { averageBasket, type AttributeValue } from '../core/metrics';
import { rejectMessage } from '../core/orders';
import { scoreCode } from '../core/scores';
import type { WriteCell } from './port';
import { addTable, emptyTab, fittedWidths, type ColumnRole, type TabContent } from './tab-content';
import { w } from './words';

/** A day number as a Sheets serial date (written with the `date` number format). */
export function serialOfDay(day: number): number {
  return day + SHEETS_SERIAL_OF_EPOCH;
}

/**
 * Where each customer was before this run, from the history of earlier runs: their previous
 * segment ('' on a first run, null for a customer new since the previous run) and the analysis
 * date since which they have been in their current segment. A customer is their index in the
 * analysis (their place in this run).
 */
export interface PreviousSegments {
  segmentOf(customer: number): { segment: string | null; since: number } | undefined;
}

function attributeCell(value: AttributeValue): WriteCell {
  return value === undefined ? null : value;
}

/** A column of a segment tab: header, role (which gives its format) and its value for a customer. */
interface SegmentColumn {
  header: string;
  role: ColumnRole;
  value: (customer: number, before: ReturnType<PreviousSegments['segmentOf']>) => WriteCell;
}

/**
 * P(alive) and the predicted value over the prediction's horizon (src/core/README.md, "Predicted value"); empty cells when
 * a model cannot be trusted, no columns when the predicted value is off (no prediction).
 */
function predictionColumns(analysis: Analysis, prediction: ClvPrediction | null): SegmentColumn[] {
  if (prediction === null) return [];
  const { lang } = analysis;
  const { probabilityAlive, predictedValue, months } = prediction;
  return [
    {
      header: t(lang, 'head.probabilityAlive'),
      role: 'percent',
      value: (i) => (probabilityAlive === null ? null : probabilityAlive[i]),
    },
    {
      header: t(lang, 'head.predictedValue', { months }),
      role: 'money',
      value: (i) => (predictedValue === null ? null : Math.round(predictedValue[i]) / 1000),
    },
  ];
}

function segmentColumns(
  analysis: Analysis,
  segmentName: string,
  prediction: ClvPrediction | null,
): SegmentColumn[] {
  const { metrics, scores, lang } = analysis;
  const { r, f, m } = scores;
  return [
    { header: w(lang, 'head.customer'), role: 'text', value: (i) => metrics.ids[i] },
    ...metrics.attributes.map((attribute): SegmentColumn => ({
      header: attribute.name,
      role: 'text',
      value: (i) => attributeCell(attribute.values[i]),
    })),
    { header: w(lang, 'head.segment'), role: 'text', value: () => segmentName },
    { header: t(lang, 'axis.recency').charAt(0), role: 'score', value: (i) => r[i] },
    { header: t(lang, 'axis.frequency').charAt(0), role: 'score', value: (i) => f[i] },
    { header: t(lang, 'axis.monetary').charAt(0), role: 'score', value: (i) => m[i] },
    { header: w(lang, 'head.code'), role: 'code', value: (i) => scoreCode(r[i], f[i], m[i]) },
    { header: w(lang, 'head.total'), role: 'score', value: (i) => r[i] + f[i] + m[i] },
    { header: w(lang, 'head.recency'), role: 'days', value: (i) => metrics.recencyDays[i] },
    { header: w(lang, 'head.frequency'), role: 'count', value: (i) => metrics.frequency[i] },
    { header: w(lang, 'head.monetary'), role: 'money', value: (i) => metrics.monetary[i] / 1000 },
    {
      header: w(lang, 'head.averageBasket'),
      role: 'money',
      value: (i) => Math.round(averageBasket(metrics, i)) / 1000,
    },
    {
      header: w(lang, 'head.firstPurchase'),
      role: 'date',
      value: (i) => serialOfDay(metrics.firstPurchase[i]),
    },
    {
      header: w(lang, 'head.lastPurchase'),
      role: 'date',
      value: (i) => serialOfDay(metrics.lastPurchase[i]),
    },
    {
      header: w(lang, 'head.previousSegment'),
      role: 'text',
      value: (_, before) => (before === undefined ? '' : (before.segment ?? w(lang, 'head.newCustomer'))),
    },
    {
      header: w(lang, 'head.since'),
      role: 'date',
      value: (_, before) => (before ? serialOfDay(before.since) : ''),
    },
    ...predictionColumns(analysis, prediction),
  ];
}

export function segmentTabs(
  analysis: Analysis,
  previous?: PreviousSegments,
  prediction: ClvPrediction | null = null,
): TabContent[] {
  const { metrics, segment, segmentNames } = analysis;
  const members: number[][] = segmentNames.map(() => []);
  for (let i = 0; i < metrics.count; i++) members[segment[i]].push(i);
  return segmentNames.flatMap((name, index) => {
    const customers = members[index];
    if (customers.length === 0) return [];
    customers.sort((a, b) => metrics.monetary[b] - metrics.monetary[a]);
    const columns = segmentColumns(analysis, name, prediction);
    const rows = customers.map((i): WriteCell[] => {
      const before = previous?.segmentOf(i);
      return columns.map((column) => column.value(i, before));
    });
    const tab = emptyTab({ kind: 'segment', key: name }, name);
    addTable(tab, 1, 1, columns, rows);
    tab.layout = {
      frozenRows: 1,
      columnWidths: fittedWidths(columns, rows),
      tabColor: analysis.segmentSet.rules[index]?.color ?? analysis.segmentSet.fallback.color,
    };
    return [tab];
  });
}

/** Rows rejected when reading the orders, with their sheet row number and reason; null when none. */
export function rejectsTab(analysis: Analysis): TabContent | null {
  const { book, lang } = analysis;
  if (book.rejected.length === 0) return null;
  const tab = emptyTab({ kind: 'rejects', key: 'rejects' }, w(lang, 'tab.rejects'));
  const rows = book.rejected.map((reject): WriteCell[] => [reject.row, rejectMessage(reject, lang)]);
  addTable(
    tab,
    1,
    1,
    [
      { header: w(lang, 'head.row'), role: 'row' },
      { header: w(lang, 'head.reason'), role: 'text' },
    ],
    rows,
  );
  tab.layout = { frozenRows: 1, columnWidths: [80, 420] };
  return tab;
}
