/**
 * The command line reads a file in chunks of text into a row source, where the custom functions
 * and Apply read a range of values: both must give the same scores, to the byte. The outputs are
 * also pinned to the hashes the command gave before files were read in chunks.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis';
import { runCli, scoresCsv } from '../../src/local/cli';
import { utf8Text } from '../../src/local/text-pieces';
import { dataSet } from '../data-sets';
import { referenceReadTableFile } from './reference-reader';

const retail = dataSet('online_retail.csv.gz');
const cdnow = dataSet('CDNOW_master.txt');

function command(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCli(args, {
    out: (output) => (out += typeof output === 'string' ? output : utf8Text(output)),
    err: (text) => (err += text),
    env: {},
  });
  return { code, out, err };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('segmento scores reads a file as a sheet holds its rows', () => {
  it.skipIf(!retail)('online_retail.csv.gz: the same CSV as the rows read at once, as before', () => {
    const expected = scoresCsv(analyse(referenceReadTableFile(retail!), { locale: 'fr_FR' }));
    const { code, out, err } = command(['scores', retail!, '--locale', 'fr_FR']);
    expect(code).toBe(0);
    expect(err).toContain('541909 lignes : 406829 utilisées, 135080 rejetées');
    expect(out === expected).toBe(true);
    expect(sha256(out)).toBe('de155f758424f190ba710ec5987af93635d242dacb353572ea131c4bad41a8c4');
  });

  it.skipIf(!cdnow)('CDNOW_master.txt: the same CSV as the rows read at once, as before', () => {
    const expected = scoresCsv(
      analyse(referenceReadTableFile(cdnow!), { locale: 'en_US', mapping: { amount: 3, hasHeader: true } }),
    );
    const { code, out } = command(['scores', cdnow!, '--locale', 'en_US', '--columns', 'amount=4']);
    expect(code).toBe(0);
    expect(out.split('\n').length - 2).toBe(23_570);
    expect(out === expected).toBe(true);
    expect(sha256(out)).toBe('49af361955ba37ad8fb9152b0f0ce5faf282a4643a5f80b9d77b5b47694b6410');
  });
});
