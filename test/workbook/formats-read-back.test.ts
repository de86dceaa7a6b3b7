/**
 * Every managed tab Apply writes, read back cell by cell: each column of each table has the number
 * format its header calls for. The expectations below are written from the headers a person reads
 * (not from the code's column list), in both languages, and checked through the Sheets stand-ins
 * and through a real .xlsx file reopened with exceljs.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sheetsPort } from '../../src/addon/sheets-port';
import { dayFromIso } from '../../src/core/days';
import { CellRows } from '../../src/core/rows';
import type { Cell } from '../../src/core/values';
import { withOrders } from '../../src/local/workbook-command';
import { openXlsxWorkbook } from '../../src/local/xlsx-port';
import { applySegmentation } from '../../src/workbook/apply';
import type { WorkbookPort } from '../../src/workbook/port';
import { createFakeAppsScript } from '../addon/apps-script-fakes';
import { shopOrders } from './shop';

const TEXT = '@';
const SCORE = '0';
const COUNT = '#,##0';
const MONEY = '#,##0.00';
const DATE = 'yyyy-mm-dd';
const PERCENT = '0.0%';

/** The format each header calls for, as a person reads the header. */
const BY_HEADER: Record<string, string> = {
  // Segment tabs.
  Client: TEXT,
  Customer: TEXT,
  Ville: TEXT,
  Segment: TEXT,
  R: SCORE,
  F: SCORE,
  M: SCORE,
  'Code RFM': TEXT,
  'RFM code': TEXT,
  Total: SCORE,
  'Récence (jours)': COUNT,
  'Recency (days)': COUNT,
  'Fréquence (achats)': COUNT,
  'Frequency (purchases)': COUNT,
  'Montant net': MONEY,
  'Net spend': MONEY,
  'Panier moyen': MONEY,
  'Average basket': MONEY,
  'Premier achat': DATE,
  'First purchase': DATE,
  'Dernier achat': DATE,
  'Last purchase': DATE,
  'Segment précédent': TEXT,
  'Previous segment': TEXT,
  'Dans ce segment depuis': DATE,
  'In this segment since': DATE,
  'Probabilité d’être actif': PERCENT,
  'Probability active': PERCENT,
  'Valeur prévue (12 mois)': MONEY,
  'Predicted value (12 months)': MONEY,
  // KPI table.
  Clients: COUNT,
  Customers: COUNT,
  '% clients': PERCENT,
  '% customers': PERCENT,
  'CA net': MONEY,
  'Net revenue': MONEY,
  '% CA': PERCENT,
  '% revenue': PERCENT,
  Achats: COUNT,
  Purchases: COUNT,
  'Achats par client': '#,##0.00',
  'Purchases per customer': '#,##0.00',
  'Récence médiane (j)': COUNT,
  'Median recency (d)': COUNT,
  'Taux de réachat': PERCENT,
  'Repeat rate': PERCENT,
  'CA à risque (P(actif) < 50 %)': MONEY,
  'Revenue at risk (P(active) < 50 %)': MONEY,
  // Thresholds table.
  Score: SCORE,
  'Récence (jours)_thresholds': TEXT,
  // Migration movements.
  Avant: COUNT,
  Before: COUNT,
  Maintenant: COUNT,
  Now: COUNT,
  Arrivés: COUNT,
  'Came in': COUNT,
  Restés: COUNT,
  Stayed: COUNT,
  Partis: COUNT,
  Left: COUNT,
  // The campaigns and acquisition results on the KPI tab, the hand tables, the retention tab.
  Campagne: TEXT,
  Campaign: TEXT,
  Date: DATE,
  'Clients du segment': COUNT,
  'Segment customers': COUNT,
  Contactés: COUNT,
  Contacted: COUNT,
  Acheteurs: COUNT,
  Buyers: COUNT,
  Conversion: PERCENT,
  'CA dans la fenêtre': MONEY,
  'Revenue in window': MONEY,
  'CA par contacté': MONEY,
  'Revenue per contacted': MONEY,
  'Coût par acheteur': MONEY,
  'Cost per buyer': MONEY,
  'Témoin (non contactés)': COUNT,
  'Control (not contacted)': COUNT,
  'Acheteurs témoin': COUNT,
  'Control buyers': COUNT,
  'Conversion témoin': PERCENT,
  'Control conversion': PERCENT,
  'Écart (contactés − témoin)': PERCENT,
  'Uplift (contacted − control)': PERCENT,
  Remarques: TEXT,
  Notes: TEXT,
  Mois: TEXT,
  Month: TEXT,
  Canal: TEXT,
  Channel: TEXT,
  'Nouveaux clients': COUNT,
  'New customers': COUNT,
  Dépenses: MONEY,
  Spend: MONEY,
  'Coût d’acquisition': MONEY,
  'Acquisition cost': MONEY,
  Prospects: COUNT,
  'Conversion des prospects': PERCENT,
  'Prospect conversion': PERCENT,
  'Valeur prévue moyenne': MONEY,
  'Mean predicted value': MONEY,
  'Valeur ÷ coût': MONEY,
  'Value ÷ cost': MONEY,
  Cohorte: TEXT,
  Cohort: TEXT,
  'Clients comptés': COUNT,
  'Customers counted': COUNT,
  'Ont racheté': COUNT,
  'Bought again': COUNT,
  'Trop récents': COUNT,
  'Too recent': COUNT,
  // Rejects.
  Ligne: SCORE,
  Row: SCORE,
  Motif: TEXT,
  Reason: TEXT,
};

/** A cell as both readers see it: its value, its number format, whether it is a table header. */
interface ReadCell {
  value: unknown;
  numberFormat: string;
  header: boolean;
}

type ReadTab = { name: string; kind: string; cells: ReadCell[][] };

/**
 * The format a column of a table must have. Tables whose headers are segment names (the migration
 * matrices) or score classes (the heatmap) take it from the table: counts, then revenue.
 */
function expectedFormat(
  kind: string,
  header: string,
  firstHeader: string,
  matrixIndex: number,
  cohortIndex: number,
): string {
  if (kind === 'history') return TEXT;
  // The retention triangles: shares who bought, then cumulative revenue per customer.
  if (/^(Cohorte|Cohort)$/.test(firstHeader) && /^(Mois|Month) \d+$/.test(header))
    return cohortIndex === 0 ? PERCENT : MONEY;
  if (header === firstHeader && /↓|R \\ F/.test(firstHeader)) return firstHeader.includes('↓') ? TEXT : SCORE;
  if (firstHeader === 'R \\ F') return MONEY;
  if (firstHeader.includes('↓')) return matrixIndex === 0 ? COUNT : MONEY;
  if (firstHeader === 'Score') return header === 'Score' ? SCORE : TEXT;
  const format = BY_HEADER[header];
  expect(format, `no expectation for header "${header}" (${kind})`).toBeDefined();
  return format;
}

/** Checks every table of a tab: each column under a header row, down to the first empty cell. */
function checkTab(tab: ReadTab): number {
  let checked = 0;
  let matrixIndex = 0;
  let cohortIndex = 0;
  tab.cells.forEach((row, r) => {
    if (!row.some((cell) => cell.header)) return;
    const firstHeader = String(row[0].value);
    row.forEach((cell, c) => {
      if (!cell.header) return;
      const header = String(cell.value);
      const format = expectedFormat(tab.kind, header, firstHeader, matrixIndex, cohortIndex);
      for (let below = r + 1; below < tab.cells.length; below++) {
        const under = tab.cells[below]?.[c];
        if (!under || under.value === '' || under.value === null || under.value === undefined || under.header)
          break;
        expect(under.numberFormat, `${tab.name}, "${header}", row ${below + 1}`).toBe(format);
        checked++;
      }
    });
    if (firstHeader.includes('↓')) matrixIndex++;
    if (/^(Cohorte|Cohort)$/.test(firstHeader)) cohortIndex++;
  });
  return checked;
}

function runTwice(port: WorkbookPort) {
  const first = applySegmentation(port, { today: dayFromIso('2025-06-30')!, now: '2025-06-30T08:00:00Z' });
  expect(first.ok).toBe(true);
  // A second run, later, so the migration tab is written too.
  const second = applySegmentation(port, {
    today: dayFromIso('2026-01-15')!,
    now: '2026-01-15T08:00:00Z',
    adjust: (settings) => ({ ...settings, asOf: { kind: 'today' } }),
  });
  expect(second.ok).toBe(true);
  return second.ok ? second.summary.tabs : [];
}

/** Orders with a rejected row, so that the rejects tab is written too. */
function orders(): Cell[][] {
  const rows = shopOrders(1500);
  rows.push(['C-bad', 'CL00001', 'pas une date', 12, 'Lyon']);
  return rows;
}

describe.each(['fr_FR', 'en_US'])('every column of every managed tab has its format (%s)', (locale) => {
  it('through the Sheets stand-ins', () => {
    const fake = createFakeAppsScript({ locale, sheets: { Commandes: orders() } });
    const port = sheetsPort(fake.spreadsheet, fake);
    const tabs = runTwice(port);
    const kinds = new Set(tabs.map((tab) => tab.kind));
    for (const kind of ['kpi', 'segment', 'migration', 'retention', 'rejects', 'history'])
      expect(kinds).toContain(kind);
    let checked = 0;
    for (const tab of tabs) {
      const sheet = fake.spreadsheet.getSheetById(tab.id)!;
      const stand = fake.sheet(sheet.getName());
      const range = sheet.getDataRange();
      const cells = Array.from({ length: range.getNumRows() }, (_, r) =>
        Array.from({ length: range.getNumColumns() }, (_, c): ReadCell => {
          const cell = stand.cell(r + 1, c + 1);
          return {
            value: stand.readValue(r + 1, c + 1),
            numberFormat: cell.numberFormat,
            header: cell.fontWeight === 'bold' && cell.background === '#eeeeee',
          };
        }),
      );
      checked += checkTab({ name: tab.name, kind: tab.kind, cells });
    }
    expect(checked).toBeGreaterThan(5000);
  });

  it('through an .xlsx file, reopened', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'segmento-formats-')), 'book.xlsx');
    const book = await openXlsxWorkbook(path, { locale, timeZone: 'Europe/Paris' });
    const source = orders();
    const port = withOrders(book.port, 'Commandes', new CellRows(source));
    const tabs = runTwice(port);
    await book.save();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    let checked = 0;
    for (const tab of tabs) {
      const sheet = workbook.getWorksheet(tab.name)!;
      const cells: ReadCell[][] = [];
      sheet.eachRow({ includeEmpty: true }, (row, r) => {
        cells[r - 1] = Array.from({ length: sheet.columnCount }, (_, c) => {
          const cell = row.getCell(c + 1);
          const fill = cell.fill as { fgColor?: { argb?: string } } | undefined;
          return {
            value: cell.value ?? '',
            numberFormat: cell.numFmt ?? 'General',
            header: cell.font?.bold === true && fill?.fgColor?.argb === 'FFEEEEEE',
          };
        });
      });
      for (let r = 0; r < cells.length; r++) cells[r] ??= [];
      checked += checkTab({ name: tab.name, kind: tab.kind, cells });
    }
    expect(checked).toBeGreaterThan(5000);
  });
});
