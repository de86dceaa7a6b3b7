/**
 * `segmento scores` against DuckDB, whole process against whole process (issue 17): on the same
 * CSV file, a `segmento scores` process and a Node process in which DuckDB reads the file (with
 * every core: `read_csv` parses its chunks in threads) and runs the query `compileSql` makes for
 * the same figures (the DuckDB dialect; src/warehouse), its CSV written to /dev/null. The runs
 * alternate (ours, DuckDB, ours, DuckDB…) so that both meet the same load on a shared machine.
 * Each run's wall time is measured from outside, its CPU time (user + system, every thread) and
 * peak memory by the process itself as it exits.
 *
 * Files: the bench's CDNOW ×14 and ×70 (`yyyymmdd` dates, no order id) and the same purchases
 * as a typed CSV with an order-id column (`orderIdCsvFile`, ISO dates). DuckDB is told the column
 * types, as a warehouse table has them; `segmento scores` finds them itself.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { presetSegments } from '../../src/core/presets';
import { compileSql, type SqlOrdersTable } from '../../src/warehouse/compile-sql';
import { csvFile, orderIdCsvFile, ROOT } from './data';

/** The `segmento` bundle timed: build/segmento.mjs, or BENCH_CLI (an earlier build, for a before/after). */
const CLI = process.env.BENCH_CLI ?? `${ROOT}/build/segmento.mjs`;

/** Prints, as the process exits, its CPU time and peak memory (every thread counted). */
const USAGE_HOOK =
  'data:text/javascript,import{writeSync}from"node:fs";process.on("exit",()=>{const u=process.resourceUsage();writeSync(2,`BENCH_USAGE ${u.userCPUTime} ${u.systemCPUTime} ${u.maxRSS}\\n`)})';

/** The DuckDB process: argv is the `CREATE VIEW` of the file, then the query. */
const DUCKDB_SCRIPT = `
import { DuckDBInstance } from '@duckdb/node-api';
const [view, query] = process.argv.slice(1);
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run(view);
await connection.run(\`COPY (\${query}) TO '/dev/null' (FORMAT csv, HEADER)\`);
connection.closeSync();
instance.closeSync();
`;

interface VersusFile {
  name: string;
  path: string;
  /** Runs of each process. */
  runs: number;
  /** The arguments of `segmento scores` after the file. */
  options: string[];
  /** DuckDB's typed columns of the file, and its date format when not ISO. */
  columns: Record<string, string>;
  dateFormat?: string;
  orders: Omit<SqlOrdersTable, 'table'>;
}

interface Run {
  wall: number;
  cpu: number;
  peakMib: number;
}

/** 5 runs of each process at ×14, 3 at ×70 (15 s a pair). */
const runsOf = (copies: number) => (copies > 20 ? 3 : 5);

function versusFiles(): VersusFile[] {
  const cdnow = (copies: number): VersusFile => ({
    name: `cdnow ×${copies}`,
    path: csvFile('cdnow', copies),
    runs: runsOf(copies),
    options: ['--locale', 'en_US', '--columns', 'amount=4'],
    columns: {
      customer_id: 'VARCHAR',
      date: 'DATE',
      number_of_cds: 'INTEGER',
      dollar_value: 'DECIMAL(18, 3)',
    },
    dateFormat: '%Y%m%d',
    orders: { customer: 'customer_id', date: 'date', amount: 'dollar_value' },
  });
  const typed = (copies: number): VersusFile => ({
    name: `cdnow ×${copies}, typed, order ids`,
    path: orderIdCsvFile(copies),
    runs: runsOf(copies),
    options: ['--locale', 'en_US'],
    columns: { order_id: 'VARCHAR', customer_id: 'VARCHAR', order_date: 'DATE', amount: 'DECIMAL(18, 3)' },
    orders: { customer: 'customer_id', date: 'order_date', amount: 'amount', orderId: 'order_id' },
  });
  return [cdnow(14), typed(14), cdnow(70), typed(70)];
}

function duckdbArguments(file: VersusFile): string[] {
  const columns = Object.entries(file.columns)
    .map(([name, type]) => `'${name}': '${type}'`)
    .join(', ');
  const dateFormat = file.dateFormat ? `, dateformat = '${file.dateFormat}'` : '';
  const view = `CREATE VIEW orders AS SELECT * FROM read_csv('${file.path}', header = true${dateFormat}, columns = {${columns}})`;
  const query = compileSql({
    dialect: 'duckdb',
    orders: { table: ['orders'], ...file.orders },
    segments: presetSegments('classique', 'en'),
  });
  return ['--input-type=module', '-e', DUCKDB_SCRIPT, view, query];
}

/** One process, its output to /dev/null, cwd the repository (where node_modules is found). */
function timed(args: string[]): Run {
  const devNull = openSync('/dev/null', 'w');
  const start = performance.now();
  const result = spawnSync(process.execPath, ['--import', USAGE_HOOK, ...args], {
    cwd: ROOT,
    stdio: ['ignore', devNull, 'pipe'],
    maxBuffer: 1 << 24,
  });
  const wall = (performance.now() - start) / 1000;
  closeSync(devNull);
  const stderr = result.stderr.toString();
  const usage = /BENCH_USAGE (\d+) (\d+) (\d+)/.exec(stderr);
  if (result.status !== 0 || usage === null) throw new Error(`${args.join(' ')} failed:\n${stderr}`);
  return { wall, cpu: (Number(usage[1]) + Number(usage[2])) / 1e6, peakMib: Number(usage[3]) / 1024 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Prints, for each file, the medians of alternating runs of each process and the ratios ours /
 * DuckDB of wall and CPU time (the target: wall ≤ 0.5).
 */
export function versusDuckdb(): void {
  console.log(
    '\nsegmento scores against DuckDB (issue 17): alternating runs, medians; target wall ratio ≤ 0.5',
  );
  const header = `${'file'.padEnd(30)}${'ours wall'.padStart(10)}${'ours CPU'.padStart(10)}${'MiB'.padStart(6)}${'duck wall'.padStart(11)}${'duck CPU'.padStart(10)}${'MiB'.padStart(6)}${'wall ×'.padStart(8)}${'CPU ×'.padStart(7)}`;
  console.log(header);
  console.log('-'.repeat(header.length));
  for (const file of versusFiles()) {
    const ours: Run[] = [];
    const duckdb: Run[] = [];
    const duckdbArgs = duckdbArguments(file);
    for (let run = 0; run < file.runs; run++) {
      ours.push(timed([CLI, 'scores', file.path, ...file.options]));
      duckdb.push(timed(duckdbArgs));
    }
    const wall = (list: Run[]) => median(list.map((run) => run.wall));
    const cpu = (list: Run[]) => median(list.map((run) => run.cpu));
    const peak = (list: Run[]) => Math.max(...list.map((run) => run.peakMib));
    const wallRatio = wall(ours) / wall(duckdb);
    console.log(
      `${`${file.name} (${file.runs})`.padEnd(30)}${wall(ours).toFixed(3).padStart(10)}${cpu(ours).toFixed(3).padStart(10)}${peak(ours).toFixed(0).padStart(6)}` +
        `${wall(duckdb).toFixed(3).padStart(11)}${cpu(duckdb).toFixed(3).padStart(10)}${peak(duckdb).toFixed(0).padStart(6)}` +
        `${wallRatio.toFixed(2).padStart(8)}${(cpu(ours) / cpu(duckdb)).toFixed(2).padStart(7)}  ${wallRatio <= 0.5 ? 'ok' : 'MISSED'}`,
    );
  }
  console.log(
    'ours: node build/segmento.mjs scores FILE; duck: node + @duckdb/node-api, read_csv (typed columns) and compileSql (duckdb) → COPY TO /dev/null.',
  );
  console.log('wall: seconds of the whole process; CPU: user + system seconds, every thread; MiB: peak RSS.');
}
