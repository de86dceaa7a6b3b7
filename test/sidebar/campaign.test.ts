/**
 * « Noter une campagne » in real headless Chromium: a campaign typed in the sidebar becomes a row of
 * the campaigns tab, a mistake is said and writes nothing — in French and English.
 */
import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../../src/core/days';
import { serialOfDay } from '../../src/workbook/segment-tabs';
import { sidebarEndpoints } from '../../src/workbook/sidebar-endpoints';
import { recordingPort } from '../workbook/recording-port';
import { shopOrders } from '../workbook/shop';
import { chromiumAvailable, SCREENSHOTS, sidebarsInChromium } from './browser';

const today = dayFromIso('2026-01-15')!;

function shop(locale: 'fr_FR' | 'en_US') {
  const orders = shopOrders(600);
  const contacts = [['Client'], ...orders.slice(1, 80).map((row) => [row[1]])];
  return recordingPort({ locale, sheets: { Commandes: orders, Contacts: contacts } });
}

const campaignRows = (port: ReturnType<typeof shop>) => {
  const tab = port.managedTabs().find((managed) => managed.tag.kind === 'campaigns');
  return tab ? port.readRange(tab.name, null)!.values : null;
};

describe.skipIf(!chromiumAvailable())('noting a campaign in the sidebar', { timeout: 60_000 }, () => {
  const sidebars = sidebarsInChromium();

  it('writes the campaign typed as a row of the campaigns tab; a missing segment is said and writes nothing', async () => {
    const port = shop('fr_FR');
    const { page, errors } = await sidebars.open(
      { endpoints: () => sidebarEndpoints({ port, today }) },
      { height: 1400 },
    );
    const form = page.locator('details.campaign-note');
    await form.locator('summary', { hasText: 'Noter une campagne' }).click();
    await form.getByLabel('Nom').fill('Relance de juin');
    await form.getByLabel('Date d’envoi').fill('2025-06-02');
    const add = form.getByRole('button', { name: 'Ajouter' });
    await add.click();
    await expect.poll(() => form.locator('.status').textContent()).toBe('Cochez au moins un segment ciblé.');
    expect(campaignRows(port)).toBeNull();

    await form.getByLabel('Perdus').check();
    await form.getByLabel('Bientôt endormis').check();
    await form.getByLabel('Fenêtre (jours)').fill('45');
    await form.getByLabel('Coût (facultatif)').fill('300,50 €');
    await form.getByLabel('Clients contactés (facultatif)').fill('Contacts!A2:A');
    await add.click();
    await expect
      .poll(() => form.locator('.status .done').textContent())
      .toMatch(/^Campagne « Relance de juin » notée dans l’onglet « Segmento · Campagnes », ligne 2/);
    expect(campaignRows(port)![1]).toEqual([
      'Relance de juin',
      serialOfDay(dayFromIso('2025-06-02')!),
      'Bientôt endormis; Perdus', // in the order of the rules
      45,
      300.5,
      'Contacts!A2:A',
    ]);
    await form.screenshot({ path: `${SCREENSHOTS}campaign-fr.png` });
    await form.getByRole('button', { name: 'Ouvrir l’onglet' }).click();
    const campaigns = port.managedTabs().find((tab) => tab.tag.kind === 'campaigns')!;
    await expect
      .poll(() => port.calls.filter((call) => call.method === 'activateTab').at(-1)?.args[0])
      .toBe(campaigns.id);
    expect(errors).toEqual([]);
  });

  it('speaks English to an English user', async () => {
    const port = shop('en_US');
    const { page, errors } = await sidebars.open(
      { endpoints: () => sidebarEndpoints({ port, today, userLocale: 'en_US' }) },
      { locale: 'en-US', height: 1400 },
    );
    const form = page.locator('details.campaign-note');
    await form.locator('summary', { hasText: 'Note a campaign' }).click();
    await form.getByLabel('Name').fill('Win-back');
    await form.getByLabel('Sent on').fill('2025-06-02');
    await form.getByLabel('Lost').check();
    await form.getByLabel('Cost (optional)').fill('douze');
    await form.getByRole('button', { name: 'Add' }).click();
    await expect
      .poll(() => form.locator('.status').textContent())
      .toBe('Cost (optional): unreadable number "douze".');
    expect(campaignRows(port)).toBeNull();
    await form.getByLabel('Cost (optional)').fill('-5');
    await form.getByRole('button', { name: 'Add' }).click();
    await expect
      .poll(() => form.locator('.status').textContent())
      .toBe('Cost "-5": an amount of 0 or more, or nothing.');
    await form.getByLabel('Cost (optional)').fill('');
    await form.getByRole('button', { name: 'Add' }).click();
    await expect
      .poll(() => form.locator('.status .done').textContent())
      .toMatch(/^Campaign "Win-back" noted in the "Segmento · Campaigns" tab, row 2/);
    expect(campaignRows(port)![1].slice(0, 5)).toEqual([
      'Win-back',
      serialOfDay(dayFromIso('2025-06-02')!),
      'Lost',
      30,
      '',
    ]);
    await form.screenshot({ path: `${SCREENSHOTS}campaign-en.png` });
    expect(errors).toEqual([]);
  });
});
