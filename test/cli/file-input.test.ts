/**
 * `segmento scores` over the files people actually have (issue 11, « Reading the files people
 * actually have »; issue 12, hostile input): run as the built command, as a user runs it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = new URL('../../build/segmento.mjs', import.meta.url).pathname;
export const runSegmento = (...args: string[]) =>
  spawnSync('node', [cli, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH } });
export const tempFile = (name: string, content: string | Buffer) => {
  const path = join(mkdtempSync(join(tmpdir(), 'segmento-cli-')), name);
  writeFileSync(path, content);
  return path;
};

describe('segmento scores decodes a file by detection', () => {
  const text = 'Client;Date de commande;Montant TTC\nHélène;17/10/2025;1 234,56 €\nZoë;18/10/2025;12,50 €\n';

  it('a Windows-1252 export of Excel (é, € one byte each) reads right: no unreadable amount, no 1970', () => {
    const file = tempFile('commandes.csv', Buffer.from(text.replace(/€/g, '\x80'), 'latin1'));
    const result = runSegmento('scores', file, '--locale', 'fr_FR');
    expect(result.stderr).not.toContain('illisible');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('\nHélène,1,1,1234.56,');
    expect(result.stdout).toContain('\nZoë,0,1,12.50,');
    expect(result.stderr).toContain('2 clients notés au 2025-10-18');
  });

  it('a UTF-16 export (Excel « Texte Unicode ») reads right', () => {
    const file = tempFile('commandes.csv', Buffer.from(`\uFEFF${text}`, 'utf16le'));
    const result = runSegmento('scores', file, '--locale', 'fr_FR');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('\nHélène,1,1,1234.56,');
    expect(result.stderr).toContain('2 clients notés au 2025-10-18');
  });
});

describe('segmento scores neutralises cells a spreadsheet would run as formulas (CSV injection)', () => {
  const file = () =>
    tempFile(
      'orders.csv',
      [
        'Customer,Date,Amount',
        `"+cmd|' /C calc'!A0",2025-01-02,10`,
        '"=HYPERLINK(""http://evil.example"",""click"")",2025-01-03,20',
        '"\t=1+1",2025-01-04,30',
        '@SUM(A1),2025-01-05,40',
        '-2+3,2025-01-06,50',
        'plain,2025-01-07,5',
      ].join('\n'),
    );
  const ids = (stdout: string) =>
    stdout
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => line.slice(0, line.search(/,\d+,\d+,-?\d+\.\d+,/)));

  it("by default a ' goes before = + - @ tab and carriage return; numbers are left as they are", () => {
    const result = runSegmento('scores', file(), '--locale', 'en_US');
    expect(result.status).toBe(0);
    expect(ids(result.stdout).sort()).toEqual(
      [
        `'+cmd|' /C calc'!A0`,
        `"'=HYPERLINK(""http://evil.example"",""click"")"`,
        `'\t=1+1`,
        `'@SUM(A1)`,
        `'-2+3`,
        'plain',
      ].sort(),
    );
    expect(result.stdout).toContain('\nplain,0,1,5.00,');
  });

  it('--raw prints them as they are, and a leading tab is never trimmed into a formula', () => {
    const result = runSegmento('scores', file(), '--locale', 'en_US', '--raw');
    expect(result.status).toBe(0);
    expect(ids(result.stdout)).toContain('\t=1+1');
    expect(ids(result.stdout)).toContain(`+cmd|' /C calc'!A0`);
    expect(ids(result.stdout)).not.toContain('=1+1');
  });
});

describe('segmento scores refuses amounts it cannot hold exactly', () => {
  it('a 400-digit amount is a rejected row; no Infinity or NaN is printed', () => {
    const result = runSegmento(
      'scores',
      tempFile('orders.csv', `Customer,Date,Amount\na,2025-01-02,${'9'.repeat(400)}\nb,2025-01-03,12.5\n`),
      '--locale',
      'en_US',
    );
    expect(result.status).toBe(0);
    expect(result.stdout).not.toMatch(/Infinity|NaN/);
    expect(result.stderr).toContain('1 × unreadable amount "…"');
  });
});

describe('segmento scores decides day first or month first per date column, and says which', () => {
  it('under en_US, 05/06/2024 beside 27/08/2024 is 5 June, and the summary names the deciding row', () => {
    const file = tempFile('orders.csv', 'Customer,Date,Amount\na,05/06/2024,1\nb,27/08/2024,2\n');
    const result = runSegmento('scores', file, '--locale', 'en_US');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('\na,83,1,1.00,');
    expect(result.stderr).toContain(
      'Dates read day first (DD/MM/YYYY): row 3 "27/08/2024" reads only in that order.',
    );
  });

  it('both orders in one column is an input error (exit 1) naming a row of each', () => {
    const file = tempFile('orders.csv', 'Customer,Date,Amount\na,27/08/2024,1\nb,08/27/2024,2\n');
    const result = runSegmento('scores', file, '--locale', 'en_US');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/row 2 "27\/08\/2024" reads day first, row 3 "08\/27\/2024" month first/);
  });
});

describe('segmento scores warns about far-out dates', () => {
  it('a 9999-12-31 order is listed with its row on stderr; the scores still come', () => {
    const file = tempFile(
      'orders.csv',
      'Customer,Date,Amount\na,2024-01-02,10\nb,2024-03-05,10\nc,9999-12-31,5\nd,2024-06-01,3\n',
    );
    const result = runSegmento('scores', file, '--locale', 'fr_FR');
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('lignes 4 (9999-12-31)');
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(5);
  });
});
