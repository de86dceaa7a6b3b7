/**
 * The sidebar page: its state (the settings being edited, the orders fetched once, the preview)
 * and the sections that show and edit it. Every edit recomputes the preview in the page; only
 * reading the orders, Save, Apply, the refresh and the tab links call the server.
 */
import { dayFromIso } from '../core/days';
import type { Settings } from '../workbook/settings-model';
import {
  settingsFromWire,
  type SidebarState,
  type SourceResult,
  type WireSettings,
} from '../workbook/sidebar-wire';
import { actionsSection } from './actions-view';
import { campaignSection } from './campaign-view';
import { h, fill } from './dom';
import type { App, Model, Section } from './model';
import { computePreview, readBook } from './preview';
import { previewSection } from './preview-view';
import { predictedValueSection } from './predicted-value-view';
import { refreshSection } from './refresh-view';
import { rulesSection } from './rules-view';
import { asOfSection, scoringSection } from './scoring-view';
import { call } from './server';
import { sourceSection } from './source-view';
import { sqlSection } from './sql-view';
import { say } from './text';

function editableSettings(wire: WireSettings): Settings {
  return settingsFromWire(wire) ?? { ...wire, asOf: { kind: 'latest' } };
}

/** Builds the page into `root` from the server's state. */
export function startApp(root: HTMLElement, server: SidebarState): App {
  const lang = server.lang;
  document.documentElement.lang = lang;
  const settings = editableSettings(server.settings);
  if (settings.sourceSheet === '' && server.sourceSheet) settings.sourceSheet = server.sourceSheet;
  const today = dayFromIso(server.today) ?? 0;
  const model: Model = {
    server,
    lang,
    today,
    settings,
    source: null,
    book: null,
    bookError: null,
    preview: computePreview(null, settings, lang, today),
  };
  const sections: Section[] = [];
  /** Source fetches started: only the latest one's answer is shown. */
  let loads = 0;

  /** The orders of the fetched rows, read with the column mapping in force. */
  const readSource = () => {
    const source = model.source;
    if (!source?.ok) {
      model.book = null;
      model.bookError = source?.message ?? null;
      return;
    }
    const read = readBook(source.values, {
      locale: server.locale,
      timeZone: server.timeZone,
      mapping: model.settings.mapping,
      firstRowNumber: source.firstRow,
    });
    model.book = read.book;
    model.bookError = read.error;
  };

  const app: App = {
    model,
    changed() {
      model.preview = computePreview(model.book, model.settings, lang, model.today);
      for (const section of sections) section.update();
    },
    rulesChanged(focus) {
      rules.render();
      app.changed();
      if (focus) root.querySelector<HTMLElement>(`[data-key="${focus}"]`)?.focus();
    },
    async loadSource() {
      const { sourceSheet, sourceRange } = model.settings;
      const ticket = ++loads;
      model.source = null;
      model.book = null;
      model.bookError = sourceSheet === '' ? say(lang, 'source.noSheet') : null;
      app.changed();
      if (sourceSheet === '') return;
      let source: SourceResult;
      try {
        source = await call('sidebarSource', sourceSheet, sourceRange);
      } catch (error) {
        source = { ok: false, message: say(lang, 'error.server', { message: (error as Error).message }) };
      }
      if (ticket !== loads) return;
      model.source = source;
      readSource();
      app.rulesChanged();
    },
    mappingChanged() {
      readSource();
      app.changed();
    },
    saved(wire, tab) {
      model.settings = editableSettings(wire);
      model.server = { ...model.server, settingsTab: tab, settingsIssues: [] };
      if (settingsIssues) settingsIssues.remove();
      readSource();
      app.rulesChanged();
    },
  };

  const issues = server.settingsIssues;
  const settingsIssues =
    issues.length > 0 &&
    h(
      'div',
      { class: 'notice', role: 'alert' },
      say(lang, 'settings.issues'),
      h(
        'ul',
        {},
        ...issues.map((issue) =>
          h(
            'li',
            {},
            issue.cell
              ? say(lang, 'settings.issueAt', { cell: issue.cell, message: issue.message })
              : issue.message,
          ),
        ),
      ),
    );
  const rules = rulesSection(app);
  sections.push(
    sourceSection(app),
    asOfSection(app),
    scoringSection(app),
    rules,
    previewSection(app),
    predictedValueSection(app),
    refreshSection(app),
    campaignSection(app),
    sqlSection(app),
    actionsSection(app),
  );
  fill(
    root,
    h('h1', { class: 'visually-hidden' }, 'Segmento'),
    settingsIssues,
    ...sections.map((section) => section.element),
  );
  root.removeAttribute('aria-busy');
  app.changed();
  void app.loadSource();
  return app;
}
