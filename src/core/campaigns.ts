/**
 * Campaign conversion by segment (issue 15). A purchase is an order of net amount ≥ 0, as in the
 * metrics. Money in thousandths, days are day numbers, rates are fractions 0..1.
 *
 * For a campaign dated D with a window of W days, and each targeted segment as it stood at the last
 * run on or before D (`membershipAt(D)`, from the history tab):
 * - **customers**: members of the segment;
 * - **contacted**: members in the contacted list, or every member when there is no list;
 * - **buyers**: contacted customers with a purchase on a day in (D, D + W];
 * - **conversion** = buyers ÷ contacted; **revenue** = net amount (refunds included) of the contacted
 *   customers' orders in (D, D + W]; **revenue per contacted** = revenue ÷ contacted;
 * - **cost per buyer** = the segment's share of the cost ÷ buyers, the share being the cost ×
 *   contacted in the segment ÷ contacted in every targeted segment;
 * - with a contacted list, the **control group** is the members not contacted: its size, buyers and
 *   conversion, and the **uplift** = conversion − control conversion (in points of share);
 *   `tooSmall` says a group has fewer than `MIN_GROUP` customers.
 * Every undefined ratio is null. A window that ends after the latest order is `windowOpen`.
 * A campaign dated after the latest order, with no run on or before its date, or with no target has
 * a `reason` key instead of figures.
 *
 * Orders are sorted by day once, for the first campaign with figures to count; each campaign then
 * reads only the orders of its window.
 */
import { formatDay, t, type Lang } from './labels';
import { latestOrderDay } from './metrics';
import { ordersByDay } from './order-days';
import type { OrderBook } from './orders';

/** Days a campaign's window lasts when the table does not say. */
export const DEFAULT_WINDOW_DAYS = 30;

/** Below this many customers a group is too small to conclude. */
export const MIN_GROUP = 30;

export interface Campaign {
  name: string;
  /** Day number of the campaign. */
  day: number;
  /** Target segment names, as the history tab writes them. */
  segments: readonly string[];
  /** Days after the campaign day in which a purchase counts (default 30). */
  windowDays?: number;
  /** Cost of the whole campaign, thousandths. */
  cost?: number | null;
  /** Ids of the contacted customers; absent: every member of the targeted segments was contacted. */
  contacted?: readonly string[] | null;
}

/** A run's customers, each at most once, and each one's segment name, as parallel arrays. */
export interface SegmentMembership {
  readonly customers: readonly string[];
  readonly segments: readonly string[];
}

export type CampaignReason = 'afterLatestOrder' | 'noRunBefore' | 'noTarget';

export interface GroupFigures {
  size: number;
  buyers: number;
  /** buyers ÷ size; null when the group is empty. */
  conversion: number | null;
  /** Net amount of the group's orders in the window, thousandths. */
  revenue: number;
  /** size < MIN_GROUP. */
  tooSmall: boolean;
}

export interface SegmentConversion {
  segment: string;
  /** Members of the segment at the run. */
  customers: number;
  contacted: GroupFigures;
  /** revenue ÷ contacted; null when nobody was contacted. */
  revenuePerContacted: number | null;
  /** The segment's share of the cost ÷ buyers; null without a cost or without buyers. */
  costPerBuyer: number | null;
  /** Members not contacted; null without a contacted list. */
  control: GroupFigures | null;
  /** contacted conversion − control conversion; null when either is null. */
  uplift: number | null;
}

export interface CampaignResult {
  name: string;
  day: number;
  windowDays: number;
  /** Why there are no figures; absent when there are. */
  reason?: CampaignReason;
  /** The window ends after the latest order: figures may still grow. */
  windowOpen: boolean;
  segments: SegmentConversion[];
  /** Contacted ids found in no targeted segment at the run (left out of the figures). */
  contactedOutsideTargets: number;
}

/** Per-customer purchases and revenue in a window, from the orders sorted by day. */
class OrdersByDay {
  readonly order: Int32Array;
  private readonly day: Int32Array;
  constructor(private readonly book: OrderBook) {
    this.order = ordersByDay(book);
    this.day = this.order.map((o) => book.orderDay[o]);
  }
  /** First position whose day is > `day`. */
  private after(day: number): number {
    let low = 0;
    let high = this.day.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.day[middle] <= day) low = middle + 1;
      else high = middle;
    }
    return low;
  }
  /**
   * Each customer with an order in (from, to], by id: whether one is a purchase, and the net amount
   * (a run's members are then looked up among the few who ordered, not among every customer).
   */
  window(from: number, to: number): Map<string, { bought: boolean; revenue: number }> {
    const result = new Map<string, { bought: boolean; revenue: number }>();
    for (let position = this.after(from), end = this.after(to); position < end; position++) {
      const o = this.order[position];
      const id = this.book.customerIds[this.book.orderCustomer[o]];
      let entry = result.get(id);
      if (!entry) result.set(id, (entry = { bought: false, revenue: 0 }));
      entry.revenue += this.book.orderAmount[o];
      if (this.book.orderAmount[o] >= 0) entry.bought = true;
    }
    return result;
  }
}

function group(size: number, buyers: number, revenue: number): GroupFigures {
  return { size, buyers, conversion: size > 0 ? buyers / size : null, revenue, tooSmall: size < MIN_GROUP };
}

/** The figures of each campaign; `membershipAt(day)` is the segments at the last run on or before `day`, or null. */
export function campaignConversions(
  book: OrderBook,
  campaigns: readonly Campaign[],
  membershipAt: (day: number) => SegmentMembership | null,
): CampaignResult[] {
  const latest = latestOrderDay(book);
  // Made for the first campaign with figures to count: a run without one does not sort.
  let byDay: OrdersByDay | null = null;
  return campaigns.map((campaign): CampaignResult => {
    const asked = campaign.windowDays ?? DEFAULT_WINDOW_DAYS;
    const windowDays = Number.isFinite(asked) ? Math.max(0, Math.floor(asked)) : DEFAULT_WINDOW_DAYS;
    const base = {
      name: campaign.name,
      day: campaign.day,
      windowDays,
      windowOpen: false,
      segments: [],
      contactedOutsideTargets: 0,
    };
    const targets = [...new Set(campaign.segments.map((name) => name.trim()).filter((name) => name !== ''))];
    if (targets.length === 0) return { ...base, reason: 'noTarget' };
    if (latest === null || campaign.day > latest) return { ...base, reason: 'afterLatestOrder' };
    const membership = membershipAt(campaign.day);
    if (!membership) return { ...base, reason: 'noRunBefore' };
    byDay ??= new OrdersByDay(book);
    const inWindow = byDay.window(campaign.day, campaign.day + windowDays);
    const contactedIds = campaign.contacted ? new Set(campaign.contacted.map((id) => id.trim())) : null;
    const slot = new Map(targets.map((name, index) => [name, index]));
    const tally = targets.map(() => ({ customers: 0, contacted: [0, 0, 0], control: [0, 0, 0] }));
    for (let member = 0; member < membership.customers.length; member++) {
      const index = slot.get(membership.segments[member]);
      if (index === undefined) continue;
      const id = membership.customers[member];
      const row = tally[index];
      row.customers++;
      const counts = !contactedIds || contactedIds.has(id) ? row.contacted : row.control;
      counts[0]++;
      const entry = inWindow.get(id);
      if (entry) {
        if (entry.bought) counts[1]++;
        counts[2] += entry.revenue;
      }
    }
    const contactedTotal = tally.reduce((sum, row) => sum + row.contacted[0], 0);
    // With a list, the contacted members of the targets are the ids of the list found in them.
    const outside = contactedIds ? contactedIds.size - contactedTotal : 0;
    const cost =
      campaign.cost !== undefined && campaign.cost !== null && Number.isFinite(campaign.cost)
        ? campaign.cost
        : null;
    const segments = targets.map((segment, index): SegmentConversion => {
      const row = tally[index];
      const contacted = group(row.contacted[0], row.contacted[1], row.contacted[2]);
      const control = contactedIds ? group(row.control[0], row.control[1], row.control[2]) : null;
      const share = cost !== null && contactedTotal > 0 ? (cost * contacted.size) / contactedTotal : null;
      return {
        segment,
        customers: row.customers,
        contacted,
        revenuePerContacted: contacted.size > 0 ? contacted.revenue / contacted.size : null,
        costPerBuyer: share !== null && contacted.buyers > 0 ? share / contacted.buyers : null,
        control,
        uplift:
          control && contacted.conversion !== null && control.conversion !== null
            ? contacted.conversion - control.conversion
            : null,
      };
    });
    return {
      ...base,
      windowOpen: campaign.day + windowDays > latest,
      segments,
      contactedOutsideTargets: outside,
    };
  });
}

/** Why a campaign has no figures, in a person's words. */
export function campaignReasonText(reason: CampaignReason, lang: Lang): string {
  return t(lang, `campaign.reason.${reason}`);
}

/**
 * What a person must know before reading a campaign's figures for one segment: the reason it has
 * none, a window still open, contacted customers outside the targets, groups too small to conclude.
 */
export function campaignNotes(
  result: CampaignResult,
  conversion: SegmentConversion | null,
  lang: Lang,
): string[] {
  if (result.reason) return [campaignReasonText(result.reason, lang)];
  const notes: string[] = [];
  if (result.windowOpen)
    notes.push(t(lang, 'campaign.windowOpen', { end: formatDay(result.day + result.windowDays, lang) }));
  if (result.contactedOutsideTargets > 0)
    notes.push(t(lang, 'campaign.outsideTargets', { count: result.contactedOutsideTargets }));
  const groups: [GroupFigures | null | undefined, 'campaign.contactedGroup' | 'campaign.controlGroup'][] = [
    [conversion?.contacted, 'campaign.contactedGroup'],
    [conversion?.control, 'campaign.controlGroup'],
  ];
  for (const [figures, key] of groups)
    if (figures?.tooSmall)
      notes.push(t(lang, 'campaign.tooSmall', { group: t(lang, key), size: figures.size, min: MIN_GROUP }));
  return notes;
}
