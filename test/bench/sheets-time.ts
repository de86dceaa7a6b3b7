/**
 * Apply in Sheets against Apps Script's 6 minutes per execution (issue 17): the bench's estimate
 * for 100k, 500k and 1M order rows of each shape, with the cost model of
 * src/workbook/time-budget.ts. Apply runs twice on the counting port:
 *
 * 1. without a time limit, to count what a whole run reads (ranges, cells) and writes (port calls,
 *    cells given values): the estimate is reads + the computation (timed here, on this machine) +
 *    writes;
 * 2. with the Sheets port's limit and a clock that reads the estimated read time plus the
 *    computation so far, to show what Apply itself decides: written, or refused before any write
 *    (its message).
 */
import { MAX_EXECUTION_SECONDS } from '../../src/addon/sheets-port';
import { readSeconds, writeSeconds } from '../../src/workbook/time-budget';
import { countingApply, type BenchSpreadsheet } from './counting-port';
import { sheetValues, type Shape } from './data';
import type { Case, Measure } from './main';

/** Port calls that read rather than write: their cost is in `readSeconds`. */
const READ_CALLS = new Set(['readRange']);

/** The bench's cases: each shape at 100k, 500k and 1M order rows, one run each. */
export function sheetsTimeCases(shapes: readonly Shape[], label: (rows: number) => string): Case[] {
  return shapes.flatMap((shape) =>
    [100_000, 500_000, 1_000_000].map((rows) => ({
      name: `sheets time · ${shape} · ${label(rows)}`,
      kind: 'sheets' as const,
      shape,
      size: rows,
      runs: 1,
    })),
  );
}

/** What the table's columns mean for these cases. */
export const SHEETS_TIME_LEGEND =
  'sheets time: Apply on the counting port, its time in Sheets estimated (src/workbook/time-budget.ts): median s is the computation here; the note, the whole run.';

export function childSheetsTime(shape: Shape, rows: number, spreadsheet: BenchSpreadsheet): Promise<void> {
  const values = sheetValues(shape, rows);
  const start = performance.now();
  const { counting, result } = countingApply(values, spreadsheet);
  const computeSeconds = (performance.now() - start) / 1000;
  if (!result.ok) throw new Error(result.message);
  const calls = [...counting.calls]
    .filter(([method]) => !READ_CALLS.has(method))
    .reduce((sum, [, count]) => sum + count, 0);
  const read = readSeconds(counting.rangesRead, counting.cellsRead);
  const write = writeSeconds({ calls, cells: counting.cellsWritten });
  const total = read + computeSeconds + write;

  const checkStart = performance.now();
  const checked = countingApply(values, {
    ...spreadsheet,
    executionTime: (sofar) => ({
      usedSeconds: readSeconds(sofar.rangesRead, sofar.cellsRead) + (performance.now() - checkStart) / 1000,
      maxSeconds: MAX_EXECUTION_SECONDS,
    }),
  });
  const verdict = checked.result.ok
    ? 'Apply writes it'
    : `Apply refuses before any write: « ${checked.result.message.split('. ')[0]}. »`;

  const n = (value: number) => Math.round(value).toLocaleString('en-US');
  const measure: Measure = {
    times: [computeSeconds],
    rows,
    customers: result.summary.customers,
    peakRssMib: process.resourceUsage().maxRSS / 1024,
    note:
      `in Sheets about ${n(total)} s of ${MAX_EXECUTION_SECONDS}: read ${n(counting.cellsRead)} cells ` +
      `(${counting.rangesRead} ranges) ${n(read)} s + computation ${computeSeconds.toFixed(1)} s here + ` +
      `write ${n(counting.cellsWritten)} cells in ${n(calls)} port calls ${n(write)} s; ${verdict}`,
  };
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(measure)}\n`);
  return Promise.resolve();
}
