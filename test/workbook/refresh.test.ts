import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../../src/core/days';
import { applySegmentation, readHistory } from '../../src/workbook/apply';
import { isDue, runScheduledRefresh, shouldServe } from '../../src/workbook/refresh';
import { recordingPort } from './recording-port';
import { shopOrders } from './shop';

const day = (iso: string) => dayFromIso(iso)!;

describe('when a scheduled refresh is due', () => {
  it('weekly: seven days or more since the last run', () => {
    expect(isDue('weekly', day('2025-03-01'), day('2025-03-07'))).toBe(false);
    expect(isDue('weekly', day('2025-03-01'), day('2025-03-08'))).toBe(true);
  });

  it('monthly: the last run was in an earlier month', () => {
    expect(isDue('monthly', day('2025-03-01'), day('2025-03-31'))).toBe(false);
    expect(isDue('monthly', day('2025-03-31'), day('2025-04-01'))).toBe(true);
    expect(isDue('monthly', day('2024-12-15'), day('2025-01-02'))).toBe(true);
  });

  it('never when off; at once when it never ran', () => {
    expect(isDue('off', null, day('2025-03-01'))).toBe(false);
    expect(isDue('monthly', null, day('2025-03-01'))).toBe(true);
  });

  it('one collaborator serves a document until their trigger goes quiet for three days', () => {
    const owner = { user: 'alice', heartbeat: '2025-03-01T06:00:00Z' };
    expect(shouldServe(null, 'bob', '2025-03-02T00:00:00Z')).toBe(true);
    expect(shouldServe(owner, 'alice', '2025-03-02T00:00:00Z')).toBe(true);
    expect(shouldServe(owner, 'bob', '2025-03-02T00:00:00Z')).toBe(false);
    expect(shouldServe(owner, 'bob', '2025-03-05T00:00:00Z')).toBe(true);
  });
});

describe('a scheduled refresh', () => {
  it('records a failure in the history tab, since no one is there to be told', () => {
    const port = recordingPort({ sheets: { Commandes: shopOrders(300) } });
    applySegmentation(port, { today: day('2026-01-01'), now: '2026-01-01T06:00:00.000Z' });
    const settings = port.tabs.find((tab) => tab.tag?.kind === 'settings')!;
    const values = port.valuesOf(settings.name);
    settings.grid[values.findIndex((row) => row[0] === 'Actualisation automatique')][1] = 'chaque semaine';
    settings.grid[values.findIndex((row) => row[0] === 'Onglet des commandes')][1] = 'Ventes 2025';
    const outcome = runScheduledRefresh(port, day('2026-02-01'), '2026-02-01T06:00:00.000Z');
    expect(outcome).toMatchObject({ ran: true, result: { ok: false } });
    const history = readHistory(port);
    expect(history.map((snapshot) => snapshot.failure)).toEqual([
      '',
      'Onglet des commandes « Ventes 2025 » introuvable : choisissez-le dans le panneau.',
    ]);
  });

  it('counts the last run on its day in the spreadsheet’s time zone (Paris just after midnight on the 1st)', () => {
    const port = recordingPort({ timeZone: 'Europe/Paris', sheets: { Commandes: shopOrders(300) } });
    // 2026-02-28T23:30Z is 1 March, 00:30 in Paris: the monthly refresh is done for March.
    applySegmentation(port, { today: day('2026-03-01'), now: '2026-02-28T23:30:00.000Z' });
    const settings = port.tabs.find((tab) => tab.tag?.kind === 'settings')!;
    const values = port.valuesOf(settings.name);
    settings.grid[values.findIndex((row) => row[0] === 'Actualisation automatique')][1] = 'chaque mois';
    expect(runScheduledRefresh(port, day('2026-03-20'), '2026-03-20T06:00:00.000Z')).toEqual({
      ran: false,
      reason: 'notDue',
    });
    expect(runScheduledRefresh(port, day('2026-04-01'), '2026-04-01T06:00:00.000Z')).toMatchObject({
      ran: true,
    });
  });
});
