/**
 * Every layer's words, in both languages: each catalogue has the same keys and the same `{name}`
 * placeholders in French and in English, and its French follows French typography as we write it:
 * « guillemets » with a space inside, a space before « : ; ? ! », the typographic apostrophe.
 */
import { describe, expect, it } from 'vitest';
import { LABEL_CATALOGS } from '../src/core/labels';
import { LOCAL_CATALOGS } from '../src/local/messages';
import { SIDEBAR_CATALOGS } from '../src/sidebar/text';
import { WORKBOOK_CATALOGS } from '../src/workbook/words';

const CATALOGUES: Record<string, { fr: Record<string, string>; en: Record<string, string> }> = {
  'src/core/labels.ts': LABEL_CATALOGS,
  'src/workbook/words.ts': WORKBOOK_CATALOGS,
  'src/local/messages.ts': LOCAL_CATALOGS,
  'src/sidebar/text.ts': SIDEBAR_CATALOGS,
};

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

/** What French typography asks of a text, as a list of faults (empty when none). */
function frenchFaults(text: string): string[] {
  const faults: string[] = [];
  // Command-line options, ranges, formulas and CSV's doubled quote are written as typed: left out.
  const prose = text.replace(
    /`[^`]*`|--[\w-]+|\b[A-Z]+\d*:[A-Z]+\d*\b|=\w+\([^)]*\)|https?:\/\/\S+|""|Windows-\d+/g,
    '',
  );
  if (/"/.test(prose)) faults.push('straight double quote: write « … »');
  if (/[A-Za-zÀ-ÿ]'[A-Za-zÀ-ÿ]/.test(prose)) faults.push('straight apostrophe: write ’');
  if (/«(?![\s\u00a0\u202f])/.test(prose)) faults.push('no space after «');
  if (/(?<![\s\u00a0\u202f])»/.test(prose)) faults.push('no space before »');
  if (/[^\s\u00a0\u202f([{]([:;?!])(?=\s|$)/.test(prose)) faults.push('no space before : ; ? or !');
  // Thousands are grouped (`1 200`), years (`2025`) and ids with leading zeros (`00017`) excepted.
  if (/(?<![\d.,])(?!(?:19|20)\d\d(?!\d)|0)\d{4,}(?!\d|[.,]\d)/.test(prose))
    faults.push('ungrouped thousands: write 1 200');
  return faults;
}

describe('the catalogues of every layer', () => {
  it.each(Object.entries(CATALOGUES))(
    '%s: the same keys and placeholders in French and English',
    (_, catalogue) => {
      expect(Object.keys(catalogue.fr).sort()).toEqual(Object.keys(catalogue.en).sort());
      for (const key of Object.keys(catalogue.fr)) {
        expect(catalogue.fr[key].trim(), `${key} (fr)`).not.toBe('');
        expect(catalogue.en[key].trim(), `${key} (en)`).not.toBe('');
        expect(placeholders(catalogue.fr[key]), key).toEqual(placeholders(catalogue.en[key]));
      }
    },
  );

  it.each(Object.entries(CATALOGUES))('%s: French typography', (_, catalogue) => {
    const faults = Object.entries(catalogue.fr).flatMap(([key, text]) =>
      frenchFaults(text).map((fault) => `${key}: ${fault} — ${text}`),
    );
    expect(faults).toEqual([]);
  });

  it('the typography check itself catches each fault', () => {
    expect(frenchFaults('Onglet "Ventes"')).toContain('straight double quote: write « … »');
    expect(frenchFaults("l'onglet")).toContain('straight apostrophe: write ’');
    expect(frenchFaults('«Ventes »')).toContain('no space after «');
    expect(frenchFaults('Erreur: la cellule')).toContain('no space before : ; ? or !');
    expect(frenchFaults('au plus 1200 mois')).toContain('ungrouped thousands: write 1 200');
    expect(frenchFaults('Onglet « Ventes » : l’onglet, --as-of 2025, A1:D9, 1 200 et `x:y`')).toEqual([]);
  });
});
