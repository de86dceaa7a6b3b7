import { describe, expect, it } from 'vitest';
import { isoDay } from '../../src/core/days';
import { dateOrderMessage, readOrders, rejectMessage } from '../../src/core/orders';
import type { Cell } from '../../src/core/values';

const header = ['Commande', 'Client', 'Date', 'Montant', 'Ville'];

describe('reading order rows', () => {
  it('fully empty rows are neither data nor rejects', () => {
    const book = readOrders(
      [header, ['A1', 'c1', '2025-01-02', 10, 'Lyon'], ['', '', '', '', ''], [], ['', ' ']],
      {
        locale: 'fr_FR',
      },
    );
    expect(book.lineCount).toBe(1);
    expect(book.emptyRows).toBe(3);
    expect(book.rejected).toEqual([]);
  });

  it('a row without customer, or with an unreadable date or amount, is rejected with its row number', () => {
    const rows: Cell[][] = [
      header,
      ['A1', '', '2025-01-02', 10, 'Lyon'],
      ['A2', 'c1', 'hier', 10, 'Lyon'],
      ['A3', 'c1', '2025-01-02', 'beaucoup', 'Lyon'],
      ['A4', 'c1', '2025-01-02', 10, 'Lyon'],
    ];
    const book = readOrders(rows, { locale: 'fr_FR', firstRowNumber: 3 });
    expect(book.rejected.map((reject) => [reject.row, reject.reason])).toEqual([
      [4, 'noCustomer'],
      [5, 'badDate'],
      [6, 'badAmount'],
    ]);
    expect(rejectMessage(book.rejected[1], 'fr')).toBe('date illisible « hier »');
    expect(rejectMessage(book.rejected[2], 'en')).toBe('unreadable amount "beaucoup"');
    expect(book.orderCount).toBe(1);
  });

  it('an amount too large to hold exactly is rejected as unreadable with its row, never summed as Infinity', () => {
    const huge = '9'.repeat(400);
    const book = readOrders(
      [header, ['A1', 'c1', '2025-01-02', huge, 'Lyon'], ['A2', 'c1', '2025-01-03', 10, 'Lyon']],
      { locale: 'en_US' },
    );
    expect(book.rejected).toEqual([{ row: 2, reason: 'badAmount', value: huge }]);
    expect([...book.orderAmount]).toEqual([10_000]);
    const lines = readOrders(
      [
        ['Client', 'Date', 'Quantité', 'Prix unitaire'],
        ['c1', '2025-01-02', '1'.padEnd(400, '0'), '2'],
      ],
      { locale: 'fr_FR' },
    );
    expect(lines.rejected.map((reject) => reject.reason)).toEqual(['badAmount']);
  });

  it('lines with the same order id form one order: amounts summed, earliest date', () => {
    const book = readOrders(
      [header, ['A1', 'c1', '2025-01-03', '10,10', 'Lyon'], ['A1', 'c1', '2025-01-02', '0,20', 'Lyon']],
      { locale: 'fr_FR' },
    );
    expect(book.orderCount).toBe(1);
    expect(book.orderAmount[0]).toBe(10300);
    expect(isoDay(book.orderDay[0])).toBe('2025-01-02');
  });

  it('an order id reused by another customer rejects the line', () => {
    const book = readOrders([header, ['A1', 'c1', '2025-01-02', 10, ''], ['A1', 'c2', '2025-01-02', 5, '']], {
      locale: 'fr_FR',
    });
    expect(book.rejected).toEqual([{ row: 3, reason: 'orderOfOtherCustomer', value: 'A1', owner: 'c1' }]);
    expect(rejectMessage(book.rejected[0], 'fr')).toBe('commande A1 déjà attribuée au client c1');
    expect(book.orderAmount[0]).toBe(10000);
  });

  it('without an order id each row is an order', () => {
    const book = readOrders([
      ['Client', 'Date', 'Montant'],
      ['c1', '2025-01-02', 10],
      ['c1', '2025-01-02', 10],
    ]);
    expect(book.orderCount).toBe(2);
  });

  it('numeric order ids and customer ids match their text forms', () => {
    const book = readOrders([header, [536365, 17850, 45000, 1, ''], ['536365', '17850.0', 45000, 2, '']]);
    expect(book.orderCount).toBe(1);
    expect(book.customerIds).toEqual(['17850']);
  });

  it('a row amount is quantity × unit price when there is no amount column', () => {
    const book = readOrders([
      ['InvoiceNo', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID'],
      ['1', '6', '2010-12-01 08:26:00', '2.55', '17850.0'],
      ['1', '3', '2010-12-01 08:26:00', '0.001', '17850.0'],
      ['2', '1.5', '2010-12-01 08:26:00', '2.99', '17850.0'],
      ['3', 'six', '2010-12-01 08:26:00', '2.99', '17850.0'],
    ]);
    expect(Array.from(book.orderAmount)).toEqual([15303, 4485]);
    expect(book.rejected).toMatchObject([{ row: 5, reason: 'badAmount', value: 'six' }]);
  });

  it('never modifies the source rows', () => {
    const rows: Cell[][] = [
      header,
      ['A1', ' c1 ', '17/10/2025', '1 234,56 €', 'Lyon'],
      ['A2', '', 'x', 'y', ''],
    ];
    const copy = JSON.parse(JSON.stringify(rows));
    readOrders(rows, { locale: 'fr_FR' });
    expect(rows).toEqual(copy);
  });
});

describe('day first or month first is decided per date column, from all its values (src/core/README.md, "Dates")', () => {
  const days = (book: ReturnType<typeof readOrders>) => [...book.orderDay].map(isoDay);
  const rows = (dates: string[]): Cell[][] => [
    ['Client', 'Date', 'Montant'],
    ...dates.map((date, index) => [`c${index}`, date, 10]),
  ];

  it('under en_US, 05/06/2024 next to 27/08/2024 is 5 June: a first part above 12 makes the column day first', () => {
    const book = readOrders(rows(['05/06/2024', '27/08/2024']), { locale: 'en_US' });
    expect(days(book)).toEqual(['2024-06-05', '2024-08-27']);
    expect(book.dateOrder).toEqual({
      dayFirst: true,
      decidedBy: 'values',
      row: 3,
      value: '27/08/2024',
    });
  });

  it('under fr_FR, 05/06/2024 next to 08/27/2024 is 6 May: a second part above 12 makes it month first', () => {
    const book = readOrders(rows(['05/06/2024', '08/27/2024']), { locale: 'fr_FR' });
    expect(days(book)).toEqual(['2024-05-06', '2024-08-27']);
    expect(book.dateOrder).toMatchObject({ dayFirst: false, decidedBy: 'values', row: 3 });
  });

  it('a column where every date is ambiguous follows the locale, and says so', () => {
    expect(days(readOrders(rows(['05/06/2024']), { locale: 'fr_FR' }))).toEqual(['2024-06-05']);
    const us = readOrders(rows(['05/06/2024']), { locale: 'en_US' });
    expect(days(us)).toEqual(['2024-05-06']);
    expect(us.dateOrder).toEqual({ dayFirst: false, decidedBy: 'locale' });
    expect(dateOrderMessage(us.dateOrder!, 'en', 'en_US')).toBe(
      'Dates read month first (MM/DD/YYYY), the order of the locale en_US: none reads in one order only.',
    );
  });

  it('both orders in one column is an error naming a row of each', () => {
    expect(() =>
      readOrders(rows(['05/06/2024', '27/08/2024', '2024-01-01', '08/27/2024']), { locale: 'fr_FR' }),
    ).toThrow(
      'Colonne des dates : ligne 3 « 27/08/2024 » se lit jour en premier, ligne 5 « 08/27/2024 » mois en premier ; écrivez toutes les dates dans le même ordre (le plus sûr : 2025-10-17).',
    );
  });

  it('the deciding date may come late: every earlier ambiguous date is read again in its order', () => {
    const dates = [...Array.from({ length: 500 }, () => '05/06/2024'), '08/27/2024'];
    const book = readOrders(rows(dates), { locale: 'fr_FR' });
    expect(new Set(days(book))).toEqual(new Set(['2024-05-06', '2024-08-27']));
    expect(book.dateOrder).toMatchObject({ dayFirst: false, decidedBy: 'values', row: 502 });
  });

  it('a date read in the other order before the deciding one is still an error', () => {
    expect(() => readOrders(rows(['27/08/2024', '05/06/2024', '08/27/2024']), { locale: 'en_US' })).toThrow(
      'Date column: row 2 "27/08/2024" reads day first, row 4 "08/27/2024" month first',
    );
  });

  it('a column without numeric dates has no order to report', () => {
    expect(readOrders(rows(['2024-06-05', '17 oct. 2025']), { locale: 'fr_FR' }).dateOrder).toBeNull();
  });
});
