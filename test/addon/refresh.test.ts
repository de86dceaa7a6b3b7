import { describe, expect, it } from 'vitest';
import {
  onRefreshTrigger,
  OPEN_REFRESH_HANDLER,
  REFRESH_HANDLER,
  triggerScheduler,
  type RefreshServices,
} from '../../src/addon/refresh';
import { sheetsPort } from '../../src/addon/sheets-port';
import { applySegmentation } from '../../src/workbook/apply';
import { shopOrders } from '../workbook/shop';
import { createFakeAppsScript } from './apps-script-fakes';

function setup() {
  const fake = createFakeAppsScript({ sheets: { Commandes: shopOrders(300) } });
  const services: RefreshServices = fake;
  const port = sheetsPort(fake.spreadsheet, fake);
  const scripts = { triggers: fake.triggers, actAs: fake.actAs };
  return { fake, scripts, services, port, scheduler: triggerScheduler(fake.spreadsheet, port, services) };
}

function setRefresh(fake: ReturnType<typeof createFakeAppsScript>, value: string) {
  const sheet = fake.sheet('Segmento · Réglages');
  const values = sheet.getDataRange().getValues();
  const row = values.findIndex((cells) => cells[0] === 'Actualisation automatique');
  sheet.getRange(row + 1, 2, 1, 1).setValues([[value]]);
}

describe('scheduled refresh triggers', () => {
  it('turning it on installs one daily trigger and one open trigger; turning it on again makes no more', () => {
    const { scripts, scheduler } = setup();
    scheduler.set('monthly');
    scheduler.set('weekly');
    expect(scripts.triggers).toEqual([
      expect.objectContaining({
        owner: 'alice',
        handler: REFRESH_HANDLER,
        schedule: 'everyDays(1).atHour(6)',
      }),
      expect.objectContaining({ owner: 'alice', handler: OPEN_REFRESH_HANDLER, schedule: '' }),
    ]);
  });

  it('two colleagues turning it on leave one trigger for the document', () => {
    const { scripts, scheduler } = setup();
    scheduler.set('weekly');
    scripts.actAs('bob');
    scheduler.set('weekly');
    expect(scripts.triggers.map((trigger) => trigger.owner)).toEqual(['alice', 'alice']);
  });

  it('turning it off removes the trigger', () => {
    const { fake, scripts, scheduler } = setup();
    scheduler.set('weekly');
    scheduler.set('off');
    expect(scripts.triggers).toEqual([]);
    expect(fake.calls.filter((call) => call.method === 'deleteTrigger')).toHaveLength(2);
  });

  it('tells the schedule in force: the settings, when a trigger serves the document', () => {
    const { fake, port, scheduler } = setup();
    applySegmentation(port, { today: 20_000 });
    expect(scheduler.current()).toBe('off');
    setRefresh(fake, 'chaque mois');
    expect(scheduler.current()).toBe('off');
    scheduler.set('monthly');
    expect(scheduler.current()).toBe('monthly');
  });

  it('the trigger runs Apply when due, and not again the same month', () => {
    const { fake, port, services, scheduler } = setup();
    applySegmentation(port, { today: 20_000, now: '2024-01-01T06:00:00.000Z' });
    setRefresh(fake, 'chaque mois');
    scheduler.set('monthly');
    const first = onRefreshTrigger(fake.spreadsheet, port, services);
    expect(first).toMatchObject({ ran: true, result: { ok: true } });
    expect(onRefreshTrigger(fake.spreadsheet, port, services)).toEqual({ ran: false, reason: 'notDue' });
  });

  it('a refresh found off removes its own trigger', () => {
    const { fake, port, services, scripts, scheduler } = setup();
    applySegmentation(port, { today: 20_000 });
    scheduler.set('weekly');
    expect(onRefreshTrigger(fake.spreadsheet, port, services)).toEqual({ ran: false, reason: 'off' });
    expect(scripts.triggers).toEqual([]);
  });
});
