/**
 * Save and Apply, kept in view at the foot of the sidebar: Apply shows a progress indicator, then
 * the summary with a link to each tab written. Both are disabled while a rule, the scoring or the
 * date has an error.
 */
import { settingsToWire } from '../workbook/sidebar-wire';
import type { App, Section } from './model';
import { fill, h, uid } from './dom';
import { payingOffSection } from './paying-off-view';
import { settingsBlocked } from './preview';
import { call } from './server';
import { say } from './text';

export function actionsSection(app: App): Section {
  const { lang } = app.model;
  const save = h('button', { type: 'button', class: 'secondary' }, say(lang, 'actions.save'));
  const apply = h('button', { type: 'button', class: 'primary' }, say(lang, 'actions.apply'));
  const blocked = h('p', { class: 'hint', id: uid('blocked') });
  const status = h('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
  let busy = false;

  const setBusy = (value: boolean) => {
    busy = value;
    section.update();
  };
  const failure = (error: unknown) =>
    fill(
      status,
      h('p', { class: 'error' }, say(lang, 'error.server', { message: (error as Error).message })),
    );

  save.addEventListener('click', async () => {
    setBusy(true);
    fill(status, h('p', {}, say(lang, 'actions.saving')));
    try {
      const result = await call('sidebarSave', settingsToWire(app.model.settings));
      fill(status, h('p', { class: result.ok ? 'done' : 'error' }, result.message));
      if (result.ok) app.saved(result.settings, result.tab);
    } catch (error) {
      failure(error);
    } finally {
      setBusy(false);
    }
  });

  apply.addEventListener('click', async () => {
    setBusy(true);
    fill(
      status,
      h('p', {}, say(lang, 'actions.applying')),
      h('progress', { 'aria-label': say(lang, 'actions.applying') }),
    );
    try {
      const result = await call('sidebarApply', settingsToWire(app.model.settings));
      if (!result.ok) {
        fill(status, h('p', { class: 'error' }, result.message));
        return;
      }
      const activate = (id: number) => void call('sidebarActivateTab', id).catch(failure);
      const links = result.summary.tabs
        .filter((tab) => tab.linked)
        .map((tab) => {
          const link = h('button', { type: 'button', class: 'link', 'data-tab': tab.id }, tab.name);
          link.addEventListener('click', () => activate(tab.id));
          return h('li', {}, link);
        });
      fill(
        status,
        h('p', { class: 'done' }, result.summary.message),
        h('p', {}, say(lang, 'actions.tabs')),
        h('ul', { class: 'tabs' }, ...links),
        payingOffSection(lang, result.summary.payingOff, activate),
      );
    } catch (error) {
      failure(error);
    } finally {
      setBusy(false);
    }
  });

  const section: Section = {
    element: h('section', { class: 'actions' }, h('div', { class: 'buttons' }, save, apply), blocked, status),
    update() {
      const { preview } = app.model;
      const invalid = settingsBlocked(preview);
      save.disabled = busy || invalid;
      apply.disabled = busy || invalid || preview.analysis === null;
      blocked.textContent = invalid ? say(lang, 'actions.blocked') : '';
      for (const button of [save, apply]) {
        if (invalid) button.setAttribute('aria-describedby', blocked.id);
        else button.removeAttribute('aria-describedby');
      }
    },
  };
  return section;
}
