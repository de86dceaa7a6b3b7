/**
 * The sidebar's wire contract: the endpoints the page calls through `google.script.run`, their
 * names and the types that cross, as plain JSON (dates as ISO `YYYY-MM-DD` strings, never `Date`
 * objects). Browser-safe: the page imports this and the settings model, nothing else of the
 * workbook; the servers (the add-on, the local preview server) implement it in sidebar-endpoints.ts.
 */
import { dayFromIso, isoDay } from '../core/days';
import type { Lang } from '../core/labels';
import type { ApplyResult } from './apply';
import type { Refresh, Settings, SettingsIssue } from './settings-model';

export type { PayingOffTabLink, PayingOffView } from './paying-off-wire';

/** A cell as the page receives it: '' when empty, a date as `YYYY-MM-DD` (its day in the spreadsheet's time zone). */
export type WireCell = string | number | boolean;

export type WireAsOf = { kind: 'latest' } | { kind: 'today' } | { kind: 'date'; date: string };

/** Settings as they cross: the analysis date as an ISO string. */
export type WireSettings = Omit<Settings, 'asOf'> & { asOf: WireAsOf };

/** What the page needs when it opens. */
export interface SidebarState {
  lang: Lang;
  /** The spreadsheet's locale and time zone: how the page reads text dates and amounts. */
  locale: string;
  timeZone: string;
  /** Today in the spreadsheet's time zone. */
  today: string;
  /** The tabs a person made: the choices for the orders tab. */
  sheets: string[];
  /** The orders tab in force: the saved one, else one named like Commandes/Orders, else the first. */
  sourceSheet: string | null;
  /** The saved settings, or the defaults when there are none or they have errors. */
  settings: WireSettings;
  /** What is wrong in a settings tab edited by hand (empty when it is valid or absent). */
  settingsIssues: SettingsIssue[];
  /** The settings tab's name; null until the first Save or Apply. */
  settingsTab: string | null;
  /** The scheduled refresh in force; null where none can be scheduled. */
  refresh: Refresh | null;
}

export type SourceResult =
  | { ok: true; sheet: string; range: string; firstRow: number; values: WireCell[][] }
  | { ok: false; message: string };

export type SaveResult =
  | { ok: true; settings: WireSettings; tab: string; message: string }
  | { ok: false; message: string; issues: SettingsIssue[] };

export type RefreshResult = { ok: true; refresh: Refresh; message: string } | { ok: false; message: string };

/**
 * A campaign noted from the sidebar, as one row of the campaigns tab: its day as `YYYY-MM-DD`, its
 * target segments by name, its window in days (null: 30), its cost in currency units (null: none)
 * and the range of the contacted customers ('' when every member was contacted).
 */
export interface WireCampaign {
  name: string;
  date: string;
  segments: string[];
  windowDays: number | null;
  cost: number | null;
  contacted: string;
}

export type CampaignResult =
  { ok: true; tab: { id: number; name: string }; message: string } | { ok: false; message: string };

/**
 * The endpoints, named as the top-level functions Apps Script exposes to `google.script.run`
 * (src/addon/entry.js), each answered by `sidebarEndpoints`.
 */
export interface SidebarEndpoints {
  sidebarState(): SidebarState;
  /** The order rows of a tab (`range` '' for its whole data range), fetched once for the live preview. */
  sidebarSource(sheet: string, range: string): SourceResult;
  /** Validates the settings, then writes the settings tab (created, or rewritten in place). */
  sidebarSave(settings: WireSettings): SaveResult;
  /** Saves the settings, then runs Apply. */
  sidebarApply(settings: WireSettings): ApplyResult;
  sidebarSetRefresh(refresh: Refresh): RefreshResult;
  /** Shows a tab written by Apply. */
  sidebarActivateTab(id: number): void;
  /** Adds a campaign to the campaigns tab (made when missing), over its example row when that is still there. */
  sidebarAddCampaign(campaign: WireCampaign): CampaignResult;
}

export type EndpointName = keyof SidebarEndpoints;

/** Every endpoint, and whether it may change the workbook (the local server saves the file after those). */
export const SIDEBAR_ENDPOINTS: Record<EndpointName, { writes: boolean }> = {
  sidebarState: { writes: false },
  sidebarSource: { writes: false },
  sidebarSave: { writes: true },
  sidebarApply: { writes: true },
  sidebarSetRefresh: { writes: true },
  sidebarActivateTab: { writes: true },
  sidebarAddCampaign: { writes: true },
};

export function isEndpointName(name: string): name is EndpointName {
  return Object.prototype.hasOwnProperty.call(SIDEBAR_ENDPOINTS, name);
}

export function settingsToWire(settings: Settings): WireSettings {
  const { asOf } = settings;
  return { ...settings, asOf: asOf.kind === 'date' ? { kind: 'date', date: isoDay(asOf.day) } : asOf };
}

/** The settings of the wire form; null when the analysis date is not an ISO date. */
export function settingsFromWire(wire: WireSettings): Settings | null {
  const { asOf } = wire;
  // A page that predates the switch sends no predictedValue: the predicted value stays on.
  const fields = { ...wire, predictedValue: wire.predictedValue !== false };
  if (asOf.kind !== 'date') return { ...fields, asOf };
  const day = dayFromIso(asOf.date);
  return day === null ? null : { ...fields, asOf: { kind: 'date', day } };
}
