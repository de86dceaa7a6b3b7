/**
 * `segmento clv` (issue 14, src/core/README.md, "Predicted value") runs the built command on the CDNOW sample: calibration to
 * 1997-09-30, holdout to 1998-06-30, as Fader, Hardie & Lee 2005 and BTYD's walkthrough do.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { predictCustomerValue } from '../../src/core/clv';
import { summariseForClv } from '../../src/core/clv-summary';
import { dayFromIso } from '../../src/core/days';
import { readOrders } from '../../src/core/orders';
import { readTableFile } from '../../src/local/table-file';
import { dataSet } from '../data-sets';

const cli = new URL('../../build/segmento.mjs', import.meta.url).pathname;
const run = (...args: string[]) =>
  spawnSync('node', [cli, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH } });
const cdnow = dataSet('CDNOW_sample.txt');
const CDNOW_COLUMNS = ['--columns', 'customer=2,date=3,amount=5'];
const HOLDOUT = ['--as-of', '1997-09-30', '--holdout-end', '1998-06-30'];

/** The CSV rows as arrays of fields, without the header. */
function rows(stdout: string): string[][] {
  return stdout
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));
}

/** The holdout table's group sizes: the second column of the lines from "0" to "7+". */
function groupSizes(stderr: string): number[] {
  return stderr
    .split('\n')
    .filter((line) => /^[0-7]\+?\s/.test(line))
    .map((line) =>
      Number(
        line
          .trim()
          .split(/\s{2,}/)[1]
          .replace(/[^\d]/g, ''),
      ),
    );
}

describe.skipIf(!cdnow)('segmento clv on the CDNOW sample', () => {
  it('prints the published parameters, the holdout table (1411/439/214/100/62/38/29/64) and one CSV row per customer, in English', () => {
    const result = run('clv', cdnow!, ...CDNOW_COLUMNS, ...HOLDOUT, '--locale', 'en_US');
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'customer,repeat_purchase_days,first_to_last_purchase_days,first_purchase_to_as_of_days,p_alive,expected_purchases_12_months,expected_spend_per_purchase_day,predicted_value_12_months',
    );
    expect(lines.length - 1).toBe(2357);
    expect(result.stderr).toMatch(
      /Purchase model \(BG\/NBD\): r = 0\.242\d, α = 4\.41\d\d weeks, a = 0\.79\d\d, b = 2\.42\d\d/,
    );
    expect(result.stderr).toContain('log-likelihood -9,582.43; 2,357 customers, 946 of them bought again');
    expect(result.stderr).toContain(
      'Spend model (Gamma-Gamma): p = 6.25, q = 3.74, γ = 15.44; 946 customers',
    );
    expect(result.stderr).toContain(
      'Forecast as of 1997-09-30 over 12 months (52.18 weeks), not discounted.',
    );
    expect(result.stderr).toContain('Holdout check, 1997-10-01 to 1998-06-30 (273 days)');
    expect(groupSizes(result.stderr)).toEqual([1411, 439, 214, 100, 62, 38, 29, 64]);
    expect(result.stderr).not.toContain('Predictions left empty');
  });

  it('the CSV holds src/core’s numbers for every customer (P(alive) and purchases to 4 decimals, money to the cent)', () => {
    const result = run('clv', cdnow!, ...CDNOW_COLUMNS, '--as-of', '1997-09-30', '--locale', 'en_US');
    expect(result.status).toBe(0);
    const book = readOrders(readTableFile(cdnow!), {
      locale: 'en_US',
      mapping: { customer: 1, date: 2, amount: 4, hasHeader: false },
    });
    const prediction = predictCustomerValue(summariseForClv(book, dayFromIso('1997-09-30')!));
    const byId = new Map(prediction.summary.ids.map((id, i) => [id, i]));
    const printed = rows(result.stdout);
    expect(printed).toHaveLength(prediction.summary.count);
    for (const [id, x, , , alive, purchases, spend, value] of printed) {
      const i = byId.get(id)!;
      expect(Number(x)).toBe(prediction.summary.repeatDays[i]);
      expect(Number(alive)).toBeCloseTo(prediction.probabilityAlive![i], 4);
      expect(Number(purchases)).toBeCloseTo(prediction.expectedPurchases![i], 4);
      expect(Number(spend)).toBeCloseTo(prediction.expectedSpend![i] / 1000, 2);
      expect(Number(value)).toBeCloseTo(prediction.predictedValue![i] / 1000, 2);
    }
    expect(printed[0].slice(0, 4)).toEqual(['0001', '2', '213', '272']);
  });

  it('in French: the same figures in French words and numbers; --months and --discount name the horizon (customer 0001: 36.28 over 12 months at 1 %)', () => {
    const result = run('clv', cdnow!, ...CDNOW_COLUMNS, ...HOLDOUT, '--locale', 'fr_FR');
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/Modèle d’achats \(BG\/NBD\) : r = 0,242\d, α = 4,41\d\d semaines/);
    expect(result.stderr).toMatch(/log-vraisemblance -9\s582,43 ; 2\s357 clients, dont 946 ayant racheté/);
    expect(result.stderr).toContain('Modèle de panier (Gamma-Gamma) : p = 6,25, q = 3,74, γ = 15,44');
    expect(result.stderr).toContain(
      'Prévision au 1997-09-30 sur 12 mois (52,18 semaines), sans actualisation.',
    );
    expect(result.stderr).toContain(
      'Contrôle sur la période suivante, du 1997-10-01 au 1998-06-30 (273 jours)',
    );
    expect(groupSizes(result.stderr)).toEqual([1411, 439, 214, 100, 62, 38, 29, 64]);

    const discounted = run('clv', cdnow!, ...CDNOW_COLUMNS, '--as-of', '1997-09-30', '--discount', '0,01');
    expect(discounted.status).toBe(0);
    expect(discounted.stderr).toContain('discounted at 1.00 % a month');
    const first = rows(discounted.stdout)[0];
    expect(Math.abs(Number(first[7]) - 36.28)).toBeLessThanOrEqual(0.1);

    const six = run('clv', cdnow!, ...CDNOW_COLUMNS, '--as-of', '1997-09-30', '--months', '6');
    expect(six.stdout.split('\n')[0]).toContain('expected_purchases_6_months');
    expect(six.stdout.split('\n')[0]).toContain('predicted_value_6_months');
  });
});

describe('segmento clv on a small shop and bad arguments', () => {
  const dir = mkdtempSync(join(tmpdir(), 'segmento-clv-'));
  const file = join(dir, 'orders.csv');
  writeFileSync(
    file,
    'Customer,Date,Amount\n=HYPERLINK("x"),2025-01-02,10\nb,2025-01-03,20\nb,2025-02-03,30\n',
  );

  it('a fit that cannot be trusted leaves the columns empty and says why in words, in both languages', () => {
    const english = run('clv', file, '--locale', 'en_US');
    expect(english.status).toBe(0);
    expect(english.stderr).toContain(
      'Predictions left empty: No forecast: only 1 customers bought again on another day (at least 30 are needed).',
    );
    expect(rows(english.stdout)).toEqual([
      ['\'=HYPERLINK("x")', '0', '0', '32', '', '', '', ''].map((field, i) =>
        i === 0 ? `"'=HYPERLINK(""x"")"` : field,
      ),
      ['b', '1', '31', '31', '', '', '', ''],
    ]);
    const french = run('clv', file, '--locale', 'fr_FR');
    expect(french.stderr).toContain(
      'Prévisions laissées vides : Prévision impossible : seuls 1 clients ont racheté',
    );
    expect(run('clv', file, '--raw').stdout).toContain('\n"=HYPERLINK(""x"")",0,0,32');
  });

  it('a bad horizon, rate or holdout date is one clear line and exit code 2', () => {
    const months = run('clv', file, '--months', '0', '--locale', 'en_US');
    expect(months.status).toBe(2);
    expect(months.stderr).toBe(
      'segmento: --months: "0" is not a number of months (a positive number, at most 1200, for example 12).\n',
    );
    const discount = run('clv', file, '--discount', 'abc');
    expect(discount.status).toBe(2);
    expect(discount.stderr).toContain('--discount: "abc" is not a monthly discount rate');
    // Said in the language of --locale, even on a line that is wrong.
    const french = run('clv', file, '--discount', 'abc', '--locale', 'fr_FR');
    expect(french.stderr).toContain('--discount : « abc » n’est pas un taux d’actualisation mensuel');
    expect(run('scores', file, '--classes', '12', '--locale', 'fr_FR').stderr).toContain(
      '--classes : « 12 » n’est pas un nombre de classes',
    );
    const holdout = run('clv', file, '--holdout-end', '2025-03-01', '--locale', 'en_US');
    expect(holdout.status).toBe(2);
    expect(holdout.stderr).toContain('the holdout period follows the analysis date; give --as-of');
    expect(run('clv', file, '--holdout-end', 'soon', '--as-of', '2025-01-31').status).toBe(2);
    expect(run('clv', file, '--month', '3', '--locale', 'en_US').stderr).toContain('Did you mean --months?');
    const workbook = run('clv', join(dir, 'orders.xlsx'), '--locale', 'en_US');
    expect(workbook.status).toBe(2);
    expect(workbook.stderr).toContain('"segmento clv" reads a CSV or text file: export the orders tab');
  });
});
