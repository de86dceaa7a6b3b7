import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis';
import { dayFromIso, isoDay } from '../../src/core/days';
import { applySegmentation, readHistory } from '../../src/workbook/apply';
import { segmentHistory } from '../../src/workbook/custom-functions';
import { shopOrders } from './shop';
import { migrationMatrix } from '../../src/core/migrations';
import {
  customerPairing,
  failedRun,
  historyRows,
  membershipAt,
  parseHistory,
  previousSegments,
  previousSnapshot,
  readHistoryTab,
  withSnapshot,
  type Snapshot,
} from '../../src/workbook/history';
import type { WriteCell } from '../../src/workbook/port';
import type { PreviousSegments } from '../../src/workbook/segment-tabs';
import { readTableFile } from '../../src/local/table-file';
import { dataSet } from '../data-sets';
import { recordingPort } from './recording-port';
import { CellRows } from '../../src/core/rows';
import type { Cell } from '../../src/core/values';

const snapshot = (asOf: string, entries: [string, string][], failure = ''): Snapshot => ({
  asOfDay: dayFromIso(asOf)!,
  ranAt: `${asOf}T08:00:00.000Z`,
  failure,
  customers: entries.map(([customer]) => customer),
  segments: entries.map(([, segment]) => segment),
  codes: entries.map(() => '335'),
  revenue: entries.map((_, i) => 1000 * (i + 1)),
});

/** `previousSegments`, a customer told by id: their place in the last run. */
function previousSegmentsById(
  history: Snapshot[],
): (id: string) => ReturnType<PreviousSegments['segmentOf']> {
  const lookup = previousSegments(history);
  const last = history[history.length - 1].customers;
  return (id) => lookup.segmentOf(last.indexOf(id));
}

describe('segment history', () => {
  const january = snapshot('2025-01-31', [
    ['a', 'VIP'],
    ['b', 'À stimuler'],
    ['00017', 'VIP'],
  ]);
  const february = snapshot('2025-02-28', [
    ['a', 'VIP'],
    ['b', 'VIP'],
    ['c', 'Inactifs'],
  ]);
  const march = snapshot('2025-03-31', [
    ['a', 'VIP'],
    ['b', 'VIP'],
    ['c', 'À stimuler'],
  ]);

  it('round-trips through the tab cells, ids such as 00017 included', () => {
    const history = [january, february, snapshot('2025-03-15', [], 'Onglet introuvable')];
    const rows = historyRows(history, 'fr');
    expect(rows.length).toBe(4 + 4);
    expect(rows[0]).toEqual(['Date d’analyse', '["2025-01-31","2025-02-28","2025-03-15"]']);
    expect(rows[4]).toEqual(['a', '0|335|1000;0|335|1000;']);
    expect(rows[6]).toEqual(['00017', '0|335|3000;;']);
    expect(rows[3]).toEqual(['Segments', '[["VIP","À stimuler"],["VIP","Inactifs"],[]]']);
    expect(parseHistory(rows as Cell[][])).toEqual(history);
  });

  it('writes a segment list the same as an earlier run’s as that run’s number', () => {
    const april = snapshot('2025-04-30', [
      ['a', 'VIP'],
      ['c', 'Inactifs'],
    ]);
    const rows = historyRows([january, february, april], 'en');
    expect(rows[3]).toEqual(['Segments', '[["VIP","À stimuler"],["VIP","Inactifs"],1]']);
    expect(parseHistory(rows as Cell[][])).toEqual([january, february, april]);
  });

  it('numbers the segments in the order of the rules: runs with the same rules write one list, however customers come', () => {
    const rules = ['VIP', 'À stimuler', 'Inactifs'];
    const runs = [january, february, march].map((run) => ({ ...run, segmentNames: rules }));
    const rows = historyRows(runs, 'fr');
    expect(rows[3]).toEqual(['Segments', '[["VIP","À stimuler","Inactifs"],0,0]']);
    expect(rows.slice(4)).toEqual([
      ['a', '0|335|1000;0|335|1000;0|335|1000'],
      ['b', '1|335|2000;0|335|2000;0|335|2000'],
      ['00017', '0|335|3000;;'],
      ['c', ';2|335|3000;1|335|3000'],
    ]);
    expect(parseHistory(rows as Cell[][]).map((run) => run.segments)).toEqual(
      runs.map((run) => run.segments),
    );
    // Without the rules' order, the order customers first have them: february's list is another one.
    expect(historyRows([january, february, march], 'fr')[3]).toEqual([
      'Segments',
      '[["VIP","À stimuler"],["VIP","Inactifs"],0]',
    ]);
  });

  it('fits every cell in Excel’s 32,767 characters at 120 runs (the most kept) of long failures', () => {
    const names = Array.from({ length: 12 }, (_, i) => `Segment au nom assez long n° ${i}`);
    const customers = Array.from({ length: 50 }, (_, i) => `client-${i}`);
    const runs = Array.from({ length: 120 }, (_, run) =>
      run % 2 === 0
        ? {
            ...snapshot(isoDay(dayFromIso('2020-01-01')! + run), []),
            customers,
            segments: customers.map((_, i) => names[i % names.length]),
            codes: customers.map(() => '555'),
            revenue: customers.map(() => 123_456_789_012),
          }
        : failedRun(`2020-01-01T00:00:00.000Z`, dayFromIso('2020-01-01')! + run, 'Échec : '.repeat(100)),
    );
    const rows = historyRows(runs, 'fr');
    const longest = Math.max(...rows.flat().map((cell) => String(cell).length));
    expect(longest).toBeLessThanOrEqual(32_767);
    expect(runs[1].failure).toHaveLength(200);
    expect(parseHistory(rows as Cell[][])).toHaveLength(120);
  });

  it('takes two cells per customer, whatever the number of runs, and a run rewrites only them', () => {
    const rows = historyRows([january, february, march], 'en');
    expect(rows.every((row) => row.length === 2)).toBe(true);
    expect(rows.length).toBe(4 + 4);
    // Read back, a run dropped and one added: each customer's text is the kept runs' cells as read.
    const read = parseHistory(rows as Cell[][]);
    const april = snapshot('2025-04-30', [['c', 'VIP']]);
    const again = historyRows(withSnapshot(read, april, 3), 'en');
    expect(again.slice(4)).toEqual([
      ['a', '0|335|1000;0|335|1000;'],
      ['b', '0|335|2000;0|335|2000;'],
      ['c', '1|335|3000;1|335|3000;0|335|1000'],
    ]);
    expect(parseHistory(again as Cell[][]).map((run) => run.customers)).toEqual([
      ['a', 'b', 'c'],
      ['a', 'b', 'c'],
      ['c'],
    ]);
  });

  it('a run again at the last analysis date replaces its cells, the others kept as read', () => {
    const read = parseHistory(historyRows([january, february, march], 'fr') as Cell[][]);
    const again = historyRows(withSnapshot(read, snapshot('2025-03-31', [['d', 'VIP']]), 24), 'fr');
    expect(JSON.parse(String(again[0][1]))).toEqual(['2025-01-31', '2025-02-28', '2025-03-31']);
    expect(again.slice(4)).toEqual([
      ['a', '0|335|1000;0|335|1000;'],
      ['b', '1|335|2000;0|335|2000;'],
      ['00017', '0|335|3000;;'],
      ['c', ';1|335|3000;'],
      ['d', ';;0|335|1000'],
    ]);
  });

  it('a cell past the runs listed (typed by hand) is kept as a run that cannot be read', () => {
    const rows = historyRows([january], 'fr') as Cell[][];
    rows[4][1] = `${String(rows[4][1])};à rappeler`;
    const { history, unreadable } = readHistoryTab(new CellRows(rows));
    expect(history).toEqual([january]);
    expect(unreadable.map((run) => [run.label, [...run.cells]])).toEqual([['n° 2', [['a', 'à rappeler']]]]);
    expect(historyRows(history, 'fr', unreadable)[4]).toEqual(['a', 'à rappeler;0|335|1000']);
  });

  it('reads a run only when each of its cells is `index|code|spend`: an index among its segments, a finite spend', () => {
    const valid = (cell: string) => {
      const [index, code, spend, ...more] = cell.split('|');
      return (
        code !== undefined &&
        spend !== undefined &&
        more.length === 0 &&
        /^[0-9]+$/.test(index) &&
        Number(index) < 2 &&
        spend.trim() !== '' &&
        Number.isFinite(Number(spend))
      );
    };
    const text = (maxLength: number) =>
      fc
        .array(fc.constantFrom('0', '1', '2', '7', '|', '-', '.', 'e', ' ', 'x'), { maxLength })
        .map((codes) => codes.join(''));
    const digits = fc.array(fc.constantFrom('0', '1', '2'), { maxLength: 3 }).map((codes) => codes.join(''));
    // Mostly of the form a run writes, a piece at a time off it; sometimes anything.
    const cell = fc.oneof(
      fc
        .tuple(digits, fc.constantFrom('335', '', '1|2'), fc.oneof(digits, text(4)))
        .map((parts) => parts.join('|')),
      fc.constantFrom('', '1|335', '0|', '1|335|', '|335|1', '1|335|-', '1|335|1e3', '1|335| 2'),
      text(9),
    );
    const header = (historyRows([january, february], 'fr') as Cell[][]).slice(0, 4);
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 6 }), (cells) => {
        const values = [...header, ...cells.map((pair, i) => [`c${i}`, pair.join(';')])];
        const { history } = readHistoryTab(new CellRows(values));
        const readable = [january, february].filter((_, run) =>
          cells.every((pair) => pair[run] === '' || valid(pair[run])),
        );
        expect(history.map((run) => run.asOfDay)).toEqual(readable.map((run) => run.asOfDay));
        for (const run of history) {
          const k = run.asOfDay === january.asOfDay ? 0 : 1;
          const inRun = cells.map((pair, i) => [`c${i}`, pair[k]]).filter(([, text]) => text !== '');
          expect(run.customers).toEqual(inRun.map(([id]) => id));
          const names = [...new Set([january, february][k].segments)];
          expect(run.segments).toEqual(inRun.map(([, text]) => names[Number(text.split('|')[0])]));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a customer on two rows (one copied by hand): the last row is theirs, the other is written back and no one’s', () => {
    const rows = historyRows([january, february], 'fr') as Cell[][];
    // `a` copied above `c` with other cells: the copy, lower, is a's row from now on.
    const copy = ['a', '1|335|999;1|335|999'];
    const edited = [...rows.slice(0, 7), copy, ...rows.slice(7)];
    const read = parseHistory(edited);
    expect(read.map((run) => run.customers)).toEqual([
      ['b', '00017', 'a'],
      ['b', 'a', 'c'],
    ]);
    expect(read[1].segments).toEqual(['VIP', 'Inactifs', 'Inactifs']);
    const april = snapshot('2025-04-30', [
      ['c', 'VIP'],
      ['a', 'VIP'],
    ]);
    for (const current of [
      april,
      { ...april, customers: [...april.customers].reverse(), segments: ['VIP', 'VIP'] },
    ]) {
      const history = withSnapshot(read, current, 24);
      const again = historyRows(history, 'fr');
      expect(again.slice(4)).toEqual([
        ['a', '0|335|1000;0|335|1000;'],
        ['b', '1|335|2000;0|335|2000;'],
        ['00017', '0|335|3000;;'],
        ['a', `1|335|999;1|335|999;0|335|${1000 * (current.customers.indexOf('a') + 1)}`],
        ['c', `;1|335|3000;0|335|${1000 * (current.customers.indexOf('c') + 1)}`],
      ]);
      const lookup = previousSegments(history);
      expect(lookup.segmentOf(current.customers.indexOf('a'))).toEqual({
        segment: 'Inactifs',
        since: april.asOfDay,
      });
      const migration = migrationMatrix(read[1], current, [], customerPairing(read[1], current));
      expect(migration.totals).toMatchObject({ customers: 3, goneCustomers: 1, moved: 2, newCustomers: 0 });
    }
  });

  it('a segment-list row that no longer reads as JSON (edited by hand) is written back, not lost', () => {
    const rows = historyRows([january, february], 'fr') as Cell[][];
    // One bracket deleted by hand: B4 is no longer a JSON list, so neither run can be read.
    const edited = String(rows[3][1]).slice(0, -1);
    rows[3][1] = edited;
    const { history, unreadable } = readHistoryTab(new CellRows(rows));
    expect(history).toEqual([]);
    expect(unreadable).toHaveLength(2);
    // Written back, the segment names that the cells number must still be somewhere on the tab.
    const again = historyRows(history, 'fr', unreadable);
    expect(JSON.stringify(again)).toContain('À stimuler');
    expect(JSON.stringify(again)).toContain('Inactifs');
  });

  it('reads the layout before this one, a column per run, and writes it back in this one', () => {
    const columns: Cell[][] = [
      ['Date d’analyse', '2025-01-31', '2025-02-28'],
      ['Exécuté le', '2025-01-31T08:00:00.000Z', '2025-02-28T08:00:00.000Z'],
      ['Échec', '', ''],
      ['Segments', '["VIP","À stimuler"]', '["VIP","Inactifs"]'],
      ['a', '0|335|1000', '0|335|1000'],
      ['b', '1|335|2000', '0|335|2000'],
      ['00017', '0|335|3000', ''],
      ['c', '', '1|335|3000'],
    ];
    const read = parseHistory(columns);
    expect(read).toEqual([january, { ...february, segments: ['VIP', 'VIP', 'Inactifs'] }]);
    const rows = historyRows(read, 'fr');
    expect(rows[0]).toEqual(['Date d’analyse', '["2025-01-31","2025-02-28"]']);
    expect(rows.slice(4)).toEqual([
      ['a', '0|335|1000;0|335|1000'],
      ['b', '1|335|2000;0|335|2000'],
      ['00017', '0|335|3000;'],
      ['c', ';1|335|3000'],
    ]);
    expect(parseHistory(rows as Cell[][])).toEqual(read);
  });

  it('a run at the same analysis date replaces the snapshot; only the latest are kept', () => {
    const again = snapshot('2025-02-28', [['a', 'À stimuler']]);
    expect(withSnapshot([january, february], again, 24)).toEqual([january, again]);
    expect(withSnapshot([january, february], march, 2)).toEqual([february, march]);
  });

  it('the segments on a day are those of the latest successful run on or before it (campaign conversion)', () => {
    const failed = snapshot('2025-03-15', [['a', 'Perdus']], 'erreur');
    // Out of order on the tab (a run replayed at an earlier date goes last): the date decides.
    const at = membershipAt([march, failed, january, february]);
    expect(at(dayFromIso('2025-01-30')!)).toBeNull();
    const segmentOn = (iso: string, id: string) => {
      const { customers, segments } = at(dayFromIso(iso)!)!;
      return segments[customers.indexOf(id)];
    };
    const { customers, segments } = at(dayFromIso('2025-01-31')!)!;
    expect(customers).toEqual(['a', 'b', '00017']);
    expect(segments).toEqual(['VIP', 'À stimuler', 'VIP']);
    expect(segmentOn('2025-03-20', 'c')).toBe('Inactifs');
    expect(segmentOn('2026-01-01', 'c')).toBe('À stimuler');
  });

  it('a failed run is recorded but never compared with', () => {
    const failed = snapshot('2025-03-31', [], 'boom');
    const history = withSnapshot([january, february], failed, 24);
    expect(history.length).toBe(3);
    expect(previousSnapshot(withSnapshot(history, march, 24))).toBe(february);
  });

  it('tells each customer’s previous segment and since when they are in the current one', () => {
    const lookup = previousSegmentsById([january, february, march]);
    expect(lookup('a')).toEqual({ segment: 'VIP', since: january.asOfDay });
    expect(lookup('b')).toEqual({ segment: 'VIP', since: february.asOfDay });
    expect(lookup('c')).toEqual({ segment: 'Inactifs', since: march.asOfDay });
    expect(previousSegmentsById([january, february])('c')).toEqual({
      segment: null,
      since: february.asOfDay,
    });
    expect(previousSegmentsById([january])('a')).toEqual({ segment: '', since: january.asOfDay });
    expect(lookup('z')).toBeUndefined();
  });

  it('tells the same from snapshots read back from the tab, beside a new one', () => {
    const read = parseHistory(historyRows([january, february], 'fr') as Cell[][]);
    const lookup = previousSegmentsById([...read, march]);
    for (const customer of ['a', 'b', 'c', '00017', 'z'])
      expect(lookup(customer)).toEqual(previousSegmentsById([january, february, march])(customer));
    expect(lookup('a')).toEqual({ segment: 'VIP', since: january.asOfDay });
  });

  it('a run added to runs read back is what it is added to the same runs never written: cells, previous segments, migrations', () => {
    // Read runs and this run are matched by number (rows found once), runs never written by id.
    const ids = ['a', 'b', 'c', 'd', '007', '7', 'e'];
    const names = ['VIP', 'Perdus', 'À stimuler'];
    const run = fc
      .uniqueArray(fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...names)), {
        selector: ([id]) => id,
        maxLength: ids.length,
      })
      .map((entries) => entries as [string, string][]);
    const first = dayFromIso('2025-01-31')!;
    fc.assert(
      fc.property(
        fc.array(run, { minLength: 1, maxLength: 5 }),
        run,
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: -1, max: 4 }),
        (runs, entries, keep, sameDateAs) => {
          const history = runs.map((ofRun, i) => snapshot(isoDay(first + 10 * i), ofRun));
          // On the date of an earlier run, this run replaces it: the runs after it stay, read.
          const at = sameDateAs >= 0 && sameDateAs < runs.length ? sameDateAs : runs.length;
          const current = snapshot(isoDay(first + 10 * at), entries);
          const read = parseHistory(historyRows(history, 'fr') as Cell[][]);
          const fromTab = withSnapshot(read, current, keep);
          const inMemory = withSnapshot(history, current, keep);
          // The same rows; those of the tab first (in its order), then the customers new to it.
          const sorted = (rows: WriteCell[][]) => [...rows.slice(0, 4), ...rows.slice(4).sort()];
          expect(sorted(historyRows(fromTab, 'fr'))).toEqual(sorted(historyRows(inMemory, 'fr')));
          const [before, after] = [previousSegments(fromTab), previousSegments(inMemory)];
          current.customers.forEach((_, i) => expect(before.segmentOf(i)).toEqual(after.segmentOf(i)));
          const previous = previousSnapshot(fromTab);
          if (!previous) return;
          const pairing = customerPairing(previous, current);
          expect(Array.from(pairing!)).toEqual(current.customers.map((id) => previous.customers.indexOf(id)));
          expect(migrationMatrix(previous, current, names, pairing)).toEqual(
            migrationMatrix(previousSnapshot(inMemory)!, current, names),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

const retail = dataSet('online_retail.csv.gz');

describe.skipIf(!retail)('migrations on Online Retail, as of 2011-06-30 then 2011-12-09', () => {
  it('the matrix counts every customer of both runs once, each move as the two runs say', () => {
    const rows = readTableFile(retail!);
    const port = recordingPort({ locale: 'en_GB', timeZone: 'Europe/London', sheets: { Orders: rows } });
    const settingsFor = (asOf: string) => {
      const settings = port.tabs.find((tab) => tab.tag?.kind === 'settings');
      if (!settings) return;
      const row = port.valuesOf(settings.name).findIndex((cells) => cells[0] === 'Analysis date');
      settings.grid[row][1] = asOf;
    };
    applySegmentation(port, { today: 0, now: '2011-07-01T00:00:00Z' });
    settingsFor('2011-06-30');
    applySegmentation(port, { today: 0, now: '2011-07-01T00:00:00Z' });
    settingsFor('2011-12-09');
    const result = applySegmentation(port, { today: 0, now: '2011-12-10T00:00:00Z' });
    expect(result.ok).toBe(true);

    const june = analyse(rows, { locale: 'en_GB', asOfDay: dayFromIso('2011-06-30') });
    const december = analyse(rows, { locale: 'en_GB', asOfDay: dayFromIso('2011-12-09') });
    const segmentOf = (analysis: typeof june) =>
      new Map(analysis.metrics.ids.map((id, i) => [id, analysis.segmentNames[analysis.segment[i]]]));
    const before = segmentOf(june);
    const after = segmentOf(december);
    const everyone = new Set([...before.keys(), ...after.keys()]);

    const migration = port.valuesOf('Segmento · Migrations');
    expect(migration[0][0]).toBe('Customers who moved between segments, from 30 Jun 2011 to 9 Dec 2011');
    const header = migration[2];
    const matrixEnd = migration.findIndex((row, i) => i > 2 && row[0] === '');
    const matrix = migration.slice(3, matrixEnd);
    const total = matrix.reduce(
      (sum, row) => sum + row.slice(1).reduce<number>((s, n) => s + Number(n || 0), 0),
      0,
    );
    expect(total).toBe(everyone.size);

    const expected = new Map<string, number>();
    for (const customer of everyone) {
      const key = `${before.get(customer) ?? 'Not yet customers'}→${after.get(customer) ?? 'No longer present'}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    for (const row of matrix) {
      for (let column = 1; column < header.length; column++) {
        expect([`${row[0]}→${header[column]}`, row[column]]).toEqual([
          `${row[0]}→${header[column]}`,
          expected.get(`${row[0]}→${header[column]}`) ?? 0,
        ]);
      }
    }

    // Revenue: the "Champions" column sums December's spend of today's Champions.
    const revenueStart = migration.findIndex((row) => String(row[0]).startsWith('Net revenue')) + 2;
    const revenue = migration.slice(revenueStart, revenueStart + matrix.length);
    const champions = header.indexOf('Champions');
    const columnSum = revenue.reduce((sum, row) => sum + Number(row[champions] || 0), 0);
    const expectedChampions = december.metrics.ids.reduce(
      (sum, _, i) =>
        sum + (december.segmentNames[december.segment[i]] === 'Champions' ? december.metrics.monetary[i] : 0),
      0,
    );
    expect(Math.round(columnSum * 1000)).toBe(expectedChampions);

    // Segment tabs carry the previous segment.
    const championsTab = port.valuesOf('Champions');
    const previousColumn = championsTab[0].indexOf('Previous segment');
    const first = championsTab[1];
    expect(first[previousColumn]).toBe(before.get(String(first[0])) ?? 'Not yet a customer');
  });
});

describe('SEGMENT_HISTORY', () => {
  it('lists a customer’s segment at each run, oldest first', () => {
    const port = recordingPort({ sheets: { Commandes: shopOrders(400) } });
    applySegmentation(port, { today: 0 });
    const settings = port.tabs.find((tab) => tab.tag?.kind === 'settings')!;
    settings.grid[port.valuesOf(settings.name).findIndex((row) => row[0] === 'Date d’analyse')][1] =
      '2025-06-30';
    applySegmentation(port, { today: 0 });
    const history = port.valuesOf('Segmento · Historique');
    const customer = String(history[4][0]);
    const context = {
      locale: 'fr_FR',
      timeZone: 'Europe/Paris',
      lang: 'fr' as const,
      today: 0,
      settings: () => ({ settings: null, issues: [] }),
      history: () => readHistory(port),
    };
    const rows = segmentHistory(context, customer);
    expect(rows[0]).toEqual(['Date d’analyse', 'Segment', 'Code RFM']);
    expect(rows.slice(1).map((row) => row[0])).toEqual(['2025-06-30', '2025-12-30']);
    expect(segmentHistory(context, customer, history)).toEqual(rows);
    expect(segmentHistory(context, 'inconnu')).toEqual([['']]);
    expect(() => segmentHistory(context, '')).toThrow('Donnez un seul client');
  });
});
