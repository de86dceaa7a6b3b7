/**
 * « Noter une campagne »: a campaign sent, written as one more row of the campaigns tab (name,
 * date, target segments, window, cost, contacted range) without opening the tab; its figures come
 * with the next Apply. The segments offered are the ones of the settings being edited.
 */
import { isoDay } from '../core/days';
import { DEFAULT_WINDOW_DAYS } from '../core/campaigns';
import { localeFormat, parseMoney, parseNumber } from '../core/values';
import type { App, Section } from './model';
import { field, fill, h, uid } from './dom';
import { call } from './server';
import { say } from './text';

export function campaignSection(app: App): Section {
  const { lang } = app.model;
  const name = h('input', { type: 'text', autocomplete: 'off' });
  const date = h('input', { type: 'date' });
  date.value = isoDay(app.model.today);
  // Text boxes, read as the spreadsheet reads numbers (`300,50 €` in French): a number box reads
  // by the browser's language instead, and drops what it cannot read.
  const format = localeFormat(app.model.server.locale);
  const windowDays = h('input', { type: 'text', inputmode: 'numeric', autocomplete: 'off' });
  windowDays.value = String(DEFAULT_WINDOW_DAYS);
  const cost = h('input', { type: 'text', inputmode: 'decimal', autocomplete: 'off' });
  const contacted = h('input', { type: 'text', autocomplete: 'off', placeholder: 'Contacts!A2:A' });
  const segmentsId = uid('campaign-segments');
  const segments = h('div', { class: 'campaign-segments', role: 'group', 'aria-labelledby': segmentsId });
  const add = h('button', { type: 'button', class: 'secondary' }, say(lang, 'campaign.add'));
  const status = h('div', { class: 'status', role: 'status', 'aria-live': 'polite' });

  /** The segments of the settings being edited, as boxes to tick; those ticked stay ticked. */
  const renderSegments = () => {
    const ticked = new Set(checkedSegments());
    const { rules, fallback } = app.model.settings.segments;
    const names = [...new Set([...rules.map((rule) => rule.name), fallback.name])].filter(
      (segment) => segment.trim() !== '',
    );
    fill(
      segments,
      ...names.map((segment) => {
        const box = h('input', { type: 'checkbox', value: segment });
        box.checked = ticked.has(segment);
        return h('label', { class: 'radio' }, box, segment);
      }),
    );
  };
  const checkedSegments = () =>
    Array.from(segments.querySelectorAll<HTMLInputElement>('input:checked'), (box) => box.value);
  /** A box's number (money in currency units); null when empty; NaN when unreadable. */
  const numberIn = (input: HTMLInputElement, money: boolean): number | null => {
    const text = input.value.trim();
    if (text === '') return null;
    const read = money ? parseMoney(text, format) : parseNumber(text, format);
    return read === null ? NaN : money ? read / 1000 : read;
  };

  add.addEventListener('click', async () => {
    const numbers = { windowDays: numberIn(windowDays, false), cost: numberIn(cost, true) };
    const unreadable = (['windowDays', 'cost'] as const).find((key) => Number.isNaN(numbers[key]));
    if (unreadable) {
      const field = say(lang, unreadable === 'cost' ? 'campaign.cost' : 'campaign.window');
      const value = (unreadable === 'cost' ? cost : windowDays).value.trim();
      fill(status, h('p', { class: 'error' }, say(lang, 'campaign.unreadable', { field, value })));
      return;
    }
    add.disabled = true;
    try {
      const result = await call('sidebarAddCampaign', {
        name: name.value,
        date: date.value,
        segments: checkedSegments(),
        ...numbers,
        contacted: contacted.value,
      });
      if (!result.ok) {
        fill(status, h('p', { class: 'error' }, result.message));
        return;
      }
      const open = h('button', { type: 'button', class: 'link' }, say(lang, 'campaign.open'));
      open.addEventListener('click', () => void call('sidebarActivateTab', result.tab.id));
      fill(status, h('p', { class: 'done' }, result.message, ' ', open));
      name.value = '';
    } catch (error) {
      fill(
        status,
        h('p', { class: 'error' }, say(lang, 'error.server', { message: (error as Error).message })),
      );
    } finally {
      add.disabled = false;
    }
  });

  const details = h(
    'details',
    { class: 'campaign-note' },
    h('summary', {}, say(lang, 'campaign.title')),
    h('small', {}, say(lang, 'campaign.hint')),
    field(say(lang, 'campaign.name'), name),
    field(say(lang, 'campaign.date'), date),
    h('p', { class: 'field-label', id: segmentsId }, say(lang, 'campaign.segments')),
    segments,
    h(
      'div',
      { class: 'ranges' },
      field(say(lang, 'campaign.window'), windowDays),
      field(say(lang, 'campaign.cost'), cost),
    ),
    field(say(lang, 'campaign.contacted'), contacted, say(lang, 'campaign.contactedHint')),
    add,
    status,
  );
  return { element: h('section', { class: 'plain' }, details), update: renderSegments };
}
