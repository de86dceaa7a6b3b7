/**
 * The acquisition tab « Segmento · Acquisition » (see src/workbook/README.md, "Is a segment paying
 * off"): a table a person fills by hand — month, channel (optional), marketing spend, prospects
 * (optional: visits, leads or sign-ups). Apply creates it with its header when it is missing and
 * never writes over it; src/core/acquisition.ts reads it (`readSpendTable`).
 */
import type { Lang } from '../core/labels';
import type { WriteCell } from './port';
import { handTable, type ColumnRole, type TabContent } from './tab-content';
import { w, type WordKey } from './words';

const COLUMNS: readonly { key: WordKey; role: ColumnRole }[] = [
  { key: 'acquisition.head.month', role: 'text' },
  { key: 'acquisition.head.channel', role: 'text' },
  { key: 'acquisition.head.spend', role: 'money' },
  { key: 'acquisition.head.prospects', role: 'count' },
];

/**
 * The acquisition tab: its header, these rows (none when Apply creates it) and empty rows formatted
 * for typing (months as text, so that `2026-03` stays as typed).
 */
export function acquisitionTabContent(lang: Lang, rows: WriteCell[][] = []): TabContent {
  const columns = COLUMNS.map((column) => ({ header: w(lang, column.key), role: column.role }));
  return handTable({ kind: 'acquisition', key: 'acquisition' }, w(lang, 'tab.acquisition'), columns, rows);
}
