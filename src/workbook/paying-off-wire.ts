/**
 * The compact view of « is each segment paying off » that Apply returns to the sidebar (plain JSON,
 * browser-safe, re-exported by sidebar-wire.ts): the campaigns, the latest cohorts and the latest
 * months of acquisition, the cells to fix, and the tabs to open. Money in currency units.
 */

/** A tab the view links to. */
export interface PayingOffTabLink {
  id: number;
  name: string;
}

export interface PayingOffView {
  /** One line per campaign and target segment; `note` says why there are no figures, or what to know. */
  campaigns: {
    name: string;
    /** `YYYY-MM-DD`. */
    date: string;
    segment: string;
    contacted: number | null;
    conversion: number | null;
    controlConversion: number | null;
    uplift: number | null;
    note: string;
  }[];
  /** The latest cohorts: month of first purchase, customers, share who bought in months 1 and 3. */
  cohorts: { month: string; customers: number; month1: number | null; month3: number | null }[];
  /** The latest months, all channels: new customers, spend and acquisition cost. */
  acquisition: { month: string; newCustomers: number; spend: number | null; cac: number | null }[];
  /** Bad cells of the hand tables, named. */
  issues: string[];
  /** Where the results are (the KPI tab and the retention tab) and the hand tables to fill. */
  tabs: {
    results: PayingOffTabLink | null;
    retention: PayingOffTabLink | null;
    campaigns: PayingOffTabLink | null;
    acquisition: PayingOffTabLink | null;
  };
}
