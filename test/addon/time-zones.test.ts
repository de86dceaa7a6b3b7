/**
 * A date keeps its day in every spreadsheet time zone. Sheets stores a typed date as a serial in the
 * spreadsheet's zone and getValues hands it back as local midnight there
 * (https://developers.google.com/apps-script/reference/spreadsheet/range#getValues(),
 * https://developers.google.com/sheets/api/guides/formats#about_date_time_values): 17/10/2025 in
 * Paris is 2025-10-16T22:00Z, in Kiritimati (UTC+14) 2025-10-16T10:00Z. Any reading through UTC
 * moves such a date one day back east of UTC; these tests type every date as a person would, run
 * each path that reads a Date (orders, date attributes, rule conditions, customer ids, the settings
 * tab) and run under the zone as the process's own zone too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sheetsPort } from '../../src/addon/sheets-port';
import { analyse } from '../../src/core/analysis';
import { dayFromIso, dayInZone, SHEETS_SERIAL_OF_EPOCH } from '../../src/core/days';
import type { Cell } from '../../src/core/values';
import { applySegmentation } from '../../src/workbook/apply';
import { rfmScore } from '../../src/workbook/custom-functions';
import { defaultSettings } from '../../src/workbook/settings-model';
import { createFakeAppsScript } from './apps-script-fakes';

const ZONES = ['Europe/Paris', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'];

/** Orders as a person types them: every date typed as a day (`2025-10-17`), one date attribute. */
const TYPED_ORDERS: string[][] = [
  ['Client', 'Date', 'Montant', 'Inscription'],
  ['C1', '2025-10-01', '120', '2025-10-17'],
  ['C1', '2025-10-17', '80', '2025-10-17'],
  ['C2', '2025-09-30', '40', '2025-01-01'],
  ['C3', '2025-10-10', '300', '2024-12-31'],
];

function spreadsheetIn(timeZone: string) {
  const fake = createFakeAppsScript({ timeZone, locale: 'en_US', sheets: { Orders: [] } });
  fake.spreadsheet
    .getSheetByName('Orders')!
    .getRange(1, 1, TYPED_ORDERS.length, TYPED_ORDERS[0].length)
    .setValues(TYPED_ORDERS);
  return { fake, port: sheetsPort(fake.spreadsheet, fake) };
}

function headerColumn(values: Cell[][], header: string): number {
  const column = values[0].indexOf(header);
  expect(column, header).toBeGreaterThanOrEqual(0);
  return column;
}

describe.each(ZONES)('dates typed in a spreadsheet in %s', (timeZone) => {
  const processZone = process.env.TZ;
  beforeAll(() => void (process.env.TZ = timeZone));
  afterAll(() => void (process.env.TZ = processZone));

  it('the stand-in reads a typed date back as local midnight of the zone, as Sheets does', () => {
    const { fake } = spreadsheetIn(timeZone);
    const date = fake.sheet('Orders').readValue(2, 4) as Date;
    expect(date).toBeInstanceOf(Date);
    expect(dayInZone(timeZone)(date)).toBe(dayFromIso('2025-10-17'));
    expect(fake.sheet('Orders').cell(2, 4).value).toBe(dayFromIso('2025-10-17')! + SHEETS_SERIAL_OF_EPOCH);
  });

  it('Apply writes order dates and date attributes on their day', () => {
    const { fake, port } = spreadsheetIn(timeZone);
    const result = applySegmentation(port, { today: dayFromIso('2025-11-01')! });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.summary.asOf).toBe('2025-10-17');
    const tab = result.summary.tabs.find((written) => written.kind === 'segment')!;
    const rows = fake.spreadsheet.getSheetById(tab.id)!.getDataRange().getValues();
    const all = result.summary.tabs
      .filter((written) => written.kind === 'segment')
      .flatMap((written) => fake.spreadsheet.getSheetById(written.id)!.getDataRange().getValues().slice(1));
    const byCustomer = new Map(all.map((row) => [row[0], row]));
    const dayOf = dayInZone(timeZone);
    const day = (cell: Cell) => (cell instanceof Date ? dayOf(cell) : cell);
    const c1 = byCustomer.get('C1')!;
    expect(c1[headerColumn(rows, 'Inscription')]).toBe('2025-10-17');
    expect(day(c1[headerColumn(rows, 'First purchase')])).toBe(dayFromIso('2025-10-01'));
    expect(day(c1[headerColumn(rows, 'Last purchase')])).toBe(dayFromIso('2025-10-17'));
    expect(c1[headerColumn(rows, 'Recency (days)')]).toBe(0);
    expect(byCustomer.get('C3')![headerColumn(rows, 'Inscription')]).toBe('2024-12-31');
  });

  it('a rule on a date attribute matches the day typed', () => {
    const { fake } = spreadsheetIn(timeZone);
    const rows = fake.spreadsheet.getSheetByName('Orders')!.getDataRange().getValues() as Cell[][];
    const analysis = analyse(rows, {
      locale: 'en_US',
      timeZone,
      segments: {
        scale: 5,
        rules: [
          {
            name: 'Signed up on the 17th',
            color: '#336699',
            conditions: [{ attribute: 'Inscription', op: '=', value: '2025-10-17' }],
          },
        ],
        fallback: { name: 'Others', color: '#9e9e9e' },
      },
    });
    const segmentOf = (id: string) =>
      analysis.segmentNames[analysis.segment[analysis.metrics.ids.indexOf(id)]];
    expect(segmentOf('C1')).toBe('Signed up on the 17th');
    expect(segmentOf('C2')).toBe('Others');
  });

  it('a customer id that is a date is its day, in the orders and in a custom function', () => {
    const { fake } = spreadsheetIn(timeZone);
    const sheet = fake.spreadsheet.getSheetByName('Orders')!;
    sheet.getRange('A5').setValues([['2025-10-17']]);
    const rows = sheet.getDataRange().getValues() as Cell[][];
    const analysis = analyse(rows, { locale: 'en_US', timeZone });
    expect(analysis.metrics.ids).toContain('2025-10-17');
    const context = {
      locale: 'en_US',
      timeZone,
      lang: 'en' as const,
      today: dayFromIso('2025-11-01')!,
      settings: () => ({ settings: defaultSettings('en') }),
      history: () => [],
    };
    const code = rfmScore(context, rows, rows[4][0]);
    expect(code).toMatch(/^\d{3}$/);
  });

  it('an analysis date typed in the settings tab is that day', () => {
    const { fake, port } = spreadsheetIn(timeZone);
    expect(applySegmentation(port, { today: dayFromIso('2025-11-01')! }).ok).toBe(true);
    const settingsTab = fake.spreadsheet
      .getSheets()
      .find((sheet) => /Settings|Réglages/.test(sheet.getName()))!;
    const values = settingsTab.getDataRange().getValues();
    const row = values.findIndex((cells) => cells[0] === 'Analysis date');
    expect(row).toBeGreaterThan(0);
    const cell = settingsTab.getRange(row + 1, 2);
    cell.setNumberFormat('0.###############');
    cell.setValues([['2025-10-10']]);
    const second = applySegmentation(port, { today: dayFromIso('2025-11-01')! });
    expect(second.ok && second.summary.asOf).toBe('2025-10-10');
  });
});
