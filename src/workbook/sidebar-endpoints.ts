/**
 * The sidebar's server endpoints (DESIGN.md §1.2): one typed interface shared by the page
 * (src/sidebar, through `google.script.run`) and the servers that answer it (the add-on, the local
 * preview server), and its implementation against the workbook port. Values cross as plain JSON:
 * dates as ISO `YYYY-MM-DD` strings, never `Date` objects.
 */
import { dayFromIso, dayInZone, isoDay } from '../core/days';
import { labelLang, t, type Lang } from '../core/labels';
import type { Cell } from '../core/values';
import { applySegmentation, readSettings, sourceSheetName, type ApplyResult } from './apply';
import type { ManagedTab, WorkbookPort, WriteCell } from './port';
import type { Scheduler } from './schedule';
import { defaultSettings, type Refresh, type Settings } from './settings-model';
import {
  issuesText,
  parseSettings,
  settingsRows,
  type SettingsIssue,
  settingsTabContent,
} from './settings-tab';
import { uniqueTabName, writeTabContent } from './tab-content';

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

/** A cell of the orders as it crosses: dates become their day in the spreadsheet's time zone. */
export function wireCell(cell: Cell, dayOf: (date: Date) => number): WireCell {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : isoDay(dayOf(cell));
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number' && !Number.isFinite(cell)) return '';
  return cell;
}

export interface EndpointContext {
  port: WorkbookPort;
  /** Today's day number in the spreadsheet's time zone. */
  today: number;
  /** The user's locale when known (labels are French when it or the spreadsheet's is French). */
  userLocale?: string;
  /** Where a scheduled refresh can be installed; without one the sidebar offers none. */
  scheduler?: Scheduler;
  /** How long a Save waits for another run's document lock. */
  lockWaitMs?: number;
}

const MESSAGES = {
  fr: {
    saved: 'Réglages enregistrés dans l’onglet « {tab} ».',
    notSaved: 'Réglages non enregistrés, l’onglet est inchangé : {issues}',
    notReadBack:
      '{rule} : ne se relit pas telle quelle depuis l’onglet de réglages ; évitez « ; » dans les valeurs des conditions et les colonnes nommées comme une mesure (récence, montant…).',
    badRange: 'Plage illisible « {range} » : écrivez-la comme A:E ou A1:E500.',
    noScheduler: 'L’actualisation automatique n’est pas disponible ici.',
    badRefresh: 'Actualisation inconnue « {value} ».',
    refreshSet: 'Actualisation automatique : {value}.',
    off: 'désactivée',
    weekly: 'chaque semaine',
    monthly: 'chaque mois',
  },
  en: {
    saved: 'Settings saved in the "{tab}" tab.',
    notSaved: 'Settings not saved, the tab is unchanged: {issues}',
    notReadBack:
      '{rule}: does not read back as it is from the settings tab; avoid ";" in condition values and columns named like a metric (recency, spend…).',
    badRange: 'Unreadable range "{range}": write it like A:E or A1:E500.',
    noScheduler: 'Automatic refresh is not available here.',
    badRefresh: 'Unknown refresh "{value}".',
    refreshSet: 'Automatic refresh: {value}.',
    off: 'off',
    weekly: 'weekly',
    monthly: 'monthly',
  },
} as const;

function say(lang: Lang, key: keyof (typeof MESSAGES)['fr'], params: Record<string, string> = {}): string {
  return MESSAGES[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

const REFRESHES: readonly Refresh[] = ['off', 'weekly', 'monthly'];

/** Names and condition texts as the settings tab reads them back: trimmed. */
function trimmed(settings: Settings): Settings {
  const { segments } = settings;
  return {
    ...settings,
    sourceSheet: settings.sourceSheet.trim(),
    sourceRange: settings.sourceRange.trim(),
    segments: {
      ...segments,
      rules: segments.rules.map(({ conditions, ...rule }) => ({
        ...rule,
        name: rule.name.trim(),
        ...(conditions && conditions.length > 0
          ? {
              conditions: conditions.map((condition) =>
                'field' in condition
                  ? condition
                  : { ...condition, attribute: condition.attribute.trim(), value: condition.value.trim() },
              ),
            }
          : {}),
      })),
      fallback: { ...segments.fallback, name: segments.fallback.name.trim() },
    },
  };
}

/** JSON with object keys sorted: equal for equal plain values whatever the key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b)))
      : item,
  );
}

/** Cells covering both the new rows and the previous content (null empties a cell). */
function overwriting(rows: WriteCell[][], previous: Cell[][]): WriteCell[][] {
  const height = Math.max(rows.length, previous.length);
  const width = Math.max(...rows.map((row) => row.length), ...previous.map((row) => row.length));
  return Array.from({ length: height }, (_, r) =>
    Array.from({ length: width }, (_, c) => rows[r]?.[c] ?? null),
  );
}

export function sidebarEndpoints(context: EndpointContext): SidebarEndpoints {
  const { port, scheduler } = context;
  const lang = labelLang(port.locale(), context.userLocale);
  const lockWaitMs = context.lockWaitMs ?? 10_000;
  /** The refresh in force; null without a scheduler or when it cannot be read (the sidebar then offers none). */
  const refreshInForce = (): Refresh | null => {
    try {
      return scheduler?.current() ?? null;
    } catch {
      return null;
    }
  };
  const settingsTabOf = (): ManagedTab | null =>
    port.managedTabs().find((tab) => tab.tag.kind === 'settings') ?? null;

  /** The settings tab created, or rewritten in place over its previous content. */
  function writeSettings(settings: Settings): ManagedTab {
    const existing = settingsTabOf();
    if (!existing) {
      const content = settingsTabContent(settings, lang);
      const tab = port.createManagedTab(uniqueTabName(content.name, port.sheetNames()), content.tag);
      writeTabContent(port, tab.id, content);
      return tab;
    }
    const previous = port.readRange(existing.name, null)?.values ?? [];
    port.writeBlock(existing.id, 1, 1, overwriting(settingsRows(settings, lang), previous));
    return existing;
  }

  /**
   * Validates the settings as the settings tab will read them back (the same rows, parsed), and
   * writes them only when they read back valid and unchanged: an invalid Save changes nothing.
   */
  function save(wire: WireSettings): SaveResult {
    const fromWire = settingsFromWire(wire);
    if (!fromWire) {
      const message = t(lang, 'error.badAsOf', { value: (wire.asOf as { date: string }).date });
      return { ok: false, message, issues: [{ cell: '', message }] };
    }
    const settings = trimmed({ ...fromWire, refresh: refreshInForce() ?? fromWire.refresh });
    const parsed = parseSettings(
      settingsRows(settings, lang),
      lang,
      port.locale(),
      dayInZone(port.timeZone()),
    );
    const issues: SettingsIssue[] = parsed.settings ? [] : parsed.issues;
    if (parsed.settings) {
      const changed = settings.segments.rules.findIndex(
        (rule, index) => canonical(rule) !== canonical(parsed.settings.segments.rules[index]),
      );
      if (changed >= 0) {
        const rule = t(lang, 'rule.label', {
          index: changed + 1,
          name: settings.segments.rules[changed].name,
        });
        issues.push({ cell: '', message: say(lang, 'notReadBack', { rule }) });
      }
    }
    if (!parsed.settings || issues.length > 0) {
      const list = issues.map((issue) => issue.message).join(' · ');
      return { ok: false, message: say(lang, 'notSaved', { issues: list }), issues };
    }
    const tab = port.withDocumentLock(lockWaitMs, () => writeSettings(parsed.settings));
    if (!tab) return { ok: false, message: t(lang, 'apply.busy'), issues: [] };
    return {
      ok: true,
      settings: settingsToWire(parsed.settings),
      tab: tab.name,
      message: say(lang, 'saved', { tab: tab.name }),
    };
  }

  return {
    sidebarState() {
      const read = readSettings(port, lang);
      const settings = read.settings ?? defaultSettings(lang);
      const managed = new Set(port.managedTabs().map((tab) => tab.name));
      return {
        lang,
        locale: port.locale(),
        timeZone: port.timeZone(),
        today: isoDay(context.today),
        sheets: port.sheetNames().filter((name) => !managed.has(name)),
        sourceSheet: sourceSheetName(port, settings),
        settings: settingsToWire(settings),
        settingsIssues: read.settings ? [] : read.issues,
        settingsTab: settingsTabOf()?.name ?? null,
        refresh: refreshInForce(),
      };
    },

    sidebarSource(sheet, range) {
      let read: ReturnType<WorkbookPort['readRange']>;
      try {
        read = port.readRange(sheet, range.trim() || null);
      } catch {
        return { ok: false, message: say(lang, 'badRange', { range }) };
      }
      if (!read) return { ok: false, message: t(lang, 'apply.noSource', { sheet }) };
      const dayOf = dayInZone(port.timeZone());
      return {
        ok: true,
        sheet,
        range: range.trim(),
        firstRow: read.firstRow,
        values: read.values.map((row) => row.map((cell) => wireCell(cell, dayOf))),
      };
    },

    sidebarSave: save,

    sidebarApply(wire) {
      const saved = save(wire);
      if (!saved.ok) return { ok: false, message: saved.message, issues: saved.issues };
      return applySegmentation(port, { today: context.today, userLocale: context.userLocale, lockWaitMs });
    },

    /**
     * Records the refresh in the settings tab (created with the saved or default settings if
     * needed), where the scheduled run reads how often to refresh, then installs or removes the
     * trigger. The tab ends with the refresh actually in force.
     */
    sidebarSetRefresh(refresh) {
      if (!scheduler) return { ok: false, message: say(lang, 'noScheduler') };
      if (!REFRESHES.includes(refresh))
        return { ok: false, message: say(lang, 'badRefresh', { value: String(refresh) }) };
      const record = (value: Refresh): RefreshResult | null => {
        const saved = readSettings(port, lang);
        if (!saved.settings) {
          const issues = issuesText(saved.issues);
          return { ok: false, message: t(lang, 'apply.settingsInvalid', { issues }) };
        }
        const settings = saved.settings;
        if (saved.tab && settings.refresh === value) return null;
        const written = port.withDocumentLock(lockWaitMs, () =>
          writeSettings({ ...settings, refresh: value }),
        );
        return written ? null : { ok: false, message: t(lang, 'apply.busy') };
      };
      const before = scheduler.current();
      const refused = record(refresh);
      if (refused) return refused;
      try {
        scheduler.set(refresh);
      } catch (error) {
        record(before);
        return { ok: false, message: (error as Error).message };
      }
      const current = scheduler.current();
      if (current !== refresh) record(current);
      return { ok: true, refresh: current, message: say(lang, 'refreshSet', { value: say(lang, current) }) };
    },

    sidebarActivateTab(id) {
      if (!port.managedTabs().some((tab) => tab.id === id))
        throw new Error(`No Segmento tab has the id ${id}.`);
      port.activateTab(id);
    },
  };
}
