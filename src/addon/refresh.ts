/**
 * The scheduled refresh over Apps Script: a daily time-driven trigger (an add-on may run one at
 * most hourly) that calls `segmentoRefresh`, and an installable open trigger of the document that
 * calls `segmentoRefreshOnOpen`; each runs Apply when the schedule says it is due
 * (src/workbook/refresh.ts). Whether an add-on's clock trigger sees the document through
 * getActiveSpreadsheet() is not settled (sources disagree), so a clock run without it records
 * nothing and ends, and the open trigger, whose event carries the document (`e.source`,
 * https://developers.google.com/apps-script/guides/triggers/events#open), catches up when someone
 * opens it. An add-on may have one trigger of each kind per user and document
 * (https://developers.google.com/workspace/add-ons/concepts/editor-triggers#restrictions).
 * Triggers belong to the user who made them and are invisible to colleagues, so the document
 * records who serves it in spreadsheet developer metadata: a second colleague turning the refresh
 * on finds it served and makes no second pair of triggers.
 */
import { dayInZone } from '../core/days';
import { labelLang } from '../core/labels';
import { readSettings } from '../workbook/apply';
import { LOCK_WAIT_MS, type WorkbookPort } from '../workbook/port';
import {
  runScheduledRefresh,
  shouldServe,
  type RefreshOutcome,
  type RefreshOwner,
} from '../workbook/refresh';
import type { Scheduler } from '../workbook/schedule';
import type { Refresh } from '../workbook/settings-model';

/** The top-level functions the triggers call (declared in entry.js): the daily clock, the document's opening. */
export const REFRESH_HANDLER = 'segmentoRefresh';
export const OPEN_REFRESH_HANDLER = 'segmentoRefreshOnOpen';
const OWNER_KEY = 'segmento.refresh';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface RefreshServices {
  ScriptApp: Pick<GoogleAppsScript.Script.ScriptApp, 'getUserTriggers' | 'newTrigger' | 'deleteTrigger'>;
  Session: Pick<GoogleAppsScript.Base.Session, 'getTemporaryActiveUserKey'>;
  SpreadsheetApp: Pick<GoogleAppsScript.Spreadsheet.SpreadsheetApp, 'DeveloperMetadataVisibility'>;
}

function ownerMetadata(spreadsheet: Spreadsheet) {
  return spreadsheet.getDeveloperMetadata().find((metadata) => metadata.getKey() === OWNER_KEY) ?? null;
}

function readOwner(spreadsheet: Spreadsheet): RefreshOwner | null {
  try {
    return JSON.parse(ownerMetadata(spreadsheet)?.getValue() ?? 'null') as RefreshOwner | null;
  } catch {
    return null;
  }
}

function writeOwner(spreadsheet: Spreadsheet, services: RefreshServices, owner: RefreshOwner): void {
  const value = JSON.stringify(owner);
  const metadata = ownerMetadata(spreadsheet);
  if (metadata) metadata.setValue(value);
  else
    spreadsheet.addDeveloperMetadata(
      OWNER_KEY,
      value,
      services.SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT,
    );
}

/** This user's refresh triggers of the document calling `handler`. */
function ownTriggers(spreadsheet: Spreadsheet, services: RefreshServices, handler: string) {
  return services.ScriptApp.getUserTriggers(spreadsheet).filter(
    (trigger) => trigger.getHandlerFunction() === handler,
  );
}

/** The daily clock trigger, then the open trigger of the document. */
function newTrigger(spreadsheet: Spreadsheet, services: RefreshServices, handler: string): void {
  const builder = services.ScriptApp.newTrigger(handler);
  if (handler === REFRESH_HANDLER) builder.timeBased().everyDays(1).atHour(6).create();
  else builder.forSpreadsheet(spreadsheet).onOpen().create();
}

const HANDLERS = [REFRESH_HANDLER, OPEN_REFRESH_HANDLER];

export function triggerScheduler(
  spreadsheet: Spreadsheet,
  port: WorkbookPort,
  services: RefreshServices,
): Scheduler {
  const me = () => services.Session.getTemporaryActiveUserKey();
  return {
    installed() {
      const [daily, atOpening] = HANDLERS.map(
        (handler) => ownTriggers(spreadsheet, services, handler).length > 0,
      );
      return { daily, atOpening };
    },
    current(): Refresh {
      const owner = readOwner(spreadsheet);
      const served =
        ownTriggers(spreadsheet, services, REFRESH_HANDLER).length > 0 ||
        (owner !== null && !shouldServe(owner, me(), new Date().toISOString()));
      const settings = readSettings(port, labelLang(port.locale())).settings;
      return served && settings ? settings.refresh : 'off';
    },
    set(refresh: Refresh): void {
      port.withDocumentLock(LOCK_WAIT_MS, () => {
        const user = me();
        const now = new Date().toISOString();
        const mine = HANDLERS.map((handler) => ownTriggers(spreadsheet, services, handler));
        if (refresh === 'off') {
          mine.flat().forEach((trigger) => services.ScriptApp.deleteTrigger(trigger));
          if (readOwner(spreadsheet)?.user === user) ownerMetadata(spreadsheet)?.setValue('null');
          return;
        }
        if (!shouldServe(readOwner(spreadsheet), user, now)) return;
        HANDLERS.forEach((handler, kind) => {
          if (mine[kind].length === 0) newTrigger(spreadsheet, services, handler);
          mine[kind].slice(1).forEach((trigger) => services.ScriptApp.deleteTrigger(trigger));
        });
        writeOwner(spreadsheet, services, { user, heartbeat: now });
      });
    },
  };
}

/** What `segmentoRefresh` does: note that this user still serves the document, then refresh if due. */
export function onRefreshTrigger(
  spreadsheet: Spreadsheet,
  port: WorkbookPort,
  services: RefreshServices,
): RefreshOutcome {
  const now = new Date();
  writeOwner(spreadsheet, services, {
    user: services.Session.getTemporaryActiveUserKey(),
    heartbeat: now.toISOString(),
  });
  const outcome = runScheduledRefresh(port, dayInZone(port.timeZone())(now), now.toISOString());
  if (!outcome.ran && outcome.reason === 'off') triggerScheduler(spreadsheet, port, services).set('off');
  return outcome;
}
