/**
 * Issue 12: choosing a tab that holds no orders says why, and every later edit still works (the
 * page threw on each edit).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayFromIso } from '../../src/core/days';
import { memoryScheduler } from '../../src/local/dev-server';
import { sidebarEndpoints } from '../../src/workbook/sidebar-endpoints';
import { recordingPort } from '../workbook/recording-port';
import { shopOrders } from '../workbook/shop';
import { chromiumAvailable, launchChromium, openSidebar, previewRows, type SidebarPage } from './browser';

const today = dayFromIso('2026-01-15')!;
const runs = chromiumAvailable();

describe.skipIf(!runs)('a tab without orders chosen in the sidebar', { timeout: 60_000 }, () => {
  let browser: Browser;
  let sidebar: SidebarPage | null = null;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await sidebar?.close();
    await browser?.close();
  });

  it('says why, and edits after it (classes, preset, back to the orders) throw nothing', async () => {
    const port = recordingPort({
      sheets: {
        Commandes: shopOrders(400),
        Notes: [
          ['Idée', 'Priorité'],
          ['Relancer les inactifs', 'haute'],
        ],
        Vide: [],
        Produits: [
          ['Produit', 'Prix', 'Stock'],
          ['Thé vert', 12.5, 40],
          ['Café', 9, 12],
        ],
        Relances: [
          ['Client', 'Date', 'Montant'],
          ['CL1', '2025-03-01', 'à voir'],
        ],
        Contacts: [
          ['Client', 'E-mail', 'Ville'],
          ['CL1', 'a@b.fr', 'Lyon'],
        ],
      },
    });
    const scheduler = memoryScheduler();
    sidebar = await openSidebar(browser, { endpoints: () => sidebarEndpoints({ port, today, scheduler }) });
    const { page, errors, dialogs } = sidebar;
    for (const tab of ['Notes', 'Vide', 'Produits', 'Relances', 'Contacts']) {
      await page.getByLabel(/^(Onglet|Tab)/).selectOption(tab);
      await page.locator('section .status').filter({ hasText: /\S/ }).first().waitFor();
      await page.locator('.rule[data-rule="0"] details summary').click();
      await page.getByLabel('R minimum du segment 1', { exact: true }).fill('4');
      await page.getByLabel('R minimum du segment 1', { exact: true }).fill('5');
      await page.getByLabel(/^Modèle$/).selectOption('score15');
      await page.getByLabel(/^Modèle$/).selectOption('classique');
      await page
        .getByLabel(/classes/i)
        .first()
        .selectOption('4');
      await page
        .getByLabel(/classes/i)
        .first()
        .selectOption('5');
      if (tab === 'Relances')
        expect(await page.locator('.preview').textContent()).toContain('Aucune commande lisible');
      expect({ tab, errors }).toEqual({ tab, errors: [] });
    }
    await page.getByLabel(/^(Onglet|Tab)/).selectOption('Commandes');
    await page.locator('.preview tbody tr').first().waitFor();
    expect((await previewRows(page)).length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});
