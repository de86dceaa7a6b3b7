import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runWorkbookCommand } from '../../src/local/workbook-command';

describe('segmento run shows its progress bar only on a terminal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'segmento-progress-'));
  const orders = join(dir, 'orders.csv');
  const rows = Array.from(
    { length: 100_001 },
    (_, index) => `c${index % 500},2024-01-${String((index % 28) + 1).padStart(2, '0')},${index % 97}`,
  );
  writeFileSync(orders, `Customer,Date,Amount\n${rows.join('\n')}\n`);

  const run = async (interactive: boolean) => {
    const err: string[] = [];
    const code = await runWorkbookCommand(
      ['run', orders, '--out', join(dir, `out-${interactive}.xlsx`), '--locale', 'en_US'],
      {
        out: () => undefined,
        err: (text) => err.push(text),
        interactive,
        locale: 'en_US',
        demoOrders: orders,
      },
    );
    return { code, err: err.join('') };
  };

  it('stderr not a terminal (a pipe, a log file): no bar over 100,000 rows', async () => {
    const { code, err } = await run(false);
    expect(code).toBe(0);
    expect(err).not.toContain('[#');
  }, 60_000);

  it('stderr a terminal: the bar is drawn in place', async () => {
    const { code, err } = await run(true);
    expect(code).toBe(0);
    expect(err).toContain('\r[#');
  }, 60_000);
});
