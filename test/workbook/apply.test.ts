import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis';
import { dayFromIso } from '../../src/core/days';
import { applySegmentation } from '../../src/workbook/apply';
import { serialOfDay } from '../../src/workbook/segment-tabs';
import type { Settings } from '../../src/workbook/settings-model';
import { recordingPort } from './recording-port';
import { shopOrders } from './shop';

const today = dayFromIso('2026-01-15')!;

describe('Apply', () => {
  it('writes the KPI tab, one tab per non-empty segment, the rejects and the settings tab', () => {
    const orders = shopOrders(1000);
    orders.push(['X1', '', new Date(Date.UTC(2025, 0, 2)), 10, 'Lyon'], ['X2', 'CL1', 'demain', 10, 'Lyon']);
    const port = recordingPort({ sheets: { Commandes: orders } });
    const result = applySegmentation(port, { today });
    expect(result.ok).toBe(true);
    const analysis = analyse(orders, { locale: 'fr_FR', timeZone: 'Europe/Paris' });
    const nonEmpty = analysis.segmentNames.filter((_, i) => analysis.segment.includes(i));
    // Our visible tabs follow the person's, summary first and settings last; the hidden history stays put.
    const names = port.sheetNames();
    expect(names).toEqual([
      'Commandes',
      'Segmento · Historique',
      'Segmento · Synthèse',
      ...nonEmpty,
      'Segmento · Fidélisation',
      'Segmento · Rejets',
      'Segmento · Campagnes',
      'Segmento · Acquisition',
      'Segmento · Réglages',
    ]);
    expect(port.tabs.find((tab) => tab.name === 'Segmento · Historique')?.layout.hidden).toBe(true);
    // Every scored customer is in exactly one segment tab.
    const listed = nonEmpty.flatMap((name) =>
      port
        .valuesOf(name)
        .slice(1)
        .map((row) => row[0]),
    );
    expect(listed.length).toBe(analysis.metrics.count);
    expect(new Set(listed).size).toBe(analysis.metrics.count);
    expect(port.valuesOf('Segmento · Rejets')).toEqual([
      ['Ligne', 'Motif'],
      [1002, 'client manquant'],
      [1003, 'date illisible « demain »'],
    ]);
    if (result.ok) expect(result.summary).toMatchObject({ customers: analysis.metrics.count, rejected: 2 });
    // Offered as links after Apply: every visible tab written but the settings, which the sidebar edits.
    const linked = result.ok ? result.summary.tabs.filter((tab) => tab.linked).map((tab) => tab.name) : [];
    const unlinked = ['Commandes', 'Segmento · Historique', 'Segmento · Réglages'];
    expect(linked.sort()).toEqual(names.filter((name) => !unlinked.includes(name)).sort());
  });

  it('the source rows are never modified', () => {
    const orders = shopOrders(300);
    const port = recordingPort({ sheets: { Commandes: orders } });
    const before = JSON.stringify(port.valuesOf('Commandes'));
    applySegmentation(port, { today });
    expect(JSON.stringify(port.valuesOf('Commandes'))).toBe(before);
  });

  it('the number of calls depends on the number of tabs, not on the number of rows', () => {
    // The same shop with every order repeated: the same scores and tabs from 1,000 or 100,000 rows;
    // the second run also reads the campaigns (with a contacted range) and acquisition tables.
    const base = shopOrders(1_000, 400);
    const count = (copies: number) => {
      const rows = [base[0]];
      for (let copy = 0; copy < copies; copy++)
        rows.push(...base.slice(1).map((row) => [`${row[0]}-${copy}`, ...row.slice(1)]));
      const contacts = [['Client'], ...rows.slice(1, 1 + 50 * copies).map((row) => [row[1]])];
      const port = recordingPort({ sheets: { Commandes: rows, Contacts: contacts } });
      applySegmentation(port, { today, now: '2025-06-30T08:00:00Z' });
      const tab = (kind: string) => port.managedTabs().find((managed) => managed.tag.kind === kind)!.id;
      const campaignDay = serialOfDay(dayFromIso('2025-06-01')!);
      port.writeBlock(tab('campaigns'), 2, 1, [
        ['Relance', campaignDay, 'Perdus; Bientôt endormis', 30, 200, 'Contacts!A2:A'],
        ['Offre', campaignDay, 'Champions', 30, '', ''],
      ]);
      port.writeBlock(tab('acquisition'), 2, 1, [
        ['2025-01', 'Salon', 300, 40],
        ['2025-02', '', 250, ''],
      ]);
      const before = port.calls.length;
      applySegmentation(port, { today, now: '2026-01-15T08:00:00Z' });
      return { calls: port.calls.length - before, tabs: port.sheetNames().length };
    };
    const small = count(1);
    const large = count(100);
    expect(large.tabs).toBe(small.tabs);
    expect(large.calls).toBe(small.calls);
  });

  it('a re-run replaces only its own tabs; a person’s tab with a segment name is left alone', () => {
    const port = recordingPort({ sheets: { Commandes: shopOrders(1000) } });
    port.addPersonTab('Champions', [['mes notes', 'à garder']]);
    applySegmentation(port, { today });
    const first = port.sheetNames();
    expect(first).toContain('Champions (2)');
    applySegmentation(port, { today });
    expect(port.sheetNames().sort()).toEqual(first.sort());
    expect(port.valuesOf('Champions')).toEqual([['mes notes', 'à garder']]);
  });

  it('a re-run keeps our tabs in order after the person’s (summary first, settings last) and shows the summary', () => {
    const port = recordingPort({ sheets: { Commandes: shopOrders(1000) } });
    const asOfToday = (settings: Settings): Settings => ({ ...settings, asOf: { kind: 'today' } });
    applySegmentation(port, { today, now: '2025-12-01T08:00:00Z', adjust: asOfToday });
    port.addPersonTab('Notes', [['à garder']]);
    const second = applySegmentation(port, {
      today: today + 40,
      now: '2026-01-10T08:00:00Z',
      adjust: asOfToday,
    });
    expect(second.ok).toBe(true);
    if (!second.ok) return;
    const visible = port.sheetNames().filter((name) => name !== 'Segmento · Historique');
    const segments = second.summary.tabs.filter((tab) => tab.kind === 'segment').map((tab) => tab.name);
    expect(visible).toEqual([
      'Commandes',
      'Notes',
      'Segmento · Synthèse',
      ...segments,
      'Segmento · Migrations',
      'Segmento · Fidélisation',
      'Segmento · Campagnes',
      'Segmento · Acquisition',
      'Segmento · Réglages',
    ]);
    const kpi = second.summary.tabs.find((tab) => tab.kind === 'kpi')!;
    expect(port.calls.filter((call) => call.method === 'activateTab').at(-1)).toEqual({
      method: 'activateTab',
      args: [kpi.id],
    });
  });

  it('says in which order dates such as 05/06/2024 were read, and which row decided it', () => {
    const port = recordingPort({
      locale: 'en_US',
      sheets: {
        Orders: [
          ['Customer', 'Date', 'Amount'],
          ['A', '05/06/2024', '10'],
          ['B', '27/08/2024', '20'],
          ['A', '01/09/2024', '15'],
        ],
      },
    });
    const result = applySegmentation(port, { today });
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(result.summary.message).toContain(
        'Dates read day first (DD/MM/YYYY): row 3 "27/08/2024" reads only in that order.',
      );
  });

  it('text that looks like a formula is written as the same text', () => {
    const orders = shopOrders(200);
    orders.push(['F1', '=HYPERLINK("http://x";"clic")', new Date(Date.UTC(2025, 11, 30)), 99, '+33 Lyon']);
    const port = recordingPort({ sheets: { Commandes: orders } });
    applySegmentation(port, { today });
    const written = port.calls
      .filter((call) => call.method === 'writeBlock')
      .flatMap((call) => (call.args[3] as unknown[][]).flat());
    expect(written).toContain('=HYPERLINK("http://x";"clic")');
    expect(written).toContain('+33 Lyon');
  });

  it('a failure half-way leaves the workbook as it was', () => {
    const port = recordingPort({ sheets: { Commandes: shopOrders(500) } });
    applySegmentation(port, { today });
    const before = port.sheetNames().map((name) => [name, JSON.stringify(port.valuesOf(name))]);
    port.failOn('writeBlock', 4);
    expect(() => applySegmentation(port, { today })).toThrow('simulated failure');
    expect(port.sheetNames().map((name) => [name, JSON.stringify(port.valuesOf(name))])).toEqual(before);
  });

  it('a second Apply while one runs is told the document is busy and writes nothing', () => {
    const port = recordingPort({ sheets: { Commandes: shopOrders(100) } });
    port.lockHeld = true;
    const result = applySegmentation(port, { today });
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('en cours') });
    expect(port.sheetNames()).toEqual(['Commandes']);
  });

  it('a broken edit of the settings tab names the cell to fix and writes nothing', () => {
    const port = recordingPort({ sheets: { Commandes: shopOrders(300) } });
    applySegmentation(port, { today });
    const settings = port.tabs.find((tab) => tab.tag?.kind === 'settings')!;
    const values = port.valuesOf(settings.name);
    const classesRow = values.findIndex((row) => row[0] === 'Nombre de classes');
    settings.grid[classesRow][1] = 12;
    const before = port.sheetNames();
    const calls = port.calls.length;
    const result = applySegmentation(port, { today });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues).toEqual([
        { cell: `B${classesRow + 1}`, message: expect.stringContaining('3 à 10') },
      ]);
    expect(port.sheetNames()).toEqual(before);
    expect(port.calls.slice(calls).map((call) => call.method)).not.toContain('writeBlock');
  });

  it('labels follow the language: English sheet, English tabs', () => {
    const port = recordingPort({ locale: 'en_US', sheets: { Orders: shopOrders(300) } });
    applySegmentation(port, { today });
    expect(port.sheetNames()).toContain('Segmento · Summary');
    expect(port.sheetNames()).toContain('Segmento · Settings');
    expect(port.valuesOf('Segmento · Summary')[2][0]).toBe('Segment');
  });
});

describe('Apply with the default preset at 3 classes', () => {
  it('an empty preset segment is no reason to refuse the run', () => {
    const port = recordingPort({ sheets: { Commandes: shopOrders(500) } });
    applySegmentation(port, { today });
    const settings = port.tabs.find((tab) => tab.tag?.kind === 'settings')!;
    const classesRow = port.valuesOf(settings.name).findIndex((row) => row[0] === 'Nombre de classes');
    settings.grid[classesRow][1] = 3;
    const result = applySegmentation(port, { today });
    expect(result.ok).toBe(true);
    expect(port.sheetNames()).not.toContain('Fidèles');
  });
});
