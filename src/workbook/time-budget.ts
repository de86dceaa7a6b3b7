/**
 * How long Apply takes in Google Sheets, estimated from what it reads and writes, for the check
 * made before its first write: an Apps Script execution runs at most 6 minutes ("Script runtime:
 * 6 min / execution", https://developers.google.com/apps-script/guides/services/quotas), and one
 * stopped there is stopped dead, half written.
 *
 * The cost model: seconds = port calls × a call's cost + cells written × a written cell's cost,
 * and cells read × a read cell's cost for the estimate of a whole run (the bench); Apply's check
 * measures instead the time already spent reading and computing (the port's `executionTime`) and
 * estimates only the writes still to come. Google publishes no per-call or per-cell
 * figure: its best-practices page only says that a call to a service is much slower than
 * JavaScript and that reads and writes should be batched
 * (https://developers.google.com/apps-script/guides/support/best-practices#use_batch_operations).
 * The figures below are measurements others published; where they disagree, or say nothing, the
 * slower one is taken, so that a run the check lets through fits.
 */
import { writeTabContent, type TabContent, type TabWriter } from './tab-content';

/** Seconds per unit of work in Sheets. */
export const SHEETS_COSTS = {
  /**
   * One port call, taken as one round trip to the spreadsheet. Measured: 400 `setValues` of 10
   * cells each followed by a flush (`flush()` of the spreadsheet service) took about 12 s, one `setValues` of 4,000 cells
   * and a flush 0.61 s (a Stack Overflow answer, as mirrored at
   * https://ruby-bash.developreference.com/article/29263774): 28.5 ms a call and 0.145 ms a cell;
   * 1,000 `getLastRow()` calls took 160 s, 0.16 s each
   * (https://www.bugbugnow.net/2019/03/GoogleAppsScript-speed-up.html). The slower: 0.16 s.
   */
  perCall: 0.16,
  /**
   * One cell written. 0.145 ms from the measurement above; 10,000 cells written by one Sheets API
   * `updateCells` request took about 3 s, 0.3 ms a cell (http://qiita.com/howdy39/items/2fb95bb7b52cb0bb00ab).
   * The slower: 0.3 ms. A number format, style or colour set over a range is one call whatever its
   * cells (the range is sent, not its cells, as in the Sheets API's `repeatCell`), so only the
   * values are counted per cell.
   */
  perCellWritten: 0.000_3,
  /**
   * One cell read by `getValues`. The only published figure found: 1,000 cells read and written
   * back in one `getValues` and one `setValues` took about 125 ms beside 1,000 `Logger.log` calls
   * (905 ms, of which the logs alone 780 ms: bugbugnow above); all of it is charged to the read.
   */
  perCellRead: 0.000_125,
} as const;

/**
 * Port calls each tab costs besides its content: created, renamed to its final name, tagged, the
 * previous tab of its kind renamed aside and deleted, moved into place (counted for every tab,
 * whether there was a previous one or not).
 */
const CALLS_PER_TAB = 6;

/**
 * Seconds the check keeps in hand: the execution started before the port could see it (the script
 * loaded, the menu or sidebar call arrived), and the estimate is a model.
 */
export const MARGIN_SECONDS = 30;

/** What writing some tabs takes: port calls and cells given values. */
export interface WriteWork {
  calls: number;
  cells: number;
}

/**
 * The port calls and the cells written for the tabs, counted by writing them with the one
 * function Apply writes them with (`writeTabContent`) into a counter, plus each tab's own calls.
 */
export function writeWork(tabs: readonly TabContent[]): WriteWork {
  const work = { calls: CALLS_PER_TAB * tabs.length, cells: 0 };
  const counter: TabWriter = {
    writeBlock(_id, _row, _column, values) {
      work.calls++;
      work.cells += values.length * values[0].length;
    },
    formatArea: () => void work.calls++,
    addColorScale: () => void work.calls++,
    addChart: () => void work.calls++,
    layoutTab: () => void work.calls++,
  };
  for (const tab of tabs) writeTabContent(counter, 0, tab);
  return work;
}

/** Seconds Sheets takes for the work. */
export function writeSeconds(work: WriteWork): number {
  return work.calls * SHEETS_COSTS.perCall + work.cells * SHEETS_COSTS.perCellWritten;
}

/** Seconds Sheets takes to read the cells, in one call per range read (a whole run's estimate). */
export function readSeconds(ranges: number, cells: number): number {
  return ranges * SHEETS_COSTS.perCall + cells * SHEETS_COSTS.perCellRead;
}
