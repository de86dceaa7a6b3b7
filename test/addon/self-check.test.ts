/**
 * The menu's « Vérifier l’installation » / "Check installation": the built bundle run over the
 * stand-ins, and the check itself over a port made to misbehave, so that each line is seen to fail
 * when what it checks is wrong.
 */
import { describe, expect, it } from 'vitest';
import { sheetsPort } from '../../src/addon/sheets-port';
import { dayFromIso } from '../../src/core/days';
import type { WorkbookPort } from '../../src/workbook/port';
import { checkInstallation } from '../../src/workbook/self-check';
import type { SidebarState } from '../../src/workbook/sidebar-wire';
import { shopOrders } from '../workbook/shop';
import { createFakeAppsScript, type FakeAppsScriptOptions } from './apps-script-fakes';
import { loadBundle, menuItems } from './bundle-sandbox';

const load = (options: FakeAppsScriptOptions = {}) =>
  loadBundle({ sheets: { Commandes: shopOrders(300) }, ...options });

function check(loaded: ReturnType<typeof load>): string {
  loaded.script.segmentoCheck();
  return loaded.fake.ui.alerts.at(-1)!;
}

describe('Check installation, from the menu', () => {
  it('is a menu item in French and in English', () => {
    for (const [userLocale, caption] of [
      ['fr', 'Vérifier l’installation'],
      ['en', 'Check installation'],
    ]) {
      const entry = menuItems(load({ userLocale })).find((item) => item.caption === caption);
      expect(entry?.functionName).toBe('segmentoCheck');
    }
  });

  it.each(['Europe/Paris', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'])(
    'on a new spreadsheet in %s: text and dates read back as written, and the probe tab is gone',
    (timeZone) => {
      const loaded = load({ timeZone });
      const tabs = loaded.fake.spreadsheet.getSheets().map((sheet) => sheet.getName());
      const report = check(loaded);
      expect(report).toMatch(/^Segmento : vérification de l’installation\n/);
      expect(report).toContain(`✓ Un texte comme « =1+2 » ou « 00017 » est écrit et relu tel quel`);
      expect(report).toMatch(
        new RegExp(
          `✓ Une date écrite le \\d{4}-\\d{2}-\\d{2} est relue le même jour dans le fuseau ${timeZone}`,
        ),
      );
      expect(report).toContain('– Pas encore d’onglet des réglages');
      expect(report).toContain('– Actualisation automatique : désactivée.');
      expect(report).toMatch(/Tout est en ordre\.$/);
      expect(loaded.fake.spreadsheet.getSheets().map((sheet) => sheet.getName())).toEqual(tabs);
    },
  );

  it('after Apply with the refresh on: the settings tab and both triggers are found', () => {
    const loaded = load({ locale: 'en_US', userLocale: 'en' });
    const state = loaded.script.sidebarState() as SidebarState;
    expect(loaded.script.sidebarApply(state.settings)).toMatchObject({ ok: true });
    expect(loaded.script.sidebarSetRefresh('weekly')).toMatchObject({ refresh: 'weekly' });
    const report = check(loaded);
    expect(report).toContain('✓ Settings tab found: "Segmento · Settings"');
    expect(report).toContain('✓ Scheduled refresh weekly: your triggers are in place');
    expect(report).toMatch(/All is well\.$/);
  });

  it('says what is wrong: triggers gone, the settings tab renamed', () => {
    const loaded = load();
    const state = loaded.script.sidebarState() as SidebarState;
    loaded.script.sidebarApply(state.settings);
    loaded.script.sidebarSetRefresh('monthly');
    loaded.fake.triggers.splice(0);
    loaded.fake.spreadsheet.getSheetByName('Segmento · Réglages')!.setName('Mes réglages');
    const report = check(loaded);
    expect(report).toContain(
      '✗ Actualisation automatique réglée sur « chaque mois », mais aucun déclencheur ne la lance',
    );
    expect(report).toContain('✗ L’onglet des réglages « Mes réglages » a été renommé');
    expect(report).toMatch(/Au moins une vérification a échoué/);
  });
});

describe('the check over a spreadsheet that misbehaves', () => {
  const today = dayFromIso('2026-11-26')!;

  function port(change: Partial<WorkbookPort>) {
    const fake = createFakeAppsScript({ sheets: { Commandes: shopOrders(50) } });
    const real = sheetsPort(fake.spreadsheet, fake);
    return { fake, port: { ...real, ...change } as WorkbookPort, real };
  }

  it('fails the text and date lines when what is read back differs from what was written', () => {
    const { port: shifting, real } = port({});
    const changed: WorkbookPort = {
      ...shifting,
      readRange: (name, a1) => {
        const read = real.readRange(name, a1)!;
        const [row] = read.values;
        return { ...read, values: [[3, 17, row[2], new Date((row[3] as Date).getTime() - 3_600_000)]] };
      },
    };
    const report = checkInstallation(changed, { lang: 'en', today });
    expect(report.ok).toBe(false);
    expect(report.text).toContain('✗ Text such as "=1+2" was changed when written (read back: « 3 », « 17 »');
    expect(report.text).toContain('✗ A date written as 2026-11-26 reads back as 2026-11-25');
  });

  it('removes the probe tab when a write fails, and reports the failure', () => {
    const { fake, port: failing } = port({
      writeBlock: () => {
        throw new Error('Service Spreadsheets timed out');
      },
    });
    const report = checkInstallation(failing, { lang: 'fr', today });
    expect(report.text).toContain(
      '✗ L’essai d’écriture dans un onglet temporaire a échoué : Service Spreadsheets timed out',
    );
    expect(fake.spreadsheet.getSheets().map((sheet) => sheet.getName())).toEqual(['Commandes']);
  });
});
