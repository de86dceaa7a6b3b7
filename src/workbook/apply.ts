/**
 * Apply (see src/workbook/README.md, "What Apply writes"): read the orders once, compute
 * everything, then write the segment, KPI and rejects tabs. Tabs are first written under pending
 * tags, and only once every one of them is written are the previous run's tabs removed: a failure
 * half-way leaves the workbook as it was.
 */
import { analyseBook, type Analysis } from '../core/analysis';
import { predictForAnalysis } from '../core/clv';
import { dateOrderMessage, readOrdersFrom } from '../core/orders';
import { CellRows, type RowSource } from '../core/rows';
import { normalizeHeader } from '../core/columns';
import { dayInZone, isoDay } from '../core/days';
import { formatCount, labelLang, t, UserError, type Lang } from '../core/labels';
import {
  failedRun,
  historySizeAtLeast,
  historyTab,
  historyTabName,
  parseHistory,
  previousSegments,
  readHistoryTab,
  previousSnapshot,
  snapshotOf,
  withSnapshot,
  type History,
  type HistoryOnTab,
} from './history';
import { kpiReport } from '../core/kpis';
import { kpiTab, kpiTableRows } from './kpi-tab';
import { migrationTab } from './migration-tab';
import { payingOff, payingOffView } from './paying-off';
import { acquisitionTable, addPayingOffBlocks, campaignTable } from './paying-off-blocks';
import type { PayingOffView } from './paying-off-wire';
import {
  HAND_KINDS,
  LOCK_WAIT_MS,
  type GridSize,
  type ManagedTab,
  type TabTag,
  type WorkbookPort,
  type WriteCell,
} from './port';
import { repeatTable, retentionTab, retentionTable } from './retention-tab';
import { rejectsTab, segmentTabs } from './segment-tabs';
import { defaultSettings, type Settings, asOfDay } from './settings-model';
import {
  issuesText,
  parseSettings,
  type SettingsIssue,
  settingsTabContent,
  settingsTabName,
} from './settings-tab';
import { tabExtent, uniqueTabName, writeTabContent, type TabContent, type TitledTable } from './tab-content';
import { MARGIN_SECONDS, writeSeconds, writeWork } from './time-budget';
import { w, WorkbookError } from './words';

export interface ApplyOptions {
  /** Today's day number in the spreadsheet's time zone (for an analysis date of "today"). */
  today: number;
  /** The user's locale when it differs from the spreadsheet's (labels follow the user). */
  userLocale?: string;
  /** The settings for this run from the ones saved (e.g. a preset chosen on the command line). */
  adjust?: (saved: Settings) => Settings;
  /** ISO date-time of the run, recorded in the history (default: now). */
  now?: string;
  /** How long a second run waits for the first one's lock. */
  lockWaitMs?: number;
}

export interface ApplySummary {
  customers: number;
  segments: number;
  rejected: number;
  asOf: string;
  /** The tabs written; `linked`: offered as a link after Apply (`LINKED_KINDS`). */
  tabs: { id: number; name: string; kind: string; linked: boolean }[];
  message: string;
  /** The KPI table as on the KPI tab: header, one row per non-empty segment, totals. */
  kpis: WriteCell[][];
  /** Campaigns, cohorts and acquisition in short, with links to their tabs (the sidebar shows it). */
  payingOff: PayingOffView;
  /**
   * The same as tables, as the tabs show them (the command line prints them): campaigns,
   * acquisition cost per month (all channels), retention by cohort (months 0 to 6), repeat rate
   * per segment.
   */
  payingOffTables: TitledTable[];
}

/** Months since the first purchase in the summary's retention table (the tab has 24). */
const SUMMARY_RETENTION_MONTHS = 7;

export type ApplyResult =
  | { ok: true; summary: ApplySummary }
  | {
      ok: false;
      message: string;
      issues: SettingsIssue[];
      /** The workbook cannot hold what the run would write (a tab's grid, its cells, its time). */
      tooLarge?: true;
    };

type SettingsRead =
  { settings: Settings; tab: ManagedTab | null } | { settings: null; issues: SettingsIssue[] };

/** The settings in force: the settings tab when there is one (validated), the defaults otherwise. */
export function readSettings(port: WorkbookPort, lang: Lang): SettingsRead {
  const tab = port.managedTabs().find((managed) => managed.tag.kind === 'settings') ?? null;
  return settingsOfTab(port, lang, tab?.name ?? null, tab);
}

/**
 * The same, for a custom function: Apps Script runs formulas in AuthMode.CUSTOM_FUNCTION, where
 * the tabs' tags (developer metadata) cannot be read, so the settings tab is found by its name (in
 * either language), else the defaults apply.
 */
export function readSettingsByName(port: WorkbookPort, lang: Lang): SettingsRead {
  const names = (['fr', 'en'] as const).map(settingsTabName);
  return settingsOfTab(port, lang, port.sheetNames().find((name) => names.includes(name)) ?? null, null);
}

function settingsOfTab(
  port: WorkbookPort,
  lang: Lang,
  name: string | null,
  tab: ManagedTab | null,
): SettingsRead {
  if (name === null) return { settings: defaultSettings(lang), tab: null };
  const values = port.readRange(name, null)?.values ?? [];
  const parsed = parseSettings(values, lang, port.locale(), dayInZone(port.timeZone()));
  return parsed.settings ? { settings: parsed.settings, tab } : { settings: null, issues: parsed.issues };
}

const SOURCE_NAMES = ['commandes', 'commande', 'orders', 'order', 'ventes', 'sales', 'transactions'];

/** The tab holding the orders: the one named in the settings, else one named like Commandes/Orders, else the first tab a person made. */
export function sourceSheetName(port: WorkbookPort, settings: Settings): string | null {
  if (settings.sourceSheet !== '') return settings.sourceSheet;
  const managed = new Set(port.managedTabs().map((tab) => tab.name));
  const own = port.sheetNames().filter((name) => !managed.has(name));
  return (
    own.find((name) => SOURCE_NAMES.some((word) => normalizeHeader(name).startsWith(word))) ?? own[0] ?? null
  );
}

/** Reads the orders and computes everything, writing nothing. */
export function computeAnalysis(port: WorkbookPort, settings: Settings, today: number, lang: Lang): Analysis {
  const sheet = sourceSheetName(port, settings);
  const source = sheet === null ? null : rangeRows(port, sheet, settings.sourceRange || null);
  if (!source) throw new WorkbookError('apply.noSource', { sheet: sheet ?? '' }, lang);
  const options = {
    locale: port.locale(),
    timeZone: port.timeZone(),
    mapping: settings.mapping,
    firstRowNumber: source.firstRow,
    asOfDay: asOfDay(settings.asOf, today),
    scoring: settings.scoring,
    segments: settings.segments,
    predictedValue: settings.predictedValue,
    lang,
  };
  return analyseBook(readOrdersFrom(source.rows, options), options);
}

/** The rows of a range: as the port holds them when it can say, else as its values. */
function rangeRows(
  port: WorkbookPort,
  sheet: string,
  a1: string | null,
): { rows: RowSource; firstRow: number } | null {
  const held = port.readRows?.(sheet, a1);
  if (held) return held;
  const range = port.readRange(sheet, a1);
  return range && { rows: new CellRows(range.values), firstRow: range.firstRow };
}

export function applySegmentation(port: WorkbookPort, options: ApplyOptions): ApplyResult {
  const lang = labelLang(port.locale(), options.userLocale);
  const result = port.withDocumentLock(options.lockWaitMs ?? LOCK_WAIT_MS, () =>
    applyUnderLock(port, options, lang),
  );
  return result ?? { ok: false, message: w(lang, 'apply.busy'), issues: [] };
}

function applyUnderLock(port: WorkbookPort, options: ApplyOptions, lang: Lang): ApplyResult {
  const read = readSettings(port, lang);
  if (!read.settings) {
    const issues = read.issues;
    const list = issuesText(issues);
    return { ok: false, message: w(lang, 'apply.settingsInvalid', { issues: list }), issues };
  }
  const settings = options.adjust ? options.adjust(read.settings) : read.settings;
  port.notify(w(lang, 'apply.reading'));
  let analysis: Analysis;
  try {
    analysis = computeAnalysis(port, settings, options.today, lang);
  } catch (error) {
    if (error instanceof UserError || error instanceof WorkbookError)
      return { ok: false, message: error.message, issues: [] };
    throw error;
  }
  if (analysis.metrics.count === 0) return { ok: false, message: t(lang, 'error.noOrders'), issues: [] };
  // The history tab has a row per customer: a run with too many customers for one tab is refused
  // before any tab is built (at 1.65 million customers they would take gigabytes to build).
  const historyAlone = { name: historyTabName(lang), ...historySizeAtLeast(analysis.metrics.count) };
  const tooManyCustomers = overTabLimit(port, [historyAlone], lang);
  if (tooManyCustomers) return { ok: false, message: tooManyCustomers, issues: [], tooLarge: true };

  const onTab = historyOnTab(port);
  const history = withSnapshot(
    onTab.history,
    snapshotOf(analysis, options.now ?? new Date().toISOString()),
    settings.historyKeep,
  );
  const previous = previousSnapshot(history);
  const report = kpiReport(analysis);
  const prediction = settings.predictedValue ? predictForAnalysis(analysis) : null;
  const paying = payingOff(port, analysis, history, prediction, lang);
  const kpi = kpiTab(analysis, report, prediction);
  addPayingOffBlocks(kpi, paying, lang);
  const tabs: TabContent[] = [kpi, ...segmentTabs(analysis, previousSegments(history), prediction)];
  if (previous) tabs.push(migrationTab(previous, history[history.length - 1], analysis.segmentNames, lang));
  tabs.push(retentionTab(paying, lang), ...paying.missingTabs);
  const rejects = rejectsTab(analysis);
  if (rejects) tabs.push(rejects);
  tabs.push(historyTab(history, lang, onTab.unreadable));
  if (!read.tab) tabs.push(settingsTabContent(read.settings, lang));
  const refused =
    overTabLimit(
      port,
      tabs.map((tab) => ({ name: tab.name, ...tabExtent(tab) })),
      lang,
    ) ??
    overCapacity(port, tabs, lang) ??
    overTime(port, tabs, lang);
  if (refused) return { ok: false, message: refused, issues: [], tooLarge: true };
  port.notify(w(lang, 'apply.writing', { tabs: tabs.length }));
  const written = replaceManagedTabs(port, tabs);
  arrangeTabs(port, written);
  const summary = {
    customers: analysis.metrics.count,
    segments: tabs.filter((tab) => tab.tag.kind === 'segment').length,
    rejected: analysis.book.rejected.length,
    asOf: isoDay(analysis.metrics.asOfDay),
  };
  const kept = onTab.unreadable.map((run) => run.label);
  const warning =
    kept.length > 0 ? w(lang, 'apply.historyKept', { count: kept.length, runs: kept.join(', ') }) : '';
  // Which order dates such as 05/06/2024 were read in, and what decided it.
  const dateOrder = analysis.book.dateOrder
    ? dateOrderMessage(analysis.book.dateOrder, lang, port.locale())
    : '';
  const payingOffIssues =
    paying.issues.length > 0
      ? w(lang, 'apply.payoffIssues', { count: paying.issues.length, tab: w(lang, 'tab.kpi') })
      : '';
  const message = [w(lang, 'apply.done', summary), dateOrder, warning, payingOffIssues]
    .filter(Boolean)
    .join(' ');
  port.notify(message);
  return {
    ok: true,
    summary: {
      ...summary,
      tabs: written,
      message,
      kpis: kpiTableRows(report, lang),
      payingOff: payingOffView(paying, written, lang),
      payingOffTables: [
        campaignTable(paying, lang),
        acquisitionTable(paying, lang, false),
        retentionTable(paying, lang, SUMMARY_RETENTION_MONTHS),
        repeatTable(paying, lang),
      ],
    },
  };
}

/** The order of our visible tabs, after the tabs people made: the summary first, the settings last. */
const TAB_ORDER: TabTag['kind'][] = [
  'kpi',
  'segment',
  'migration',
  'retention',
  'rejects',
  'campaigns',
  'acquisition',
  'settings',
];

/** The tabs a person is offered a link to after Apply: our visible tabs but the settings (the sidebar edits them). */
const LINKED_KINDS: ReadonlySet<TabTag['kind']> = new Set(TAB_ORDER.filter((kind) => kind !== 'settings'));

/**
 * Puts our visible tabs in a stable order after everyone else's — summary, segments in rule order,
 * migrations, retention, rejects, the campaigns and acquisition tables, settings — and shows the summary, so a re-run never leaves the settings tab
 * first. The order is for the eye only: a failure here leaves every tab written and is not an error.
 */
function arrangeTabs(port: WorkbookPort, written: ApplySummary['tabs']): void {
  try {
    const rank = (kind: string) => TAB_ORDER.indexOf(kind as TabTag['kind']);
    const hand = port.managedTabs().filter((tab) => HAND_KINDS.has(tab.tag.kind));
    const ours = [
      ...written.filter((tab) => !HAND_KINDS.has(tab.kind as TabTag['kind'])),
      ...hand.map(({ id, tag }) => ({ id, kind: tag.kind })),
    ]
      .filter((tab) => rank(tab.kind) >= 0)
      .sort((a, b) => rank(a.kind) - rank(b.kind)); // stable: segments keep their rule order
    for (const tab of ours) port.moveTabToEnd(tab.id);
    const summary = written.find((tab) => tab.kind === 'kpi');
    if (summary) port.activateTab(summary.id);
  } catch {
    // Every tab is written; only their order or the tab shown may differ.
  }
}

/**
 * Why the result cannot be written, or null when it fits. A Google spreadsheet holds at most
 * 10,000,000 cells, empty ones included (https://support.google.com/drive/answer/37603), and the new
 * tabs are written while the previous run's are still there: they must fit beside every cell
 * already used. Counted before the first write, so an Apply that does not fit writes nothing.
 */
function overCapacity(port: WorkbookPort, tabs: TabContent[], lang: Lang): string | null {
  const capacity = port.capacity();
  if (!capacity) return null;
  const needed = tabs.reduce((sum, tab) => {
    const { rows, columns } = tabExtent(tab);
    return sum + rows * columns;
  }, 0);
  const free = Math.max(0, capacity.maxCells - capacity.usedCells);
  if (needed <= free) return null;
  return w(lang, 'apply.tooBig', {
    needed: formatCount(needed, lang),
    free: formatCount(free, lang),
    used: formatCount(capacity.usedCells, lang),
    max: formatCount(capacity.maxCells, lang),
  });
}

/**
 * Why a tab cannot be written, or null when each fits the grid one tab may have (an .xlsx file:
 * 1,048,576 rows by 16,384 columns). Counted before the first write, like the cells.
 */
function overTabLimit(port: WorkbookPort, tabs: ({ name: string } & GridSize)[], lang: Lang): string | null {
  const limit = port.tabLimit();
  if (!limit) return null;
  for (const tab of tabs) {
    const { rows, columns } = tab;
    if (rows <= limit.rows && columns <= limit.columns) continue;
    return w(lang, 'apply.tabTooBig', {
      tab: tab.name,
      rows: formatCount(rows, lang),
      columns: formatCount(columns, lang),
      maxRows: formatCount(limit.rows, lang),
      maxColumns: formatCount(limit.columns, lang),
    });
  }
  return null;
}

/**
 * Why the result cannot be written in time, or null when it fits. An Apps Script execution is
 * stopped dead at its time limit, half written: the writes, estimated from the tabs
 * (`writeSeconds`, time-budget.ts), must fit in what is left of it once the time already spent
 * (reading the orders, computing) and a margin are taken off. Checked before the first write, so
 * an Apply that would not finish writes nothing.
 */
function overTime(port: WorkbookPort, tabs: TabContent[], lang: Lang): string | null {
  const time = port.executionTime();
  if (!time) return null;
  const work = writeWork(tabs);
  const needed = writeSeconds(work);
  const free = time.maxSeconds - time.usedSeconds - MARGIN_SECONDS;
  if (needed <= free) return null;
  const seconds = (value: number) => formatCount(Math.ceil(value), lang);
  return w(lang, 'apply.tooSlow', {
    cells: formatCount(work.cells, lang),
    calls: formatCount(work.calls, lang),
    needed: seconds(needed),
    used: seconds(time.usedSeconds),
    total: seconds(time.usedSeconds + needed + MARGIN_SECONDS),
    margin: seconds(MARGIN_SECONDS),
    max: seconds(time.maxSeconds),
  });
}

/** The snapshots of earlier runs, from the history tab (none when there is no such tab). */
export function readHistory(port: WorkbookPort): History {
  return historyOnTab(port).history;
}

/** The history tab as read: its snapshots, and the columns that cannot be read, kept as they are. */
function historyOnTab(port: WorkbookPort): HistoryOnTab {
  const tab = port.managedTabs().find((managed) => managed.tag.kind === 'history');
  return readHistoryTab(tab ? (rangeRows(port, tab.name, null)?.rows ?? new CellRows([])) : new CellRows([]));
}

/** The same, for a custom function, which cannot read tags: the history tab found by its name. */
export function readHistoryByName(port: WorkbookPort): History {
  const names = (['fr', 'en'] as const).map(historyTabName);
  const name = port.sheetNames().find((candidate) => names.includes(candidate));
  return name ? parseHistory(port.readRange(name, null)?.values ?? []) : [];
}

/**
 * Records a run that failed in the history tab (a scheduled refresh has no one to tell), under the
 * document lock; gives up silently when another run holds the lock.
 */
export function recordFailedRun(
  port: WorkbookPort,
  lang: Lang,
  message: string,
  asOfDay: number,
  now: string,
): void {
  port.withDocumentLock(LOCK_WAIT_MS, () => {
    const read = readSettings(port, lang);
    const keep = read.settings?.historyKeep ?? defaultSettings(lang).historyKeep;
    const onTab = historyOnTab(port);
    const history = withSnapshot(onTab.history, failedRun(now, asOfDay, message), keep);
    replaceManagedTabs(port, [historyTab(history, lang, onTab.unreadable)]);
  });
}

/**
 * Replaces the previous run's tabs of the kinds written (a tab a person edits — settings, campaigns,
 * acquisition: `HAND_KINDS` — is only ever added, never replaced) by the new tabs, in an order where no failing port call leaves
 * the previous tabs deleted:
 * 1. every final name is chosen (valid, unique, not reserved) before the first write;
 * 2. the new tabs are created and written under pending tags and names;
 * 3. the previous tabs are renamed aside (keeping their tags), the new tabs take their final
 *    names, then their tags;
 * 4. only then are the previous tabs deleted.
 * A failure in 2 or 3 undoes what was done (the pending tabs deleted, the previous names given
 * back); a failure in 4 leaves a previous tab aside, still tagged, replaced by the next run.
 */
function replaceManagedTabs(port: WorkbookPort, tabs: TabContent[]): ApplySummary['tabs'] {
  for (const leftover of port.managedTabs()) if (leftover.tag.kind === 'pending') port.deleteTab(leftover.id);
  const replaced = new Set(tabs.map((tab) => tab.tag.kind));
  const previous = port
    .managedTabs()
    .filter((old) => replaced.has(old.tag.kind) && !HAND_KINDS.has(old.tag.kind));
  const leaving = new Set(previous.map((old) => old.name));
  const taken = port.sheetNames().filter((name) => !leaving.has(name));
  const finalNames = tabs.map((tab) => {
    const name = uniqueTabName(tab.name, taken);
    taken.push(name);
    return name;
  });
  const transient = () => {
    const name = uniqueTabName(`~segmento ${taken.length + 1}`, [...taken, ...port.sheetNames()]);
    taken.push(name);
    return name;
  };

  const undo: (() => void)[] = [];
  const rollBack = () => {
    for (const step of undo.reverse()) {
      try {
        step();
      } catch {
        // Each step is undone on its own: a previous tab keeps its tag whatever its name.
      }
    }
  };
  const created: ManagedTab[] = [];
  try {
    for (const tab of tabs) {
      const managed = port.createManagedTab(
        transient(),
        { kind: 'pending', key: `${tab.tag.kind}:${tab.tag.key}` },
        tabExtent(tab),
      );
      created.push(managed);
      undo.push(() => port.deleteTab(managed.id));
      writeTabContent(port, managed.id, tab);
    }
    for (const old of previous) {
      port.renameTab(old.id, transient());
      undo.push(() => port.renameTab(old.id, old.name));
    }
    created.forEach((managed, index) => {
      port.renameTab(managed.id, finalNames[index]);
      undo.push(() => port.renameTab(managed.id, managed.name));
    });
    created.forEach((managed, index) => {
      port.retagTab(managed.id, tabs[index].tag);
      undo.push(() => port.retagTab(managed.id, managed.tag));
    });
  } catch (error) {
    rollBack();
    throw error;
  }
  for (const old of previous) port.deleteTab(old.id);
  return created.map((managed, index) => ({
    id: managed.id,
    name: finalNames[index],
    kind: tabs[index].tag.kind,
    linked: LINKED_KINDS.has(tabs[index].tag.kind),
  }));
}
