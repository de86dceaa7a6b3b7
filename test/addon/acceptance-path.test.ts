/**
 * The README's ten-minute acceptance path, walked through on the stand-ins: the shipped demo orders
 * imported into a new French spreadsheet (File › Import, "Convert text to numbers, dates and
 * formulas" unticked, so every cell holds the text of the file), Apply from the menu, and the KPI
 * table compared with the one `npm run demo` prints; then the three formulas of the README, run as
 * custom functions, give the values the README states.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/core/values';
import { readTableFile } from '../../src/local/table-file';
import { kpiTableText, runWorkbookCommand } from '../../src/local/workbook-command';
import { loadBundle } from './bundle-sandbox';

const root = new URL('../../', import.meta.url).pathname;
const readme = readFileSync(`${root}README.md`, 'utf8');
const demoOrders = `${root}src/local/demo/commandes-demo.csv`;

/** The formulas of the README's acceptance path and the values they give. */
const ACCEPTANCE_FORMULAS: [formula: string, value: Cell][] = [
  ['=RFM_SCORE(\'commandes-demo\'!A:H; "CL00598")', '554'],
  ['=SEGMENT(\'commandes-demo\'!A:H; "CL00598")', 'Fidèles potentiels'],
  ['=SEGMENT(111)', 'Perdus'],
];

async function demoTable(): Promise<string> {
  let out = '';
  const io = {
    out: (text: string) => void (out += text),
    err: () => undefined,
    locale: 'fr_FR',
    interactive: false,
    demoOrders,
  };
  const dir = mkdtempSync(join(tmpdir(), 'segmento-acceptance-'));
  expect(await runWorkbookCommand(['demo', '--out', join(dir, 'demo.xlsx')], io)).toBe(0);
  return out.split('\n\n')[1];
}

function importedSpreadsheet() {
  // Sheets names the tab after the file; with conversion off, every cell is the file's text.
  return loadBundle({ sheets: { 'commandes-demo': readTableFile(demoOrders) } });
}

describe('the acceptance path of the README', () => {
  it('Apply on the imported demo orders gives the KPI table npm run demo prints, to the cent', async () => {
    const { fake, script } = importedSpreadsheet();
    script.segmentoApply();
    expect(fake.ui.alerts[0]).toBe(
      'Segmento : 2996 clients notés, 11 segments, 21 lignes rejetées (analyse au 2026-10-31). ' +
        'Dates lues jour en premier (JJ/MM/AAAA) : ligne 45 « 23/12/2024 » ne se lit que dans cet ordre.',
    );
    const kpi = fake.sheet('Segmento · Synthèse').getDataRange().getValues();
    const header = kpi.findIndex((row) => row[0] === 'Segment');
    const total = kpi.findIndex((row) => row[0] === 'Total');
    const rows = kpi.slice(header, total + 1).map((row) => row.slice(0, 10)) as (string | number)[][];
    expect(kpiTableText(rows, 'fr')).toBe(await demoTable());
  });

  it('the README’s three formulas give the values it states, as custom functions', () => {
    const { fake, script } = importedSpreadsheet();
    const orders = fake.spreadsheet.getSheetByName('commandes-demo')!.getRange('A:H').getValues();
    const values = fake.execute({ authMode: 'CUSTOM_FUNCTION' }, () => [
      script.RFM_SCORE(orders, 'CL00598'),
      script.SEGMENT(orders, 'CL00598'),
      script.SEGMENT(111),
    ]);
    expect(values).toEqual(ACCEPTANCE_FORMULAS.map(([, value]) => value));
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const [formula, value] of ACCEPTANCE_FORMULAS) {
      expect(readme).toMatch(new RegExp(`\\| \`${escape(formula)}\` +\\| \`${escape(String(value))}\` +\\|`));
    }
  });
});
