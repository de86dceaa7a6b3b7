/**
 * The demo's two hand tables for « La Belle Épicerie » and the list of customers its win-back
 * campaign contacted, made from the shipped demo orders with the demo's seed (`DEMO_SEED`), so that
 * `npm run demo` shows every figure of « is each segment paying off » without touching the orders:
 *
 * - **Campaigns**: a win-back campaign on 2 June 2026 to « Bientôt endormis » and « Perdus » (as
 *   the run of 31 May 2026 put them), 45 days, 480 €, with a contacted list; an offer to the
 *   Champions on 1 July 2026 with no list (everyone contacted); a spring sale dated before any run
 *   and a winter sale dated after the latest order, which have no figures yet and say why.
 * - **The effect built in**: the orders are those of the shipped file; the contacted list is drawn so
 *   that a member who bought in the window was on it with probability 0.85, another with 0.6 — the
 *   trace a campaign that works leaves in the orders, so the contacted group converts better than
 *   the control group (the members left out).
 * - **Acquisition**: per month (November 2024 to October 2026) and channel, a spend of about a
 *   channel's cost per new customer (Marché cheapest, Instagram dearest) times its new customers,
 *   give or take 20 %, plus 30 €; prospects for « Site web » (visits, about 2.5 % of which become
 *   customers) and « Instagram » (leads, about 12 %).
 */
import { channelColumnOf, newCustomers } from '../core/acquisition';
import { analyseBook } from '../core/analysis';
import { dayFromIso } from '../core/days';
import { readOrders } from '../core/orders';
import type { Cell } from '../core/values';
import { DEMO_SEED, generator } from './demo-orders';

/** The analysis date of the run made before the campaigns: their segments are as it put them. */
export const DEMO_RUN_BEFORE_CAMPAIGNS = '2026-05-31';

/** The files shipped beside the demo orders (src/local/demo/). */
export const DEMO_FILES = {
  campaigns: 'campagnes-demo.csv',
  acquisition: 'acquisition-demo.csv',
  contacts: 'contacts-relance-demo.csv',
};

/** The tab holding the win-back campaign's contacted customers, as its range names it. */
export const DEMO_CONTACTS_TAB = 'Contacts relance';

const WIN_BACK = {
  name: 'Relance des endormis',
  date: '2026-06-02',
  segments: ['Bientôt endormis', 'Perdus'],
  windowDays: 45,
  cost: 480,
};

/** Cost per new customer by channel, in euros, and the share of prospects who become customers. */
const CHANNELS: Record<string, { cac: number; prospectConversion: number | null }> = {
  Boutique: { cac: 18, prospectConversion: null },
  'Site web': { cac: 25, prospectConversion: 0.025 },
  Marché: { cac: 9, prospectConversion: null },
  Instagram: { cac: 42, prospectConversion: 0.12 },
};

const FIRST_MONTH = '2024-11';
const LAST_MONTH = '2026-10';

/** A CSV field, quoted when it holds the separator. */
const field = (value: string | number) =>
  /[;"]/.test(String(value)) ? `"${String(value).replace(/"/g, '""')}"` : String(value);
const csv = (rows: (string | number)[][]) => `${rows.map((row) => row.map(field).join(';')).join('\n')}\n`;

export interface DemoPayingOffFiles {
  /** `campagnes-demo.csv`: the campaigns table. */
  campaigns: string;
  /** `acquisition-demo.csv`: the acquisition table. */
  acquisition: string;
  /** `contacts-relance-demo.csv`: one column, the contacted customers' ids under a header. */
  contacts: string;
}

/** The three files, from the demo orders as read from the shipped CSV. */
export function demoPayingOffFiles(orders: Cell[][]): DemoPayingOffFiles {
  const random = generator(DEMO_SEED);
  const book = readOrders(orders, { locale: 'fr_FR', timeZone: 'Europe/Paris' });

  const runDay = dayFromIso(DEMO_RUN_BEFORE_CAMPAIGNS)!;
  const run = analyseBook(book, { asOfDay: runDay, lang: 'fr' });
  const campaignDay = dayFromIso(WIN_BACK.date)!;
  const cameBack = new Set<string>();
  for (let o = 0; o < book.orderCount; o++) {
    const day = book.orderDay[o];
    if (book.orderAmount[o] >= 0 && day > campaignDay && day <= campaignDay + WIN_BACK.windowDays)
      cameBack.add(book.customerIds[book.orderCustomer[o]]);
  }
  const contacted = run.metrics.ids.filter(
    (id, i) =>
      WIN_BACK.segments.includes(run.segmentNames[run.segment[i]]) &&
      random() < (cameBack.has(id) ? 0.85 : 0.6),
  );

  const campaigns = csv([
    ['Campagne', 'Date', 'Segments ciblés', 'Fenêtre (jours)', 'Coût', 'Clients contactés (plage)'],
    [
      WIN_BACK.name,
      WIN_BACK.date,
      WIN_BACK.segments.join('; '),
      WIN_BACK.windowDays,
      WIN_BACK.cost,
      `'${DEMO_CONTACTS_TAB}'!A2:A`,
    ],
    ['Offre Champions', '2026-07-01', 'Champions', 30, 150, ''],
    ['Ventes privées de printemps', '2026-03-15', 'Fidèles potentiels', 30, 200, ''],
    ['Soldes d’hiver', '2027-01-07', 'Fidèles; Nouveaux clients', 30, 300, ''],
  ]);

  const counts = new Map<string, number>();
  for (const customer of newCustomers(book, { channel: channelColumnOf(book) }))
    counts.set(
      `${customer.month}|${customer.channel}`,
      (counts.get(`${customer.month}|${customer.channel}`) ?? 0) + 1,
    );
  const spendRows: (string | number)[][] = [['Mois', 'Canal', 'Dépenses', 'Prospects']];
  for (let month = FIRST_MONTH; month <= LAST_MONTH; month = nextMonth(month)) {
    for (const [channel, { cac, prospectConversion }] of Object.entries(CHANNELS)) {
      const customers = counts.get(`${month}|${channel}`) ?? 0;
      const spend = Math.round(30 + customers * cac * (0.8 + 0.4 * random()));
      const prospects =
        prospectConversion === null
          ? ''
          : Math.round((customers / prospectConversion) * (0.9 + 0.2 * random()));
      spendRows.push([month, channel, spend, prospects]);
    }
  }

  return {
    campaigns,
    acquisition: csv(spendRows),
    contacts: csv([['Client'], ...contacted.map((id) => [id])]),
  };
}

/** `yyyy-mm` of the month after. */
function nextMonth(month: string): string {
  const [year, number] = month.split('-').map(Number);
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
}
