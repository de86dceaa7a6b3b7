/**
 * A header cut by the cell beside it cannot be read (« Fidèles potentiel », « Valeur prévue (1 »):
 * every table header of every tab Apply writes fits its column, as `fittedWidths` measures a
 * header, in French and English.
 */
import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../../src/core/days';
import { applySegmentation } from '../../src/workbook/apply';
import type { Settings } from '../../src/workbook/settings-model';
import { fittedWidths } from '../../src/workbook/tab-content';
import { recordingPort } from './recording-port';
import { shopOrders } from './shop';

const today = dayFromIso('2026-01-15')!;
/** A column a tab gives no width: Sheets' default, 100 pixels. */
const DEFAULT_WIDTH = 100;

const asOf =
  (iso: string) =>
  (settings: Settings): Settings => ({ ...settings, asOf: { kind: 'date', day: dayFromIso(iso)! } });

describe('column widths of the tabs Apply writes', () => {
  for (const locale of ['fr_FR', 'en_US'])
    it(`no table header is cut (${locale}): two runs, so that migrations are written too`, () => {
      const port = recordingPort({ locale, sheets: { Orders: shopOrders(2000) } });
      expect(applySegmentation(port, { today, userLocale: locale, adjust: asOf('2025-10-31') }).ok).toBe(
        true,
      );
      expect(applySegmentation(port, { today, userLocale: locale, adjust: asOf('2025-12-31') }).ok).toBe(
        true,
      );
      const kinds = new Set(port.tabs.map((tab) => tab.tag?.kind));
      for (const kind of ['kpi', 'segment', 'migration', 'retention', 'campaigns', 'acquisition'])
        expect(kinds).toContain(kind);
      // The KPI tab's predicted value too (its header was the one cut first).
      const kpi = port.tabs.find((tab) => tab.tag?.kind === 'kpi')!;
      expect(kpi.grid.flat()).toContain(
        locale === 'fr_FR' ? 'Valeur prévue (12 mois)' : 'Predicted value (12 months)',
      );
      const cut: string[] = [];
      for (const tab of port.tabs) {
        if (tab.tag === null || tab.layout.hidden) continue;
        const widths = tab.layout.columnWidths ?? [];
        // A table's header row: bold on grey (`addTable`).
        for (const { area, format } of tab.formats) {
          if (format.background !== '#eeeeee' || area.rows !== 1) continue;
          for (let column = area.column; column < area.column + area.columns; column++) {
            const header = tab.grid[area.row - 1]?.[column - 1];
            if (header === undefined || header === null || header === '') continue;
            const [needed] = fittedWidths([{ header: String(header), role: 'text' }], []);
            const width = widths[column - 1] ?? DEFAULT_WIDTH;
            if (width < needed) cut.push(`${tab.name} · ${String(header)}: ${width} < ${needed}`);
          }
        }
      }
      expect(cut).toEqual([]);
    });
});
