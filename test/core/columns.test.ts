import { describe, expect, it } from 'vitest';
import { detectColumns, normalizeHeader } from '../../src/core/columns';
import { UserError } from '../../src/core/labels';

describe('header names', () => {
  it('splits camelCase and snake_case, lower-cases, drops accents and punctuation', () => {
    expect(normalizeHeader('InvoiceNo')).toBe('invoice no');
    expect(normalizeHeader('CustomerID')).toBe('customer id');
    expect(normalizeHeader('order_date')).toBe('order date');
    expect(normalizeHeader('Date de la commande')).toBe('date de la commande');
    expect(normalizeHeader('N° commande')).toBe('n commande');
    expect(normalizeHeader('  Qté ')).toBe('qte');
    expect(normalizeHeader('E-mail')).toBe('e mail');
  });

  it('finds French columns, a header beginning with a name followed by a space included', () => {
    const columns = detectColumns(
      ['N° commande', 'Client', 'Date de la commande', 'Montant TTC', 'Ville'],
      5,
      'fr',
    );
    expect(columns).toMatchObject({
      hasHeader: true,
      orderId: 0,
      customer: 1,
      date: 2,
      amount: 3,
      attributes: [4],
    });
  });

  it('finds the Online Retail columns: InvoiceDate is a date, not an invoice number', () => {
    const header = [
      'InvoiceNo',
      'StockCode',
      'Description',
      'Quantity',
      'InvoiceDate',
      'UnitPrice',
      'CustomerID',
      'Country',
    ];
    const columns = detectColumns(header, 8, 'en');
    expect(columns).toMatchObject({
      orderId: 0,
      quantity: 3,
      date: 4,
      unitPrice: 5,
      customer: 6,
      amount: -1,
    });
    expect(columns.attributes.map((index) => columns.headers[index])).toEqual([
      'StockCode',
      'Description',
      'Country',
    ]);
  });

  it('the first matching column wins', () => {
    expect(detectColumns(['client', 'date', 'montant', 'total'], 4, 'fr')).toMatchObject({
      amount: 2,
      attributes: [3],
    });
  });

  it('an e-mail column is the customer only when there is no other customer column', () => {
    expect(detectColumns(['E-mail', 'Date', 'Montant'], 3, 'fr')).toMatchObject({
      customer: 0,
      attributes: [],
    });
    expect(detectColumns(['E-mail', 'Client', 'Date', 'Montant'], 4, 'fr')).toMatchObject({
      customer: 1,
      attributes: [0],
    });
  });

  it('a mapping saved in the sidebar overrides detection', () => {
    const columns = detectColumns(['Client', 'Date', 'Montant', 'Montant HT'], 4, 'fr', { amount: 3 });
    expect(columns).toMatchObject({ customer: 0, date: 1, amount: 3, attributes: [2] });
  });

  it('without a header the first three columns are customer, date, amount', () => {
    const columns = detectColumns(['C1', '2025-01-02', '12', 'Lyon'], 4, 'fr');
    expect(columns).toMatchObject({ hasHeader: false, customer: 0, date: 1, amount: 2, attributes: [3] });
    expect(columns.headers[3]).toBe('Colonne 4');
  });

  it('quantity × unit price stands in for a missing amount column', () => {
    expect(detectColumns(['Client', 'Date', 'Qté', 'Prix unitaire'], 4, 'fr')).toMatchObject({
      amount: -1,
      quantity: 2,
      unitPrice: 3,
    });
  });

  it('a missing column is a message saying what to fix, in the user language', () => {
    expect(() => detectColumns(['Client', 'Date', 'Ville'], 3, 'fr')).toThrow(
      'Colonne « montant » introuvable : ajoutez un en-tête Montant ou choisissez la colonne dans le panneau.',
    );
    expect(() => detectColumns(['Customer', 'Amount', 'City'], 3, 'en')).toThrow(
      'Column "date" not found: add a Date header or choose the column in the sidebar.',
    );
    expect(() => detectColumns(['Client', 'Date', 'Montant'], 3, 'fr', { amount: 7 })).toThrow(UserError);
  });
});
