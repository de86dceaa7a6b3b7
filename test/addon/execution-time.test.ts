/**
 * Apps Script's time limit: an execution runs at most 6 minutes ("Script runtime: 6 min /
 * execution", https://developers.google.com/apps-script/guides/services/quotas) and is then stopped
 * dead, half written. Apply estimates its writes (src/workbook/time-budget.ts) and, before its first
 * write, checks that they fit in what is left of the execution; if not, it writes nothing.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sheetsPort } from '../../src/addon/sheets-port';
import { dayFromIso } from '../../src/core/days';
import { applySegmentation } from '../../src/workbook/apply';
import { MARGIN_SECONDS } from '../../src/workbook/time-budget';
import { shopOrders } from '../workbook/shop';
import { createFakeAppsScript, type FakeAppsScript } from './apps-script-fakes';
import { loadBundle } from './bundle-sandbox';

const orders = shopOrders(1200);
const today = dayFromIso('2026-01-15')!;
const WRITES = /^(insert|set|delete|add)/;

/** A spreadsheet whose execution has already run `spentSeconds` when Apply checks its time (a slow read, say). */
function spentBeforeApply(fake: FakeAppsScript, spentSeconds: number) {
  const start = Date.now();
  const port = sheetsPort(fake.spreadsheet, fake);
  vi.spyOn(Date, 'now').mockReturnValue(start + spentSeconds * 1000);
  fake.clearCalls();
  return applySegmentation(port, { today });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Apply within the 6 minutes of an Apps Script execution', () => {
  it('writes when its writes fit in what is left of the execution', () => {
    const fake = createFakeAppsScript({ sheets: { Commandes: orders } });
    expect(spentBeforeApply(fake, 0).ok).toBe(true);
    expect(fake.spreadsheet.getSheets().map((sheet) => sheet.getName())).toContain('Segmento · Synthèse');
  });

  it('when they would not fit: writes nothing and says the estimate, the limit and what to do, in French and English', () => {
    for (const [locale, words] of [
      ['fr_FR', /360 secondes.*rien n’a été écrit.*300 déjà passées.*`segmento run`.*BigQuery/is],
      ['en_US', /360 seconds.*nothing was written.*300 already spent.*`segmento run`.*BigQuery/is],
    ] as const) {
      const fake = createFakeAppsScript({ locale, sheets: { Commandes: orders } });
      const result = spentBeforeApply(fake, 300);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.message).toMatch(words);
      // The total is the time spent, the writes' estimate and the margin, over the 360 seconds.
      const [needed, total] = [
        /(\d+) (?:secondes après|seconds after)/,
        /(\d+) (?:secondes avec|seconds with)/,
      ].map((pattern) => Number(pattern.exec(result.message)?.[1]));
      expect(needed).toBeGreaterThan(360 - 300 - MARGIN_SECONDS);
      expect(total).toBeGreaterThanOrEqual(300 + needed + MARGIN_SECONDS - 1);
      expect(total).toBeGreaterThan(360);
      expect(fake.calls.filter((call) => WRITES.test(call.method))).toEqual([]);
      expect(fake.spreadsheet.getSheets().map((sheet) => sheet.getName())).toEqual(['Commandes']);
    }
  });

  it('the Sheets port counts the execution’s time from its making, against 360 seconds', () => {
    const fake = createFakeAppsScript();
    const start = Date.now();
    const port = sheetsPort(fake.spreadsheet, fake);
    vi.spyOn(Date, 'now').mockReturnValue(start + 12_500);
    const time = port.executionTime()!;
    expect(time.maxSeconds).toBe(360);
    expect(time.usedSeconds).toBeGreaterThan(12);
    expect(time.usedSeconds).toBeLessThanOrEqual(12.5);
  });

  it('the stand-in stops an execution past 6 minutes, as Apps Script does; the next execution has its own 6 minutes', () => {
    const fake = createFakeAppsScript({ sheets: { Commandes: orders } });
    const start = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(start + 361_000);
    expect(() => fake.spreadsheet.getSheetByName('Commandes')).toThrow('Exceeded maximum execution time');
    expect(fake.execute({}, () => fake.spreadsheet.getSheetByName('Commandes')?.getName())).toBe('Commandes');
  });
});

describe('dist/Code.js: Apply from the menu late in its execution', () => {
  it('refuses before any write, and the dialog says why', () => {
    // The script's clock: the port is made at the start of the execution (its first reading of
    // Date.now), then the execution has run 340 seconds by the time Apply checks.
    let readings = 0;
    const ScriptDate = new Proxy(Date, {
      get: (RealDate, name) =>
        name === 'now'
          ? () => RealDate.now() + (readings++ === 0 ? 0 : 340_000)
          : Reflect.get(RealDate, name),
    });
    const { fake, script } = loadBundle({ sheets: { Commandes: orders } }, { Date: ScriptDate });
    fake.clearCalls();
    script.segmentoApply();
    expect(fake.ui.alerts[0]).toMatch(/rien n’a été écrit.*34\d déjà passées.*`segmento run`/s);
    expect(fake.calls.filter((call) => WRITES.test(call.method))).toEqual([]);
    expect(fake.spreadsheet.getSheets().map((sheet) => sheet.getName())).toEqual(['Commandes']);
  });
});
