/**
 * The reliability figures of the README (issue 12, "nothing lost"): the built command
 * (`build/segmento.mjs`, so run `npm run build` first) is killed with SIGKILL at moments spread
 * over a run, run four at a time on one workbook, and run while another program saves the file.
 * `npx vite-node test/bench/reliability.ts` (ROUNDS=30 by default, about two minutes; SEGMENTO_CLI
 * names another build of the command, to compare).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { demoOrdersCsv } from '../../src/local/demo-orders';

const CLI = process.env.SEGMENTO_CLI ?? new URL('../../build/segmento.mjs', import.meta.url).pathname;
const ROUNDS = Number(process.env.ROUNDS ?? 30);
const dir = mkdtempSync(join(tmpdir(), 'segmento-reliability-'));
const orders = join(dir, 'orders.csv');
const out = join(dir, 'shop.xlsx');
writeFileSync(orders, demoOrdersCsv(3_000));

interface Exit {
  code: number | null;
  signal: string | null;
  stderr: string;
  ms: number;
}

function run(asOf: string, killAfterMs?: number): Promise<Exit> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [CLI, 'run', orders, '--out', out, '--as-of', asOf, '--locale', 'en_US'],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  if (killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  return new Promise((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr, ms: performance.now() - started })),
  );
}

async function workbook(): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
  return book;
}

async function historyDates(): Promise<string[]> {
  const history = (await workbook()).getWorksheet('Segmento · History');
  return history ? (history.getRow(1).values as unknown[]).slice(2).map(String) : [];
}

const leftovers = () => readdirSync(dir).filter((name) => !['orders.csv', 'shop.xlsx'].includes(name));
const day = (index: number) => new Date(Date.UTC(2025, 0, 1 + index)).toISOString().slice(0, 10);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function killAnywhere(): Promise<void> {
  await run(day(0));
  for (let k = 1; k <= 10; k++) await run(day(k));
  // A run into a workbook that already holds ten runs, as the killed ones are.
  const durations = [(await run(day(11))).ms, (await run(day(12))).ms, (await run(day(13))).ms];
  const duration = Math.max(...durations);
  let identical = 0;
  let complete = 0;
  let unreadable = 0;
  let takenOver = 0;
  let nextFailed = 0;
  const nextMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const before = readFileSync(out);
    const asOf = day(20 + round);
    await run(asOf, ((round + 0.5) / ROUNDS) * duration * 1.5);
    const after = readFileSync(out);
    try {
      if (after.equals(before)) identical++;
      else if ((await historyDates()).includes(asOf)) complete++;
      else unreadable++;
    } catch {
      unreadable++;
    }
    const next = await run(day(100 + round));
    nextMs.push(next.ms);
    if (next.code !== 0) nextFailed++;
    if (next.stderr.includes('taken over')) takenOver++;
  }
  console.log(
    `kill -9 at ${ROUNDS} moments spread over 1.5 × the longest of 3 runs (${Math.round(duration)} ms, 3,000 customers): ` +
      `${identical} left the workbook byte-identical, ${complete} after the complete new version, ` +
      `${unreadable} anything else; the next run succeeded ${ROUNDS - nextFailed}/${ROUNDS} times ` +
      `(median ${Math.round(median(nextMs))} ms, max ${Math.round(Math.max(...nextMs))} ms), ` +
      `${takenOver} taking over a dead run's lock; files left beside the workbook: ${leftovers().length}.`,
  );
}

async function concurrentRuns(): Promise<void> {
  rmSync(out, { force: true });
  let succeeded = 0;
  let refused = 0;
  let recorded = 0;
  const rounds = Math.max(1, Math.round(ROUNDS / 6));
  for (let round = 0; round < rounds; round++) {
    const dates = [0, 1, 2, 3].map((k) => day(200 + round * 4 + k));
    const exits = await Promise.all(dates.map((asOf) => run(asOf)));
    const history = await historyDates();
    exits.forEach((exit, k) => {
      if (exit.code === 0) {
        succeeded++;
        if (history.includes(dates[k])) recorded++;
      } else refused++;
    });
  }
  console.log(
    `${rounds} × 4 runs started together on one workbook: ${succeeded} exited 0, ${recorded} of them in the ` +
      `history, ${refused} refused; files left: ${leftovers().length}.`,
  );
}

async function personSavesDuringRuns(): Promise<void> {
  rmSync(out, { force: true });
  await run(day(300));
  let saves = 0;
  let stop = false;
  // Another program saving the file as Excel does: a new file renamed over it, without our lock.
  const person = (async () => {
    while (!stop) {
      const book = await workbook();
      book.addWorksheet(`Note ${++saves}`).getCell('A1').value = 'à garder';
      await book.xlsx.writeFile(`${out}.person`);
      renameSync(`${out}.person`, out);
      await new Promise((resolve) => setTimeout(resolve, 400 + Math.random() * 800));
    }
  })();
  const exits: Exit[] = [];
  for (let round = 0; round < Math.max(1, Math.round(ROUNDS / 3)); round++)
    exits.push(await run(day(301 + round)));
  stop = true;
  await person;
  const names = (await workbook()).worksheets.map((sheet) => sheet.name);
  const notes = names.filter((name) => name.startsWith('Note ')).length;
  const history = await historyDates();
  const ok = exits.filter((exit) => exit.code === 0);
  const retried = exits.filter((exit) => exit.stderr.includes('reading and computing again')).length;
  const recorded = exits.filter((exit, k) => exit.code === 0 && history.includes(day(301 + k))).length;
  console.log(
    `${exits.length} runs while another program saved the file ${saves} times (every 0.4 to 1.2 s, ` +
      `without our lock): ${ok.length} exited 0, ${retried} of the runs read and computed again, ` +
      `${exits.length - ok.length} refused after 3 attempts; ${notes}/${saves} of the other program's tabs ` +
      `are in the file; ${recorded} of the ${ok.length} successful runs are still in the history (the ` +
      `other program, which takes no lock, saves its own copy over the others).`,
  );
}

try {
  await killAnywhere();
  await concurrentRuns();
  await personSavesDuringRuns();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
