/**
 * Finding the customer, date, amount and optional columns of an order range by header name, in
 * French or English (DESIGN.md §2).
 */
import { t, UserError, type Lang, type MessageKey } from './labels';
import { customerId, type Cell } from './values';

export type Role = 'customer' | 'date' | 'amount' | 'orderId' | 'quantity' | 'unitPrice' | 'email';

/** Header names per role, as written by people; compared after `normalizeHeader`. */
const ROLE_NAMES: Record<Role, string[]> = {
  customer: [
    'client',
    'id client',
    'code client',
    'n client',
    'no client',
    'numero client',
    'num client',
    'reference client',
    'ref client',
    'customer',
    'customer id',
    'customer no',
    'customer number',
    'customer code',
    'client id',
    'clientid',
    'customerid',
    'cust id',
    'buyer',
    'acheteur',
  ],
  date: [
    'date',
    'date de commande',
    'date commande',
    'date de la commande',
    'date d achat',
    'date achat',
    'date de facture',
    'date facture',
    'order date',
    'invoice date',
    'purchase date',
    'transaction date',
    'sale date',
    'created at',
    'jour',
  ],
  amount: [
    'montant',
    'total',
    'ca',
    'chiffre d affaires',
    'prix total',
    'valeur',
    'amount',
    'revenue',
    'sales',
    'ventes',
    'order total',
    'total price',
    'value',
    'spend',
    'depense',
  ],
  orderId: [
    'commande',
    'n commande',
    'no commande',
    'numero commande',
    'numero de commande',
    'id commande',
    'ref commande',
    'facture',
    'n facture',
    'numero facture',
    'order',
    'order id',
    'order no',
    'order number',
    'invoice',
    'invoice no',
    'invoice id',
    'invoice number',
    'transaction id',
  ],
  quantity: ['quantite', 'qte', 'qty', 'quantity', 'nombre d articles'],
  unitPrice: ['prix unitaire', 'prix', 'pu', 'unit price', 'price', 'unitprice'],
  email: ['e mail', 'email', 'mail', 'courriel', 'adresse e mail', 'adresse mail', 'adresse email'],
};

const ROLES = Object.keys(ROLE_NAMES) as Role[];

/**
 * A header as compared with names: camelCase and snake_case split into words, lower-cased,
 * accents removed, punctuation folded to spaces (`InvoiceNo` → `invoice no`, `HTMLPage` →
 * `html page`). One pass over the text, then linear replacements: a header of any length (a
 * 100,000-capital cell, a binary file read as text) takes time in proportion to its length.
 */
export function normalizeHeader(header: string): string {
  return splitWords(header)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * A space before each capital that starts a word: one after a lower-case letter or a digit
 * (`invoiceNo`), or the last of a run of capitals followed by a lower-case letter (`HTMLPage`).
 */
function splitWords(text: string): string {
  let result = '';
  let copied = 0;
  for (let index = 1; index < text.length; index++) {
    if (!isUpper(text.charCodeAt(index))) continue;
    const before = text.charCodeAt(index - 1);
    const startsWord =
      isLower(before) || isDigit(before) || (isUpper(before) && isLower(text.charCodeAt(index + 1)));
    if (!startsWord) continue;
    result += `${text.slice(copied, index)} `;
    copied = index;
  }
  return copied === 0 ? text : result + text.slice(copied);
}

const isUpper = (code: number) => code >= 65 && code <= 90;
const isLower = (code: number) => code >= 97 && code <= 122;
const isDigit = (code: number) => code >= 48 && code <= 57;

/** The role a header names and the length of the name it matched (longer names are surer). */
function headerRole(header: string): { role: Role; strength: number } | null {
  const normalized = normalizeHeader(header);
  let best: { role: Role; strength: number } | null = null;
  for (const role of ROLES) {
    for (const name of ROLE_NAMES[role]) {
      if (
        (normalized === name || normalized.startsWith(`${name} `)) &&
        (!best || name.length > best.strength)
      ) {
        best = { role, strength: name.length };
      }
    }
  }
  return best;
}

/** Column indexes (0-based) chosen by the user; they override detection. */
export interface ColumnMapping {
  customer?: number;
  date?: number;
  amount?: number;
  orderId?: number;
  quantity?: number;
  unitPrice?: number;
  /** Whether the first row holds headers; detected when absent. */
  hasHeader?: boolean;
}

export interface Columns {
  hasHeader: boolean;
  /** Header text of each column ("Colonne 4" / "Column 4" when there is no header). */
  headers: string[];
  customer: number;
  date: number;
  /** -1 when the amount is quantity × unit price. */
  amount: number;
  orderId: number;
  quantity: number;
  unitPrice: number;
  /** Every other column: kept as a customer attribute. */
  attributes: number[];
}

/** The roles a mapping can give a column, in the order they are shown. */
export const MAPPED_ROLES = ['customer', 'date', 'amount', 'orderId', 'quantity', 'unitPrice'] as const;
export type MappedRole = (typeof MAPPED_ROLES)[number];

/** Decide which column plays which role, from the first row and an optional mapping. */
export function detectColumns(
  firstRow: Cell[],
  width: number,
  lang: Lang,
  mapping: ColumnMapping = {},
): Columns {
  const roles = Array.from({ length: width }, (_, index) => {
    const cell = firstRow[index];
    return typeof cell === 'string' ? headerRole(cell) : null;
  });
  const hasHeader = mapping.hasHeader ?? roles.filter(Boolean).length >= 2;
  const chosen: Record<Role, number> = {
    customer: -1,
    date: -1,
    amount: -1,
    orderId: -1,
    quantity: -1,
    unitPrice: -1,
    email: -1,
  };
  if (hasHeader) {
    roles.forEach((match, index) => {
      if (match && chosen[match.role] === -1) chosen[match.role] = index;
    });
    if (chosen.customer === -1) chosen.customer = chosen.email;
  } else if (!MAPPED_ROLES.some((role) => mapping[role] !== undefined)) {
    [chosen.customer, chosen.date, chosen.amount] = [0, 1, 2].map((index) => (index < width ? index : -1));
  }
  for (const role of MAPPED_ROLES) {
    const index = mapping[role];
    if (index === undefined) continue;
    if (!Number.isInteger(index) || index < 0 || index >= width) {
      throw new UserError(
        'error.mappingOutOfRange',
        { column: t(lang, `column.${role}`), index: String(index), width },
        lang,
      );
    }
    for (const other of MAPPED_ROLES) if (chosen[other] === index) chosen[other] = -1;
    chosen[role] = index;
  }
  if (chosen.amount !== -1) [chosen.quantity, chosen.unitPrice] = [-1, -1];
  const missing: Role | undefined =
    (['customer', 'date'] as const).find((role) => chosen[role] === -1) ??
    (chosen.amount === -1 && (chosen.quantity === -1 || chosen.unitPrice === -1) ? 'amount' : undefined);
  if (missing) {
    const column = t(lang, `column.${missing}` as MessageKey);
    throw new UserError(
      'error.missingColumn',
      { column, header: column.charAt(0).toUpperCase() + column.slice(1) },
      lang,
    );
  }
  const used = new Set(MAPPED_ROLES.map((role) => chosen[role]));
  const headers = Array.from({ length: width }, (_, index) =>
    hasHeader && customerId(firstRow[index]) !== ''
      ? customerId(firstRow[index])
      : `${lang === 'fr' ? 'Colonne' : 'Column'} ${index + 1}`,
  );
  return {
    hasHeader,
    headers,
    customer: chosen.customer,
    date: chosen.date,
    amount: chosen.amount,
    orderId: chosen.orderId,
    quantity: chosen.quantity,
    unitPrice: chosen.unitPrice,
    attributes: headers.map((_, index) => index).filter((index) => !used.has(index)),
  };
}
