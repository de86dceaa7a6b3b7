/**
 * Scheduled refresh: off, weekly or monthly, set on the server at once (see src/workbook/README.md,
 * "Scheduled refresh").
 */
import type { Refresh } from '../workbook/settings-model';
import type { App, Section } from './model';
import { fill, h, select, uid } from './dom';
import { call } from './server';
import { say } from './text';

const REFRESHES: readonly Refresh[] = ['off', 'weekly', 'monthly'];

export function refreshSection(app: App): Section {
  const { lang, server } = app.model;
  const available = server.refresh !== null;
  const choice = select(
    REFRESHES.map((value) => [value, say(lang, `refresh.${value}`)] as const),
    server.refresh ?? 'off',
    { id: uid('refresh'), disabled: !available },
  );
  const status = h(
    'p',
    { class: 'status', role: 'status' },
    available ? '' : say(lang, 'refresh.unavailable'),
  );
  choice.addEventListener('change', async () => {
    choice.disabled = true;
    try {
      const result = await call('sidebarSetRefresh', choice.value as Refresh);
      fill(status, h('span', { class: result.ok ? 'done' : 'error' }, result.message));
      if (result.ok) choice.value = result.refresh;
    } catch (error) {
      fill(
        status,
        h('span', { class: 'error' }, say(lang, 'error.server', { message: (error as Error).message })),
      );
    } finally {
      choice.disabled = false;
    }
  });
  return {
    element: h(
      'section',
      {},
      h('div', { class: 'field' }, h('label', { for: choice.id }, say(lang, 'refresh.title')), choice),
      status,
    ),
    update() {},
  };
}
