import { describe, expect, it } from 'vitest';
import { detectColumns, inferRoles, normalizeHeader } from '../../src/core/columns';
import { localeFormat } from '../../src/core/values';
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
    // Columns are numbered from 1 for a person: the eighth column is « 8 ».
    expect(() => detectColumns(['Client', 'Date', 'Montant'], 3, 'fr', { amount: 7 })).toThrow(
      'La colonne choisie pour « montant » (8) n’existe pas : la plage n’a que 3 colonnes.',
    );
  });
});

describe('roles of a table without a header are read from its values', () => {
  const us = localeFormat('en_US');
  const rows = (text: string) => text.split('\n').map((line) => line.trim().split(/\s+/));

  it('CDNOW (id, yyyymmdd date, quantity, decimal amount): customer 1, date 2, amount 4, sure', () => {
    const table = rows('00001 19970101 1 11.77\n00002 19970112 1 12.00\n00002 19970112 5 77.00');
    const columns = detectColumns(table[0], 4, 'en', {}, { rows: table.slice(1), format: us });
    expect(columns).toMatchObject({ hasHeader: false, customer: 0, date: 1, amount: 3, attributes: [2] });
    expect(columns.inferred).toEqual({ roles: ['customer', 'date', 'amount'], sure: true });
  });

  it('two id-like columns before the date (CDNOW sample): the first is the customer, and it is unsure', () => {
    const table = rows(
      '00004 0001 19970101 2 29.33\n00004 0001 19970118 2 29.73\n00018 0002 19970104 1 14.96',
    );
    const columns = detectColumns(table[0], 5, 'en', {}, { rows: table.slice(1), format: us });
    expect(columns).toMatchObject({ hasHeader: false, customer: 0, date: 2, amount: 4 });
    expect(columns.inferred?.sure).toBe(false);
  });

  it('a header that names the customer and the date but not the amount (CDNOW master): the amount is inferred', () => {
    const table = rows(
      'customer_id date number_of_cds dollar_value\n00001 19970101 1 11.77\n00002 19970112 1 12.00',
    );
    const columns = detectColumns(table[0], 4, 'en', {}, { rows: table.slice(1), format: us });
    expect(columns).toMatchObject({ hasHeader: true, customer: 0, date: 1, amount: 3 });
    expect(columns.inferred).toEqual({ roles: ['amount'], sure: true });
  });

  it('dates and amounts in any column order, with a first row of unknown names taken as a header', () => {
    const table = [
      ['when', 'who', 'what', 'paid'],
      ['17/10/2025', 'Anne', 'Lyon', '12.50'],
      ['18/10/2025', 'Bob', 'Paris', '3.00'],
    ];
    const columns = detectColumns(table[0], 4, 'en', {}, { rows: table.slice(1), format: us });
    expect(columns).toMatchObject({ hasHeader: true, customer: 1, date: 0, amount: 3, attributes: [2] });
    expect(columns.headers).toEqual(['when', 'who', 'what', 'paid']);
  });

  it('values that tell no date leave the first three columns, as before, and say it is unsure', () => {
    const table = [
      ['c1', 'hier', '12'],
      ['c2', 'demain', '13'],
    ];
    const columns = detectColumns(table[0], 3, 'fr', {}, { rows: table.slice(1), format: us });
    expect(columns).toMatchObject({ hasHeader: false, customer: 0, date: 1, amount: 2 });
    expect(columns.inferred?.sure).toBe(false);
  });

  it('inferRoles: a whole-number id is not an amount; two columns before the date make it unsure', () => {
    const table = [
      ['17', 'Lyon', '2025-10-17', '3'],
      ['18', 'Nice', '2025-10-18', '4'],
    ];
    expect(inferRoles(table, 4, us)).toEqual({ customer: 0, date: 2, amount: 3, sure: false });
    expect(inferRoles(table, 4, us, new Set([1]))).toEqual({ customer: 0, date: 2, amount: 3, sure: true });
  });
});
