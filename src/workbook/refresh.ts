/**
 * The scheduled refresh (see src/workbook/README.md, "Scheduled refresh"): the rules of when a
 * refresh is due and who runs it, kept apart from Apps Script. The schedule itself (off, weekly,
 * monthly) is a setting of the document, shared like the others. One daily trigger checks whether a
 * refresh is due; only one collaborator's trigger serves a document, so two people turning the
 * refresh on never make it run twice.
 */
import { civilFromDay, dayInZone, type DayOf } from '../core/days';
import { labelLang } from '../core/labels';
import { applySegmentation, readHistory, readSettings, recordFailedRun, type ApplyResult } from './apply';
import type { History } from './history';
import type { WorkbookPort } from './port';
import { type Refresh } from './settings-model';
import { issuesText } from './settings-tab';

/** Who serves the refresh of a document: a user key and when their trigger last fired (ISO). */
export interface RefreshOwner {
  user: string;
  heartbeat: string;
}

/** A trigger that has not fired for this long is taken as gone (its user left or removed it). */
const OWNER_STALE_DAYS = 3;

function daysBetween(fromIso: string, toIso: string): number {
  return (Date.parse(toIso) - Date.parse(fromIso)) / 86_400_000;
}

/** Whether `user` should install the trigger: nobody serves the document, or its server went quiet. */
export function shouldServe(owner: RefreshOwner | null, user: string, nowIso: string): boolean {
  return owner === null || owner.user === user || daysBetween(owner.heartbeat, nowIso) > OWNER_STALE_DAYS;
}

/** Day of the latest successful run in the history, or null. */
function lastRunDay(history: History, dayOf: DayOf): number | null {
  const runs = history.filter((snapshot) => snapshot.failure === '');
  if (runs.length === 0) return null;
  return dayOf(new Date(runs[runs.length - 1].ranAt));
}

/** Weekly: 7 days or more since the last run. Monthly: the last run was in an earlier month. */
export function isDue(refresh: Refresh, lastRun: number | null, today: number): boolean {
  if (refresh === 'off') return false;
  if (lastRun === null) return true;
  if (refresh === 'weekly') return today - lastRun >= 7;
  const [last, now] = [civilFromDay(lastRun), civilFromDay(today)];
  return now.year * 12 + now.month > last.year * 12 + last.month;
}

export type RefreshOutcome =
  { ran: false; reason: 'off' | 'notDue' | 'settings' } | { ran: true; result: ApplyResult };

/**
 * What the daily trigger does: read the schedule; when a refresh is due, run the same Apply under
 * the same lock; record a failure in the history tab, since no one is there to be told.
 */
export function runScheduledRefresh(port: WorkbookPort, today: number, nowIso: string): RefreshOutcome {
  const lang = labelLang(port.locale());
  const read = readSettings(port, lang);
  if (!read.settings) {
    recordFailedRun(port, lang, issuesText(read.issues), today, nowIso);
    return { ran: false, reason: 'settings' };
  }
  if (read.settings.refresh === 'off') return { ran: false, reason: 'off' };
  const history = readHistory(port);
  if (!isDue(read.settings.refresh, lastRunDay(history, dayInZone(port.timeZone())), today))
    return { ran: false, reason: 'notDue' };
  let result: ApplyResult;
  try {
    result = applySegmentation(port, { today, now: nowIso });
  } catch (error) {
    result = { ok: false, message: error instanceof Error ? error.message : String(error), issues: [] };
  }
  if (!result.ok) recordFailedRun(port, lang, result.message, today, nowIso);
  return { ran: true, result };
}
