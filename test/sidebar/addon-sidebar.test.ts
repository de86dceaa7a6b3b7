/**
 * The sidebar in the built add-on: dist/Code.js loaded as Apps Script loads it (see
 * test/addon/code-bundle.test.ts), with the built dist/Sidebar.html as the project's HTML file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createContext, runInContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { SIDEBAR_ENDPOINTS, type SidebarState } from '../../src/workbook/sidebar-wire';
import { createFakeAppsScript } from '../addon/apps-script-fakes';
import { shopOrders } from '../workbook/shop';

const dist = new URL('../../dist/', import.meta.url).pathname;
const code = readFileSync(`${dist}Code.js`, 'utf8');
const sidebarHtml = readFileSync(`${dist}Sidebar.html`, 'utf8');

type Script = Record<string, (...args: unknown[]) => unknown>;

function load(userLocale = 'fr') {
  const fake = createFakeAppsScript({
    sheets: { Commandes: shopOrders(300) },
    htmlFiles: { Sidebar: sidebarHtml },
    userLocale,
  });
  const context = createContext({ ...fake.globals, Date });
  runInContext(code, context);
  return { fake, scripts: fake, script: context as unknown as Script };
}

describe('the sidebar in dist/Code.js', () => {
  it('is opened from the first menu item, « Ouvrir » / "Open", with the built page titled Segmento', () => {
    for (const [locale, caption] of [
      ['fr', 'Ouvrir'],
      ['en', 'Open'],
    ]) {
      const { fake, script } = load(locale);
      fake.execute({ authMode: 'NONE' }, () => script.onOpen({ authMode: 'NONE' }));
      const [first] = fake.ui.menus[0].entries as { caption: string; functionName: string }[];
      expect(first.caption).toBe(caption);
      script[first.functionName]();
      expect(fake.ui.sidebars).toHaveLength(1);
      expect(fake.ui.sidebars[0].getTitle()).toBe('Segmento');
      expect(fake.ui.sidebars[0].getContent()).toBe(sidebarHtml);
    }
  });

  it('exposes every endpoint as a top-level function google.script.run can call (no trailing _)', () => {
    for (const name of Object.keys(SIDEBAR_ENDPOINTS)) {
      expect(name).not.toMatch(/_$/);
      expect(code).toMatch(new RegExp(`^function ${name}\\(`, 'm'));
    }
  });

  it('answers the page with plain JSON over the active spreadsheet', () => {
    const { fake, script } = load();
    const state = script.sidebarState() as SidebarState;
    expect(state).toMatchObject({
      lang: 'fr',
      sheets: ['Commandes'],
      sourceSheet: 'Commandes',
      refresh: 'off',
    });
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    const source = script.sidebarSource('Commandes', 'A1:E3') as { values: unknown[][] };
    expect(source.values[1][2]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const applied = script.sidebarApply(state.settings) as {
      ok: boolean;
      summary: { tabs: { id: number; kind: string }[] };
    };
    expect(applied.ok).toBe(true);
    const kpi = applied.summary.tabs.find((tab) => tab.kind === 'kpi')!;
    script.sidebarActivateTab(kpi.id);
    expect(fake.spreadsheet.getActiveSheet().getName()).toBe('Segmento · Synthèse');
    // A campaign noted from the page takes the place of the campaigns tab's example row, its date a date.
    const noted = script.sidebarAddCampaign({
      name: 'Relance',
      date: '2025-06-02',
      segments: ['Perdus'],
      windowDays: null,
      cost: 120,
      contacted: '',
    }) as { ok: boolean };
    expect(noted).toMatchObject({ ok: true });
    const campaigns = fake.spreadsheet.getSheetByName('Segmento · Campagnes')!;
    const row = campaigns.getRange(2, 1, 1, 6);
    expect(row.getValues()[0]).toEqual(['Relance', expect.any(Date), 'Perdus', 30, 120, '']);
    expect(row.getNumberFormats()[0][1]).toBe('yyyy-mm-dd');
  });

  it('turns the scheduled refresh on and off through the add-on trigger', () => {
    const { scripts, script } = load();
    expect(script.sidebarSetRefresh('weekly')).toMatchObject({ ok: true, refresh: 'weekly' });
    expect(scripts.triggers.map((trigger) => trigger.handler)).toEqual([
      'segmentoRefresh',
      'segmentoRefreshOnOpen',
    ]);
    expect(script.sidebarSetRefresh('off')).toMatchObject({ ok: true, refresh: 'off' });
    expect(scripts.triggers).toEqual([]);
  });
});

describe('the sidebar page source', () => {
  it('never parses text as HTML: no innerHTML, outerHTML, insertAdjacentHTML or document.write', () => {
    const folder = new URL('../../src/sidebar/', import.meta.url).pathname;
    for (const file of readdirSync(folder)) {
      const text = readFileSync(`${folder}${file}`, 'utf8');
      expect(text, file).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser/);
    }
  });
});
