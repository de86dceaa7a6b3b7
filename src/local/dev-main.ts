/**
 * `npm run dev [-- --workbook out/dev.xlsx] [--orders FILE] [--sheet NAME] [--locale fr_FR]
 * [--time-zone Europe/Paris] [--port 8787]`: the sidebar served on 127.0.0.1 over an .xlsx workbook,
 * saved after each change. The orders file (the shipped demo orders by default) becomes a tab of
 * the workbook the first time.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { dayInZone } from '../core/days';
import { langOf } from '../core/labels';
import { readSettings } from '../workbook/apply';
import { sidebarEndpoints } from '../workbook/sidebar-endpoints';
import { LOCK_WAIT_MS } from '../workbook/port';
import { memoryScheduler, startSidebarServer, xlsxSession } from './dev-server';
import { readTableFile } from './table-file';

const DIST = new URL('../dist/', import.meta.url).pathname;
const BUILD = new URL('./', import.meta.url).pathname;
const DEMO_ORDERS = new URL('../src/local/demo/commandes-demo.csv', import.meta.url).pathname;

/** A text cell as a spreadsheet imports it: plain decimal numbers (no leading zero) become numbers. */
function importedCell(text: string): string | number {
  return /^-?(0|[1-9]\d*)(\.\d+)?$/.test(text) ? Number(text) : text;
}

const { values } = parseArgs({
  options: {
    workbook: { type: 'string', default: 'out/dev.xlsx' },
    orders: { type: 'string' },
    sheet: { type: 'string' },
    locale: {
      type: 'string',
      default: /^([a-z]{2}_[A-Z]{2})/.exec(process.env.LC_ALL || process.env.LANG || '')?.[1] ?? 'fr_FR',
    },
    'time-zone': { type: 'string', default: 'Europe/Paris' },
    port: { type: 'string', default: '8787' },
  },
});
const path = values.workbook!;
const locale = values.locale!;
const timeZone = values['time-zone']!;
const sheet = values.sheet ?? (langOf(locale) === 'fr' ? 'Commandes' : 'Orders');
const ordersPath = values.orders ?? (existsSync(path) ? null : DEMO_ORDERS);
mkdirSync(dirname(path) || '.', { recursive: true });
// Each call runs under the file's lock over the file as it is now (see xlsxSession).
const { session, port: portNow, file } = xlsxSession(path, { locale, timeZone });
if (ordersPath) {
  // The orders become a tab a person made, unless the workbook already has a tab of that name.
  const added = await file.update(
    async (workbook) => {
      const rows = readTableFile(ordersPath).map((row) => row.map(importedCell));
      if (!workbook.addPlainTab(sheet, rows)) return false;
      await workbook.save();
      return true;
    },
    { lockWaitMs: LOCK_WAIT_MS },
  );
  if (added) console.log(`Orders of ${ordersPath} written to the tab "${sheet}" of ${path}.`);
}
// The refresh the workbook's settings record, as if its trigger were installed.
const saved = await session(false, () => readSettings(portNow(), langOf(locale)));
const scheduler = memoryScheduler(saved.settings?.refresh ?? 'off');
const server = await startSidebarServer({
  endpoints: () =>
    sidebarEndpoints({
      port: portNow(),
      today: dayInZone(timeZone)(new Date()),
      userLocale: locale,
      scheduler,
    }),
  session,
  locale,
  port: Number(values.port),
  distDir: DIST,
  buildDir: BUILD,
});
console.log(`Segmento sidebar over ${path} (${locale}, ${timeZone}): ${server.url}`);
