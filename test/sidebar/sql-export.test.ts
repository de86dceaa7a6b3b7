/**
 * « Exporter en SQL (BigQuery) » in headless Chromium (issue 16): the query shown is compileSql's
 * for the settings being edited, over the orders' headers, in French and in English, and follows
 * an edit; a rule SQL cannot write shows why instead of a query.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../../src/core/days';
import type { Lang } from '../../src/core/labels';
import { readOrders } from '../../src/core/orders';
import { presetSegments } from '../../src/core/presets';
import type { Scoring } from '../../src/core/scores';
import type { SegmentSet } from '../../src/core/segments';
import type { Cell } from '../../src/core/values';
import { memoryScheduler } from '../../src/local/dev-server';
import { sidebarEndpoints } from '../../src/workbook/sidebar-endpoints';
import { compileSql, SqlSettingError } from '../../src/warehouse/compile-sql';
import { EXAMPLE_TABLE, sheetOrdersTable } from '../../src/warehouse/orders-table';
import { recordingPort } from '../workbook/recording-port';
import { shopOrders } from '../workbook/shop';
import { chromiumAvailable, SCREENSHOTS, sidebarsInChromium } from './browser';

const today = dayFromIso('2026-01-15')!;
const runs = chromiumAvailable();

/** compileSql of the settings, as the page builds the table: the example path, the orders' headers. */
function expectedQuery(
  orders: Cell[][],
  locale: string,
  lang: Lang,
  segments: SegmentSet,
  scoring?: Scoring,
) {
  const { columns } = readOrders(orders, { locale, timeZone: 'Europe/Paris' });
  return compileSql({
    dialect: 'bigquery',
    orders: sheetOrdersTable(EXAMPLE_TABLE, columns, segments),
    asOfDay: null,
    scoring,
    segments,
    lang,
  });
}

const shown = (page: Page) => page.locator('.sql-query').inputValue();

/** Opens the export and waits for its query: the box is shown before the query is made. */
async function openExport(page: Page, title: RegExp): Promise<void> {
  await page.locator('summary', { hasText: title }).click();
  await page.locator('.sql-query').waitFor();
  await expect.poll(() => shown(page)).not.toBe('');
}

describe.skipIf(!runs)('the SQL export of the sidebar', { timeout: 60_000 }, () => {
  const sidebars = sidebarsInChromium();

  const open = async (orders: Cell[][], locale: 'fr_FR' | 'en_US') => {
    const port = recordingPort({ locale, sheets: { [locale === 'fr_FR' ? 'Commandes' : 'Orders']: orders } });
    const scheduler = memoryScheduler();
    return sidebars.open(
      { endpoints: () => sidebarEndpoints({ port, today, userLocale: locale, scheduler }) },
      { locale: locale.replace('_', '-'), height: 900 },
    );
  };

  it('in French: the query of the settings in force, then of the settings edited; copied', async () => {
    const orders = shopOrders(800);
    const { page, errors } = await open(orders, 'fr_FR');
    await openExport(page, /^Exporter en SQL \(BigQuery\)$/);
    expect(await page.locator('.sql-export small').textContent()).toMatch(
      /^Trop de commandes pour une feuille/,
    );
    const classique = presetSegments('classique', 'fr');
    const first = await shown(page);
    expect(first).toBe(expectedQuery(orders, 'fr_FR', 'fr', classique));
    expect(first).toContain('CAST(`Client` AS STRING)');
    expect(first).toContain("THEN 'Fidèles potentiels'");

    await page.getByLabel(/^(Modèle|Preset)$/).selectOption('score15');
    await page.getByLabel('Nombre de classes').selectOption('3');
    const edited = await shown(page);
    expect(edited).toBe(
      expectedQuery(orders, 'fr_FR', 'fr', presetSegments('score15', 'fr'), { kind: 'quantile', classes: 3 }),
    );
    expect(edited).not.toBe(first);

    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Copier' }).click();
    await expect
      .poll(() => page.locator('.sql-actions .status').textContent())
      .toMatch(/^(Copiée|Sélectionnée)/);
    await page.locator('.sql-export').screenshot({ path: `${SCREENSHOTS}sql-export-fr.png` });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(300);
    expect(errors).toEqual([]);
  });

  it('in English: the query with English segment names and messages', async () => {
    const orders = shopOrders(800);
    const { page, errors } = await open(orders, 'en_US');
    await openExport(page, /^Export as SQL \(BigQuery\)$/);
    expect(await page.getByLabel('Query of the current settings').inputValue()).toBe(
      expectedQuery(orders, 'en_US', 'en', presetSegments('classique', 'en')),
    );
    expect(await shown(page)).toContain("THEN 'Potential loyalists'");
    expect(await page.locator('.sql-export small').textContent()).toMatch(/Connected Sheets/);
    await page.locator('.sql-export').screenshot({ path: `${SCREENSHOTS}sql-export-en.png` });
    expect(errors).toEqual([]);
  });

  it('a rule on P(alive): the reason instead of a query, and the query again once it is removed', async () => {
    const orders = shopOrders(800);
    const { page, errors } = await open(orders, 'fr_FR');
    await openExport(page, /^Exporter en SQL/);
    await page.locator('.rule[data-rule="0"] details summary').click();
    await page.locator('.rule[data-rule="0"]').getByRole('button', { name: 'Ajouter une condition' }).click();
    await page.getByLabel('Condition 1 : sur quoi').selectOption({ label: 'P(actif), de 0 à 1' });
    const reason = page.locator('.sql-export .error');
    const name = presetSegments('classique', 'fr').rules[0].name;
    await expect.poll(() => reason.textContent()).toBe(new SqlSettingError({ rule: name }, 'fr').message);
    expect(await page.locator('.sql-query').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Copier' }).isVisible()).toBe(false);
    await page.locator('[data-key="rule-0-condition-0-remove"]').click();
    await expect.poll(() => reason.isVisible()).toBe(false);
    expect(await shown(page)).toBe(expectedQuery(orders, 'fr_FR', 'fr', presetSegments('classique', 'fr')));
    expect(errors).toEqual([]);
  });
});
