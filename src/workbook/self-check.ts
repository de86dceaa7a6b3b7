/**
 * « Vérifier l'installation » / "Check installation": what no machine but a real spreadsheet can
 * confirm, checked in a minute by whoever installed the add-on. In a temporary hidden tab it writes
 * and reads back a probe (text that looks like a formula or a number stays text; a date comes back
 * on its day in the spreadsheet's time zone), then removes the tab; it finds the settings tab both
 * by its tag and by its name (as custom functions must), and compares the scheduled refresh with
 * the triggers in place.
 */
import { dayInZone, isoDay } from '../core/days';
import type { Lang } from '../core/labels';
import { readSettings, readSettingsByName } from './apply';
import { LOCK_WAIT_MS, type WorkbookPort } from './port';
import type { Scheduler } from './schedule';
import type { Refresh } from './settings-model';
import { serialOfDay } from './segment-tabs';
import { refreshWord, settingsTabName } from './settings-tab';
import { uniqueTabName } from './tab-content';
import { w, type WordKey } from './words';

/** Text a spreadsheet would turn into a formula, a number, a phone number read as a formula. */
const PROBE_TEXTS = ['=1+2', '00017', '+33 6 12 34 56 78'];

/** One line of the report: passed (✓), failed (✗) or for information (–). */
export interface CheckLine {
  ok: boolean | null;
  text: string;
}

export interface InstallationReport {
  ok: boolean;
  lines: CheckLine[];
  /** The lines, one per row, as the dialog shows them. */
  text: string;
}

export interface CheckContext {
  lang: Lang;
  /** Today's day number in the spreadsheet's time zone: the date probe. */
  today: number;
  scheduler?: Scheduler;
}

export function checkInstallation(port: WorkbookPort, context: CheckContext): InstallationReport {
  const { lang } = context;
  const say = (key: WordKey, params: Record<string, string> = {}) => w(lang, key, params);
  const lines: CheckLine[] = [
    { ok: null, text: say('check.where', { locale: port.locale(), zone: port.timeZone() }) },
  ];
  const probed = port.withDocumentLock(LOCK_WAIT_MS, () => probe(port, context.today));
  if (probed === null) lines.push({ ok: false, text: say('apply.busy') });
  else if (probed instanceof Error)
    lines.push({ ok: false, text: say('check.probeFailed', { message: probed.message }) });
  else {
    lines.push({
      ok: probed.textKept,
      text: say(probed.textKept ? 'check.textKept' : 'check.textChanged', { read: probed.textRead }),
    });
    lines.push({
      ok: probed.dateKept,
      text: say(probed.dateKept ? 'check.dateKept' : 'check.dateMoved', {
        day: isoDay(context.today),
        read: probed.dateRead,
        zone: port.timeZone(),
      }),
    });
  }
  const saved = readSettings(port, lang);
  lines.push(settingsLine(port, lang, saved));
  lines.push(refreshLine(lang, saved.settings?.refresh ?? 'off', context.scheduler));
  const ok = lines.every((line) => line.ok !== false);
  lines.push({ ok: null, text: say(ok ? 'check.allGood' : 'check.someFailed') });
  const mark = (line: CheckLine) => (line.ok === null ? '–' : line.ok ? '✓' : '✗');
  return { ok, lines, text: lines.map((line) => `${mark(line)} ${line.text}`).join('\n') };
}

/** Writes the probe in a hidden tab of its own, reads it back, and always removes the tab. */
function probe(port: WorkbookPort, today: number) {
  const name = uniqueTabName('~segmento vérification', port.sheetNames());
  const columns = PROBE_TEXTS.length + 1;
  try {
    const tab = port.createManagedTab(name, { kind: 'probe', key: 'probe' }, { rows: 1, columns });
    try {
      port.layoutTab(tab.id, { hidden: true });
      port.writeBlock(tab.id, 1, 1, [[...PROBE_TEXTS, serialOfDay(today)]]);
      port.formatArea(tab.id, { row: 1, column: columns, rows: 1, columns: 1 }, { numberFormat: 'date' });
      const [row] = port.readRange(name, null)?.values ?? [[]];
      const texts = row.slice(0, PROBE_TEXTS.length);
      const date = row[PROBE_TEXTS.length];
      const dateDay = date instanceof Date ? dayInZone(port.timeZone())(date) : null;
      return {
        textKept: PROBE_TEXTS.every((text, index) => texts[index] === text),
        textRead: texts.map((cell) => `« ${String(cell ?? '')} »`).join(', '),
        dateKept: dateDay === today,
        dateRead: dateDay === null ? String(date ?? '') : isoDay(dateDay),
      };
    } finally {
      port.deleteTab(tab.id);
    }
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** The settings tab as the tag finds it (`byTag`, read once by the caller) and as formulas find it, by name. */
function settingsLine(port: WorkbookPort, lang: Lang, byTag: ReturnType<typeof readSettings>): CheckLine {
  const byName = readSettingsByName(port, lang);
  const tagged = byTag.settings ? byTag.tab : null;
  if (!byTag.settings || !byName.settings)
    return { ok: false, text: w(lang, 'check.settingsInvalid', { tab: settingsTabName(lang) }) };
  if (!tagged) return { ok: null, text: w(lang, 'check.noSettings', { tab: settingsTabName(lang) }) };
  const sameByName = JSON.stringify(byName.settings) === JSON.stringify(byTag.settings);
  return sameByName
    ? { ok: true, text: w(lang, 'check.settingsFound', { tab: tagged.name }) }
    : {
        ok: false,
        text: w(lang, 'check.settingsRenamed', { tab: tagged.name, name: settingsTabName(lang) }),
      };
}

function refreshLine(lang: Lang, wished: Refresh, scheduler: Scheduler | undefined): CheckLine {
  if (!scheduler || wished === 'off') return { ok: null, text: w(lang, 'check.refreshOff') };
  const every = refreshWord(wished, lang);
  if (scheduler.current() === 'off') return { ok: false, text: w(lang, 'check.refreshUnserved', { every }) };
  const { daily, atOpening } = scheduler.installed();
  if (daily && atOpening) return { ok: true, text: w(lang, 'check.refreshMine', { every }) };
  if (!daily && !atOpening) return { ok: true, text: w(lang, 'check.refreshColleague', { every }) };
  return { ok: false, text: w(lang, 'check.refreshPartial', { every }) };
}
