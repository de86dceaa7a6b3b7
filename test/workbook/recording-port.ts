/**
 * An in-memory WorkbookPort that records every call: the pipeline tests assert what was written,
 * how, and in how many calls.
 */
import type { Cell } from '../../src/core/values';
import type {
  Area,
  CellFormat,
  ChartSpec,
  ManagedTab,
  TabLayout,
  TabTag,
  WorkbookPort,
  WriteCell,
} from '../../src/workbook/port';

export interface RecordedTab {
  id: number;
  name: string;
  tag: TabTag | null;
  /** Rows of cells, 0-based; missing cells are empty. */
  grid: Cell[][];
  formats: { area: Area; format: CellFormat }[];
  colorScales: Area[];
  charts: ChartSpec[];
  layout: TabLayout;
}

export interface RecordingPort extends WorkbookPort {
  calls: { method: string; args: unknown[] }[];
  tabs: RecordedTab[];
  /** The values of a tab as rows (trailing empty cells trimmed). */
  valuesOf(name: string): Cell[][];
  /** Adds a tab a person made. */
  addPersonTab(name: string, values: Cell[][]): void;
  /** Makes the nth call of a method throw (to test a failure half-way). */
  failOn(method: string, nth: number): void;
  lockHeld: boolean;
}

export function recordingPort(
  options: { locale?: string; timeZone?: string; sheets?: Record<string, Cell[][]> } = {},
): RecordingPort {
  const tabs: RecordedTab[] = [];
  const calls: RecordingPort['calls'] = [];
  const failures = new Map<string, number>();
  let nextId = 100;
  const find = (id: number) => {
    const tab = tabs.find((candidate) => candidate.id === id);
    if (!tab) throw new Error(`no tab ${id}`);
    return tab;
  };
  const record = (method: string, args: unknown[]) => {
    calls.push({ method, args });
    const remaining = failures.get(method);
    if (remaining !== undefined) {
      if (remaining <= 1) {
        failures.delete(method);
        throw new Error(`simulated failure of ${method}`);
      }
      failures.set(method, remaining - 1);
    }
  };
  const newTab = (name: string, tag: TabTag | null): RecordedTab => {
    if (tabs.some((tab) => tab.name === name)) throw new Error(`A sheet named ${name} already exists`);
    const tab: RecordedTab = {
      id: nextId++,
      name,
      tag,
      grid: [],
      formats: [],
      colorScales: [],
      charts: [],
      layout: {},
    };
    tabs.push(tab);
    return tab;
  };
  const write = (tab: RecordedTab, row: number, column: number, values: Cell[][]) => {
    values.forEach((cells, r) => {
      const target = (tab.grid[row - 1 + r] ??= []);
      cells.forEach((value, c) => (target[column - 1 + c] = value));
    });
  };
  const isBlank = (cell: Cell) => cell === '' || cell === null || cell === undefined;
  const valuesOfTab = (tab: RecordedTab): Cell[][] => {
    let rows = 0;
    let columns = 0;
    tab.grid.forEach((cells, r) =>
      cells?.forEach((value, c) => {
        if (isBlank(value)) return;
        rows = Math.max(rows, r + 1);
        columns = Math.max(columns, c + 1);
      }),
    );
    return Array.from({ length: rows }, (_, r) =>
      Array.from({ length: columns }, (_, c) => tab.grid[r]?.[c] ?? ''),
    );
  };

  const port: RecordingPort = {
    calls,
    tabs,
    lockHeld: false,
    valuesOf: (name) => {
      const tab = tabs.find((candidate) => candidate.name === name);
      if (!tab) throw new Error(`no tab ${name}`);
      return valuesOfTab(tab);
    },
    addPersonTab: (name, values) => {
      newTab(name, null).grid = values.map((row) => [...row]);
    },
    failOn: (method, nth) => failures.set(method, nth),
    locale: () => options.locale ?? 'fr_FR',
    timeZone: () => options.timeZone ?? 'Europe/Paris',
    sheetNames: () => tabs.map((tab) => tab.name),
    readRange(sheetName, a1) {
      record('readRange', [sheetName, a1]);
      const tab = tabs.find((candidate) => candidate.name === sheetName);
      if (!tab) return null;
      const values = valuesOfTab(tab);
      const match = a1 === null ? null : /^([A-Z]+)(\d*):([A-Z]+)(\d*)$/.exec(a1);
      if (!match) return { values, firstRow: 1 };
      const letter = (text: string) => [...text].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      const first = match[2] ? Number(match[2]) : 1;
      const last = match[4] ? Number(match[4]) : values.length;
      const rows = values
        .slice(first - 1, last)
        .map((row) => row.slice(letter(match[1]), letter(match[3]) + 1));
      return { values: rows, firstRow: first };
    },
    managedTabs: () =>
      tabs.filter((tab) => tab.tag !== null).map((tab) => ({ id: tab.id, name: tab.name, tag: tab.tag! })),
    capacity: () => null,
    tabLimit: () => null,
    createManagedTab(name, tag): ManagedTab {
      record('createManagedTab', [name, tag]);
      const tab = newTab(name, tag);
      return { id: tab.id, name, tag };
    },
    retagTab(id, tag) {
      record('retagTab', [id, tag]);
      find(id).tag = tag;
    },
    renameTab(id, name) {
      record('renameTab', [id, name]);
      if (tabs.some((tab) => tab.name === name && tab.id !== id))
        throw new Error(`A sheet named ${name} already exists`);
      find(id).name = name;
    },
    deleteTab(id) {
      record('deleteTab', [id]);
      tabs.splice(tabs.indexOf(find(id)), 1);
    },
    writeBlock(id, row, column, values: WriteCell[][]) {
      record('writeBlock', [id, row, column, values]);
      write(find(id), row, column, values);
    },
    formatArea(id, area, format) {
      record('formatArea', [id, area, format]);
      find(id).formats.push({ area, format });
    },
    addColorScale(id, area, colors) {
      record('addColorScale', [id, area, colors]);
      find(id).colorScales.push(area);
    },
    addChart(id, chart) {
      record('addChart', [id, chart]);
      find(id).charts.push(chart);
    },
    layoutTab(id, layout) {
      record('layoutTab', [id, layout]);
      find(id).layout = layout;
    },
    activateTab(id) {
      record('activateTab', [id]);
      find(id);
    },
    moveTabToEnd(id) {
      record('moveTabToEnd', [id]);
      const tab = find(id);
      tabs.splice(tabs.indexOf(tab), 1);
      tabs.push(tab);
    },
    withDocumentLock(waitMs, fn) {
      record('withDocumentLock', [waitMs]);
      if (port.lockHeld) return null;
      port.lockHeld = true;
      try {
        return fn();
      } finally {
        port.lockHeld = false;
      }
    },
    notify(message) {
      record('notify', [message]);
    },
  };
  for (const [name, values] of Object.entries(options.sheets ?? {})) port.addPersonTab(name, values);
  return port;
}
