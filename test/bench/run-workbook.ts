/**
 * `segmento run` into an .xlsx workbook at scale (issue 17): a new workbook, and an existing one
 * holding a person's tab and 24 earlier runs of history, built once into bench-data/ by 24 Apply
 * runs in one process (one save), as-of dates two weeks apart.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dayFromIso } from '../../src/core/days';
import { readTable } from '../../src/local/table-file';
import { withOrders } from '../../src/local/workbook-command';
import { XlsxFile } from '../../src/local/xlsx-port';
import { applySegmentation } from '../../src/workbook/apply';
import { BENCH_DATA_DIR, csvFile, type Shape } from './data';

export const HISTORY_RUNS = 24;

/** The workbook of `copies` copies of a shape after HISTORY_RUNS runs, written when missing. */
export async function workbookWithHistory(shape: Shape, copies: number): Promise<string> {
  // Named after the history's layout: a workbook in the layout before is migrated by its first run.
  const path = join(BENCH_DATA_DIR, `${shape}-x${copies}-history${HISTORY_RUNS}-packed.xlsx`);
  if (existsSync(path)) return path;
  const csv = csvFile(shape, copies);
  const orders = readTable(csv);
  const building = `${path}.building.xlsx`;
  rmSync(building, { force: true });
  const file = new XlsxFile(building, { locale: 'en_US', timeZone: 'Europe/Paris', notify: () => {} });
  const latest = dayFromIso('1998-09-29')!;
  await file.update(
    async (workbook) => {
      workbook.addPlainTab('My notes', [
        ['Customer', 'Note'],
        ...Array.from({ length: 500 }, (_, i) => [String(100_000 + i), `call back before ${i % 28}`]),
      ]);
      for (let run = HISTORY_RUNS - 1; run >= 0; run--) {
        const day = latest - 14 * run;
        const result = applySegmentation(withOrders(workbook.port, 'orders.csv', orders), {
          today: latest,
          userLocale: 'en_US',
          adjust: (saved) => ({
            ...saved,
            sourceSheet: 'orders.csv',
            sourceRange: '',
            asOf: { kind: 'date', day },
            mapping: shape === 'cdnow' ? { amount: 3, hasHeader: true } : saved.mapping,
          }),
        });
        if (!result.ok) throw new Error(result.message);
      }
      await workbook.save();
    },
    { lockWaitMs: 1000 },
  );
  copyFileSync(building, path);
  rmSync(building);
  return path;
}

/**
 * The arguments of one `segmento run` of the case, and what to do before each run: a new
 * workbook each time, or a fresh copy of the workbook with history.
 */
export function runWorkbookArgs(
  shape: Shape,
  copies: number,
  history: string | null,
): { args: string[]; before: () => void } {
  const out = join(mkdtempSync(join(tmpdir(), 'segmento-bench-')), 'workbook.xlsx');
  const args = ['run', csvFile(shape, copies), '--out', out, '--locale', 'en_US'];
  if (shape === 'cdnow') args.push('--columns', 'amount=4');
  return {
    args,
    before: () => (history ? copyFileSync(history, out) : rmSync(out, { force: true })),
  };
}
