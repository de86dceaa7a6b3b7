/**
 * The built dist/Code.js under Apps Script's execution modes, as the stand-ins model them (each rule
 * cites its page in test/addon/apps-script-fakes.ts): `onOpen` in AuthMode.NONE, the custom
 * functions in AuthMode.CUSTOM_FUNCTION (read-only spreadsheet, no tags, no lock), Apply without a
 * document lock and behind another run's lock, the clock trigger without its document, the open
 * trigger with `e.source`, and formula cells read as their value or error.
 */
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis';
import { clvProblemText, predictForAnalysis } from '../../src/core/clv';
import { presetSegments } from '../../src/core/presets';
import type { Cell } from '../../src/core/values';
import { settingsToWire, type SidebarState } from '../../src/workbook/sidebar-wire';
import { shopOrders } from '../workbook/shop';
import type { FakeAppsScriptOptions } from './apps-script-fakes';
import { loadBundle, menuItems } from './bundle-sandbox';

/** The script's clock: now, moved forward by `clock.days` (a week later, for a refresh that is due). */
const clock = { days: 0 };
const ScriptDate = new Proxy(Date, {
  construct: (RealDate, args: (number | string | Date)[]) =>
    args.length === 0 ? new RealDate(Date.now() + clock.days * 86_400_000) : new RealDate(args[0]),
});

const load = (options: FakeAppsScriptOptions = {}) => loadBundle(options, { Date: ScriptDate });

const asFormula = <T>(fake: ReturnType<typeof load>['fake'], fn: () => T) =>
  fake.execute({ authMode: 'CUSTOM_FUNCTION' }, fn);

describe('dist/Code.js in AuthMode.NONE', () => {
  it('onOpen builds the menu with nothing but the menu and the user locale', () => {
    for (const [userLocale, caption] of [
      ['fr', 'Appliquer la segmentation'],
      ['en', 'Apply segmentation'],
    ]) {
      const entries = menuItems(load({ userLocale }));
      expect(entries.map((entry) => entry.caption)).toContain(caption);
    }
  });

  it('the stand-in refuses anything else in that mode', () => {
    const { fake, script } = load();
    expect(() => fake.execute({ authMode: 'NONE' }, () => script.segmentoApply())).toThrow(
      /You do not have permission to call SpreadsheetApp.getActiveSpreadsheet/,
    );
  });
});

describe('custom functions in AuthMode.CUSTOM_FUNCTION', () => {
  it('the stand-in refuses writes, tags, locks and triggers there', () => {
    const { fake } = load();
    asFormula(fake, () => {
      const sheet = fake.spreadsheet.getSheetByName('Commandes')!;
      expect(sheet.getRange('A1').getValues()).toEqual([['N° commande']]);
      expect(() => sheet.getRange('A1').setValues([['x']])).toThrow(/permission to call Range.setValues/);
      expect(() => fake.spreadsheet.createDeveloperMetadataFinder()).toThrow(/permission/);
      expect(() => fake.LockService.getDocumentLock()).toThrow(/permission/);
      expect(() => fake.ScriptApp.getUserTriggers(fake.spreadsheet)).toThrow(/permission/);
    });
  });

  it('give their answers with the defaults when there is no settings tab', () => {
    const { fake, script } = load();
    const orders = fake
      .sheet('Commandes')
      .spreadsheet.getSheetByName('Commandes')!
      .getDataRange()
      .getValues();
    const table = asFormula(fake, () => script.RFM_SCORE(orders)) as Cell[][];
    expect(table[0]).toEqual(['Client', 'R', 'F', 'M', 'Code', 'Total']);
    expect(table.length).toBeGreaterThan(50);
    const segments = asFormula(fake, () => script.SEGMENT(orders, [[table[1][0]]])) as Cell[][];
    expect(presetSegments('classique', 'fr').rules.map((rule) => rule.name)).toContain(segments[0][0]);
  });

  it('find the saved settings tab by its name and the history tab by its name', () => {
    const { fake, script } = load();
    const state = script.sidebarState() as SidebarState;
    const simple = {
      ...state.settings,
      segments: settingsToWire({ ...defaultsOf(state), segments: presetSegments('simple', 'fr') }).segments,
    };
    expect(script.sidebarApply(simple)).toMatchObject({ ok: true });
    const orders = fake.spreadsheet.getSheetByName('Commandes')!.getDataRange().getValues();
    const customers = orders.slice(1, 40).map((row) => [row[1]]);
    const names = asFormula(fake, () => script.SEGMENT(orders, customers)) as Cell[][];
    const simpleNames = [...presetSegments('simple', 'fr').rules.map((rule) => rule.name), 'Autres'];
    for (const [name] of names) expect(simpleNames).toContain(name);
    const history = asFormula(fake, () => script.SEGMENT_HISTORY(customers[0][0])) as Cell[][];
    expect(history[0]).toEqual(['Date d’analyse', 'Segment', 'Code RFM']);
    expect(history).toHaveLength(2);
    expect(simpleNames).toContain(history[1][1]);
  });
});

describe('CLV and P_ALIVE in AuthMode.CUSTOM_FUNCTION', () => {
  it('give src/core’s predictions with read-only calls only, and say why in words when the fit cannot be trusted', () => {
    const { fake, script } = load({ sheets: { Commandes: shopOrders(2000) } });
    const orders = fake.spreadsheet.getSheetByName('Commandes')!.getDataRange().getValues();
    const core = predictForAnalysis(
      analyse(orders as Cell[][], { locale: 'fr_FR', timeZone: fake.spreadsheet.getSpreadsheetTimeZone() }),
    );
    expect(core.problem).toBeNull();
    const index = new Map(core.summary.ids.map((id, i) => [id, i]));
    fake.clearCalls();
    const values = asFormula(fake, () => script.CLV(orders)) as Cell[][];
    expect(values[0]).toEqual(['Client', 'Valeur prévue (12 mois)']);
    expect(values).toHaveLength(core.summary.count + 1);
    for (const [id, value] of values.slice(1))
      expect(value).toBeCloseTo(core.predictedValue![index.get(String(id))!] / 1000, 9);
    const someone = values[1][0];
    const alive = asFormula(fake, () => script.P_ALIVE(orders, someone));
    expect(alive).toBeCloseTo(core.probabilityAlive![index.get(String(someone))!], 12);
    const all = asFormula(fake, () => script.RFM_SCORE(orders, someone, '', 'all')) as Cell[][];
    expect(all[0][5]).toBe(alive);
    expect(fake.calls.filter((call) => /^set|^insert|^delete|^add|^clear/.test(call.method))).toEqual([]);

    const small = load();
    const few = small.fake.spreadsheet.getSheetByName('Commandes')!.getDataRange().getValues();
    const reason = clvProblemText(predictForAnalysis(analyse(few as Cell[][], { locale: 'fr_FR' })), 'fr');
    expect(reason).not.toBeNull();
    expect(() => asFormula(small.fake, () => small.script.CLV(few))).toThrow(reason!);
  });
});

/** The settings of the sidebar state, as the model (the wire form carries the same fields). */
function defaultsOf(state: SidebarState) {
  return state.settings as unknown as Parameters<typeof settingsToWire>[0];
}

describe('Apply and the document lock', () => {
  it('works where getDocumentLock() gives null (the script lock serialises the run)', () => {
    const { fake, script } = load();
    fake.execute({ documentLock: false }, () => script.segmentoApply());
    expect(fake.ui.alerts[0]).toMatch(/clients notés/);
    expect(fake.calls.some((call) => call.method === 'getScriptLock')).toBe(true);
  });

  it('behind another run, waits at most 10 s and says so, writing nothing', () => {
    const { fake, script } = load();
    const release = fake.holdDocumentLock();
    const tabs = fake.spreadsheet.getSheets().length;
    script.segmentoApply();
    release();
    expect(fake.ui.alerts[0]).toMatch(/déjà en cours|already running|occupé|en cours/i);
    expect(fake.waitedMs).toBeLessThanOrEqual(10_000);
    expect(fake.spreadsheet.getSheets()).toHaveLength(tabs);
  });
});

describe('the scheduled refresh triggers', () => {
  function withRefreshOn() {
    const loaded = load();
    const state = loaded.script.sidebarState() as SidebarState;
    expect(loaded.script.sidebarApply(state.settings)).toMatchObject({ ok: true });
    expect(loaded.script.sidebarSetRefresh('weekly')).toMatchObject({ ok: true, refresh: 'weekly' });
    return loaded;
  }

  it('a clock run without its document records nothing and ends cleanly', () => {
    const { fake, script } = withRefreshOn();
    const before = fake.spreadsheet.getSheets().map((sheet) => sheet.getName());
    fake.clearCalls();
    expect(() => fake.execute({ activeSpreadsheet: false }, () => script.segmentoRefresh())).not.toThrow();
    expect(fake.calls.filter((call) => call.target !== 'SpreadsheetApp')).toEqual([]);
    expect(fake.spreadsheet.getSheets().map((sheet) => sheet.getName())).toEqual(before);
  });

  it('the open trigger refreshes the document its event carries when due', () => {
    const { fake, script } = withRefreshOn();
    // The history tab records when the latest run ran (its second row lists when each run ran).
    const ranAt = () =>
      (
        JSON.parse(String(fake.sheet('Segmento · Historique').getDataRange().getValues()[1][1])) as string[]
      ).at(-1);
    const firstRun = ranAt();
    // Not due right after a run: nothing happens.
    fake.execute({ activeSpreadsheet: false }, () =>
      script.segmentoRefreshOnOpen({ source: fake.spreadsheet }),
    );
    expect(ranAt()).toBe(firstRun);
    // A week later it is due: the open trigger runs Apply on e.source.
    clock.days = 8;
    try {
      fake.execute({ activeSpreadsheet: false }, () =>
        script.segmentoRefreshOnOpen({ source: fake.spreadsheet }),
      );
    } finally {
      clock.days = 0;
    }
    expect(Date.parse(String(ranAt())) - Date.parse(String(firstRun))).toBeGreaterThan(7 * 86_400_000);
  });
});

describe('formula cells in the orders', () => {
  it('are read as their value, or rejected with their row when they hold an error', () => {
    const rows = shopOrders(200);
    const { fake, script } = load({ sheets: { Commandes: rows } });
    const sheet = fake.spreadsheet.getSheetByName('Commandes')!;
    sheet.getRange('D2').setValues([['=10*2']]);
    sheet.getRange('D3').setValues([['=RECHERCHEV(A3;Prix!A:B;2;0)']]);
    expect(sheet.getRange('D2:D3').getValues()).toEqual([[20], ['#NAME?']]);
    script.segmentoApply();
    const rejects = fake.sheet('Segmento · Rejets').getDataRange().getValues();
    expect(rejects).toContainEqual([3, expect.stringContaining('#NAME?')]);
  });
});
