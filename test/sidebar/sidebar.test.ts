/**
 * The sidebar page in real headless Chromium, its `google.script.run` answered by the endpoints
 * running in Node over a recording port or a temporary .xlsx workbook.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { analyse, type AnalysisSettings } from '../../src/core/analysis';
import { predictedValueBySegment, predictForAnalysis } from '../../src/core/clv';
import { dayFromIso } from '../../src/core/days';
import { presetSegments, type PresetId } from '../../src/core/presets';
import type { SegmentSet } from '../../src/core/segments';
import type { Cell } from '../../src/core/values';
import { readTableFile } from '../../src/local/table-file';
import { formatAmount } from '../../src/sidebar/format';
import { openXlsxWorkbook } from '../../src/local/xlsx-port';
import { readSettings } from '../../src/workbook/apply';
import { sidebarEndpoints } from '../../src/workbook/sidebar-endpoints';
import { dataSet } from '../data-sets';
import { recordingPort, type RecordingPort } from '../workbook/recording-port';
import { shopOrders } from '../workbook/shop';
import {
  chromiumAvailable,
  previewRows,
  ruleNames,
  SCREENSHOTS,
  screenshot,
  sidebarsInChromium,
} from './browser';
import { memoryScheduler } from '../../src/local/dev-server';

const today = dayFromIso('2026-01-15')!;

/** Customers and revenue per segment as src/core computes them, in the preview's order. */
function expectedRows(rows: Cell[][], settings: AnalysisSettings) {
  const analysis = analyse(rows, settings);
  return analysis.segmentNames.map((name, index) => {
    let customers = 0;
    let revenue = 0;
    analysis.segment.forEach((segment, customer) => {
      if (segment !== index) return;
      customers++;
      revenue += analysis.metrics.monetary[customer];
    });
    return { name, customers, revenue };
  });
}

function withRule(set: SegmentSet, index: number, change: Partial<SegmentSet['rules'][number]>): SegmentSet {
  return { ...set, rules: set.rules.map((rule, i) => (i === index ? { ...rule, ...change } : rule)) };
}

/** A shop of `customers` customers with 1 to 5 orders each, dated over two years. */
function manyCustomers(customers: number): Cell[][] {
  const cities = ['Lyon', 'Paris', 'Nantes', 'Lille', 'Brest'];
  const rows: Cell[][] = [['N° commande', 'Client', 'Date de commande', 'Montant TTC', 'Ville']];
  for (let customer = 0; customer < customers; customer++) {
    const orders = 1 + ((customer * 7919) % 5);
    for (let k = 0; k < orders; k++) {
      const day = (customer * 31 + k * 97) % 730;
      const amount = ((customer * 13 + k * 17) % 20_000) / 100 + 5;
      rows.push([
        `C${rows.length}`,
        `CL${customer}`,
        new Date(Date.UTC(2024, 0, 1 + day, 10)),
        amount,
        cities[customer % 5],
      ]);
    }
  }
  return rows;
}

function served(port: RecordingPort, userLocale?: string) {
  const scheduler = memoryScheduler();
  return { endpoints: () => sidebarEndpoints({ port, today, userLocale, scheduler }) };
}

async function openRule(page: Page, index: number): Promise<void> {
  const details = page.locator(`.rule[data-rule="${index}"] details`);
  if (!(await details.evaluate((element) => (element as HTMLDetailsElement).open))) {
    await details.locator('summary').click();
  }
}

async function choosePreset(page: Page, preset: PresetId): Promise<void> {
  await page.getByLabel(/^(Modèle|Preset)$/).selectOption(preset);
}

const runs = chromiumAvailable();

describe.skipIf(!runs)('the sidebar in headless Chromium', { timeout: 60_000 }, () => {
  const { open } = sidebarsInChromium();
  const dir = mkdtempSync(join(tmpdir(), 'segmento-sidebar-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads without console error, fits 300 px, labels every control, and is screenshot in French', async () => {
    const port = recordingPort({ sheets: { Commandes: shopOrders(2000) } });
    const { page, errors, dialogs } = await open(served(port), { height: 1000 });
    expect(await page.locator('h2').first().textContent()).toBe('Commandes');
    await screenshot(page, `${SCREENSHOTS}sidebar-fr.png`);
    // French as a French reader writes it: « 2 000 lignes », « 1 client », « ex. 14/01/2025 », « 182,99 ».
    const body = await page.locator('body').innerText();
    expect(body).toMatch(/2\u00a0000 lignes : 2\u00a0000 utilisées/);
    expect(body).not.toMatch(/\b[01] clients\b/);
    expect(body).toMatch(/\b1 client · CA/);
    expect(body).toMatch(/ex\. \d{2}\/\d{2}\/\d{4}/);
    expect(body).not.toMatch(/ex\. \d+\.\d+/);
    expect(body).toMatch(/Analyse au \d{2}\/\d{2}\/\d{4}\./);
    for (const summary of await page.locator('details summary').all()) await summary.click();
    await openRule(page, 1);
    await page.locator('[data-key="rule-1-add-condition"]').click();
    const layout = await page.evaluate(() => ({
      width: document.documentElement.scrollWidth,
      unlabelled: Array.from(document.querySelectorAll('input, select, button'))
        .filter((control) => {
          const labelled =
            ((control as HTMLInputElement).labels?.length ?? 0) > 0 ||
            control.getAttribute('aria-label') ||
            (control.tagName === 'BUTTON' && control.textContent!.trim() !== '');
          return !labelled;
        })
        .map((control) => control.outerHTML),
    }));
    expect(layout).toEqual({ width: 300, unlabelled: [] });
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it('a preset fills the rule list, and the preview follows', async () => {
    const orders = shopOrders(2000);
    const port = recordingPort({ sheets: { Commandes: orders } });
    const { page, errors } = await open(served(port));
    expect(await ruleNames(page)).toEqual(presetSegments('classique', 'fr').rules.map((rule) => rule.name));
    for (const preset of ['score15', 'simple'] as const) {
      await choosePreset(page, preset);
      const segments = presetSegments(preset, 'fr');
      expect(await ruleNames(page)).toEqual(segments.rules.map((rule) => rule.name));
      expect(await previewRows(page)).toEqual(
        expectedRows(orders, { locale: 'fr_FR', timeZone: 'Europe/Paris', segments }),
      );
    }
    expect(errors).toEqual([]);
  });

  const rfmOrders = dataSet('rfm_data_orders.csv');
  it.skipIf(!rfmOrders)(
    'the preview counts equal src/core’s on real orders, and a rule edit updates them',
    async () => {
      const orders = readTableFile(rfmOrders!) as Cell[][];
      const port = recordingPort({ locale: 'en_US', sheets: { Orders: orders } });
      const { page, errors } = await open(served(port, 'en_US'));
      const settings = { locale: 'en_US', timeZone: 'Europe/Paris' };
      const classic = presetSegments('classique', 'en');
      const before = expectedRows(orders, { ...settings, segments: classic });
      expect(before.reduce((sum, row) => sum + row.customers, 0)).toBe(995);
      expect(await previewRows(page)).toEqual(before);

      await openRule(page, 0);
      await page.getByLabel('R minimum of segment 1', { exact: true }).fill('4');
      const after = expectedRows(orders, {
        ...settings,
        segments: withRule(classic, 0, { r: { min: 4, max: 5 } }),
      });
      expect(after[0].customers).toBeGreaterThan(before[0].customers);
      expect(await previewRows(page)).toEqual(after);
      expect(await page.locator('.rule[data-rule="0"] .figures').textContent()).toBe(
        `${after[0].customers} customers · revenue ${(after[0].revenue / 1000).toLocaleString('en-US', { minimumFractionDigits: 2 })}`,
      );
      expect(errors).toEqual([]);
    },
  );

  it('the preview shows the 12-month predicted value and the revenue at risk of src/core, per segment and in all; conditions offer P(actif) and the predicted value', async () => {
    const orders = shopOrders(2000);
    const port = recordingPort({ sheets: { Commandes: orders } });
    const { page, errors } = await open(served(port));
    const analysis = analyse(orders, { locale: 'fr_FR', timeZone: 'Europe/Paris' });
    const sums = predictedValueBySegment(
      predictForAnalysis(analysis),
      analysis.segment,
      analysis.segmentNames.length,
    )!;
    await page.locator('.preview tr[data-predicted]').first().waitFor();
    const shown = await page
      .locator('.preview tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => [row.getAttribute('data-predicted'), row.getAttribute('data-at-risk')]),
      );
    expect(shown).toEqual(
      analysis.segmentNames.map((_, index) => [
        String(Math.round(sums.predicted[index])),
        String(Math.round(sums.atRisk[index])),
      ]),
    );
    const total = sums.predicted.reduce((sum, value) => sum + value, 0);
    expect(await page.locator('.preview .predicted').textContent()).toBe(
      `Valeur prévue sur 12 mois : ${formatAmount(total, 'fr')}, dont ${formatAmount(0, 'fr')} chez des clients probablement partis (P(actif) < 50 %).`,
    );
    await openRule(page, 0);
    await page
      .locator('.rule[data-rule="0"]')
      .getByRole('button', { name: /condition/i })
      .first()
      .click();
    const options = await page.locator('.rule[data-rule="0"] select option').allTextContents();
    expect(options).toContain('P(actif), de 0 à 1');
    expect(options).toContain('Valeur prévue (12 mois)');
    expect(errors).toEqual([]);
  });

  it('an invalid rule shows its message beside it and disables Save and Apply; a warning does not', async () => {
    const port = recordingPort({ sheets: { Commandes: shopOrders(1000) } });
    const { page, errors } = await open(served(port));
    const apply = page.getByRole('button', { name: 'Appliquer' });
    const save = page.getByRole('button', { name: 'Enregistrer' });
    await expect.poll(() => apply.isEnabled()).toBe(true);
    await openRule(page, 2);
    await page.getByLabel('R minimum du segment 3', { exact: true }).fill('4');
    await page.getByLabel('R maximum du segment 3', { exact: true }).fill('2');
    const message = page.locator('.rule[data-rule="2"] .messages li.error');
    expect(await message.textContent()).toBe(
      'Règle 3 « Fidèles » : la plage R est inversée (4 – 2) ; écrivez le minimum d’abord.',
    );
    expect(
      await page.getByLabel('R minimum du segment 3', { exact: true }).getAttribute('aria-invalid'),
    ).toBe('true');
    expect(await apply.isDisabled()).toBe(true);
    expect(await save.isDisabled()).toBe(true);
    expect(await page.locator('.actions .hint').textContent()).toBe(
      'Corrigez les erreurs signalées pour enregistrer et appliquer.',
    );

    await page.getByLabel('R maximum du segment 3', { exact: true }).fill('4');
    expect(await message.count()).toBe(0);
    await page.getByLabel('Nombre de classes').selectOption('3');
    expect(await page.locator('.messages li.warning').count()).toBeGreaterThan(0);
    expect(await apply.isEnabled()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('Save writes the settings tab, and the page reopens with the same rules', async () => {
    const port = recordingPort({ sheets: { Commandes: shopOrders(1000) } });
    const sidebar = await open(served(port));
    const { page } = sidebar;
    await choosePreset(page, 'simple');
    await page.getByLabel('Nom du segment 1', { exact: true }).fill('Fidèles du mois');
    await page.getByRole('button', { name: 'Supprimer le segment 3' }).click();
    await page.getByRole('button', { name: '+ Ajouter un segment' }).click();
    await page.getByLabel('Nom du segment 3', { exact: true }).fill('Grands paniers');
    await openRule(page, 2);
    await page.getByLabel('Total minimum du segment 3', { exact: true }).fill('12');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.locator('.actions .done').waitFor();
    expect(await page.locator('.actions .done').textContent()).toBe(
      'Réglages enregistrés dans l’onglet « Segmento · Réglages ».',
    );
    const names = ['Fidèles du mois', 'À réactiver', 'Grands paniers'];
    expect(readSettings(port, 'fr').settings?.segments.rules.map((rule) => rule.name)).toEqual(names);

    await sidebar.reload();
    expect(await ruleNames(page)).toEqual(names);
    expect(await page.getByLabel('Modèle').inputValue()).toBe('');
    expect(await page.getByLabel('Total minimum du segment 3', { exact: true }).inputValue()).toBe('12');
    expect(sidebar.errors).toEqual([]);
  });

  it('« Valeur prévue » is ticked by default; unticked and saved, the settings tab says « non » and the page reopens unticked', async () => {
    const port = recordingPort({ sheets: { Commandes: shopOrders(1000) } });
    const sidebar = await open(served(port));
    const { page } = sidebar;
    const box = page.getByLabel('Valeur prévue', { exact: true });
    expect(await box.isChecked()).toBe(true);
    await box.uncheck();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.locator('.actions .done').waitFor();
    expect(readSettings(port, 'fr').settings?.predictedValue).toBe(false);
    expect(port.valuesOf('Segmento · Réglages').find((row) => row[0] === 'Valeur prévue')?.[1]).toBe('non');
    await sidebar.reload();
    expect(await page.getByLabel('Valeur prévue', { exact: true }).isChecked()).toBe(false);
    expect(sidebar.errors).toEqual([]);
  });

  it('Apply shows its progress, writes the tabs into the .xlsx workbook, and links to each', async () => {
    const path = join(dir, 'apply.xlsx');
    const seed = new ExcelJS.Workbook();
    seed.addWorksheet('Commandes').addRows(shopOrders(1500) as ExcelJS.CellValue[][]);
    await seed.xlsx.writeFile(path);
    const workbook = await openXlsxWorkbook(path, {
      locale: 'fr_FR',
      timeZone: 'Europe/Paris',
      notify: () => {},
    });
    const { page, errors } = await open({
      endpoints: () => sidebarEndpoints({ port: workbook.port, today }),
      afterWrite: async () => {
        await new Promise((resolve) => setTimeout(resolve, 200));
        await workbook.save();
      },
    });
    await choosePreset(page, 'score15');
    await page.getByRole('button', { name: 'Appliquer' }).click();
    await page.locator('.actions progress').waitFor();
    await page.locator('.actions .done').waitFor({ timeout: 30_000 });
    expect(await page.locator('.actions .done').textContent()).toMatch(
      /^Segmento : \d+ clients notés, \d+ segments, 0 lignes rejetées \(analyse au 2025-12-\d\d\)\.$/,
    );
    const links = await page.locator('.actions button.link').allTextContents();
    expect(links[0]).toBe('Segmento · Synthèse');

    const saved = await openXlsxWorkbook(path, { locale: 'fr_FR', timeZone: 'Europe/Paris' });
    expect(saved.port.sheetNames()).toEqual(expect.arrayContaining(links));
    expect(readSettings(saved.port, 'fr').settings?.preset).toBe('score15');

    const shown = page.waitForResponse('**/rpc/sidebarActivateTab');
    await page.locator('.actions button.link', { hasText: links[1] }).click();
    expect((await shown).ok()).toBe(true);
    const file = new ExcelJS.Workbook();
    await file.xlsx.readFile(path);
    expect(file.worksheets[file.views[0].activeTab].name).toBe(links[1]);
    expect(errors).toEqual([]);
  });

  it('shows a segment named <img onerror> and cells holding <script> as text, and runs nothing', async () => {
    const orders = shopOrders(800).map((row, index) => [
      ...row,
      index === 0 ? '<b onmouseover=alert(2)>Canal</b>' : 'web',
    ]);
    orders[1][1] = '<script>window.pwned = "customer"</script>';
    for (let row = 2; row < orders.length; row += 3)
      orders[row][4] = '<script>window.pwned = "ville"</script>';
    const port = recordingPort({ sheets: { Commandes: orders } });
    const { page, errors, dialogs } = await open(served(port));
    const name = '<img src=x onerror=alert(1)>';
    await page.getByLabel('Nom du segment 1', { exact: true }).fill(name);
    await openRule(page, 9);
    await page.locator('[data-key="rule-9-add-condition"]').click();
    await page.getByLabel('Condition 1 : sur quoi').selectOption({ label: 'Ville' });
    await page.getByLabel('Condition 1 : valeur').fill('<script>window.pwned = "ville"</script>');
    await page.getByRole('button', { name: 'Appliquer' }).click();
    await page.locator('.actions .done').waitFor();

    expect(await page.locator('.preview tbody tr').first().locator('th').textContent()).toBe(name);
    expect(await page.locator('.actions button.link', { hasText: name }).count()).toBe(1);
    expect(await page.locator('.columns small').first().textContent()).toBe(
      'ex. <script>window.pwned = "customer"</script>',
    );
    expect(await page.locator('.columns').textContent()).toContain('<b onmouseover=alert(2)>Canal</b>');
    const perdus = expectedRows(orders, {
      locale: 'fr_FR',
      timeZone: 'Europe/Paris',
      segments: withRule(withRule(presetSegments('classique', 'fr'), 0, { name }), 9, {
        conditions: [
          {
            attribute: 'Ville',
            op: '=',
            value: '<script>window.pwned = "ville"</script>',
          },
        ],
      }),
    });
    expect(await previewRows(page)).toEqual(perdus);
    expect(perdus[9].customers).toBeGreaterThan(0);
    const dom = await page.evaluate(() => ({
      images: document.images.length,
      scripts: document.scripts.length,
      bold: document.querySelectorAll('b').length,
      pwned: (window as unknown as { pwned?: string }).pwned ?? null,
    }));
    expect(dom).toEqual({ images: 0, scripts: 2, bold: 0, pwned: null });
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('is usable from the keyboard: add a segment, name it, move it up', async () => {
    const port = recordingPort({ sheets: { Commandes: shopOrders(500) } });
    const { page, errors } = await open(served(port));
    await choosePreset(page, 'simple');
    await page.getByLabel('Modèle').focus();
    for (let presses = 0; presses < 300; presses++) {
      if ((await page.evaluate(() => (document.activeElement as HTMLElement).dataset.key)) === 'add-rule')
        break;
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.key)).toBe(
      'rule-3-name',
    );
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Clients VIP');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await ruleNames(page)).toEqual(['Fidèles', 'À réactiver', 'Clients VIP', 'Cœur de cible']);
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.key)).toBe('rule-2-up');
    expect(errors).toEqual([]);
  });

  it('speaks English to an English user, and is screenshot in English', async () => {
    const port = recordingPort({ locale: 'en_US', sheets: { Orders: shopOrders(2000) } });
    const { page, errors } = await open(served(port, 'en_US'), { height: 1000, locale: 'en-US' });
    expect(await page.locator('h2').allTextContents()).toEqual(['Orders', 'Scoring', 'Segments', 'Preview']);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await ruleNames(page)).toEqual(presetSegments('classique', 'en').rules.map((rule) => rule.name));
    await screenshot(page, `${SCREENSHOTS}sidebar-en.png`);
    expect(errors).toEqual([]);
  });

  it('previews 50,000 customers in the page, the same as src/core', async () => {
    const orders = manyCustomers(50_000);
    const port = recordingPort({ sheets: { Commandes: orders } });
    const { page, errors } = await open(served(port), { height: 600 });
    const segments = presetSegments('classique', 'fr');
    expect(await previewRows(page)).toEqual(
      expectedRows(orders, { locale: 'fr_FR', timeZone: 'Europe/Paris', segments }),
    );
    const millis = await page.evaluate(() => {
      const input = document.querySelector<HTMLInputElement>('[aria-label="R minimum du segment 1"]')!;
      const times: number[] = [];
      for (const value of ['4', '3', '5']) {
        const start = performance.now();
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        times.push(performance.now() - start);
      }
      return times;
    });
    console.log(
      `Sidebar preview, 50,000 customers (${orders.length - 1} order rows): ${millis.map((ms) => `${ms.toFixed(0)} ms`).join(', ')} per rule edit (metrics, scores, segments, KPIs and drawing).`,
    );
    expect(await previewRows(page)).toEqual(
      expectedRows(orders, {
        locale: 'fr_FR',
        timeZone: 'Europe/Paris',
        segments: withRule(segments, 0, { r: { min: 5, max: 5 } }),
      }),
    );
    expect((await previewRows(page)).reduce((sum, row) => sum + row.customers, 0)).toBe(50_000);
    expect(errors).toEqual([]);
  });
});
