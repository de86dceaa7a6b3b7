/**
 * `segmento run` and `segmento demo` run in a worker thread given a larger young generation
 * (src/local/main.ts): what they print, their failures and their exit codes are the process's, as
 * when they ran on the main thread.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../src/local/messages';

const cli = new URL('../../build/segmento.mjs', import.meta.url).pathname;
const env = { PATH: process.env.PATH, LANG: 'fr_FR.UTF-8' };
const ORDERS = 'Client,Date,Montant\na,2024-01-02,10\nb,2024-03-05,20\na,2024-04-05,30\n';

function ordersFile(): { dir: string; orders: string } {
  const dir = mkdtempSync(join(tmpdir(), 'segmento-thread-'));
  const orders = join(dir, 'commandes.csv');
  writeFileSync(orders, ORDERS);
  return { dir, orders };
}

describe('the workbook commands in their thread', () => {
  it('print the summary on stdout and exit 0', () => {
    const { dir, orders } = ordersFile();
    const out = join(dir, 'segments.xlsx');
    const run = spawnSync('node', [cli, 'run', orders, '--out', out], { encoding: 'utf8', env });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Segment');
    expect(run.stdout).toContain('Total');
    expect(existsSync(out)).toBe(true);
  });

  it('say a failure found while the command runs in the user language, with its exit code', () => {
    const { dir, orders } = ordersFile();
    const run = spawnSync(
      'node',
      [cli, 'run', orders, '--out', join(dir, 'o.xlsx'), '--as-of', '2020-01-01'],
      {
        encoding: 'utf8',
        env,
      },
    );
    expect(run.status).toBe(EXIT_CODES.input);
    expect(run.stderr).toMatch(/^segmento: .*2020-01-01/);
    expect(run.stderr).not.toMatch(/Error:|at .*\.mjs/);
  });

  it('stop quietly, exit 0, when the reader of their output is gone', async () => {
    const { dir } = ordersFile();
    const child = spawn('node', [cli, 'demo'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    // `segmento demo | true`: the reader is gone before the first line is written.
    child.stdout.destroy();
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });
});
