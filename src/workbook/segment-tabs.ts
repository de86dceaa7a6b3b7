/**
 * One tab per non-empty segment (a clean customer list, ready to export as CSV) and the rejects
 * tab (DESIGN.md §6).
 */
import type { Analysis } from '../core/analysis';
import { SHEETS_SERIAL_OF_EPOCH } from '../core/days';
import { t } from '../core/labels';
import { averageBasket, type AttributeValue } from '../core/metrics';
import { rejectMessage } from '../core/orders';
import { scoreCode } from '../core/scores';
import type { WriteCell } from './port';
import { addTable, emptyTab, type TabContent } from './tab-content';

/** A day number as a Sheets serial date (written with the `date` number format). */
export function serialOfDay(day: number): number {
  return day + SHEETS_SERIAL_OF_EPOCH;
}

/**
 * Where each customer was before this run, from the history of earlier runs: their previous
 * segment ('' on a first run, null for a customer new since the previous run) and the analysis
 * date since which they have been in their current segment.
 */
export interface PreviousSegments {
  segmentOf(customer: string): { segment: string | null; since: number } | undefined;
}

function attributeCell(value: AttributeValue): WriteCell {
  return value === undefined ? null : value;
}

export function segmentTabs(analysis: Analysis, previous?: PreviousSegments): TabContent[] {
  const { metrics, scores, segment, segmentNames, lang } = analysis;
  const members: number[][] = segmentNames.map(() => []);
  for (let i = 0; i < metrics.count; i++) members[segment[i]].push(i);
  const header = [
    t(lang, 'head.customer'),
    ...metrics.attributes.map((attribute) => attribute.name),
    ...(['segment', 'axis.recency', 'axis.frequency', 'axis.monetary'] as const).map((key) =>
      key === 'segment' ? t(lang, 'head.segment') : t(lang, key).charAt(0),
    ),
    t(lang, 'head.code'),
    t(lang, 'head.total'),
    t(lang, 'head.recency'),
    t(lang, 'head.frequency'),
    t(lang, 'head.monetary'),
    t(lang, 'head.averageBasket'),
    t(lang, 'head.firstPurchase'),
    t(lang, 'head.lastPurchase'),
    t(lang, 'head.previousSegment'),
    t(lang, 'head.since'),
  ];
  const firstMetric = 1 + metrics.attributes.length;
  return segmentNames.flatMap((name, index) => {
    const customers = members[index];
    if (customers.length === 0) return [];
    customers.sort((a, b) => metrics.monetary[b] - metrics.monetary[a]);
    const rows = customers.map((i): WriteCell[] => {
      const before = previous?.segmentOf(metrics.ids[i]);
      return [
        metrics.ids[i],
        ...metrics.attributes.map((attribute) => attributeCell(attribute.values[i])),
        name,
        scores.r[i],
        scores.f[i],
        scores.m[i],
        scoreCode(scores.r[i], scores.f[i], scores.m[i]),
        scores.r[i] + scores.f[i] + scores.m[i],
        metrics.recencyDays[i],
        metrics.frequency[i],
        metrics.monetary[i] / 1000,
        Math.round(averageBasket(metrics, i)) / 1000,
        serialOfDay(metrics.firstPurchase[i]),
        serialOfDay(metrics.lastPurchase[i]),
        before === undefined ? '' : (before.segment ?? t(lang, 'head.newCustomer')),
        before ? serialOfDay(before.since) : '',
      ];
    });
    const tab = emptyTab({ kind: 'segment', key: name }, name);
    addTable(tab, 1, 1, header, rows);
    const below = { row: 2, rows: rows.length };
    tab.formats.push(
      { area: { ...below, column: 1, columns: 1 }, format: { numberFormat: 'text' } },
      { area: { ...below, column: firstMetric + 1, columns: 1 }, format: { numberFormat: 'text' } },
      { area: { ...below, column: firstMetric + 6, columns: 1 }, format: { numberFormat: 'text' } },
      { area: { ...below, column: firstMetric + 10, columns: 2 }, format: { numberFormat: 'money' } },
      { area: { ...below, column: firstMetric + 12, columns: 2 }, format: { numberFormat: 'date' } },
      { area: { ...below, column: firstMetric + 15, columns: 1 }, format: { numberFormat: 'date' } },
    );
    tab.layout = {
      frozenRows: 1,
      tabColor: analysis.segmentSet.rules[index]?.color ?? analysis.segmentSet.fallback.color,
    };
    return [tab];
  });
}

/** Rows rejected when reading the orders, with their sheet row number and reason; null when none. */
export function rejectsTab(analysis: Analysis): TabContent | null {
  const { book, lang } = analysis;
  if (book.rejected.length === 0) return null;
  const tab = emptyTab({ kind: 'rejects', key: 'rejects' }, t(lang, 'tab.rejects'));
  const rows = book.rejected.map((reject): WriteCell[] => [reject.row, rejectMessage(reject, lang)]);
  addTable(tab, 1, 1, [t(lang, 'head.row'), t(lang, 'head.reason')], rows);
  tab.layout = { frozenRows: 1, columnWidths: [80, 420] };
  return tab;
}
