/**
 * Orders read straight from the raw rows, without Segmento's reader: the second, independent way
 * the paying-off figures (campaign conversion, cohort retention, acquisition cost) are checked.
 * Days are ISO strings (compared as text), totals thousandths; a purchase is an order whose total
 * is ≥ 0, as in the contract.
 */

export interface RawOrder {
  customer: string;
  /** `YYYY-MM-DD`. */
  day: string;
  /** Net total of the order's lines, thousandths. */
  total: number;
}

/** Online Retail's rows (header first): one order per invoice, its lines summed, its earliest day. */
export function retailOrders(rows: string[][]): RawOrder[] {
  const header = rows[0];
  const [invoiceCol, quantityCol, dateCol, priceCol, customerCol] = [
    'InvoiceNo',
    'Quantity',
    'InvoiceDate',
    'UnitPrice',
    'CustomerID',
  ].map((name) => header.indexOf(name));
  const invoices = new Map<string, RawOrder>();
  for (const row of rows.slice(1)) {
    const customer = row[customerCol].trim().replace(/\.0+$/, '');
    if (!customer) continue;
    const day = row[dateCol].slice(0, 10);
    const amount = Math.round(Number(row[quantityCol]) * Number(row[priceCol]) * 1000);
    const invoice = invoices.get(row[invoiceCol]);
    if (!invoice) invoices.set(row[invoiceCol], { customer, day, total: amount });
    else {
      invoice.total += amount;
      if (day < invoice.day) invoice.day = day;
    }
  }
  return [...invoices.values()];
}

const FRENCH_MONTHS = [
  'janv',
  'févr',
  'mars',
  'avr',
  'mai',
  'juin',
  'juil',
  'août',
  'sept',
  'oct',
  'nov',
  'déc',
];

/** A day of the demo file as written: `2025-10-17`, `17/10/2025` or `17 oct. 2025`; null otherwise. */
function demoDay(text: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  const numeric = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  if (numeric) return `${numeric[3]}-${numeric[2]}-${numeric[1]}`;
  const named = /^(\d{1,2}) ([a-zéû]+)\.? (\d{4})$/.exec(text);
  const month = named ? FRENCH_MONTHS.indexOf(named[2]) + 1 : 0;
  return month > 0 ? `${named![3]}-${String(month).padStart(2, '0')}-${named![1].padStart(2, '0')}` : null;
}

/** The demo orders' CSV text (one order per line): `1234.56` or `1 234,56 €`; rows without a customer or a date left out. */
export function demoOrders(text: string): RawOrder[] {
  const [header, ...lines] = text.trim().split('\n');
  const columns = header.split(';');
  const [customerCol, dateCol, amountCol] = ['Client', 'Date de commande', 'Montant TTC'].map((name) =>
    columns.indexOf(name),
  );
  return lines.flatMap((line) => {
    const fields = line.split(';');
    const day = demoDay(fields[dateCol]);
    const amount = Number(fields[amountCol].replace(/[\s\u202f€]/g, '').replace(',', '.'));
    return fields[customerCol] && day
      ? [{ customer: fields[customerCol], day, total: Math.round(amount * 1000) }]
      : [];
  });
}

/** Each customer's first purchase day (on or before `asOf`). */
export function firstPurchaseDays(orders: readonly RawOrder[], asOf = '9999-12-31'): Map<string, string> {
  const first = new Map<string, string>();
  for (const { customer, day, total } of orders)
    if (total >= 0 && day <= asOf && !(first.get(customer)! <= day)) first.set(customer, day);
  return first;
}

/** The ISO day `days` after `day`. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Of `customers`, those with a purchase on a day in (from, to]. */
export function buyersBetween(
  orders: readonly RawOrder[],
  customers: ReadonlySet<string>,
  from: string,
  to: string,
): Set<string> {
  return new Set(
    orders
      .filter(
        (order) => order.total >= 0 && order.day > from && order.day <= to && customers.has(order.customer),
      )
      .map((order) => order.customer),
  );
}

/** Of the customers whose first purchase is in `cohort` (`YYYY-MM`), how many bought in `month`, and how many there are. */
export function cohortCell(
  orders: readonly RawOrder[],
  first: ReadonlyMap<string, string>,
  cohort: string,
  month: string,
): { bought: number; customers: number } {
  const members = new Set([...first].filter(([, day]) => day.startsWith(cohort)).map(([id]) => id));
  const bought = new Set(
    orders
      .filter((o) => o.total >= 0 && o.day.startsWith(month) && members.has(o.customer))
      .map((o) => o.customer),
  );
  return { bought: bought.size, customers: members.size };
}
