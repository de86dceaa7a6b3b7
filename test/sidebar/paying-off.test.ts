/**
 * The sidebar's compact view of « is each segment paying off », after Apply, in real headless
 * Chromium: each campaign's conversion against its control group, the latest cohorts, the latest
 * months' acquisition cost, the cells to fix, and links that open the tabs — in French and English.
 */
import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../../src/core/days';
import { applySegmentation } from '../../src/workbook/apply';
import { serialOfDay } from '../../src/workbook/segment-tabs';
import type { Settings } from '../../src/workbook/settings-model';
import { sidebarEndpoints } from '../../src/workbook/sidebar-endpoints';
import { recordingPort } from '../workbook/recording-port';
import { shopOrders } from '../workbook/shop';
import { chromiumAvailable, SCREENSHOTS, sidebarsInChromium } from './browser';

const today = dayFromIso('2026-01-15')!;

/** A shop with a run as of 31 May 2025, then a campaign (with a contacted list) and spend typed in. */
function shop(locale: 'fr_FR' | 'en_US') {
  const orders = shopOrders(2000);
  const contacts = [['Client'], ...orders.slice(1, 120).map((row) => [row[1]])];
  const port = recordingPort({ locale, sheets: { Commandes: orders, Contacts: contacts } });
  const adjust = (settings: Settings): Settings => ({
    ...settings,
    asOf: { kind: 'date', day: dayFromIso('2025-05-31')! },
  });
  expect(applySegmentation(port, { today, adjust, now: '2025-05-31T20:00:00Z' }).ok).toBe(true);
  const tab = (kind: string) => port.managedTabs().find((managed) => managed.tag.kind === kind)!.id;
  const lost = locale === 'fr_FR' ? 'Perdus; Bientôt endormis' : 'Lost; About to sleep';
  port.writeBlock(tab('campaigns'), 2, 1, [
    ['Relance', serialOfDay(dayFromIso('2025-06-02')!), lost, 45, 300, 'Contacts!A2:A'],
  ]);
  port.writeBlock(tab('acquisition'), 2, 1, [
    ['2025-11', '', 900, ''],
    ['2025-12', '', -5, ''],
  ]);
  return port;
}

const runs = chromiumAvailable();

describe.skipIf(!runs)('the paying-off view after Apply', { timeout: 60_000 }, () => {
  const sidebars = sidebarsInChromium();

  it('shows each campaign against its control group, cohorts, acquisition cost and the cells to fix, and opens the tabs', async () => {
    const port = shop('fr_FR');
    const sidebar = await sidebars.open(
      { endpoints: () => sidebarEndpoints({ port, today }) },
      { height: 1600 },
    );
    const { page, errors } = sidebar;
    await page.getByRole('button', { name: 'Appliquer' }).click();
    const view = page.locator('.paying-off');
    await view.waitFor({ timeout: 30_000 });
    expect(await view.locator('h2').textContent()).toBe('Les segments rapportent-ils ?');
    expect(await view.locator('h3').allTextContents()).toEqual([
      'Campagnes',
      'Fidélisation : part de chaque cohorte qui rachète',
      'Coût d’acquisition',
    ]);
    const campaigns = await view.locator('.paying-off-campaigns li').allTextContents();
    expect(campaigns).toHaveLength(2);
    expect(campaigns[0]).toMatch(
      /^Relance · Perdus \d+,?\d*\s% contre \d+,?\d*\s% pour le témoin \([+−-]\d+,?\d*\spts\)/,
    );
    const cohorts = view.locator('.paying-off-table').first();
    expect(await cohorts.locator('th').allTextContents()).toEqual(['Cohorte', 'Clients', 'Mois 1', 'Mois 3']);
    expect(await cohorts.locator('tbody tr').count()).toBe(6);
    const acquisition = await view.locator('.paying-off-table').nth(1).locator('tbody tr').allTextContents();
    expect(acquisition.at(-2)).toMatch(/^2025-11\d+900,00/);
    expect(await view.locator('.notice li').allTextContents()).toEqual([
      'C3 : dépense négative « -5 » : ligne ignorée',
    ]);

    await view.locator('button.link', { hasText: 'Segmento · Fidélisation' }).click();
    const retention = port.managedTabs().find((tab) => tab.tag.kind === 'retention')!;
    await expect
      .poll(() => port.calls.filter((call) => call.method === 'activateTab').at(-1)?.args[0])
      .toBe(retention.id);
    expect(await view.locator('button.link').allTextContents()).toEqual([
      'Segmento · Synthèse',
      'Segmento · Campagnes',
      'Segmento · Fidélisation',
      'Segmento · Synthèse',
      'Segmento · Acquisition',
    ]);
    await view.screenshot({ path: `${SCREENSHOTS}paying-off-fr.png` });
    expect(errors).toEqual([]);
  });

  it('keeps Save and Apply in view in a short sidebar: the result scrolls on its own, the tabs written wrap', async () => {
    const port = shop('fr_FR');
    const { page, errors } = await sidebars.open(
      { endpoints: () => sidebarEndpoints({ port, today }) },
      { height: 700 },
    );
    const apply = page.getByRole('button', { name: 'Appliquer' });
    await apply.click();
    await page.locator('.paying-off').waitFor({ timeout: 30_000 });
    const status = page.locator('.actions .status');
    // The result is longer than its room, and read to its end by scrolling it.
    expect(await status.evaluate((element) => element.scrollHeight > element.clientHeight)).toBe(true);
    await status.evaluate((element) => (element.scrollTop = element.scrollHeight));
    for (const button of [apply, page.getByRole('button', { name: 'Enregistrer' })]) {
      // What a click at the button's middle reaches: the button itself, not what scrolled over it.
      const reached = await button.evaluate((element) => {
        const box = element.getBoundingClientRect();
        return document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2) === element;
      });
      expect(reached).toBe(true);
    }
    const tops = await page
      .locator('.tabs button.link')
      .evaluateAll((links) => links.map((link) => Math.round(link.getBoundingClientRect().top)));
    expect(tops.length).toBeGreaterThan(10);
    expect(new Set(tops).size).toBeLessThanOrEqual(Math.ceil(tops.length / 2));
    expect(errors).toEqual([]);
  });

  it('speaks English to an English user', async () => {
    const port = shop('en_US');
    const sidebar = await sidebars.open(
      { endpoints: () => sidebarEndpoints({ port, today, userLocale: 'en_US' }) },
      { locale: 'en-US', height: 1600 },
    );
    const { page, errors } = sidebar;
    await page.getByRole('button', { name: 'Apply' }).click();
    const view = page.locator('.paying-off');
    await view.waitFor({ timeout: 30_000 });
    expect(await view.locator('h2').textContent()).toBe('Are the segments paying off?');
    expect((await view.locator('.paying-off-campaigns li').allTextContents())[0]).toMatch(
      /^Relance · Lost [\d.]+% against [\d.]+% for the control group \([+−-][\d.]+ pts\)/,
    );
    expect(await view.locator('.notice li').allTextContents()).toEqual([
      'C3: negative spend "-5": row left out',
    ]);
    await view.screenshot({ path: `${SCREENSHOTS}paying-off-en.png` });
    expect(errors).toEqual([]);
  });
});
