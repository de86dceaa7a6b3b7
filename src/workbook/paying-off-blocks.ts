/**
 * The results of the hand tables, written in one place: below the KPI tab's own content (see
 * src/workbook/README.md, "Is a segment paying off") — the campaigns block (one row per campaign
 * and target segment, or the reason it has no figures yet), the acquisition cost block (per month,
 * all channels then each channel) and the cells to fix in either hand table.
 */
import type { Lang } from '../core/labels';
import { campaignLines, type PayingOff } from './paying-off';
import type { WriteCell } from './port';
import { serialOfDay } from './segment-tabs';
import {
  addTitle,
  addTitledTable,
  tabExtent,
  type ColumnRole,
  type TabContent,
  type TableColumn,
  type TitledTable,
} from './tab-content';
import { w, type WordKey } from './words';

/** First row of the blocks at the least: below the KPI tab's two charts (rows 3 to about 35, on the right). */
const FIRST_ROW = 38;

const CAMPAIGN_COLUMNS: readonly { key: WordKey; role: ColumnRole }[] = [
  { key: 'payoff.head.campaign', role: 'text' },
  { key: 'payoff.head.date', role: 'date' },
  { key: 'payoff.head.segment', role: 'text' },
  { key: 'payoff.head.members', role: 'count' },
  { key: 'payoff.head.contacted', role: 'count' },
  { key: 'payoff.head.buyers', role: 'count' },
  { key: 'payoff.head.conversion', role: 'percent' },
  { key: 'payoff.head.revenue', role: 'money' },
  { key: 'payoff.head.revenuePerContacted', role: 'money' },
  { key: 'payoff.head.costPerBuyer', role: 'money' },
  { key: 'payoff.head.control', role: 'count' },
  { key: 'payoff.head.controlBuyers', role: 'count' },
  { key: 'payoff.head.controlConversion', role: 'percent' },
  { key: 'payoff.head.uplift', role: 'percent' },
  { key: 'payoff.head.notes', role: 'text' },
];

const ACQUISITION_COLUMNS: readonly { key: WordKey; role: ColumnRole }[] = [
  { key: 'payoff.head.month', role: 'text' },
  { key: 'payoff.head.channel', role: 'text' },
  { key: 'payoff.head.newCustomers', role: 'count' },
  { key: 'payoff.head.spend', role: 'money' },
  { key: 'payoff.head.cac', role: 'money' },
  { key: 'payoff.head.prospects', role: 'count' },
  { key: 'payoff.head.prospectConversion', role: 'percent' },
  { key: 'payoff.head.meanValue', role: 'money' },
  { key: 'payoff.head.valueToCac', role: 'ratio' },
];

/** Thousandths as currency units; null stays null. */
const money = (thousandths: number | null): number | null =>
  thousandths === null ? null : thousandths / 1000;

/** One row per campaign and target segment; a campaign without figures gets one row with its reason. */
export function campaignTable(result: PayingOff, lang: Lang): TitledTable {
  const rows = campaignLines(result, lang).map(({ campaign, segment, note }): WriteCell[] =>
    segment === null
      ? [campaign.name, serialOfDay(campaign.day), ...CAMPAIGN_COLUMNS.slice(2, -1).map(() => null), note]
      : [
          campaign.name,
          serialOfDay(campaign.day),
          segment.segment,
          segment.customers,
          segment.contacted.size,
          segment.contacted.buyers,
          segment.contacted.conversion,
          money(segment.contacted.revenue),
          money(segment.revenuePerContacted),
          money(segment.costPerBuyer),
          segment.control?.size ?? null,
          segment.control?.buyers ?? null,
          segment.control?.conversion ?? null,
          segment.uplift,
          note,
        ],
  );
  return { title: w(lang, 'payoff.campaignsTitle'), columns: headed(CAMPAIGN_COLUMNS, lang), rows };
}

/** The acquisition columns shown: the predicted value's two only when there are predicted values. */
function acquisitionColumns(result: PayingOff) {
  return result.withPredictedValue ? ACQUISITION_COLUMNS : ACQUISITION_COLUMNS.slice(0, -2);
}

/**
 * One row per month (all channels), then per month and channel when the orders carry a channel and
 * `byChannel` is not false; the predicted value's columns only when there are predicted values.
 */
export function acquisitionTable(result: PayingOff, lang: Lang, byChannel = result.byChannel): TitledTable {
  const columns = headed(acquisitionColumns(result), lang);
  const rows = result.acquisition
    .filter((row) => byChannel || row.channel === null)
    .map((row) =>
      [
        row.month,
        row.channel === null
          ? w(lang, 'payoff.allChannels')
          : row.channel === ''
            ? w(lang, 'payoff.noChannel')
            : row.channel,
        row.newCustomers,
        money(row.spend),
        money(row.cac),
        row.prospects,
        row.conversion,
        money(row.meanPredictedValue),
        row.valueToCac,
      ].slice(0, columns.length),
    );
  return {
    title: w(lang, 'payoff.acquisitionTitle', { tab: w(lang, 'tab.acquisition') }),
    columns,
    rows,
  };
}

function headed(columns: readonly { key: WordKey; role: ColumnRole }[], lang: Lang): TableColumn[] {
  return columns.map((column) => ({ header: w(lang, column.key), role: column.role }));
}

/** Adds the campaigns, acquisition and issues blocks below the KPI tab's content. */
export function addPayingOffBlocks(kpi: TabContent, result: PayingOff, lang: Lang): void {
  let row = Math.max(FIRST_ROW, tabExtent(kpi).rows + 2);
  const campaigns = campaignTable(result, lang);
  if (campaigns.rows.length === 0) {
    addTitle(kpi, row, campaigns.title);
    kpi.blocks.push({
      row: row + 1,
      column: 1,
      values: [[w(lang, 'payoff.noCampaign', { tab: w(lang, 'tab.campaigns') })]],
    });
    row += 3;
  } else {
    const area = addTitledTable(kpi, row, campaigns);
    row = area.row + area.rows + 1;
  }
  const acquisition = addTitledTable(kpi, row, acquisitionTable(result, lang));
  row = acquisition.row + acquisition.rows + 1;
  if (result.issues.length > 0) {
    addTitle(kpi, row, w(lang, 'payoff.issuesTitle'));
    kpi.blocks.push({ row: row + 1, column: 1, values: result.issues.map((issue) => [issue]) });
  }
}
