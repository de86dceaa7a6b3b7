import { describe, expect, it } from 'vitest';
import { dayFromIso, isoDay } from '../../src/core/days';
import { averageBasket, computeMetrics, latestOrderDay, tenureDays } from '../../src/core/metrics';
import { readOrders } from '../../src/core/orders';
import type { Cell } from '../../src/core/values';

const header = ['Commande', 'Client', 'Date', 'Montant', 'Ville'];
const rows: Cell[][] = [
  header,
  ['1', 'anne', '2025-01-10', '100', 'Lyon'],
  ['2', 'anne', '2025-03-01', '50', 'Paris'],
  ['3', 'anne', '2025-03-05', '-30', ''],
  ['4', 'bob', '2025-02-01', '0', 'Nantes'],
  ['5', 'carl', '2025-02-01', '-20', 'Lille'],
  ['6', 'bob', '2025-04-01', '80', 'Brest'],
];
const book = readOrders(rows, { locale: 'fr_FR' });

describe('per-customer metrics', () => {
  it('the default analysis date is the latest order date, refunds included', () => {
    expect(isoDay(latestOrderDay(book)!)).toBe('2025-04-01');
  });

  it('a refund lowers spend but is not a purchase', () => {
    const metrics = computeMetrics(book, dayFromIso('2025-03-31')!);
    const anne = metrics.ids.indexOf('anne');
    expect(metrics.frequency[anne]).toBe(2);
    expect(metrics.monetary[anne]).toBe(120000);
    expect(averageBasket(metrics, anne)).toBe(75000);
    expect(isoDay(metrics.lastPurchase[anne])).toBe('2025-03-01');
    expect(metrics.recencyDays[anne]).toBe(30);
    expect(tenureDays(metrics, anne)).toBe(80);
  });

  it('a zero-amount order is a purchase', () => {
    const metrics = computeMetrics(book, dayFromIso('2025-03-31')!);
    const bob = metrics.ids.indexOf('bob');
    expect(metrics.frequency[bob]).toBe(1);
    expect(metrics.recencyDays[bob]).toBe(58);
  });

  it('orders after the analysis date are left out and counted', () => {
    const metrics = computeMetrics(book, dayFromIso('2025-03-31')!);
    expect(metrics.ordersAfterAsOf).toBe(1);
    expect(metrics.monetary[metrics.ids.indexOf('bob')]).toBe(0);
  });

  it('a customer with refunds only has no score and is counted', () => {
    const metrics = computeMetrics(book, dayFromIso('2025-04-01')!);
    expect(metrics.ids).toEqual(['anne', 'bob']);
    expect(metrics.refundOnlyCustomers).toBe(1);
  });

  it('attributes are the latest non-empty value up to the analysis date', () => {
    const city = (asOf: string) => {
      // Both customers moved: the city is kept because a rule names it.
      const metrics = computeMetrics(book, dayFromIso(asOf)!, ['ville']);
      return metrics.ids.map((_, i) => metrics.attributes[0].values[i]);
    };
    expect(city('2025-04-01')).toEqual(['Paris', 'Brest']);
    expect(city('2025-03-31')).toEqual(['Paris', 'Nantes']);
  });

  it('an extra column is kept only when it describes the customer: one value on all of their lines', () => {
    const lines: Cell[][] = [['Client', 'Date', 'Montant', 'E-mail', 'Produit', 'Ville']];
    for (let c = 0; c < 20; c++)
      for (let k = 0; k < 3; k++)
        lines.push([
          `c${c}`,
          `2025-01-${10 + k}`,
          '10',
          `c${c}@exemple.fr`,
          `P${k}`,
          c === 0 && k === 2 ? 'Brest' : 'Lyon',
        ]);
    const metrics = computeMetrics(readOrders(lines, { locale: 'fr_FR' }), dayFromIso('2025-02-01')!);
    // One customer in twenty moved: 95 % agree, the city still describes customers.
    expect(metrics.attributes.map((attribute) => attribute.name)).toEqual(['E-mail', 'Ville']);
    expect(metrics.lineColumns).toEqual(['Produit']);
    expect(metrics.attributes[1].values[0]).toBe('Brest');
    // An output that shows no attributes keeps only the columns rules name, and reads no other.
    const named = computeMetrics(
      readOrders(lines, { locale: 'fr_FR' }),
      dayFromIso('2025-02-01')!,
      ['ville'],
      'named',
    );
    expect(named.attributes.map((attribute) => attribute.name)).toEqual(['Ville']);
    expect(named.attributes[0].values[0]).toBe('Brest');
    expect(named.lineColumns).toEqual(['E-mail', 'Produit']);
  });
});
