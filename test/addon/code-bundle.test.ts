/**
 * The built dist/Code.js, loaded as Apps Script loads it: one script in a global scope, no module
 * system, with stand-ins of the Apps Script services as globals.
 */
import { readFileSync } from 'node:fs';
import { createContext, runInContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis';
import { scoreCode } from '../../src/core/scores';
import type { Cell } from '../../src/core/values';
import { readTableFile } from '../../src/local/table-file';
import { dataSet } from '../data-sets';
import { shopOrders } from '../workbook/shop';
import { createFakeAppsScript } from './apps-script-fakes';

const dist = new URL('../../dist/', import.meta.url).pathname;
const code = readFileSync(`${dist}Code.js`, 'utf8');
const manifest = JSON.parse(readFileSync(`${dist}appsscript.json`, 'utf8'));
const CUSTOM_FUNCTIONS = ['RFM_SCORE', 'SEGMENT', 'RFM_SEGMENT', 'SEGMENT_HISTORY', 'CLV', 'P_ALIVE'];

type Script = Record<string, (...args: unknown[]) => unknown>;

function load(options: Parameters<typeof createFakeAppsScript>[0] = {}, userLocale = 'fr') {
  const fake = createFakeAppsScript(options);
  const context = createContext({
    ...fake.globals,
    Session: { getActiveUserLocale: () => userLocale },
    Date,
  });
  runInContext(code, context);
  return { fake, script: context as unknown as Script };
}

describe('dist/Code.js as Apps Script sees it', () => {
  it('declares every entry point as a top-level function', () => {
    for (const name of ['onOpen', 'onInstall', 'segmentoApply', 'segmentoRefresh', ...CUSTOM_FUNCTIONS]) {
      expect(code).toMatch(new RegExp(`^function ${name}\\(`, 'm'));
    }
  });

  it('gives each custom function JSDoc with @customfunction, @param and @return', () => {
    for (const name of CUSTOM_FUNCTIONS) {
      const doc =
        new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*function ${name}\\(`).exec(code)?.[1] ?? '';
      expect(doc, name).toContain('@customfunction');
      expect(doc, name).toContain('@param');
      expect(doc, name).toContain('@return');
    }
  });

  it('asks for the narrowest scopes, on V8', () => {
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.oauthScopes).toEqual([
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/script.scriptapp',
    ]);
    expect(code).not.toMatch(/UrlFetchApp/);
  });

  it('calls no service when the file loads', () => {
    const trap = new Proxy(
      {},
      {
        get(_, property) {
          throw new Error(`service used at load time: ${String(property)}`);
        },
      },
    );
    const context = createContext({
      SpreadsheetApp: trap,
      LockService: trap,
      Charts: trap,
      Session: trap,
      HtmlService: trap,
    });
    expect(() => runInContext(code, context)).not.toThrow();
  });

  it('onOpen builds the add-on menu, in the user language, with actions that exist', () => {
    for (const [locale, caption] of [
      ['fr', 'Appliquer la segmentation'],
      ['en', 'Apply segmentation'],
    ]) {
      const { fake, script } = load({}, locale);
      script.onInstall({ authMode: 'NONE' });
      const entries = fake.ui.menus[0].entries.filter((entry) => 'functionName' in entry);
      expect(entries.map((entry) => entry.caption)).toContain(caption);
      for (const entry of entries) expect(typeof script[entry.functionName]).toBe('function');
    }
  });

  it('Apply from the menu writes the tabs and shows the summary', () => {
    const { fake, script } = load({ sheets: { Commandes: shopOrders(600) } });
    script.segmentoApply();
    expect(fake.ui.alerts[0]).toMatch(/clients notés, \d+ segments, 0 lignes rejetées/);
    const names = fake.spreadsheet.getSheets().map((sheet) => sheet.getName());
    expect(names).toContain('Segmento · Synthèse');
    expect(names).toContain('Segmento · Réglages');
    const champions = fake.sheet('Champions').getDataRange().getValues();
    expect(champions[0][0]).toBe('Client');
    expect(champions.length).toBeGreaterThan(1);
  });
});

const rfmOrders = dataSet('rfm_data_orders.csv');
const retail = dataSet('online_retail.csv.gz');

describe.skipIf(!rfmOrders || !retail)('custom functions in the bundle, on real data', () => {
  it('RFM_SCORE and SEGMENT give the same answers as src/core (rfm package demo orders)', () => {
    const rows = readTableFile(rfmOrders!) as Cell[][];
    const { script } = load({ locale: 'en_US' }, 'en');
    const analysis = analyse(rows, { locale: 'en_US', timeZone: 'Europe/Paris' });
    const table = script.RFM_SCORE(rows) as Cell[][];
    expect(table.length - 1).toBe(995);
    const byCustomer = new Map(table.slice(1).map((row) => [row[0], row]));
    analysis.metrics.ids.forEach((id, i) => {
      const { r, f, m } = analysis.scores;
      expect(byCustomer.get(id)).toEqual([
        id,
        r[i],
        f[i],
        m[i],
        scoreCode(r[i], f[i], m[i]),
        r[i] + f[i] + m[i],
      ]);
    });
    const customers = analysis.metrics.ids.slice(0, 50).map((id) => [id]);
    expect(script.SEGMENT(rows, customers)).toEqual(
      customers.map((_, i) => [analysis.segmentNames[analysis.segment[i]]]),
    );
    expect(script.RFM_SEGMENT(rows, customers)).toEqual(script.SEGMENT(rows, customers));
  });

  it('RFM_SCORE over the 541,909 lines of Online Retail, one customer and a column', () => {
    const rows = readTableFile(retail!) as Cell[][];
    const { script } = load({ locale: 'en_GB', timeZone: 'Europe/London' }, 'en');
    expect(script.RFM_SCORE(rows, '12347')).toBe('555');
    expect(script.RFM_SCORE(rows, [['12346'], ['99999'], ['17850.0']], '', 'all')).toEqual([
      // "all" ends with P(alive) (1 for a one-time buyer) and the 12-month predicted value.
      [1, 1, 1, '111', 3, 1, expect.any(Number)],
      ['', '', '', '', '', '', ''],
      expect.arrayContaining([expect.any(Number)]),
    ]);
    expect(() => script.RFM_SCORE(rows, '12347', '', 'xyz')).toThrow('Unknown part "xyz"');
  });
});
