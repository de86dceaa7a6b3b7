import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataSet } from '../data-sets';

const cli = new URL('../../build/segmento.mjs', import.meta.url).pathname;
const run = (...args: string[]) =>
  spawnSync('node', [cli, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH } });
const retail = dataSet('online_retail.csv.gz');

describe('segmento scores', () => {
  it.skipIf(!retail)('reads online_retail.csv.gz as it is: one CSV row per scored customer, sorted', () => {
    const result = run('scores', retail!, '--locale', 'fr_FR');
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'customer,recency_days,frequency,monetary,r,f,m,code,total,segment,average_basket,first_purchase,last_purchase',
    );
    expect(lines.length - 1).toBe(4_339);
    expect(lines[1]).toBe('12346,325,1,0.00,1,1,1,111,3,Perdus,77183.60,2011-01-18,2011-01-18');
    expect(lines[2]).toBe('12347,2,7,4310.00,5,5,5,555,15,Champions,615.714,2010-12-07,2011-12-07');
    expect(result.stderr).toContain('541909 lignes : 406829 utilisées, 135080 rejetées');
    expect(result.stderr).toContain('135080 × client manquant');
  });

  it.skipIf(!retail)('takes an analysis date, a class count and a preset', () => {
    const result = run(
      'scores',
      retail!,
      '--as-of',
      '2011-06-30',
      '--classes',
      '3',
      '--preset',
      'score15',
      '--locale',
      'en_US',
    );
    expect(result.status).toBe(0);
    const rows = result.stdout
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','));
    expect(new Set(rows.map((row) => row[4]))).toEqual(new Set(['1', '2', '3']));
    expect(new Set(rows.map((row) => row[9]))).toEqual(
      new Set(['VIP', 'To stimulate', 'To retain', 'To reactivate', 'Inactive']),
    );
    expect(result.stderr).toMatch(/as of 2011-06-30; \d+ later orders left out/);
  });

  it('reads a French semicolon CSV with text dates and amounts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'segmento-'));
    const file = join(dir, 'commandes.csv');
    writeFileSync(
      file,
      'Client;Date de commande;Montant TTC\n"Dupont, Anne";17/10/2025;"1 234,56 €"\nB;17 oct. 2025;(12,50)\nB;2025-10-01;20\n;;\nC;bientôt;3\n',
    );
    const result = run('scores', file, '--locale', 'fr_FR');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('"Dupont, Anne",0,1,1234.56');
    expect(result.stdout).toContain('\nB,16,1,7.50');
    expect(result.stderr).toContain('1 × date illisible « … »');
  });

  it('a bad argument or a missing column is one clear line and a non-zero exit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'segmento-'));
    const file = join(dir, 'orders.csv');
    writeFileSync(file, 'Customer,City,Amount\na,Lyon,3\n');
    const missing = run('scores', file, '--locale', 'en_US');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe(
      'segmento: Column "date" not found: add a Date header or give its column with --columns date=N (N from 1).\n',
    );
    const classes = run('scores', file, '--classes', '12');
    expect(classes.status).not.toBe(0);
    expect(run('scores').status).toBe(2);
  });
});
