/**
 * `npm run bench`: how fast Segmento is at every size (issue 7). For each case it prints the
 * median of several runs, rows per second and peak memory, with the machine's details:
 *
 * - core: `analyse` on in-memory values as Sheets gives them (Date objects, numbers, strings), the
 *   path of a custom function and of Apply, at 100k, 1M and 5M rows;
 * - RFM_SCORE: the custom function as Sheets calls it, on 500k rows;
 * - cli: the whole `segmento scores FILE` process on a CSV file, at about 1M and 5M rows, its peak
 *   memory read with `/usr/bin/time -v` (or from the process itself when that is missing);
 * - apply: the number of workbook-port calls of Apply at 1k, 100k and 1M rows;
 * - sheets time (issue 17): Apply's time in Sheets against the 6-minute limit, estimated at 100k,
 *   500k and 1M rows (sheets-time.ts);
 * - predicted value (issue 14): the history summary, both fits and every customer's predictions on
 *   CDNOW ×14 (`benchClv`, the orders read before timing), and the CLV custom function returning
 *   the whole table for about 50,000 customers;
 * - versus DuckDB (issue 17): the whole `segmento scores` process against a DuckDB process
 *   computing the same figures, alternating runs (versus-duckdb.ts; `BENCH_ONLY=versus`);
 * - run (issue 17): `segmento run` into a new .xlsx workbook and into one holding 24 earlier runs,
 *   their runs alternating, and the ratio of the two; the ×70 refusal (run-workbook.ts);
 * - each at two shapes: CDNOW (many customers, one row per purchase) and Online Retail (few
 *   customers, many lines per order), repeated with shifted ids and dates (see data.ts);
 * - and the doubling ratio, time at 2N / time at N, which stays at or under 2 when nothing is
 *   quadratic.
 *
 * Each run of a case is a process of its own, as a fresh call would be (cold, its peak memory its
 * own): the in-memory values are built, collected once, then timed through one call.
 * `BENCH_QUICK=1` runs a small subset; `BENCH_ONLY=text` runs the cases whose name contains it.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import os from 'node:os';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { analyse } from '../../src/core/analysis';
import type { ColumnMapping } from '../../src/core/columns';
import { dayFromIso } from '../../src/core/days';
import type { Cell } from '../../src/core/values';
import { clv, rfmScore, type FunctionContext } from '../../src/workbook/custom-functions';
import { defaultSettings } from '../../src/workbook/settings-model';
import { benchClv } from './clv';
import { countingApply } from './counting-port';
import { HISTORY_RUNS, runWorkbookArgs, workbookWithHistory } from './run-workbook';
import { csvFile, forgetSources, ROOT, sheetValues, sourceRows, type Shape } from './data';
import { childSheetsTime, SHEETS_TIME_LEGEND, sheetsTimeCases } from './sheets-time';
import { sqlQueryNote, sqlRunArguments } from './sql';
import { versusDuckdb } from './versus-duckdb';

const QUICK = process.env.BENCH_QUICK === '1';
const ONLY = process.env.BENCH_ONLY ?? '';
const CLI = `${ROOT}/build/segmento.mjs`;
const TIME = '/usr/bin/time';
const SELF = fileURLToPath(import.meta.url);
/** The spreadsheet of the in-memory cases: a French user's. */
const LOCALE = 'fr_FR';
const TIME_ZONE = 'Europe/Paris';
const MIB = 1024 * 1024;

/** The columns a user maps in the sidebar: CDNOW's `dollar_value` header names no amount. */
function mappingOf(shape: Shape): ColumnMapping | undefined {
  return shape === 'cdnow' ? { amount: 3, hasHeader: true } : undefined;
}

/** The spreadsheet Apply runs over in the bench. */
const spreadsheetOf = (shape: Shape) => ({ locale: LOCALE, timeZone: TIME_ZONE, mapping: mappingOf(shape) });

export interface Measure {
  /** Seconds of each run. */
  times: number[];
  /** Seconds of each run spent in full (mark-compact) garbage collections, for in-memory cases. */
  majorGc?: number[];
  /** CPU seconds of each run (user + system, every thread), where measured. */
  cpu?: number[];
  rows: number;
  customers: number;
  peakRssMib: number;
  /** Resident memory before the run, once the input values are built (in-memory cases). */
  inputRssMib?: number;
  note?: string;
}

// ---------------------------------------------------------------------------------------------
// Child side: one case, reported as one JSON line on stdout.

function settle(): number {
  forgetSources();
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss / MIB;
}

/**
 * Runs `run` once and reports its seconds, with the seconds spent in full garbage collections
 * (V8 marks the whole heap then, the input values included).
 */
async function measureRun(rows: number, run: () => { customers: number; note?: string }): Promise<void> {
  const collections: { start: number; end: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR)
        collections.push({ start: entry.startTime, end: entry.startTime + entry.duration });
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const inputRssMib = settle();
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const result = run();
  const windows = [{ start, end: performance.now() }];
  const cpu = process.cpuUsage(cpuStart);
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  const inside = ({ start, end }: { start: number; end: number }) =>
    collections
      .filter((gc) => gc.start >= start && gc.start < end)
      .reduce((sum, gc) => sum + Math.min(gc.end, end) - gc.start, 0) / 1000;
  const measure: Measure = {
    times: windows.map(({ start, end }) => (end - start) / 1000),
    majorGc: windows.map(inside),
    cpu: [(cpu.user + cpu.system) / 1e6],
    rows,
    customers: result.customers,
    peakRssMib: process.resourceUsage().maxRSS / 1024,
    inputRssMib,
    note: result.note,
  };
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(measure)}\n`);
}

function childCore(shape: Shape, rows: number): Promise<void> {
  const values = sheetValues(shape, rows);
  const settings = { locale: LOCALE, timeZone: TIME_ZONE, mapping: mappingOf(shape) };
  return measureRun(rows, () => ({ customers: analyse(values, settings).metrics.count }));
}

function functionContext(shape: Shape): FunctionContext {
  const settings = defaultSettings('fr');
  settings.mapping = mappingOf(shape) ?? {};
  return {
    locale: LOCALE,
    timeZone: TIME_ZONE,
    lang: 'fr',
    today: dayFromIso('2026-01-15')!,
    settings: () => ({ settings }),
    history: () => [],
  };
}

function childRfmScore(shape: Shape, rows: number): Promise<void> {
  const values = sheetValues(shape, rows);
  const context = functionContext(shape);
  return measureRun(rows, () => ({ customers: (rfmScore(context, values) as Cell[][]).length - 1 }));
}

function childApply(shape: Shape, rows: number): Promise<void> {
  const values = sheetValues(shape, rows);
  return measureRun(rows, () => {
    const { counting, result } = countingApply(values, spreadsheetOf(shape));
    if (!result.ok) throw new Error(result.message);
    const total = [...counting.calls.values()].reduce((sum, count) => sum + count, 0);
    const byMethod = [...counting.calls]
      .sort((a, b) => b[1] - a[1])
      .map(([method, count]) => `${method} ${count}`)
      .join(', ');
    const cells = counting.cellsWritten.toLocaleString('en-US');
    return {
      customers: result.summary.customers,
      note: `${total} port calls (${byMethod}); ${cells} cells written`,
    };
  });
}

/** `benchClv`: its own timing of the summary and the predictions (the orders are read before). */
function childClv(copies: number): Promise<void> {
  const bench = benchClv(copies);
  const { seconds } = bench;
  const measure: Measure = {
    times: [seconds.total],
    rows: bench.rows,
    customers: bench.customers,
    peakRssMib: process.resourceUsage().maxRSS / 1024,
    note:
      `${bench.histories.toLocaleString('en-US')} distinct histories; ${bench.trusted ? 'trusted' : 'NOT TRUSTED'}; ` +
      `summary ${seconds.summary.toFixed(3)} s, BG/NBD fit ${seconds.bgNbdFit.toFixed(3)} s, ` +
      `Gamma-Gamma fit ${seconds.gammaGammaFit.toFixed(3)} s, fits + predictions ${seconds.predictCustomerValue.toFixed(3)} s`,
  };
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(measure)}\n`);
  return Promise.resolve();
}

function childClvFunction(shape: Shape, rows: number): Promise<void> {
  const values = sheetValues(shape, rows);
  const context = functionContext(shape);
  return measureRun(rows, () => ({ customers: (clv(context, values) as Cell[][]).length - 1 }));
}

function child(kind: string, shape: Shape, rows: number): Promise<void> {
  if (kind === 'clv') return childClv(rows);
  if (kind === 'clvfn') return childClvFunction(shape, rows);
  if (kind === 'core') return childCore(shape, rows);
  if (kind === 'rfm') return childRfmScore(shape, rows);
  if (kind === 'apply') return childApply(shape, rows);
  if (kind === 'sheets') return childSheetsTime(shape, rows, spreadsheetOf(shape));
  throw new Error(`unknown bench case ${kind}`);
}

// ---------------------------------------------------------------------------------------------
// Parent side: the cases, the table, the ratios.

export interface Case {
  name: string;
  kind: 'core' | 'rfm' | 'cli' | 'sql' | 'apply' | 'clv' | 'clvfn' | 'run' | 'runHistory' | 'sheets';
  shape: Shape;
  /** Rows for in-memory cases; copies of the data set for the command line. */
  size: number;
  runs: number;
  /** Seconds not to exceed, and MiB of peak memory not to exceed. */
  target?: { seconds?: number; mib?: number };
  /** The exit code a command-line case ends with (0 when not given): a refusal is a result too. */
  exitCode?: number;
  /** The case at half the rows, for the doubling ratio. */
  half?: string;
  /** The case just before, whose runs alternate with this one's (for the ratio of the two). */
  alternatesWith?: string;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Each run of an in-memory case in a process of its own, as a fresh call: the median is of cold runs. */
function runChild(item: Case): Measure {
  const measures = Array.from({ length: item.runs }, () => {
    const result = spawnSync(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=12288', SELF, 'child', item.kind, item.shape, String(item.size)],
      { encoding: 'utf8', maxBuffer: 1 << 26 },
    );
    const line = result.stdout.split('\n').find((text) => text.startsWith('BENCH_RESULT '));
    if (result.status !== 0 || !line) throw new Error(`${item.name} failed:\n${result.stderr}`);
    return JSON.parse(line.slice('BENCH_RESULT '.length)) as Measure;
  });
  return {
    ...measures[0],
    times: measures.flatMap((measure) => measure.times),
    majorGc: measures.flatMap((measure) => measure.majorGc ?? []),
    cpu: measures.flatMap((measure) => measure.cpu ?? []),
    peakRssMib: Math.max(...measures.map((measure) => measure.peakRssMib)),
    inputRssMib: Math.max(...measures.map((measure) => measure.inputRssMib ?? 0)),
  };
}

/** Reports the peak memory of a process that has no /usr/bin/time to watch it. */
const MAX_RSS_HOOK =
  'data:text/javascript,import{writeSync}from"node:fs";process.on("exit",()=>writeSync(2,`BENCH_MAXRSS ${process.resourceUsage().maxRSS}\\n`))';

/** `segmento scores FILE` of a `cli` case, `segmento sql --run FILE` of an `sql` one. */
function scoresCommand(item: Case): { args: string[]; before?: () => void } {
  const file = csvFile(item.shape, item.size);
  if (item.kind === 'sql') return { args: sqlRunArguments(file, item.shape) };
  const args = ['scores', file, '--locale', 'en_US'];
  if (item.shape === 'cdnow') args.push('--columns', 'amount=4');
  return { args };
}

function runCommand(item: Case, { args, before }: { args: string[]; before?: () => void }): Measure {
  const stderrs: string[] = [];
  const useTime = existsSync(TIME);
  const times: number[] = [];
  const cpu: number[] = [];
  let peakRssMib = 0;
  let customers = 0;
  let rows = 0;
  for (let run = 0; run < item.runs; run++) {
    before?.();
    const devNull = openSync('/dev/null', 'w');
    const start = performance.now();
    const result = useTime
      ? spawnSync(TIME, ['-v', process.execPath, CLI, ...args], { stdio: ['ignore', devNull, 'pipe'] })
      : spawnSync(process.execPath, ['--import', MAX_RSS_HOOK, CLI, ...args], {
          stdio: ['ignore', devNull, 'pipe'],
        });
    times.push((performance.now() - start) / 1000);
    closeSync(devNull);
    const stderr = result.stderr.toString();
    stderrs.push(stderr);
    if (result.status !== (item.exitCode ?? 0)) throw new Error(`${item.name} failed:\n${stderr}`);
    const kib = useTime
      ? /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1]
      : /BENCH_MAXRSS (\d+)/.exec(stderr)?.[1];
    peakRssMib = Math.max(peakRssMib, Number(kib) / 1024);
    const seconds = (label: string) =>
      Number(new RegExp(`${label} time \\(seconds\\): ([\\d.]+)`).exec(stderr)?.[1]);
    if (useTime) cpu.push(seconds('User') + seconds('System'));
    customers = Number(/(\d+) customers scored/.exec(stderr)?.[1] ?? 0);
    rows = Number(/(\d+) rows:/.exec(stderr)?.[1] ?? item.size * sourceRows(item.shape));
  }
  const note = item.kind === 'sql' ? sqlQueryNote(stderrs, rows) : undefined;
  return { times, cpu, rows, customers, peakRssMib, note };
}

/**
 * The runs of two command-line cases, one of each in turn, so that a change in the machine's load
 * meets both alike: their ratio holds better than from two blocks of runs.
 */
function runAlternating(
  first: Case,
  firstCommand: { args: string[]; before?: () => void },
  second: Case,
  secondCommand: { args: string[]; before?: () => void },
): [Measure, Measure] {
  const runs: [Measure[], Measure[]] = [[], []];
  for (let run = 0; run < first.runs; run++) {
    runs[0].push(runCommand({ ...first, runs: 1 }, firstCommand));
    runs[1].push(runCommand({ ...second, runs: 1 }, secondCommand));
  }
  const joined = (measures: Measure[]): Measure => ({
    ...measures[measures.length - 1],
    times: measures.flatMap((measure) => measure.times),
    cpu: measures.flatMap((measure) => measure.cpu ?? []),
    peakRssMib: Math.max(...measures.map((measure) => measure.peakRssMib)),
  });
  return [joined(runs[0]), joined(runs[1])];
}

function cases(): Case[] {
  const list: Case[] = [];
  const add = (item: Case) => list.push(item);
  const label = (rows: number) => (rows >= 1e6 ? `${rows / 1e6}M` : `${rows / 1e3}k`);
  const shapes: Shape[] = ['cdnow', 'retail'];
  for (const shape of shapes) {
    const sizes = QUICK ? [100_000, 1_000_000] : [100_000, 1_000_000, 5_000_000];
    for (const rows of sizes) {
      const half = rows >= 1_000_000 && !QUICK ? `core · ${shape} · ${label(rows / 2)}` : undefined;
      const target = shape === 'cdnow' && rows === 1_000_000 ? { seconds: 0.8 } : undefined;
      if (half) add({ name: half, kind: 'core', shape, size: rows / 2, runs: rows >= 5e6 ? 3 : 5 });
      add({
        name: `core · ${shape} · ${label(rows)}`,
        kind: 'core',
        shape,
        size: rows,
        runs: rows >= 5e6 ? 3 : 5,
        target,
        half,
      });
    }
  }
  for (const shape of shapes) {
    const half = QUICK ? undefined : `RFM_SCORE · ${shape} · 250k`;
    if (half) add({ name: half, kind: 'rfm', shape, size: 250_000, runs: 3 });
    add({
      name: `RFM_SCORE · ${shape} · 500k`,
      kind: 'rfm',
      shape,
      size: 500_000,
      runs: 3,
      target: { seconds: 3 },
      half,
    });
  }
  // Copies of each data set: CDNOW has 69,659 rows, Online Retail 541,909.
  const copies: Record<Shape, [number, number][]> = {
    cdnow: QUICK
      ? [[14, 0]]
      : [
          [7, 0],
          [14, 7],
          [35, 0],
          [70, 35],
        ],
    retail: QUICK
      ? [[2, 0]]
      : [
          [1, 0],
          [2, 1],
          [5, 0],
          [10, 5],
        ],
  };
  for (const shape of shapes) {
    for (const [times, halfTimes] of copies[shape]) {
      const target =
        shape === 'cdnow' && times === 14
          ? { seconds: 1.2 }
          : shape === 'cdnow' && times === 70
            ? { seconds: 5.5, mib: 1.1 * 1024 }
            : undefined;
      const big = times * sourceRows(shape) > 3e6;
      add({
        name: `cli · ${shape} ×${times}`,
        kind: 'cli',
        shape,
        size: times,
        runs: QUICK ? 3 : big ? 3 : 5,
        target,
        half: halfTimes ? `cli · ${shape} ×${halfTimes}` : undefined,
      });
    }
  }
  const sqlCopies = QUICK ? 14 : 70;
  add({ name: `sql · cdnow ×${sqlCopies}`, kind: 'sql', shape: 'cdnow', size: sqlCopies, runs: 3 });
  for (const shape of shapes) {
    for (const rows of QUICK ? [1_000, 100_000] : [1_000, 100_000, 1_000_000]) {
      add({
        name: `apply · ${shape} · ${label(rows)}`,
        kind: 'apply',
        shape,
        size: rows,
        runs: rows >= 1e6 ? 1 : 3,
      });
    }
  }
  list.push(...sheetsTimeCases(shapes, label));
  // segmento run into an .xlsx (issue 17): a new workbook within 20 s and 1.5 GiB at ×14; at ×70 a
  // refusal within 2 minutes and 3 GiB; a workbook with 24 earlier runs at most 1.5 × a new one.
  add({
    name: 'run · cdnow ×14 · new',
    kind: 'run',
    shape: 'cdnow',
    size: 14,
    runs: QUICK ? 1 : 5,
    target: { seconds: 20, mib: 1536 },
  });
  add({
    name: 'run · cdnow ×14 · 24 runs of history',
    kind: 'runHistory',
    shape: 'cdnow',
    size: 14,
    runs: QUICK ? 1 : 5,
    alternatesWith: 'run · cdnow ×14 · new',
  });
  if (!QUICK)
    add({
      name: 'run · cdnow ×70 · refused',
      kind: 'run',
      shape: 'cdnow',
      size: 70,
      runs: 1,
      target: { seconds: 120, mib: 3072 },
      // 1.65M customers: the history tab would pass Excel's 1,048,576 rows, refused before any write.
      exitCode: 4,
    });
  // Predicted value (issue 14): fit + predictions on CDNOW ×14 within 2 s; CLV() on ~50,000
  // customers (CDNOW has 23,570 per 69,659 rows) within 3 s.
  add({
    name: 'predicted value · cdnow ×14',
    kind: 'clv',
    shape: 'cdnow',
    size: 14,
    runs: 3,
    target: { seconds: 2 },
  });
  add({
    name: 'CLV · cdnow · 150k',
    kind: 'clvfn',
    shape: 'cdnow',
    size: 150_000,
    runs: 3,
    target: { seconds: 3 },
  });
  const chosen = new Set(
    list.filter((item) => item.name.includes(ONLY)).flatMap((item) => [item.name, item.half]),
  );
  return list.filter((item) => chosen.has(item.name));
}

function machine(): string {
  const cpus = os.cpus();
  return [
    `CPU: ${cpus[0]?.model ?? 'unknown'} · ${cpus.length} cores (${os.availableParallelism()} usable)`,
    `Memory: ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB · ${os.type()} ${os.release()} ${os.arch()}`,
    `Node ${process.version} · V8 ${process.versions.v8}`,
    `Peak memory: ${existsSync(TIME) ? '/usr/bin/time -v (maximum resident set size)' : 'process.resourceUsage().maxRSS of the child'}`,
  ].join('\n');
}

const number = (value: number) => Math.round(value).toLocaleString('en-US');

/** Seconds of the median run outside full garbage collections (the run's own work). */
function medianOutsideGc(measure: Measure): number | undefined {
  const { majorGc } = measure;
  return majorGc ? median(measure.times.map((time, index) => time - majorGc[index])) : undefined;
}

async function parent(): Promise<void> {
  const list = cases();
  console.log(
    `Segmento bench${QUICK ? ' (BENCH_QUICK=1)' : ''} — ${new Date().toISOString()}\n${machine()}\n`,
  );
  const results = new Map<string, Measure>();
  const columns: [string, number][] = [
    ['case', 27],
    ['rows', 11],
    ['customers', 11],
    ['median s', 10],
    ['runs', 5],
    ['rows/s', 12],
    ['full GC s', 10],
    ['peak MiB', 9],
    ['before MiB', 11],
  ];
  const line = (cells: string[]) =>
    cells
      .map((cell, index) => (index === 0 ? cell.padEnd(columns[0][1]) : cell.padStart(columns[index][1])))
      .join('');
  const header = `${line(columns.map(([title]) => title))}  target`;
  console.log(header);
  console.log('-'.repeat(header.length + 14));
  const workbookCommand = async (item: Case) =>
    runWorkbookArgs(
      item.shape,
      item.size,
      item.kind === 'runHistory' ? await workbookWithHistory(item.shape, item.size) : null,
    );
  for (const [index, item] of list.entries()) {
    const partner = list[index + 1]?.alternatesWith === item.name ? list[index + 1] : undefined;
    if (partner) {
      const measures = runAlternating(
        item,
        await workbookCommand(item),
        partner,
        await workbookCommand(partner),
      );
      results.set(partner.name, measures[1]);
      results.set(item.name, measures[0]);
    }
    const measure =
      results.get(item.name) ??
      (item.kind === 'cli' || item.kind === 'sql'
        ? runCommand(item, scoresCommand(item))
        : item.kind === 'run' || item.kind === 'runHistory'
          ? runCommand(item, await workbookCommand(item))
          : runChild(item));
    results.set(item.name, measure);
    const seconds = median(measure.times);
    let verdict = '';
    if (item.target) {
      const { seconds: limit, mib } = item.target;
      const ok =
        (limit === undefined || seconds <= limit) && (mib === undefined || measure.peakRssMib <= mib);
      verdict = `${limit !== undefined ? `≤ ${limit} s` : ''}${mib !== undefined ? `, ≤ ${mib} MiB` : ''} ${ok ? 'ok' : 'MISSED'}`;
    }
    console.log(
      `${line([
        item.name,
        number(measure.rows),
        number(measure.customers),
        seconds.toFixed(3),
        String(measure.times.length),
        number(measure.rows / seconds),
        measure.majorGc?.length ? median(measure.majorGc).toFixed(3) : '',
        number(measure.peakRssMib),
        measure.inputRssMib ? number(measure.inputRssMib) : '',
      ])}  ${verdict}`,
    );
    // On a shared machine the CPU time moves less than the wall time: both are shown.
    const cpuNote = measure.cpu?.length ? `CPU time (user + system) ${median(measure.cpu).toFixed(2)} s` : '';
    const note = [cpuNote, measure.note ?? ''].filter((text) => text !== '').join('; ');
    if (note) console.log(`${''.padEnd(columns[0][1])}${note}`);
  }
  const fresh = results.get('run · cdnow ×14 · new');
  const updated = results.get('run · cdnow ×14 · 24 runs of history');
  if (fresh && updated) {
    const ratio = median(updated.times) / median(fresh.times);
    console.log(
      `\nrun into a workbook with ${HISTORY_RUNS} runs of history ÷ into a new one: ${ratio.toFixed(2)} (target ≤ 1.5) ${ratio <= 1.5 ? 'ok' : 'MISSED'}`,
    );
  }
  const pairs = list.filter((item) => item.half && results.has(item.half));
  if (pairs.length > 0) {
    console.log(
      '\nDoubling ratio: time at 2N / time at N; ok when it is at most 2 (× the rows ratio / 2, +5 % for noise).',
    );
    console.log('For in-memory cases, also without the full garbage collections that mark the input values.');
    for (const item of pairs) {
      const big = results.get(item.name)!;
      const small = results.get(item.half!)!;
      const rowsRatio = big.rows / small.rows;
      const timeRatio = median(big.times) / median(small.times);
      const ok = (ratio: number) => (ratio <= 1.05 * rowsRatio ? 'ok' : 'GROWS FASTER THAN THE ROWS');
      const bigOwn = medianOutsideGc(big);
      const smallOwn = medianOutsideGc(small);
      const own =
        bigOwn !== undefined && smallOwn !== undefined
          ? `; outside full GC ${(bigOwn / smallOwn).toFixed(2)} ${ok(bigOwn / smallOwn)}`
          : '';
      const cpu =
        big.cpu?.length && small.cpu?.length
          ? `; CPU time ${(median(big.cpu) / median(small.cpu)).toFixed(2)} ${ok(median(big.cpu) / median(small.cpu))}`
          : '';
      console.log(
        `${`${item.half} → ${item.name}`.padEnd(54)}${timeRatio.toFixed(2).padStart(6)} ${ok(timeRatio)}` +
          `${rowsRatio === 2 ? '' : ` (rows ×${rowsRatio.toFixed(2)})`}${own}${cpu}`,
      );
    }
  }
  console.log(
    '\ncore: analyse() on values as Sheets gives them (fr_FR, Europe/Paris); RFM_SCORE: rfmScore() returning the whole table;',
  );
  console.log(
    'cli: node build/segmento.mjs scores FILE > /dev/null, wall time of the process; apply: applySegmentation() through a counting port.',
  );
  console.log('sql: node build/segmento.mjs sql --run FILE > /dev/null (DuckDB), wall time of the process.');
  console.log(
    'predicted value: summariseForClv() + predictCustomerValue() (both fits, 12-month predictions) on orders already read; CLV: clv() returning the whole table.',
  );
  console.log(SHEETS_TIME_LEGEND);
  console.log(
    'full GC s: median seconds of a run spent in mark-compact collections (V8 then marks the whole heap, input values included).',
  );
  console.log(
    'peak MiB: maximum resident set size of the process; before MiB: resident memory once the input values are built.',
  );
  if (!QUICK && 'versus DuckDB'.includes(ONLY)) versusDuckdb();
}

const [mode, kind, shape, size] = process.argv.slice(2);
if (mode === 'child') await child(kind, shape as Shape, Number(size));
else await parent();
