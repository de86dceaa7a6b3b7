/**
 * « Exporter en SQL (BigQuery) »: the query of the settings being edited (src/warehouse), ready to
 * copy, for orders too many for a sheet — loaded into BigQuery and read back with Connected
 * Sheets. Computed in the page, like the preview: src/warehouse is pure and imports only src/core.
 */
import { UserError } from '../core/labels';
import { asOfDay } from '../workbook/settings-model';
import { compileSql, SqlSettingError } from '../warehouse/compile-sql';
import { EXAMPLE_TABLE, sheetOrdersTable } from '../warehouse/orders-table';
import { fill, h, uid } from './dom';
import type { App, Model, Section } from './model';
import { say } from './text';

/**
 * The BigQuery query of the settings, over the example table with the columns named by the orders'
 * headers; or why there is none (a rule SQL cannot write yet, an invalid scoring).
 */
export function sidebarQuery({ settings, book, lang, today }: Model): { sql: string } | { error: string } {
  try {
    return {
      sql: compileSql({
        dialect: 'bigquery',
        orders: sheetOrdersTable(EXAMPLE_TABLE, book?.columns ?? null, settings.segments),
        asOfDay: asOfDay(settings.asOf, today),
        scoring: settings.scoring,
        segments: settings.segments,
        lang,
      }),
    };
  } catch (error) {
    if (error instanceof SqlSettingError || error instanceof UserError) return { error: error.message };
    throw error;
  }
}

export function sqlSection(app: App): Section {
  const { lang } = app.model;
  const query = h('textarea', {
    id: uid('sql'),
    class: 'sql-query',
    readonly: true,
    spellcheck: 'false',
    rows: 12,
  });
  const reason = h('p', { class: 'error', role: 'alert' });
  const status = h('span', { class: 'status', role: 'status' });
  const copy = h('button', { type: 'button', class: 'secondary small' }, say(lang, 'sql.copy'));
  copy.addEventListener('click', async () => {
    // Selected first, so that Ctrl+C still works where the page may not write the clipboard.
    query.focus();
    query.select();
    // The box stays on the query's first line, where a person starts to read it.
    query.scrollTo(0, 0);
    let copied = false;
    try {
      await navigator.clipboard.writeText(query.value);
      copied = true;
    } catch {
      copied = document.execCommand('copy');
    }
    fill(status, say(lang, copied ? 'sql.copied' : 'sql.selected'));
  });
  const body = h('div', { class: 'sql' }, h('label', { for: query.id }, say(lang, 'sql.query')), query);
  const actions = h('div', { class: 'sql-actions' }, copy, status);
  const details = h(
    'details',
    { class: 'sql-export' },
    h('summary', {}, say(lang, 'sql.title')),
    h('small', {}, say(lang, 'sql.hint')),
    reason,
    body,
    actions,
  );
  const update = () => {
    if (!details.open) return;
    const result = sidebarQuery(app.model);
    const ok = 'sql' in result;
    query.value = ok ? result.sql : '';
    fill(reason, ok ? '' : result.error);
    reason.hidden = ok;
    body.hidden = !ok;
    actions.hidden = !ok;
    fill(status, '');
  };
  details.addEventListener('toggle', update);
  return { element: h('section', { class: 'plain' }, details), update };
}
