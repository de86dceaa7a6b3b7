/**
 * Is each segment paying off (see src/workbook/README.md, "Is a segment paying off"): reads the two
 * hand tables (campaigns, acquisition) and the contacted ranges they name, and computes campaign
 * conversion by segment (membership from the history tab), the retention cohorts, the repeat rate
 * within 90 days per segment and the acquisition cost per month and channel — all with src/core.
 * The port is read once per hand table and once per contacted range: never per order row.
 */
import {
  acquisitionCosts,
  channelColumnOf,
  newCustomers,
  readSpendTable,
  spendIssueText,
  type AcquisitionRow,
} from '../core/acquisition';
import type { Analysis } from '../core/analysis';
import {
  campaignConversions,
  campaignNotes,
  type CampaignResult,
  type SegmentConversion,
} from '../core/campaigns';
import type { ClvPrediction } from '../core/clv';
import { repeatRateBySegment, retentionCohorts, type CohortTable, type SegmentRepeat } from '../core/cohorts';
import type { Lang } from '../core/labels';
import { isoDay } from '../core/days';
import { latestOrderDay } from '../core/metrics';
import { acquisitionTabContent } from './acquisition-table';
import { campaignsTabContent, exampleCampaignRow, readCampaignsTable } from './campaigns-table';
import { historySegmentNames, membershipAt, type History } from './history';
import type { PayingOffView } from './paying-off-wire';
import type { ManagedTab, WorkbookPort } from './port';
import { tabExtent, uniqueTabName, writeTabContent, type TabContent } from './tab-content';

export interface PayingOff {
  campaigns: CampaignResult[];
  /** The latest order day (a campaign window ending after it is still open). */
  latestDay: number;
  cohorts: CohortTable;
  repeat: SegmentRepeat[];
  acquisition: AcquisitionRow[];
  /** Whether the orders carry a channel column (then acquisition has a row per month and channel). */
  byChannel: boolean;
  /** Whether predicted values exist (then acquisition has the mean predicted value and value ÷ cost). */
  withPredictedValue: boolean;
  /** Bad cells of the campaigns table, then of the acquisition table, named, in a person's words. */
  issues: string[];
  /** The hand tabs to create because they are missing (a header, and an example campaign). */
  missingTabs: TabContent[];
  /** The hand tabs found (null when missing: then among `missingTabs`). */
  handTabs: { campaigns: ManagedTab | null; acquisition: ManagedTab | null };
}

/**
 * Creates a hand tab (campaigns or acquisition) filled with `content` when there is none of its kind
 * yet — e.g. the demo's tables; a tab a person already has is never written over. Whether it was made.
 */
export function createHandTabIfMissing(port: WorkbookPort, content: TabContent): boolean {
  const kind = content.tag.kind;
  if (kind !== 'campaigns' && kind !== 'acquisition') return false;
  if (handTab(port, kind)) return false;
  const tab = port.createManagedTab(
    uniqueTabName(content.name, port.sheetNames()),
    content.tag,
    tabExtent(content),
  );
  writeTabContent(port, tab.id, content);
  return true;
}

/** The hand tab of a kind, when there is one. */
function handTab(port: WorkbookPort, kind: 'campaigns' | 'acquisition'): ManagedTab | null {
  return port.managedTabs().find((tab) => tab.tag.kind === kind) ?? null;
}

/**
 * Reads the hand tables and computes every figure. `history` holds this run's snapshot, so a
 * campaign dated on or after this run's analysis date reads this run's segments.
 */
export function payingOff(
  port: WorkbookPort,
  analysis: Analysis,
  history: History,
  prediction: ClvPrediction | null,
  lang: Lang,
): PayingOff {
  const { book, metrics, segment, segmentNames } = analysis;
  const asOfDay = metrics.asOfDay;
  const locale = port.locale();
  const timeZone = port.timeZone();
  const missingTabs: TabContent[] = [];

  const campaignsTab = handTab(port, 'campaigns');
  const example = segmentNames[Math.max(0, segmentNames.length - 2)] ?? '';
  if (!campaignsTab)
    missingTabs.push(campaignsTabContent(lang, [exampleCampaignRow(lang, example, asOfDay)]));
  const campaignsValues = campaignsTab ? port.readRange(campaignsTab.name, null) : null;
  const knownSegments = [...new Set([...segmentNames, ...historySegmentNames(history)])];
  const campaignsRead = campaignsValues
    ? readCampaignsTable(campaignsValues.values, campaignsValues.firstRow, {
        lang,
        locale,
        timeZone,
        segmentNames: knownSegments,
        readContacted: (sheet, a1) => port.readRange(sheet, a1)?.values ?? null,
      })
    : { campaigns: [], issues: [] };

  const acquisitionTab = handTab(port, 'acquisition');
  if (!acquisitionTab) missingTabs.push(acquisitionTabContent(lang));
  const spendValues = acquisitionTab ? port.readRange(acquisitionTab.name, null) : null;
  const spend = readSpendTable(spendValues?.values ?? [], {
    locale,
    timeZone,
    firstRowNumber: spendValues?.firstRow ?? 1,
  });
  const channel = channelColumnOf(book);
  const predicted =
    prediction?.predictedValue != null
      ? { customers: metrics.customers, values: prediction.predictedValue }
      : null;

  return {
    campaigns: campaignConversions(book, campaignsRead.campaigns, membershipAt(history)),
    latestDay: latestOrderDay(book) ?? asOfDay,
    cohorts: retentionCohorts(book, { asOfDay }),
    repeat: repeatRateBySegment(
      book,
      { customers: metrics.customers, segment, names: segmentNames },
      { asOfDay },
    ),
    acquisition: acquisitionCosts(newCustomers(book, { asOfDay, channel }), spend.rows, {
      byChannel: channel !== null,
      predicted,
    }),
    byChannel: channel !== null,
    withPredictedValue: predicted !== null,
    issues: [...campaignsRead.issues, ...spend.issues.map((issue) => spendIssueText(issue, lang))],
    missingTabs,
    handTabs: { campaigns: campaignsTab, acquisition: acquisitionTab },
  };
}

interface CampaignLine {
  campaign: CampaignResult;
  segment: SegmentConversion | null;
  note: string;
}

/**
 * What is shown of the campaigns: a line per campaign and target segment with its notes, or one
 * line without a segment giving the reason a campaign has no figures yet.
 */
export function campaignLines(result: PayingOff, lang: Lang): CampaignLine[] {
  return result.campaigns.flatMap((campaign): CampaignLine[] =>
    campaign.reason
      ? [{ campaign, segment: null, note: campaignNotes(campaign, null, lang).join(' ') }]
      : campaign.segments.map((segment) => ({
          campaign,
          segment,
          note: campaignNotes(campaign, segment, lang).join(' '),
        })),
  );
}

/** How many of the latest cohorts and months the sidebar's compact view shows. */
const VIEW_LATEST = 6;

/** The compact view for the sidebar, with links to the tabs written or kept (no port call: Apply is done). */
export function payingOffView(
  result: PayingOff,
  written: readonly { id: number; name: string; kind: string }[],
  lang: Lang,
): PayingOffView {
  const link = (kind: string) => {
    const tab =
      written.find((candidate) => candidate.kind === kind) ??
      (kind === 'campaigns' || kind === 'acquisition' ? result.handTabs[kind] : null);
    return tab ? { id: tab.id, name: tab.name } : null;
  };
  const money = (thousandths: number | null) => (thousandths === null ? null : thousandths / 1000);
  return {
    campaigns: campaignLines(result, lang).map(({ campaign, segment, note }) => ({
      name: campaign.name,
      date: isoDay(campaign.day),
      segment: segment?.segment ?? '',
      contacted: segment?.contacted.size ?? null,
      conversion: segment?.contacted.conversion ?? null,
      controlConversion: segment?.control?.conversion ?? null,
      uplift: segment?.uplift ?? null,
      note,
    })),
    cohorts: result.cohorts.cohorts.slice(-VIEW_LATEST).map((cohort) => ({
      month: cohort.month,
      customers: cohort.customers,
      month1: cohort.retention[1] ?? null,
      month3: cohort.retention[3] ?? null,
    })),
    acquisition: result.acquisition
      .filter((row) => row.channel === null)
      .slice(-VIEW_LATEST)
      .map((row) => ({
        month: row.month,
        newCustomers: row.newCustomers,
        spend: money(row.spend),
        cac: money(row.cac),
      })),
    issues: result.issues,
    tabs: {
      results: link('kpi'),
      retention: link('retention'),
      campaigns: link('campaigns'),
      acquisition: link('acquisition'),
    },
  };
}
