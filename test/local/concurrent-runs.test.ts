/**
 * Issue 12, "nothing lost", with real processes of the built command (`build/segmento.mjs`): runs
 * started together on one workbook all end up in its history (or say clearly that they could not
 * run), and a run killed with SIGKILL while it holds the lock blocks no one.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoOrdersCsv } from '../../src/local/demo-orders';
import { FileLock } from '../../src/local/workbook-file';

const CLI = new URL('../../build/segmento.mjs', import.meta.url).pathname;

let dir: string;
let orders: string;
let out: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'segmento-runs-'));
  orders = join(dir, 'orders.csv');
  out = join(dir, 'shop.xlsx');
  writeFileSync(orders, demoOrdersCsv(1_000));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/** The analysis dates recorded in the workbook's history tab, in order. */
async function historyDates(): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(out);
  const history = workbook.getWorksheet('Segmento · History');
  if (!history) throw new Error('no history tab');
  return JSON.parse(String(history.getCell('B1').value)) as string[];
}

describe('concurrent runs on one workbook', { timeout: 60_000 }, () => {
  it('four runs started together each end up in the history, or exit non-zero saying who holds the lock', async () => {
    const dates = ['2026-03-31', '2026-05-31', '2026-07-31', '2026-09-30'];
    const results = await Promise.all(
      dates.map((asOf) => run(['run', orders, '--out', out, '--as-of', asOf, '--locale', 'en_US'])),
    );
    const recorded = await historyDates();
    results.forEach(({ code, stderr }, index) => {
      if (code === 0) expect(recorded).toContain(dates[index]);
      else expect(stderr).toMatch(/is busy with another Segmento run \(process \d+ on /);
    });
    expect(results.filter(({ code }) => code === 0).length).toBeGreaterThan(0);
    expect(readdirSync(dir).sort()).toEqual(['orders.csv', 'shop.xlsx']);
  });
});

describe('a run killed with SIGKILL', { timeout: 60_000 }, () => {
  it('while it holds the lock leaves the workbook readable and blocks no later run', async () => {
    expect(
      (await run(['run', orders, '--out', out, '--as-of', '2026-03-31', '--locale', 'en_US'])).code,
    ).toBe(0);
    // Kill a second run as soon as its lock file appears (polling the file system, not a clock).
    for (let attempt = 0; attempt < 20; attempt++) {
      const child = spawn(process.execPath, [CLI, 'run', orders, '--out', out, '--as-of', '2026-05-31'], {
        stdio: 'ignore',
      });
      const exited = new Promise((resolve) => child.on('exit', resolve));
      let killed = false;
      while (child.exitCode === null && child.signalCode === null) {
        if (existsSync(`${out}.lock`)) {
          killed = child.kill('SIGKILL');
          break;
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
      await exited;
      if (killed) break;
    }
    expect(existsSync(`${out}.lock`)).toBe(true);
    const after = spawnSync(
      process.execPath,
      [CLI, 'run', orders, '--out', out, '--as-of', '2026-07-31', '--locale', 'en_US'],
      {
        encoding: 'utf8',
      },
    );
    expect(after.stderr).toContain('which no longer exists: taken over');
    expect(after.status).toBe(0);
    expect(await historyDates()).toEqual(expect.arrayContaining(['2026-03-31', '2026-07-31']));
    expect(readdirSync(dir).sort()).toEqual(['orders.csv', 'shop.xlsx']);
  });
});

describe('an order file that cannot be read', { timeout: 60_000 }, () => {
  it('is said at once, alone, while another process holds the workbook, which it leaves alone (no 120 s wait)', async () => {
    const lock = new FileLock(out, 'en', () => {});
    expect(lock.tryTake()).toBe(true);
    try {
      const bad = join(dir, 'bad.csv');
      writeFileSync(bad, 'customer,date,amount\n"C1,2025-01-01,10\n');
      const { code, stderr } = await run(['run', bad, '--out', out, '--locale', 'en_US']);
      expect(code).toBe(1);
      expect(stderr).toContain('the quote opened on line 2 is never closed');
      // Nor is a wait said: it was given up before it was long enough to be.
      expect(stderr).not.toContain('busy');
      expect(existsSync(`${out}.lock`)).toBe(true);
    } finally {
      lock.release();
    }
  });
});
