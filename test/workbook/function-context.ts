/** Where the custom-function tests run: a spreadsheet in a locale, with the default settings. */
import { dayFromIso } from '../../src/core/days';
import type { FunctionContext } from '../../src/workbook/custom-functions';
import { defaultSettings } from '../../src/workbook/settings-model';

/** A spreadsheet in `locale` (Paris time, 15 January 2026) without a settings tab nor history. */
export function functionContext(locale = 'fr_FR'): FunctionContext {
  const lang = locale.startsWith('fr') ? 'fr' : 'en';
  return {
    locale,
    timeZone: 'Europe/Paris',
    lang,
    today: dayFromIso('2026-01-15')!,
    settings: () => ({ settings: defaultSettings(lang) }),
    history: () => [],
  };
}
