/**
 * Entry of the `segmento` command: reads and checks the command line (the same way for every
 * command), wires the command to the process, and says every failure in the user's language with
 * the exit code of its kind.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultLocale, languageOfArguments, parseCommandLine, runCli, usage } from './cli';
import { CliError, failureText, type FailureContext } from './messages';
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

const io = {
  out: (output: string | Uint8Array) => writeAll(process.stdout.fd, output),
  err: (text: string) => void process.stderr.write(text),
  env: process.env,
};
const argv = process.argv.slice(2);
const locale = defaultLocale(process.env);
const context: FailureContext = {};
let lang = languageOfArguments(argv, locale);

function fail(error: unknown): void {
  const { text, code } = failureText(error, lang, context);
  // Without any command, the usage says what there is to type.
  io.err(error instanceof CliError && error.key === 'usage.noCommand' ? `${text}\n${usage(lang)}` : text);
  process.exitCode = code;
}

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
    // Loaded only for the workbook commands: exceljs is not needed to print scores.
    import('./workbook-command')
      .then(({ runWorkbookCommand }) =>
        runWorkbookCommand(argv, {
          ...io,
          interactive: process.stderr.isTTY === true,
          locale,
          demoOrders: DEMO_ORDERS,
        }),
      )
      .then((code) => (process.exitCode = code), fail);
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
