/**
 * `segmento scores` over the files people actually have (issue 11, « Reading the files people
 * actually have »; issue 12, hostile input): run as the built command, as a user runs it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = new URL('../../dist/segmento.mjs', import.meta.url).pathname;
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
