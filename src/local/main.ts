/** Entry of the `segmento` command: wires the command line to the process. */
import { writeFileSync } from 'node:fs';
import { defaultLocale, runCli } from './cli';
import { demoOrdersCsv } from './demo-orders';
import { writeAll } from './stdout';

/** The demo orders shipped with the project, next to the built file's source tree. */
const DEMO_ORDERS = new URL('../src/local/demo/commandes-demo.csv', import.meta.url).pathname;

// A reader that stops early (`segmento scores … | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const io = {
  out: (text: string) => writeAll(process.stdout.fd, text),
  err: (text: string) => void process.stderr.write(text),
  env: process.env,
};
const [command] = process.argv.slice(2);

if (command === 'run' || command === 'demo') {
  // Loaded only for the workbook commands: exceljs is not needed to print scores.
  import('./workbook-command')
    .then(({ runWorkbookCommand }) =>
      runWorkbookCommand(process.argv.slice(2), {
        ...io,
        interactive: process.stderr.isTTY === true,
        locale: defaultLocale(process.env),
        demoOrders: DEMO_ORDERS,
      }),
    )
    .then(
      (code) => (process.exitCode = code),
      (error: Error) => {
        io.err(`segmento: ${error.message}\n`);
        process.exitCode = 1;
      },
    );
} else if (command === 'generate-demo') {
  writeFileSync(process.argv[3] ?? DEMO_ORDERS, demoOrdersCsv());
} else {
  process.exitCode = runCli(process.argv.slice(2), io);
}
