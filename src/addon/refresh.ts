/**
 * The scheduled refresh over Apps Script: one daily time-driven trigger (an add-on may run one at
 * most hourly) that calls `segmentoRefresh`, which runs Apply when the schedule says it is due
 * (src/workbook/refresh.ts). Triggers belong to the user who made them and are invisible to
 * colleagues, so the document records who serves it in spreadsheet developer metadata: a second
 * colleague turning the refresh on finds it served and makes no second trigger.
 */
import { dayInZone } from '../core/days';
import { labelLang } from '../core/labels';
import { readSettings } from '../workbook/apply';
import type { WorkbookPort } from '../workbook/port';
import {
  runScheduledRefresh,
  shouldServe,
  type RefreshOutcome,
  type RefreshOwner,
} from '../workbook/refresh';
import type { Scheduler } from '../workbook/schedule';
import type { Refresh } from '../workbook/settings';

/** The top-level function the trigger calls (declared in entry.js). */
export const REFRESH_HANDLER = 'segmentoRefresh';
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

function ownTriggers(spreadsheet: Spreadsheet, services: RefreshServices) {
  return services.ScriptApp.getUserTriggers(spreadsheet).filter(
    (trigger) => trigger.getHandlerFunction() === REFRESH_HANDLER,
  );
}

export function triggerScheduler(
  spreadsheet: Spreadsheet,
  port: WorkbookPort,
  services: RefreshServices,
): Scheduler {
  const me = () => services.Session.getTemporaryActiveUserKey();
  return {
    current(): Refresh {
      const owner = readOwner(spreadsheet);
      const served =
        ownTriggers(spreadsheet, services).length > 0 ||
        (owner !== null && !shouldServe(owner, '', new Date().toISOString()));
      const settings = readSettings(port, labelLang(port.locale())).settings;
      return served && settings ? settings.refresh : 'off';
    },
    set(refresh: Refresh): void {
      port.withDocumentLock(10_000, () => {
        const user = me();
        const now = new Date().toISOString();
        const mine = ownTriggers(spreadsheet, services);
        if (refresh === 'off') {
          mine.forEach((trigger) => services.ScriptApp.deleteTrigger(trigger));
          if (readOwner(spreadsheet)?.user === user) ownerMetadata(spreadsheet)?.setValue('null');
          return;
        }
        if (!shouldServe(readOwner(spreadsheet), user, now)) return;
        if (mine.length === 0)
          services.ScriptApp.newTrigger(REFRESH_HANDLER).timeBased().everyDays(1).atHour(6).create();
        mine.slice(1).forEach((trigger) => services.ScriptApp.deleteTrigger(trigger));
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
