/**
 * What Apps Script reaches as `Segmento.*` from the hand-written entry (entry.js). Every function
 * here only wires Apps Script services to src/workbook; no service is called when the file loads.
 */
import { dayInZone } from '../core/days';
import { labelLang } from '../core/labels';
import { applySegmentation, readHistoryByName, readSettingsByName } from '../workbook/apply';
import {
  clv as clvOf,
  pAlive as pAliveOf,
  rfmScore as rfmScoreOf,
  segment as segmentOf,
  segmentHistory as segmentHistoryOf,
  type FunctionContext,
} from '../workbook/custom-functions';
import type { WorkbookPort } from '../workbook/port';
import { onRefreshTrigger, triggerScheduler } from './refresh';
import { sheetsPort } from './sheets-port';
import type { Scheduler } from '../workbook/schedule';
import { checkInstallation } from '../workbook/self-check';
import type { Cell } from '../core/values';
import { sidebarEndpoints } from '../workbook/sidebar-endpoints';
import { type SidebarEndpoints } from '../workbook/sidebar-wire';
import { w } from '../workbook/words';

type Argument = Cell | Cell[][];

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Made at the start of each execution, so that the port's clock (`executionTime`) counts from there. */
function portOf(spreadsheet: Spreadsheet): WorkbookPort {
  return sheetsPort(spreadsheet, { SpreadsheetApp, LockService, Charts });
}

/** The port over the spreadsheet the user is in (a menu, a sidebar call, a formula). */
function activePort(): WorkbookPort {
  return portOf(SpreadsheetApp.getActiveSpreadsheet());
}

/** The user's locale, when Apps Script tells it (not in every authorisation mode). */
function userLocale(): string | undefined {
  try {
    return Session.getActiveUserLocale() || undefined;
  } catch {
    return undefined;
  }
}

function today(port: WorkbookPort): number {
  return dayInZone(port.timeZone())(new Date());
}

/** Builds the add-on menu; works in AuthMode.NONE (reads nothing from the document). */
export function onOpen(): void {
  const lang = labelLang(undefined, userLocale());
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem(w(lang, 'menu.open'), 'segmentoOpen')
    .addItem(w(lang, 'menu.apply'), 'segmentoApply')
    .addSeparator()
    .addItem(w(lang, 'menu.check'), 'segmentoCheck')
    .addToUi();
}

/** Menu action: Apply, then a dialog with the summary or what to fix. */
export function applyFromMenu(): void {
  const port = activePort();
  const result = applySegmentation(port, { today: today(port), userLocale: userLocale() });
  SpreadsheetApp.getUi().alert(result.ok ? result.summary.message : result.message);
}

/** Menu action: the installation check, its report in a dialog. */
export function checkFromMenu(): void {
  const port = activePort();
  const lang = labelLang(port.locale(), userLocale());
  const report = checkInstallation(port, { lang, today: today(port), scheduler: scheduler() });
  SpreadsheetApp.getUi().alert(w(lang, 'check.title'), report.text, SpreadsheetApp.getUi().ButtonSet.OK);
}

function functionContext(): FunctionContext {
  const port = activePort();
  const lang = labelLang(port.locale(), userLocale());
  return {
    locale: port.locale(),
    timeZone: port.timeZone(),
    lang,
    today: today(port),
    settings: () => readSettingsByName(port, lang),
    history: () => readHistoryByName(port),
  };
}

export function rfmScore(
  orders: Argument,
  customers?: Argument,
  asOf?: Argument,
  part?: Argument,
  settings?: Argument,
) {
  return rfmScoreOf(functionContext(), orders, customers, asOf, part, settings);
}

export function segment(ordersOrCode: Argument, customers?: Argument, asOf?: Argument, settings?: Argument) {
  return segmentOf(functionContext(), ordersOrCode, customers, asOf, settings);
}

export function clv(
  orders: Argument,
  customers?: Argument,
  months?: Argument,
  asOf?: Argument,
  settings?: Argument,
) {
  return clvOf(functionContext(), orders, customers, months, asOf, settings);
}

export function pAlive(orders: Argument, customers?: Argument, asOf?: Argument, settings?: Argument) {
  return pAliveOf(functionContext(), orders, customers, asOf, settings);
}

/** The scheduled refresh of this document, for the sidebar: off, weekly or monthly. */
export function scheduler(): Scheduler {
  return triggerScheduler(SpreadsheetApp.getActiveSpreadsheet(), activePort(), {
    ScriptApp,
    Session,
    SpreadsheetApp,
  });
}

function refreshDocument(spreadsheet: Spreadsheet | null | undefined): void {
  // A run without its document (an add-on's clock trigger may not get one) records nothing.
  if (!spreadsheet) return;
  onRefreshTrigger(spreadsheet, portOf(spreadsheet), { ScriptApp, Session, SpreadsheetApp });
}

/** The daily trigger: refresh when the schedule says it is due; failures go to the history tab. */
export function refreshFromTrigger(): void {
  refreshDocument(SpreadsheetApp.getActiveSpreadsheet());
}

/** The document's open trigger: the same refresh, on the document the event carries. */
export function refreshOnOpen(event?: GoogleAppsScript.Events.SheetsOnOpen): void {
  refreshDocument(event?.source);
}

export function segmentHistory(customer: Argument, history?: Argument) {
  return segmentHistoryOf(functionContext(), customer, history);
}

/** Menu action: the sidebar (dist/Sidebar.html). */
export function openSidebar(): void {
  SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Segmento'));
}

/** The sidebar's endpoints over the active spreadsheet, for one call. */
function endpoints(): SidebarEndpoints {
  const port = activePort();
  return sidebarEndpoints({ port, today: today(port), userLocale: userLocale(), scheduler: scheduler() });
}

export const sidebarState: SidebarEndpoints['sidebarState'] = () => endpoints().sidebarState();
export const sidebarSource: SidebarEndpoints['sidebarSource'] = (sheet, range) =>
  endpoints().sidebarSource(sheet, range);
export const sidebarSave: SidebarEndpoints['sidebarSave'] = (settings) => endpoints().sidebarSave(settings);
export const sidebarApply: SidebarEndpoints['sidebarApply'] = (settings) =>
  endpoints().sidebarApply(settings);
export const sidebarSetRefresh: SidebarEndpoints['sidebarSetRefresh'] = (refresh) =>
  endpoints().sidebarSetRefresh(refresh);
export const sidebarActivateTab: SidebarEndpoints['sidebarActivateTab'] = (id) =>
  endpoints().sidebarActivateTab(id);
export const sidebarAddCampaign: SidebarEndpoints['sidebarAddCampaign'] = (campaign) =>
  endpoints().sidebarAddCampaign(campaign);
