import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { acquisitionCosts, monthOfCell, newCustomers, readSpendTable } from '../../src/core/acquisition';
import { readOrders } from '../../src/core/orders';
import type { Cell } from '../../src/core/values';
import { readTableFile } from '../../src/local/table-file';
import { dataSet } from '../data-sets';

const BOOK = readOrders(
  [
    ['N° commande', 'Client', 'Date', 'Montant', 'Canal'],
    ['o1', 'a', '2024-01-05', 10, 'Web'],
    ['o1', 'a', '2024-01-05', 5, 'Boutique'], // a later line of the first order: the channel stays Web
    ['o2', 'b', '2024-01-20', 30, 'boutique'],
    ['o3', 'c', '2024-02-01', -5, 'Web'], // a refund is not a first purchase
    ['o4', 'c', '2024-02-03', 20, ''],
    ['o5', 'd', '2024-02-10', 40, 'Web'],
    ['o6', 'a', '2024-02-11', 10, 'Web'],
  ],
  { locale: 'fr_FR' },
);

const SPEND: Cell[][] = [
  ['Mois', 'Canal', 'Dépenses', 'Prospects'],
  ['2024-01', 'Web', 100, 50],
  ['janvier 2024', 'Boutique', '60,00 €', 'beaucoup'],
  ['01/2024', 'Web', 20, ''],
  ['2024-02', 'Web', -5, ''],
  ['2024-02', 'Web', 80, 100],
  ['février 2024', '', 'douze', ''],
  ['bientôt', 'Web', 10, ''],
  ['', '', '', ''],
  [new Date(Date.UTC(2024, 2, 1)), '', '', 3],
  [202403, '', 30, 10],
];

describe('new customers by month of first purchase', () => {
  it("a customer's channel is the first non-empty channel value on the lines of their first purchase", () => {
    expect(newCustomers(BOOK, { channel: 'canal' }).map((c) => [c.id, c.month, c.channel])).toEqual([
      ['a', '2024-01', 'Web'],
      ['b', '2024-01', 'boutique'],
      ['c', '2024-02', ''],
      ['d', '2024-02', 'Web'],
    ]);
    expect(newCustomers(BOOK).every((c) => c.channel === '')).toBe(true);
  });
});

describe('the spend table', () => {
  const { rows, issues } = readSpendTable(SPEND, { locale: 'fr_FR', timeZone: 'UTC' });

  it('names every bad cell and reads the rest', () => {
    expect(issues).toEqual([
      { cell: 'D3', row: 3, reason: 'notANumber', value: 'beaucoup' },
      { cell: 'A4', row: 4, reason: 'duplicateMonth', value: '01/2024', firstCell: 'A2' },
      { cell: 'C5', row: 5, reason: 'negativeSpend', value: '-5' },
      { cell: 'C7', row: 7, reason: 'notANumber', value: 'douze' },
      { cell: 'A8', row: 8, reason: 'badMonth', value: 'bientôt' },
      { cell: 'C10', row: 10, reason: 'missingSpend', value: '' },
    ]);
    expect(rows).toEqual([
      { row: 2, month: '2024-01', channel: 'Web', spend: 100_000, prospects: 50 },
      { row: 3, month: '2024-01', channel: 'Boutique', spend: 60_000, prospects: null },
      { row: 6, month: '2024-02', channel: 'Web', spend: 80_000, prospects: 100 },
      { row: 11, month: '2024-03', channel: '', spend: 30_000, prospects: 10 },
    ]);
  });

  it('reads a month written as a date, a serial, yyyymm, yyyy-mm, mm/yyyy or with its name', () => {
    expect(
      [
        new Date(Date.UTC(2024, 2, 15)),
        45366,
        202403,
        '2024-3',
        '03/2024',
        'mars 2024',
        'March 2024',
        'Mar-2024',
        '15/03/2024',
      ].map((cell) => monthOfCell(cell, 'fr_FR', () => 19797)),
    ).toEqual(Array(9).fill('2024-03'));
    expect(['2024-13', 'mois', 12.5, true, ''].map((cell) => monthOfCell(cell))).toEqual(Array(5).fill(null));
  });

  it('CAC = spend ÷ new customers and conversion = new customers ÷ prospects, per month and channel; value ÷ CAC with predictions', () => {
    const table = acquisitionCosts(newCustomers(BOOK, { channel: 'Canal' }), rows, {
      byChannel: true,
      predicted: { customers: [0, 1, 3], values: [50_000, null, 120_000] }, // a, b, d
    });
    expect(
      table.map((r) => [
        r.month,
        r.channel,
        r.newCustomers,
        r.spend,
        r.cac,
        r.prospects,
        r.conversion,
        r.valueToCac,
      ]),
    ).toEqual([
      ['2024-01', null, 2, 160_000, 80_000, 50, 0.04, 0.625],
      ['2024-01', 'Web', 1, 100_000, 100_000, 50, 0.02, 0.5],
      ['2024-01', 'boutique', 1, 60_000, 60_000, null, null, null],
      ['2024-02', null, 2, 80_000, 40_000, 100, 0.02, 3],
      ['2024-02', '', 1, null, null, null, null, null],
      ['2024-02', 'Web', 1, 80_000, 80_000, 100, 0.01, 1.5],
      ['2024-03', null, 0, 30_000, null, 10, 0, null],
    ]);
  });
});

describe('on the demo orders (La Belle Épicerie)', () => {
  const path = fileURLToPath(new URL('../../src/local/demo/commandes-demo.csv', import.meta.url));
  const book = readOrders(readTableFile(path) as Cell[][], { locale: 'fr_FR' });

  it('new customers per month and channel and the CAC match a count made another way', () => {
    // Independently: orders sorted by customer then day, the first purchase of each customer, its
    // channel from its lines in row order.
    const canal = book.columns.headers.indexOf('Canal');
    const orders = Array.from({ length: book.orderCount }, (_, o) => o)
      .filter((o) => book.orderAmount[o] >= 0)
      .sort(
        (a, b) =>
          book.orderCustomer[a] - book.orderCustomer[b] || book.orderDay[a] - book.orderDay[b] || a - b,
      );
    const firstOrder = new Map<number, number>();
    for (const o of orders)
      if (!firstOrder.has(book.orderCustomer[o])) firstOrder.set(book.orderCustomer[o], o);
    const linesByRow = Array.from({ length: book.lineCount }, (_, l) => l).sort(
      (a, b) => book.lineRow[a] - book.lineRow[b],
    );
    const channelOf = new Map<number, string>();
    for (const line of linesByRow) {
      const order = book.lineOrder[line];
      const customer = book.orderCustomer[order];
      if (firstOrder.get(customer) !== order || channelOf.get(customer)) continue;
      channelOf.set(customer, String(book.source.cell(book.lineRow[line], canal) ?? '').trim());
    }
    const counts = new Map<string, number>();
    for (const [customer, order] of firstOrder) {
      const month = new Date(book.orderDay[order] * 86_400_000).toISOString().slice(0, 7);
      for (const key of [month, `${month} ${(channelOf.get(customer) ?? '').toLowerCase()}`])
        counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const months = [...new Set([...counts.keys()].map((key) => key.slice(0, 7)))].sort();
    const spend = months.map((month, i) => ({
      row: i + 2,
      month,
      channel: '',
      spend: 1_000_000 + i * 7_000,
      prospects: null,
    }));
    const table = acquisitionCosts(newCustomers(book, { channel: 'Canal' }), spend, { byChannel: true });
    expect(table.length).toBe(counts.size);
    for (const row of table) {
      const key = row.channel === null ? row.month : `${row.month} ${row.channel.toLowerCase()}`;
      expect([key, row.newCustomers]).toEqual([key, counts.get(key)]);
      if (row.channel === null) {
        const spent = 1_000_000 + months.indexOf(row.month) * 7_000;
        expect(row.cac).toBeCloseTo(spent / counts.get(key)!, 9);
      } else expect(row.spend).toBeNull();
    }
    expect(months.length).toBeGreaterThan(6);
  });
});

const retail = dataSet('online_retail.csv.gz');

describe('Online Retail (as of 2011-12-09), the country as the channel', () => {
  it.skipIf(!retail)(
    'new customers per month and per country equal a pivot of the raw rows',
    () => {
      const rows = readTableFile(retail!);
      const table = acquisitionCosts(
        newCustomers(readOrders(rows as Cell[][], { locale: 'en_US' }), { channel: 'Country' }),
        [],
        { byChannel: true },
      );
      // Independently: invoices in order of first appearance, a purchase when its lines sum to ≥ 0;
      // each customer's earliest purchase invoice (the first one on a tie) and its first line's country.
      const header = rows[0];
      const col = (name: string) => header.indexOf(name);
      const invoices = new Map<string, { customer: string; day: string; total: number; country: string }>();
      for (const row of rows.slice(1)) {
        const customer = row[col('CustomerID')].trim().replace(/\.0+$/, '');
        if (!customer) continue;
        const day = row[col('InvoiceDate')].slice(0, 10);
        const amount = Math.round(Number(row[col('Quantity')]) * Number(row[col('UnitPrice')]) * 1000);
        const invoice = invoices.get(row[col('InvoiceNo')]);
        if (!invoice)
          invoices.set(row[col('InvoiceNo')], {
            customer,
            day,
            total: amount,
            country: row[col('Country')].trim(),
          });
        else {
          invoice.total += amount;
          if (day < invoice.day) invoice.day = day;
        }
      }
      const first = new Map<string, { day: string; country: string }>();
      for (const { customer, day, total, country } of invoices.values()) {
        const known = first.get(customer);
        if (total >= 0 && (!known || day < known.day)) first.set(customer, { day, country });
      }
      const counts = new Map<string, number>();
      for (const { day, country } of first.values())
        for (const key of [`${day.slice(0, 7)}`, `${day.slice(0, 7)} ${country.toLowerCase()}`])
          counts.set(key, (counts.get(key) ?? 0) + 1);
      expect(table.length).toBe(counts.size);
      for (const row of table) {
        const key = row.channel === null ? row.month : `${row.month} ${row.channel.toLowerCase()}`;
        expect([key, row.newCustomers]).toEqual([key, counts.get(key)]);
      }
      expect(counts.get('2010-12')).toBe(885);
    },
    120_000,
  );
});
