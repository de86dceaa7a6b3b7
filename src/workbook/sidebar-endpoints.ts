/**
 * The sidebar's server endpoints (see src/workbook/README.md, "The sidebar's endpoints"): the
 * implementation, against the workbook port, of the contract in sidebar-wire.ts that the page calls
 * through `google.script.run` (the add-on and the local preview server both serve it).
 */
import { dayFromIso, dayInZone, isoDay, isoDayOf } from '../core/days';
import { labelLang, t } from '../core/labels';
import type { Cell } from '../core/values';
import { applySegmentation, readSettings, sourceSheetName } from './apply';
import { LOCK_WAIT_MS, type ManagedTab, type WorkbookPort, type WriteCell } from './port';
import type { Scheduler } from './schedule';
import { defaultSettings, type Refresh, type Settings } from './settings-model';
import {
  settingsFromWire,
  settingsToWire,
  type RefreshResult,
  type SaveResult,
  type SidebarEndpoints,
  type WireCell,
  type WireSettings,
} from './sidebar-wire';
import {
  issuesText,
  parseSettings,
  settingsRows,
  type SettingsIssue,
  settingsTabContent,
  refreshWord,
} from './settings-tab';
import {
  campaignEntryProblem,
  campaignPlacement,
  campaignsTabContent,
  type CampaignEntry,
} from './campaigns-table';
import { createHandTabIfMissing } from './paying-off';
import { ROLE_FORMATS, uniqueTabName, writeTabContent } from './tab-content';
import { w } from './words';

/** A cell of the orders as it crosses: dates become their day in the spreadsheet's time zone. */
export function wireCell(cell: Cell, dayOf: (date: Date) => number): WireCell {
  if (cell instanceof Date) return isoDayOf(cell, dayOf);
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
  const lockWaitMs = context.lockWaitMs ?? LOCK_WAIT_MS;
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
        issues.push({ cell: '', message: w(lang, 'endpoint.notReadBack', { rule }) });
      }
    }
    if (!parsed.settings || issues.length > 0) {
      const list = issues.map((issue) => issue.message).join(' · ');
      return { ok: false, message: w(lang, 'endpoint.notSaved', { issues: list }), issues };
    }
    const tab = port.withDocumentLock(lockWaitMs, () => writeSettings(parsed.settings));
    if (!tab) return { ok: false, message: w(lang, 'apply.busy'), issues: [] };
    return {
      ok: true,
      settings: settingsToWire(parsed.settings),
      tab: tab.name,
      message: w(lang, 'endpoint.saved', { tab: tab.name }),
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
        return { ok: false, message: w(lang, 'endpoint.badRange', { range }) };
      }
      if (!read) return { ok: false, message: w(lang, 'apply.noSource', { sheet }) };
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
      if (!scheduler) return { ok: false, message: w(lang, 'endpoint.noScheduler') };
      if (!REFRESHES.includes(refresh))
        return { ok: false, message: w(lang, 'endpoint.badRefresh', { value: String(refresh) }) };
      const record = (value: Refresh): RefreshResult | null => {
        const saved = readSettings(port, lang);
        if (!saved.settings) {
          const issues = issuesText(saved.issues);
          return { ok: false, message: w(lang, 'apply.settingsInvalid', { issues }) };
        }
        const settings = saved.settings;
        if (saved.tab && settings.refresh === value) return null;
        const written = port.withDocumentLock(lockWaitMs, () =>
          writeSettings({ ...settings, refresh: value }),
        );
        return written ? null : { ok: false, message: w(lang, 'apply.busy') };
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
      return {
        ok: true,
        refresh: current,
        message: w(lang, 'endpoint.refreshSet', { value: refreshWord(current, lang) }),
      };
    },

    sidebarActivateTab(id) {
      if (!port.managedTabs().some((tab) => tab.id === id))
        throw new Error(`No Segmento tab has the id ${id}.`);
      port.activateTab(id);
    },

    sidebarAddCampaign(wire) {
      const day = dayFromIso(wire.date);
      if (day === null)
        return { ok: false, message: w(lang, 'campaigns.entry.badDate', { value: wire.date }) };
      const entry: CampaignEntry = { ...wire, day };
      const problem = campaignEntryProblem(entry, port.sheetNames(), lang);
      if (problem) return { ok: false, message: problem };
      const noted = port.withDocumentLock(lockWaitMs, () => noteCampaign(entry));
      if (!noted) return { ok: false, message: w(lang, 'apply.busy') };
      const { tab, row } = noted;
      return {
        ok: true,
        tab: { id: tab.id, name: tab.name },
        message: w(lang, 'campaigns.entry.added', { name: entry.name.trim(), tab: tab.name, row }),
      };
    },
  };

  /** Writes a campaign's row into the campaigns tab (made when missing); its sheet row. */
  function noteCampaign(entry: CampaignEntry): { tab: ManagedTab; row: number } {
    createHandTabIfMissing(port, campaignsTabContent(lang, []));
    const tab = port.managedTabs().find((managed) => managed.tag.kind === 'campaigns')!;
    const read = port.readRange(tab.name, null);
    const values = read?.values ?? [];
    const firstRow = read?.firstRow ?? 1;
    const { index, cells } = campaignPlacement(values, entry);
    const row = firstRow + index;
    // Our cells written in runs of neighbouring columns: a column a person put between ours is left alone.
    const sorted = [...cells].sort((a, b) => a.column - b.column);
    for (let start = 0, end = 1; start < sorted.length; start = end, end = start + 1) {
      while (end < sorted.length && sorted[end].column === sorted[end - 1].column + 1) end++;
      port.writeBlock(tab.id, row, sorted[start].column, [
        sorted.slice(start, end).map((cell) => cell.value),
      ]);
    }
    for (const cell of cells)
      port.formatArea(
        tab.id,
        { row, column: cell.column, rows: 1, columns: 1 },
        { numberFormat: ROLE_FORMATS[cell.role] },
      );
    return { tab, row };
  }
}
