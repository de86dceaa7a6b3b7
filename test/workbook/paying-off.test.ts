/**
 * Is each segment paying off, through Apply (src/workbook/README.md, "Is a segment paying off"):
 * the two hand tables are created when missing and never written over; bad hand edits are named
 * by their cell while the rest is computed; campaign segments come from the history tab.
 */
import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../../src/core/days';
import { applySegmentation } from '../../src/workbook/apply';
import type { WorkbookPort, WriteCell } from '../../src/workbook/port';
import { serialOfDay } from '../../src/workbook/segment-tabs';
import type { Settings } from '../../src/workbook/settings-model';
import { recordingPort, type RecordingPort } from './recording-port';
import { shopOrders } from './shop';

const today = dayFromIso('2026-01-15')!;
const KPI = 'Segmento · Synthèse';
const CAMPAIGNS = 'Segmento · Campagnes';
const ACQUISITION = 'Segmento · Acquisition';

const asOf =
  (iso: string) =>
  (settings: Settings): Settings => ({ ...settings, asOf: { kind: 'date', day: dayFromIso(iso)! } });

function tabId(port: WorkbookPort, kind: string): number {
  return port.managedTabs().find((tab) => tab.tag.kind === kind)!.id;
}

/** Types rows into a hand table under its header, as a person would. */
function type(port: RecordingPort, kind: 'campaigns' | 'acquisition', rows: WriteCell[][]): void {
  port.writeBlock(tabId(port, kind), 2, 1, rows);
}

describe('the campaigns and acquisition tables', () => {
  it('are created visible with a header (and an example campaign), then never written over by Apply', () => {
    const port = recordingPort({ sheets: { Commandes: shopOrders(1000) } });
    const first = applySegmentation(port, { today });
    expect(first.ok).toBe(true);
    const campaigns = port.valuesOf(CAMPAIGNS);
    expect(campaigns[0]).toEqual([
      'Campagne',
      'Date',
      'Segments ciblés',
      'Fenêtre (jours)',
      'Coût',
      'Clients contactés (plage)',
    ]);
    expect(campaigns[1][0]).toBe('Exemple : relance (remplacez cette ligne)');
    expect(campaigns[1][3]).toBe(30);
    expect(port.valuesOf(ACQUISITION)).toEqual([['Mois', 'Canal', 'Dépenses', 'Prospects']]);
    for (const name of [CAMPAIGNS, ACQUISITION])
      expect(port.tabs.find((tab) => tab.name === name)?.layout.hidden).not.toBe(true);

    type(port, 'campaigns', [['Ma campagne', serialOfDay(dayFromIso('2025-10-01')!), 'Perdus', 20, 99, '']]);
    type(port, 'acquisition', [['2025-10', 'Salon', 1500, '']]);
    const before = [port.valuesOf(CAMPAIGNS), port.valuesOf(ACQUISITION)];
    const ids = [tabId(port, 'campaigns'), tabId(port, 'acquisition')];
    const callsBefore = port.calls.length;
    expect(applySegmentation(port, { today }).ok).toBe(true);
    expect([port.valuesOf(CAMPAIGNS), port.valuesOf(ACQUISITION)]).toEqual(before);
    expect([tabId(port, 'campaigns'), tabId(port, 'acquisition')]).toEqual(ids);
    const touched = port.calls
      .slice(callsBefore)
      .filter((call) => call.method !== 'readRange' && ids.includes(call.args[0] as number));
    expect(touched.map((call) => call.method)).toEqual(['moveTabToEnd', 'moveTabToEnd']);
  });

  it('a preset segment named in the other language is the same segment', () => {
    const port = recordingPort({ locale: 'en_US', sheets: { Orders: shopOrders(2000) } });
    expect(
      applySegmentation(port, { today, adjust: asOf('2025-05-31'), now: '2025-05-31T20:00:00Z' }).ok,
    ).toBe(true);
    type(port, 'campaigns', [
      ['Relance', serialOfDay(dayFromIso('2025-06-02')!), 'Perdus; lost', 30, 100, ''],
    ]);
    const result = applySegmentation(port, { today });
    expect(result.ok && result.summary.payingOff.issues).toEqual([]);
    const kpi = port.valuesOf('Segmento · Summary');
    expect(kpi.find((row) => row[0] === 'Relance')?.[2]).toBe('Lost');
  });

  it('bad hand edits are named by their cell, and the rest is still computed', () => {
    const orders = shopOrders(2000);
    const port = recordingPort({
      sheets: { Commandes: orders, Contacts: [['Client'], ['CL00001'], ['CL00002']] },
    });
    // The run the campaign's segments come from, then the tables typed, then today's run.
    expect(
      applySegmentation(port, { today, adjust: asOf('2025-05-31'), now: '2025-05-31T20:00:00Z' }).ok,
    ).toBe(true);
    const june = serialOfDay(dayFromIso('2025-06-02')!);
    type(port, 'campaigns', [
      ['Relance', june, 'Perdus; Inconnus', 'trente', -50, 'Contacts!A2:A'],
      ['Sans date', 'demain', 'Perdus', 30, '', ''],
      ['Mauvaise plage', june, 'Perdus', 30, '', 'Nulle part!A:A'],
    ]);
    type(port, 'acquisition', [
      ['2025-03', '', 100, 50],
      ['mars 2025', '', 120, ''],
      ['2025-04', '', -30, ''],
      ['2025-05', '', 'beaucoup', ''],
      ['2025-06', '', 200, 'dix'],
    ]);
    const result = applySegmentation(port, { today });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.summary.message).toContain('9 cellule(s) à corriger');
    const kpi = port.valuesOf(KPI).map((row) => row.map((cell) => (cell === undefined ? '' : cell)));
    const issuesAt = kpi.findIndex((row) => row[0] === 'Cellules à corriger (le reste est calculé) :');
    const issues = kpi.slice(issuesAt + 1).map((row) => String(row[0]));
    expect(issues).toEqual([
      'C2 : segment inconnu « Inconnus » : écrivez un nom de segment des réglages, séparés par « ; »',
      'D2 : nombre illisible « trente » : 30 jours utilisés',
      'E2 : « -50 » doit être un nombre positif : coût ignoré',
      'B3 : date illisible « demain » : campagne ignorée',
      'F4 : plage des contactés illisible « Nulle part!A:A » : écrivez-la comme `Contacts!A2:A` ou le nom d’un onglet ; campagne ignorée',
      'A3 : mois « mars 2025 » déjà donné en A2 pour ce canal (le même mois écrit autrement ?) : ligne ignorée',
      'C4 : dépense négative « -30 » : ligne ignorée',
      'C5 : nombre illisible « beaucoup »',
      'D6 : nombre illisible « dix »',
    ]);
    expect(result.summary.payingOff.issues).toHaveLength(9);
    // The campaign still counts, with its list, the default window and no cost.
    const relance = kpi.find((row) => row[0] === 'Relance')!;
    expect(relance[2]).toBe('Perdus');
    const [members, contacted, control] = [relance[3], relance[4], relance[10]] as number[];
    expect(contacted).toBeLessThanOrEqual(2);
    expect(contacted + control).toBe(members);
    expect(relance[9]).toBe(''); // no cost, no cost per buyer
    // The spend rows that read are used: 100 in March, 200 in June.
    const month = (name: string) => kpi.find((row) => row[0] === name && row[1] === 'Tous canaux')!;
    expect(month('2025-03')[3]).toBe(100);
    expect(month('2025-06')[3]).toBe(200);
    expect(month('2025-04')[3]).toBe('');
  });
});
