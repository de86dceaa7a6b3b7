/**
 * A workbook port for the bench: the orders tab is handed over as it is, every call is counted by
 * method and written cells are counted, nothing is stored. A method added to the port later is
 * counted and does nothing, so the bench keeps working while the port grows.
 */
import type { ColumnMapping } from '../../src/core/columns';
import { dayFromIso } from '../../src/core/days';
import type { Cell } from '../../src/core/values';
import { applySegmentation, type ApplyResult } from '../../src/workbook/apply';
import type { TabTag, WorkbookPort, WriteCell } from '../../src/workbook/port';
import { defaultSettings } from '../../src/workbook/settings-model';
import { settingsRows } from '../../src/workbook/settings-tab';

export interface CountingPort {
  port: WorkbookPort;
  /** Calls by method. */
  calls: Map<string, number>;
  cellsWritten: number;
  /** Ranges read and their cells. */
  rangesRead: number;
  cellsRead: number;
}

export function countingPort(options: {
  locale: string;
  timeZone: string;
  /** Tabs a person made: name → values. */
  sheets: Record<string, Cell[][]>;
  /** Values of a settings tab, when the document has one. */
  settings?: WriteCell[][];
  /** The execution's time and limit, as the Sheets port gives them (none by default). */
  executionTime?: WorkbookPort['executionTime'];
}): CountingPort {
  const tabs: { id: number; name: string; tag: TabTag | null; values: Cell[][] }[] = [];
  let nextId = 1;
  for (const [name, values] of Object.entries(options.sheets))
    tabs.push({ id: nextId++, name, tag: null, values });
  if (options.settings) {
    tabs.push({
      id: nextId++,
      name: 'Segmento',
      tag: { kind: 'settings', key: 'settings' },
      values: options.settings,
    });
  }
  const find = (id: number) => tabs.find((tab) => tab.id === id)!;
  const counting: CountingPort = {
    port: null as unknown as WorkbookPort,
    calls: new Map(),
    cellsWritten: 0,
    rangesRead: 0,
    cellsRead: 0,
  };
  const base: Partial<WorkbookPort> = {
    locale: () => options.locale,
    timeZone: () => options.timeZone,
    sheetNames: () => tabs.map((tab) => tab.name),
    readRange(sheetName) {
      const tab = tabs.find((candidate) => candidate.name === sheetName);
      if (!tab) return null;
      counting.rangesRead++;
      counting.cellsRead += tab.values.reduce((sum, row) => sum + row.length, 0);
      return { values: tab.values, firstRow: 1 };
    },
    managedTabs: () =>
      tabs.filter((tab) => tab.tag !== null).map((tab) => ({ id: tab.id, name: tab.name, tag: tab.tag! })),
    capacity: () => null,
    executionTime: options.executionTime ?? (() => null),
    tabLimit: () => null,
    createManagedTab(name, tag) {
      const tab = { id: nextId++, name, tag, values: [] };
      tabs.push(tab);
      return { id: tab.id, name, tag };
    },
    retagTab: (id, tag) => void (find(id).tag = tag),
    renameTab: (id, name) => void (find(id).name = name),
    deleteTab: (id) => void tabs.splice(tabs.indexOf(find(id)), 1),
    moveTabToEnd: (id) => void tabs.push(...tabs.splice(tabs.indexOf(find(id)), 1)),
    writeBlock(_id, _row, _column, values) {
      counting.cellsWritten += values.reduce((sum, row) => sum + row.length, 0);
    },
    withDocumentLock: (_waitMs, fn) => fn(),
  };
  counting.port = new Proxy(base, {
    get(target, name) {
      // A Sheets port reads every range as values: it has no `readRows`.
      if (typeof name !== 'string' || name === 'readRows') return undefined;
      return (...args: unknown[]) => {
        if (name !== 'locale' && name !== 'timeZone')
          counting.calls.set(name, (counting.calls.get(name) ?? 0) + 1);
        const method = target[name as keyof WorkbookPort] as ((...a: unknown[]) => unknown) | undefined;
        return method?.(...args);
      };
    },
  }) as WorkbookPort;
  return counting;
}

/** The spreadsheet of the bench's Apply: its locale, time zone and the columns its settings tab maps. */
export interface BenchSpreadsheet {
  locale: string;
  timeZone: string;
  mapping: ColumnMapping | undefined;
  /** The execution's time and limit, from what the port has counted so far; none by default. */
  executionTime?: (counting: CountingPort) => ReturnType<WorkbookPort['executionTime']>;
}

/** Apply, on 2026-01-15, over the order values in a tab « Commandes » beside a French settings tab. */
export function countingApply(
  values: Cell[][],
  spreadsheet: BenchSpreadsheet,
): { counting: CountingPort; result: ApplyResult } {
  const settings = defaultSettings('fr');
  settings.mapping = spreadsheet.mapping ?? {};
  const { executionTime } = spreadsheet;
  const counting: CountingPort = countingPort({
    locale: spreadsheet.locale,
    timeZone: spreadsheet.timeZone,
    sheets: { Commandes: values },
    settings: settingsRows(settings, 'fr'),
    executionTime: executionTime && (() => executionTime(counting)),
  });
  return { counting, result: applySegmentation(counting.port, { today: dayFromIso('2026-01-15')! }) };
}
