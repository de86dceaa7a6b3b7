import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis';
import { dayFromIso } from '../../src/core/days';
import { presetSegments } from '../../src/core/presets';
import type { Cell } from '../../src/core/values';
import { memoryScheduler } from '../../src/local/dev-server';
import { openXlsxWorkbook } from '../../src/local/xlsx-port';
import { computePreview, readBook } from '../../src/sidebar/preview';
import { readSettings } from '../../src/workbook/apply';
import { defaultSettings } from '../../src/workbook/settings-model';
import { sidebarEndpoints } from '../../src/workbook/sidebar-endpoints';
import {
  SIDEBAR_ENDPOINTS,
  settingsFromWire,
  settingsToWire,
  type WireCampaign,
  type WireSettings,
} from '../../src/workbook/sidebar-wire';
import { serialOfDay } from '../../src/workbook/segment-tabs';
import { recordingPort } from './recording-port';
import { shopOrders } from './shop';

const today = dayFromIso('2026-01-15')!;

function setup(
  options: { orders?: Cell[][]; locale?: string; userLocale?: string; scheduler?: boolean } = {},
) {
  const port = recordingPort({
    locale: options.locale,
    sheets: { Commandes: options.orders ?? shopOrders(600) },
  });
  const scheduler = options.scheduler ? memoryScheduler() : undefined;
  const endpoints = sidebarEndpoints({ port, today, userLocale: options.userLocale, scheduler });
  return { port, scheduler, endpoints };
}

/** The settings the sidebar opens with, as it sends them back. */
function opened(endpoints: ReturnType<typeof sidebarEndpoints>): WireSettings {
  return structuredClone(endpoints.sidebarState().settings);
}

describe('sidebar endpoints', () => {
  it('answer every endpoint of the interface', () => {
    const { endpoints } = setup();
    expect(Object.keys(endpoints).sort()).toEqual(Object.keys(SIDEBAR_ENDPOINTS).sort());
  });

  it('open with the defaults, the tabs a person made and the orders tab found by its name', () => {
    const { endpoints } = setup();
    const state = endpoints.sidebarState();
    expect(state).toMatchObject({
      lang: 'fr',
      locale: 'fr_FR',
      timeZone: 'Europe/Paris',
      today: '2026-01-15',
      sheets: ['Commandes'],
      sourceSheet: 'Commandes',
      settingsIssues: [],
      settingsTab: null,
      refresh: null,
    });
    expect(state.settings).toEqual(settingsToWire(defaultSettings('fr')));
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it('speak English to an English user of an English sheet, French when either is French', () => {
    expect(setup({ locale: 'en_US', userLocale: 'en_GB' }).endpoints.sidebarState().lang).toBe('en');
    expect(setup({ locale: 'en_US', userLocale: 'fr_CA' }).endpoints.sidebarState().lang).toBe('fr');
  });

  it('send the order rows with dates as their ISO day in the spreadsheet time zone', () => {
    const { endpoints } = setup({
      orders: [
        ['Client', 'Date', 'Montant'],
        ['A', new Date('2025-03-01T23:30:00Z'), 10],
        ['B', '', null],
      ],
    });
    expect(endpoints.sidebarSource('Commandes', '')).toEqual({
      ok: true,
      sheet: 'Commandes',
      range: '',
      firstRow: 1,
      values: [
        ['Client', 'Date', 'Montant'],
        ['A', '2025-03-02', 10],
        ['B', '', ''],
      ],
    });
    expect(endpoints.sidebarSource('Ventes', '')).toEqual({
      ok: false,
      message: 'Onglet des commandes « Ventes » introuvable : choisissez-le dans le panneau.',
    });
  });

  it('the preview of the rows sent equals the analysis of the rows in the sheet', () => {
    const orders = shopOrders(3000);
    const { endpoints } = setup({ orders });
    const source = endpoints.sidebarSource('Commandes', '');
    if (!source.ok) throw new Error(source.message);
    const settings = settingsFromWire(opened(endpoints))!;
    const read = readBook(source.values, {
      locale: 'fr_FR',
      timeZone: 'Europe/Paris',
      mapping: {},
      firstRowNumber: 1,
    });
    const preview = computePreview(read.book, settings, 'fr', today);
    const analysis = analyse(orders, { locale: 'fr_FR', timeZone: 'Europe/Paris' });
    expect(preview.analysis?.metrics.ids).toEqual(analysis.metrics.ids);
    expect(Array.from(preview.analysis!.segment)).toEqual(Array.from(analysis.segment));
    expect(preview.report?.totals.revenue).toBe(
      analysis.metrics.monetary.reduce((sum, value) => sum + value, 0),
    );
  });

  it('Save creates the settings tab, tagged as Segmento’s, which reads back the same rules', () => {
    const { port, endpoints } = setup();
    const settings = opened(endpoints);
    settings.segments = presetSegments('simple', 'fr');
    settings.preset = 'simple';
    settings.segments.rules[0].name = '  Fidèles du mois ';
    settings.segments.rules[1].conditions = [
      { attribute: 'Ville', op: '=', value: 'Lyon' },
      { field: 'monetary', op: '>=', value: 500 },
    ];
    const result = endpoints.sidebarSave(settings);
    expect(result).toMatchObject({ ok: true, tab: 'Segmento · Réglages' });
    expect(port.managedTabs()).toEqual([
      { id: expect.any(Number), name: 'Segmento · Réglages', tag: { kind: 'settings', key: 'settings' } },
    ]);
    const read = readSettings(port, 'fr');
    expect(read.settings?.segments.rules.map((rule) => rule.name)).toEqual([
      'Fidèles du mois',
      'À réactiver',
      'Cœur de cible',
    ]);
    expect(read.settings?.segments.rules[1].conditions).toEqual(settings.segments.rules[1].conditions);
    expect(endpoints.sidebarState().settings).toEqual(result.ok && result.settings);
  });

  it('Save rewrites the settings tab in place, leaving nothing of the longer rule list before it', () => {
    const { port, endpoints } = setup();
    expect(endpoints.sidebarSave(opened(endpoints)).ok).toBe(true);
    const [tab] = port.managedTabs();
    const shorter = opened(endpoints);
    shorter.segments = presetSegments('simple', 'fr');
    expect(endpoints.sidebarSave(shorter).ok).toBe(true);
    expect(port.managedTabs()).toEqual([tab]);
    expect(port.calls.filter((call) => call.method === 'createManagedTab')).toHaveLength(1);
    expect(readSettings(port, 'fr').settings?.segments).toEqual(presetSegments('simple', 'fr'));
  });

  it('an invalid Save says what is wrong and leaves valid settings untouched', () => {
    const { port, endpoints } = setup();
    endpoints.sidebarSave(opened(endpoints));
    const before = port.valuesOf('Segmento · Réglages');
    const inverted = opened(endpoints);
    inverted.segments.rules[0].r = { min: 5, max: 2 };
    const result = endpoints.sidebarSave(inverted);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain('la plage R est inversée (5 – 2)');
    const unreadable = opened(endpoints);
    unreadable.segments.rules[0].conditions = [{ attribute: 'Ville', op: '=', value: 'Lyon ; Paris' }];
    const refused = endpoints.sidebarSave(unreadable);
    expect(!refused.ok && refused.message).toContain('Condition illisible « Paris »');
    const misread = opened(endpoints);
    misread.segments.rules[0].conditions = [{ attribute: 'Ville', op: '=', value: 'Lyon ; Pays = France' }];
    const changed = endpoints.sidebarSave(misread);
    expect(!changed.ok && changed.message).toContain('Règle 1 « Champions » : ne se relit pas telle quelle');
    expect(port.valuesOf('Segmento · Réglages')).toEqual(before);
  });

  it('a settings tab broken by hand is reported with its cell, and the next Save repairs it', () => {
    const { port, endpoints } = setup();
    endpoints.sidebarSave(opened(endpoints));
    const tab = port.tabs.find((candidate) => candidate.name === 'Segmento · Réglages')!;
    const row = tab.grid.findIndex((cells) => cells?.[0] === 'Nombre de classes');
    tab.grid[row][1] = 'douze';
    const state = endpoints.sidebarState();
    expect(state.settingsIssues).toEqual([
      {
        cell: `B${row + 1}`,
        message: expect.stringContaining('Le nombre de classes doit être un entier de 3 à 10'),
      },
    ]);
    expect(state.settings).toEqual(settingsToWire(defaultSettings('fr')));
    expect(endpoints.sidebarSave(state.settings).ok).toBe(true);
    expect(endpoints.sidebarState().settingsIssues).toEqual([]);
  });

  it('Save waits for another run, then says so rather than write under it', () => {
    const { port, endpoints } = setup();
    port.lockHeld = true;
    expect(endpoints.sidebarSave(opened(endpoints))).toMatchObject({ ok: false, issues: [] });
    expect(port.managedTabs()).toEqual([]);
  });

  it('Apply saves the settings, then writes the tabs with them', () => {
    const { port, endpoints } = setup();
    const settings = opened(endpoints);
    settings.segments = presetSegments('score15', 'fr');
    const result = endpoints.sidebarApply(settings);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const names = port.sheetNames();
    expect(names).toContain('Segmento · Synthèse');
    expect(names).toContain('Segmento · Réglages');
    const written = result.summary.tabs.filter((tab) => tab.kind === 'segment').map((tab) => tab.name);
    expect(written.length).toBeGreaterThan(0);
    expect(
      written.every((name) =>
        ['VIP', 'À stimuler', 'À fidéliser', 'À réactiver', 'Inactifs', 'Autres'].includes(name),
      ),
    ).toBe(true);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('an invalid Apply writes nothing', () => {
    const { port, endpoints } = setup();
    const settings = opened(endpoints);
    settings.segments.rules[1].name = 'Champions';
    const result = endpoints.sidebarApply(settings);
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.message).toContain('même nom que la règle 1');
    expect(port.managedTabs()).toEqual([]);
  });

  it('the scheduled refresh is set through the scheduler and recorded in the settings tab', () => {
    const { port, endpoints, scheduler } = setup({ scheduler: true });
    expect(endpoints.sidebarState().refresh).toBe('off');
    expect(endpoints.sidebarSetRefresh('monthly')).toEqual({
      ok: true,
      refresh: 'monthly',
      message: 'Actualisation automatique : chaque mois.',
    });
    expect(scheduler!.current()).toBe('monthly');
    expect(readSettings(port, 'fr').settings?.refresh).toBe('monthly');
    expect(endpoints.sidebarState().refresh).toBe('monthly');
    expect(endpoints.sidebarSetRefresh('off')).toMatchObject({ ok: true, refresh: 'off' });
    expect(readSettings(port, 'fr').settings?.refresh).toBe('off');
    expect(setup().endpoints.sidebarSetRefresh('weekly')).toMatchObject({ ok: false });
  });

  it('a tab written by Apply is shown on request; another id is refused', () => {
    const { port, endpoints } = setup();
    const result = endpoints.sidebarApply(opened(endpoints));
    if (!result.ok) throw new Error(result.message);
    const segment = result.summary.tabs.find((tab) => tab.kind === 'segment')!;
    port.calls.splice(0);
    endpoints.sidebarActivateTab(segment.id);
    expect(port.calls.filter((call) => call.method === 'activateTab')).toEqual([
      { method: 'activateTab', args: [segment.id] },
    ]);
    expect(() => endpoints.sidebarActivateTab(-1)).toThrow('No Segmento tab has the id -1.');
  });
});

describe('noting a campaign from the sidebar', () => {
  const campaign = (fields: Partial<WireCampaign> = {}): WireCampaign => ({
    name: 'Relance de juin',
    date: '2025-06-02',
    segments: ['Perdus', 'Bientôt endormis'],
    windowDays: 45,
    cost: 300.5,
    contacted: 'Contacts!A2:A',
    ...fields,
  });
  const campaignsTab = (port: ReturnType<typeof setup>['port']) =>
    port.managedTabs().find((tab) => tab.tag.kind === 'campaigns');
  const rowsOf = (port: ReturnType<typeof setup>['port']) =>
    port.readRange(campaignsTab(port)!.name, null)!.values;
  const withContacts = () => {
    const orders = shopOrders(600);
    const port = recordingPort({
      sheets: { Commandes: orders, Contacts: [['Client'], ...orders.slice(1, 80).map((row) => [row[1]])] },
    });
    return { port, endpoints: sidebarEndpoints({ port, today }) };
  };

  it('makes the campaigns tab when missing and writes the row as a person would type it, the date a date', () => {
    const { port, endpoints } = withContacts();
    const result = endpoints.sidebarAddCampaign(campaign());
    const tab = campaignsTab(port)!;
    expect(result).toEqual({
      ok: true,
      tab: { id: tab.id, name: 'Segmento · Campagnes' },
      message:
        'Campagne « Relance de juin » notée dans l’onglet « Segmento · Campagnes », ligne 2 : ses chiffres viendront au prochain « Appliquer ».',
    });
    expect(rowsOf(port)[1]).toEqual([
      'Relance de juin',
      serialOfDay(dayFromIso('2025-06-02')!),
      'Perdus; Bientôt endormis',
      45,
      300.5,
      'Contacts!A2:A',
    ]);
    const dateFormats = port.calls.filter(
      (call) =>
        call.method === 'formatArea' &&
        (call.args[1] as { row: number; column: number }).row === 2 &&
        (call.args[1] as { column: number }).column === 2,
    );
    expect(dateFormats.at(-1)?.args[2]).toEqual({ numberFormat: 'date' });
  });

  it('takes the place of the example row, then goes under the last campaign; the next Apply counts it', () => {
    const { port, endpoints } = withContacts();
    const settings = opened(endpoints);
    settings.asOf = { kind: 'date', date: '2025-05-31' };
    expect(endpoints.sidebarApply(settings).ok).toBe(true);
    expect(String(rowsOf(port)[1][0])).toMatch(/^Exemple/);
    expect(endpoints.sidebarAddCampaign(campaign())).toMatchObject({ ok: true });
    expect(rowsOf(port)[1][0]).toBe('Relance de juin');
    const second = endpoints.sidebarAddCampaign(campaign({ name: 'Soldes', contacted: '', cost: null }));
    expect(second).toMatchObject({ ok: true, message: expect.stringContaining('ligne 3') });
    expect(rowsOf(port)[2]).toEqual([
      'Soldes',
      serialOfDay(dayFromIso('2025-06-02')!),
      'Perdus; Bientôt endormis',
      45,
      '',
      '',
    ]);
    settings.asOf = { kind: 'latest' };
    const applied = endpoints.sidebarApply(settings);
    if (!applied.ok) throw new Error(applied.message);
    expect(applied.summary.payingOff?.campaigns.map((line) => [line.name, line.segment])).toEqual([
      ['Relance de juin', 'Perdus'],
      ['Relance de juin', 'Bientôt endormis'],
      ['Soldes', 'Perdus'],
      ['Soldes', 'Bientôt endormis'],
    ]);
  });

  it('writes its cells under their headers, wherever a person moved them, and leaves a column a person added alone', () => {
    const { port, endpoints } = withContacts();
    const tab = port.createManagedTab('Segmento · Campagnes', { kind: 'campaigns', key: 'campaigns' });
    port.writeBlock(tab.id, 1, 1, [
      [
        'Campagne',
        'Date',
        'Notes',
        'Segments ciblés',
        'Fenêtre (jours)',
        'Coût',
        'Clients contactés (plage)',
      ],
      ['Exemple : relance (remplacez cette ligne)', 45000, 'à garder', 'Perdus', 30, '', ''],
    ]);
    expect(endpoints.sidebarAddCampaign(campaign())).toMatchObject({ ok: true });
    expect(rowsOf(port)[1]).toEqual([
      'Relance de juin',
      serialOfDay(dayFromIso('2025-06-02')!),
      'à garder',
      'Perdus; Bientôt endormis',
      45,
      300.5,
      'Contacts!A2:A',
    ]);
    expect(
      port.calls
        .filter((call) => call.method === 'writeBlock')
        .slice(-2)
        .map((call) => call.args[2]),
    ).toEqual([1, 4]);
  });

  it('says what to fix, in the user’s language, and writes nothing', () => {
    const { port, endpoints } = withContacts();
    const refusals = [
      campaign({ name: ' ' }),
      campaign({ date: '02/06/2025' }),
      campaign({ segments: [] }),
      campaign({ segments: ['VIP; fidèles'] }),
      campaign({ windowDays: 0 }),
      campaign({ cost: -5 }),
      campaign({ contacted: 'Clients!A:A' }),
    ].map((wrong) => endpoints.sidebarAddCampaign(wrong));
    expect(refusals).toEqual([
      { ok: false, message: 'Donnez un nom à la campagne.' },
      { ok: false, message: 'Date de campagne illisible « 02/06/2025 ».' },
      { ok: false, message: 'Cochez au moins un segment ciblé.' },
      {
        ok: false,
        message:
          'Le segment « VIP; fidèles » contient « ; », qui sépare les segments dans l’onglet des campagnes : renommez-le pour le cibler.',
      },
      { ok: false, message: 'Fenêtre « 0 » : un nombre entier de jours, 1 ou plus.' },
      { ok: false, message: 'Coût « -5 » : un montant positif, ou rien.' },
      { ok: false, message: 'Aucun onglet « Clients » pour les clients contactés.' },
    ]);
    expect(campaignsTab(port)).toBeUndefined();
    const english = setup({ locale: 'en_US', userLocale: 'en_US' }).endpoints;
    expect(english.sidebarAddCampaign(campaign({ segments: [' '] }))).toEqual({
      ok: false,
      message: 'Tick at least one target segment.',
    });
    port.lockHeld = true;
    expect(endpoints.sidebarAddCampaign(campaign())).toMatchObject({ ok: false });
    expect(campaignsTab(port)).toBeUndefined();
  });
});

describe('sidebar endpoints over an .xlsx workbook', () => {
  const dir = mkdtempSync(join(tmpdir(), 'segmento-endpoints-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('Save and Apply are in the saved file, which opens on the tab the sidebar showed', async () => {
    const path = join(dir, 'shop.xlsx');
    const seed = new ExcelJS.Workbook();
    seed.addWorksheet('Commandes').addRows(shopOrders(400) as ExcelJS.CellValue[][]);
    await seed.xlsx.writeFile(path);
    const workbook = await openXlsxWorkbook(path, {
      locale: 'fr_FR',
      timeZone: 'Europe/Paris',
      notify: () => {},
    });
    const endpoints = sidebarEndpoints({ port: workbook.port, today });
    const settings = opened(endpoints);
    settings.segments = presetSegments('simple', 'fr');
    const result = endpoints.sidebarApply(settings);
    if (!result.ok) throw new Error(result.message);
    const kpi = result.summary.tabs.find((tab) => tab.kind === 'kpi')!;
    endpoints.sidebarActivateTab(kpi.id);
    await workbook.save();

    const reopened = await openXlsxWorkbook(path, { locale: 'fr_FR', timeZone: 'Europe/Paris' });
    expect(readSettings(reopened.port, 'fr').settings?.segments).toEqual(presetSegments('simple', 'fr'));
    const file = new ExcelJS.Workbook();
    await file.xlsx.readFile(path);
    expect(file.worksheets[file.views[0].activeTab].name).toBe('Segmento · Synthèse');
  });
});
