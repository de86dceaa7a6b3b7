/**
 * Entry of the `segmento` command: reads and checks the command line (the same way for every
 * command), wires the command to the process, and says every failure in the user's language with
 * the exit code of its kind. The workbook commands run in a worker thread of this same file (see
 * `WORKBOOK_YOUNG_GENERATION_MB`).
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { defaultLocale, languageOfArguments, parseCommandLine, runCli, usage } from './cli';
import { CliError, failureText, type FailureContext } from './messages';
import type { Lang } from '../core/labels';
import { demoOrdersCsv } from './demo-orders';
import { DEMO_FILES, demoPayingOffFiles } from './demo-paying-off';
import { checkWorkbookFiles } from './input-checks';
import { writeAll } from './stdout';
import { readTableFile } from './table-file';

/** The demo orders shipped with the project, next to the built file's source tree. */
const DEMO_ORDERS = new URL('../src/local/demo/commandes-demo.csv', import.meta.url).pathname;

// A reader that stops early (`segmento scores … | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

// Written to the descriptors, as a worker thread has no stream of its own.
const io = {
  out: (output: string | Uint8Array) => writeAll(1, output),
  err: (text: string) => writeAll(2, text),
  env: process.env,
};

/**
 * The young generation of the thread that runs `run` and `demo`, in MiB: semi-spaces of 64 MiB
 * (V8's default is at most 16). Building the tabs makes millions of short-lived values (cells, XML
 * pieces); with the default, many of them outlive a scavenge and are copied and promoted, and
 * collecting took 1.6–2 s of a 9–12 s run of CDNOW ×14. With this size the same run takes a fifth
 * less time and less memory (test/bench/BENCHMARKS.md); `scores` and `sql`, shorter, gain nothing.
 * V8 sizes a heap as it starts it, so the command runs in a worker thread given this size.
 */
const WORKBOOK_YOUNG_GENERATION_MB = 3 * 64;

/** What the main thread hands the workbook thread. */
interface WorkbookJob {
  argv: string[];
  lang: Lang;
  interactive: boolean;
  context: FailureContext;
}

const argv = process.argv.slice(2);
const locale = defaultLocale(process.env);
const context: FailureContext = {};
let lang = languageOfArguments(argv, locale);

function fail(error: unknown): number {
  const { text, code } = failureText(error, lang, context);
  // Without any command, the usage says what there is to type.
  io.err(error instanceof CliError && error.key === 'usage.noCommand' ? `${text}\n${usage(lang)}` : text);
  return (process.exitCode = code);
}

/** `run` or `demo`, checked by the main thread, in this worker thread; its exit code, sent back, is the process's. */
function runWorkbookJob(job: WorkbookJob): void {
  lang = job.lang;
  Object.assign(context, job.context);
  import('./workbook-command')
    .then(({ runWorkbookCommand }) =>
      runWorkbookCommand(job.argv, { ...io, interactive: job.interactive, locale, demoOrders: DEMO_ORDERS }),
    )
    .then((code) => code, fail)
    // The thread ends as the process did, once nothing is left to do.
    .then((code) => parentPort!.postMessage(code));
}

/** Starts the worker thread of `run` or `demo`; the process ends with its exit code. */
function startWorkbookThread(job: WorkbookJob): void {
  const worker = new Worker(new URL(import.meta.url), {
    workerData: job,
    resourceLimits: { maxYoungGenerationSizeMb: WORKBOOK_YOUNG_GENERATION_MB },
  });
  worker.on('message', (code: number) => (process.exitCode = code));
  worker.on('error', fail);
  // Ended without a code (output to a reader that is gone: `writeAll` ends the thread).
  worker.on('exit', (code) => (process.exitCode ??= code));
}

/** Runs the command of the process's arguments (`run` and `demo` in a worker thread). */
function runCommand(): void {
  try {
    const line = argv[0] === 'scores' || argv[0] === 'clv' ? null : parseCommandLine(argv, locale);
    if (line === null) {
      process.exitCode = runCli(argv, io);
    } else if (line.help) {
      lang = line.lang;
      io.out(usage(lang));
    } else if (line.command === 'run' || line.command === 'demo') {
      lang = line.lang;
      Object.assign(context, checkWorkbookFiles(line, DEMO_ORDERS));
      // Loaded only there: exceljs is not needed to print scores.
      startWorkbookThread({
        argv,
        lang,
        interactive: process.stderr.isTTY === true,
        context: { ...context },
      });
    } else if (line.command === 'sql') {
      lang = line.lang;
      const { settings, run } = line.values;
      Object.assign(context, {
        orders: typeof run === 'string' ? run : undefined,
        settings: typeof settings === 'string' ? settings : undefined,
      });
      import('./sql-command')
        .then(({ runSqlCommand }) => runSqlCommand(line, io))
        .then((code) => (process.exitCode = code), fail);
    } else if (line.command === 'generate-demo') {
      lang = line.lang;
      const output = line.file ?? DEMO_ORDERS;
      Object.assign(context, { output, writes: true });
      writeFileSync(output, demoOrdersCsv());
      // The campaigns, acquisition and contacted tables are made from the orders as read back.
      const tables = demoPayingOffFiles(readTableFile(output));
      for (const kind of ['campaigns', 'acquisition', 'contacts'] as const)
        writeFileSync(join(dirname(output), DEMO_FILES[kind]), tables[kind]);
    }
  } catch (error) {
    fail(error);
  }
}

if (isMainThread) runCommand();
else runWorkbookJob(workerData as WorkbookJob);
