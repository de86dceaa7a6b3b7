/**
 * Source: the orders tab and range, and the column of each role, detected from the header and
 * changeable from a list, each shown with its value on the first order row.
 */
import { MAPPED_ROLES, type MappedRole } from '../core/columns';
import { t } from '../core/labels';
import { dateOrderMessage } from '../core/orders';
import { customerId, type Cell } from '../core/values';
import { columnLetter } from '../core/a1';
import type { App, Section } from './model';
import { field, fill, h, select, uid } from './dom';
import { formatCount, formatSample } from './format';
import { say, type TextKey } from './text';

/** Headers of the fetched range: the detected ones, else the first row's text, else "Column n". */
function headersOf(app: App): string[] {
  const { book, source, lang } = app.model;
  if (book) return book.columns.headers;
  if (!source?.ok) return [];
  const first = source.values[0] ?? [];
  const width = Math.max(0, ...source.values.slice(0, 50).map((row) => row.length));
  return Array.from(
    { length: width },
    (_, index) => customerId(first[index]) || t(lang, 'column.numbered', { number: index + 1 }),
  );
}

/** The column index of each role in force (-1 when none). */
function roleColumns(app: App): Record<MappedRole, number> {
  const columns = app.model.book?.columns;
  const mapping = app.model.settings.mapping;
  return Object.fromEntries(
    MAPPED_ROLES.map((role) => [role, columns ? columns[role] : (mapping[role] ?? -1)]),
  ) as Record<MappedRole, number>;
}

export function sourceSection(app: App): Section {
  const { lang, server, settings } = app.model;
  const titleId = uid('source');
  const sheets = server.sheets.includes(settings.sourceSheet)
    ? server.sheets
    : [settings.sourceSheet, ...server.sheets].filter((name) => name !== '');
  const sheetSelect = select(
    sheets.map((name) => [name, name] as const),
    settings.sourceSheet,
  );
  sheetSelect.addEventListener('change', () => {
    app.model.settings.sourceSheet = sheetSelect.value;
    void app.loadSource();
  });
  const rangeInput = h('input', {
    type: 'text',
    placeholder: 'A:E',
    spellcheck: 'false',
    autocomplete: 'off',
  });
  rangeInput.value = settings.sourceRange;
  rangeInput.addEventListener('change', () => {
    app.model.settings.sourceRange = rangeInput.value.trim();
    void app.loadSource();
  });
  const reread = h('button', { type: 'button', class: 'secondary' }, say(lang, 'source.read'));
  reread.addEventListener('click', () => void app.loadSource());
  const status = h('p', { class: 'status', role: 'status' });
  const columns = h('div', { class: 'columns' });

  const drawColumns = () => {
    const { source, book, settings: current } = app.model;
    if (!source?.ok) return fill(columns);
    const headers = headersOf(app);
    const inForce = roleColumns(app);
    const sampleRow: Cell[] = source.values[book?.columns.hasHeader === false ? 0 : 1] ?? [];
    const rows = MAPPED_ROLES.map((role) => {
      const detected = inForce[role];
      const auto = say(lang, 'source.auto', {
        column: detected >= 0 ? `${columnLetter(detected)} · ${headers[detected]}` : say(lang, 'source.none'),
      });
      const chooser = select(
        [
          ['', auto],
          ...headers.map((header, index) => [String(index), `${columnLetter(index)} · ${header}`] as const),
        ],
        current.mapping[role] === undefined ? '' : String(current.mapping[role]),
      );
      chooser.addEventListener('change', () => {
        const mapping = { ...app.model.settings.mapping };
        if (chooser.value === '') delete mapping[role];
        else mapping[role] = Number(chooser.value);
        // The settings tab reads any mapping as "the first row is a header".
        delete mapping.hasHeader;
        if (Object.keys(mapping).length > 0) mapping.hasHeader = true;
        app.model.settings.mapping = mapping;
        app.mappingChanged();
        drawColumns();
        columns.querySelector<HTMLElement>(`[data-key="role-${role}"]`)?.focus();
      });
      chooser.dataset.key = `role-${role}`;
      const sample = detected >= 0 ? formatSample(sampleRow[detected], lang) : '';
      return field(
        say(lang, `role.${role}` as TextKey),
        chooser,
        sample ? say(lang, 'source.sample', { value: sample }) : undefined,
      );
    });
    const metrics = app.model.preview.analysis?.metrics;
    const attributes = metrics?.attributes.map((attribute) => attribute.name) ?? [];
    const lineColumns = metrics?.lineColumns ?? [];
    fill(
      columns,
      h('h3', {}, say(lang, 'source.columns')),
      ...rows,
      attributes.length > 0 &&
        h('p', { class: 'hint' }, say(lang, 'source.attributes', { list: attributes.join(', ') })),
      lineColumns.length > 0 &&
        h('p', { class: 'hint' }, say(lang, 'source.lineColumns', { list: lineColumns.join(', ') })),
    );
  };

  let drawnFor: unknown = null;
  return {
    element: h(
      'section',
      { 'aria-labelledby': titleId },
      h('h2', { id: titleId }, say(lang, 'source.title')),
      sheets.length > 0 ? field(say(lang, 'source.sheet'), sheetSelect) : null,
      h(
        'div',
        { class: 'row' },
        field(say(lang, 'source.range'), rangeInput, say(lang, 'source.rangeHint')),
        reread,
      ),
      status,
      columns,
    ),
    update() {
      const { source, book, bookError } = app.model;
      if (source === null && bookError === null) fill(status, say(lang, 'source.reading'));
      else if (bookError !== null) fill(status, h('span', { class: 'error' }, bookError));
      else if (book)
        fill(
          status,
          t(lang, 'summary.rows', {
            rows: formatCount(book.source.rowCount - (book.columns.hasHeader ? 1 : 0), lang),
            used: formatCount(book.lineCount, lang),
            rejected: formatCount(book.rejected.length, lang),
            empty: formatCount(book.emptyRows, lang),
          }),
          book.dateOrder ? ` ${dateOrderMessage(book.dateOrder, lang, app.model.server.locale)}` : '',
        );
      if (drawnFor !== book && (book !== null || source !== null)) {
        drawnFor = book;
        drawColumns();
      }
    },
  };
}
