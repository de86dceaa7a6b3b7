/**
 * Finding the customer, date, amount and optional columns of an order range by header name, in
 * French or English (see src/core/README.md, "Columns").
 */
import { t, UserError, type Lang, type MessageKey } from './labels';
import {
  customerId,
  dayFromText,
  decimalText,
  isEmptyCell,
  parseNumber,
  type Cell,
  type LocaleFormat,
} from './values';

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
  /**
   * The roles read from the values rather than from headers or a mapping (`inferRoles`), and
   * whether the choice was clear; absent when every role came from a header or the mapping.
   */
  inferred?: { roles: MappedRole[]; sure: boolean };
}

/** The values of the « column not found » message of a role: its name, and the header to add. */
export function missingColumnParams(role: Role, lang: Lang): { column: string; header: string } {
  const column = t(lang, `column.${role}` as MessageKey);
  return { column, header: column.charAt(0).toUpperCase() + column.slice(1) };
}

/** The roles a mapping can give a column, in the order they are shown. */
export const MAPPED_ROLES = ['customer', 'date', 'amount', 'orderId', 'quantity', 'unitPrice'] as const;
export type MappedRole = (typeof MAPPED_ROLES)[number];

/**
 * Decide which column plays which role, from the first row and an optional mapping. With `sample`
 * (the rows after the first one, a hundred or so, and the locale's format), roles that neither a
 * header nor the mapping gives are inferred from the values (`inferRoles`); without it, a table
 * without a header has customer, date and amount in its first three columns.
 */
export function detectColumns(
  firstRow: Cell[],
  width: number,
  lang: Lang,
  mapping: ColumnMapping = {},
  sample?: { rows: Cell[][]; format: LocaleFormat },
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
  } else if (!MAPPED_ROLES.some((role) => mapping[role] !== undefined) && sample === undefined) {
    [chosen.customer, chosen.date, chosen.amount] = [0, 1, 2].map((index) => (index < width ? index : -1));
  }
  for (const role of MAPPED_ROLES) {
    const index = mapping[role];
    if (index === undefined) continue;
    if (!Number.isInteger(index) || index < 0 || index >= width) {
      throw new UserError(
        'error.mappingOutOfRange',
        {
          column: t(lang, `column.${role}`),
          index: Number.isInteger(index) ? index + 1 : String(index),
          width,
        },
        lang,
      );
    }
    for (const other of MAPPED_ROLES) if (chosen[other] === index) chosen[other] = -1;
    chosen[role] = index;
  }
  let inferred: Columns['inferred'];
  const lacking =
    chosen.customer === -1 ||
    chosen.date === -1 ||
    (chosen.amount === -1 && (chosen.quantity === -1 || chosen.unitPrice === -1));
  if (sample !== undefined && lacking) {
    const rows = sample.rows.length > 0 ? sample.rows : [firstRow];
    const taken = new Set(ROLES.map((role) => chosen[role]).filter((index) => index >= 0));
    const guess = inferRoles(rows, width, sample.format, taken);
    const positional = !hasHeader && taken.size === 0;
    const roles: ('customer' | 'date' | 'amount')[] = [];
    for (const role of ['customer', 'date', 'amount'] as const) {
      if (chosen[role] !== -1) continue;
      if (role === 'amount' && chosen.quantity !== -1 && chosen.unitPrice !== -1) continue;
      roles.push(role);
    }
    // Without a header nor a mapping, values that tell no date, amount or customer leave the
    // first three columns in those roles, as before (the rows then say what is unreadable).
    const found = roles.every((role) => guess[role] !== -1);
    for (const role of roles) {
      chosen[role] = found ? guess[role] : positional ? POSITIONS[role] : guess[role];
      if (chosen[role] >= width) chosen[role] = -1;
    }
    if (roles.length > 0) inferred = { roles, sure: found && guess.sure };
  }
  // A first row of names the header rule does not know (`a,b,c`) is a header all the same when
  // its date cell is text that is not a date where the rows below hold dates.
  const headerByValues =
    sample !== undefined &&
    !hasHeader &&
    mapping.hasHeader === undefined &&
    chosen.date >= 0 &&
    isHeaderLike(firstRow, chosen.date, sample);
  if (chosen.amount !== -1) [chosen.quantity, chosen.unitPrice] = [-1, -1];
  const missing: Role | undefined =
    (['customer', 'date'] as const).find((role) => chosen[role] === -1) ??
    (chosen.amount === -1 && (chosen.quantity === -1 || chosen.unitPrice === -1) ? 'amount' : undefined);
  if (missing) throw new UserError('error.missingColumn', missingColumnParams(missing, lang), lang);
  const used = new Set(MAPPED_ROLES.map((role) => chosen[role]));
  const header = hasHeader || headerByValues;
  const headers = Array.from({ length: width }, (_, index) =>
    header && customerId(firstRow[index]) !== ''
      ? customerId(firstRow[index])
      : t(lang, 'column.numbered', { number: index + 1 }),
  );
  return {
    hasHeader: header,
    headers,
    customer: chosen.customer,
    date: chosen.date,
    amount: chosen.amount,
    orderId: chosen.orderId,
    quantity: chosen.quantity,
    unitPrice: chosen.unitPrice,
    attributes: headers.map((_, index) => index).filter((index) => !used.has(index)),
    ...(inferred ? { inferred } : {}),
  };
}

/** The columns of customer, date and amount in a table without a header, when values do not tell. */
const POSITIONS = { customer: 0, date: 1, amount: 2 } as const;

/** What the values of one column look like. */
interface ColumnKind {
  filled: number;
  dates: number;
  numbers: number;
  /** Numbers written with decimals (`12.00`, `3,5`, 2.5). */
  decimals: number;
}

/** Whether a cell is a date and not merely a number (`19970101` is; `12` or `3.5` is not). */
function isDateCell(cell: Cell, format: LocaleFormat): boolean {
  if (cell instanceof Date) return !Number.isNaN(cell.getTime());
  const text = typeof cell === 'number' ? String(cell) : typeof cell === 'string' ? cell.trim() : '';
  if (/^\d{8}$/.test(text))
    return text >= '19000101' && text <= '21001231' && dayFromText(text, format) !== null;
  // A text of up to 40 characters with a date shape: digits alone are numbers, not dates.
  return text.length <= 40 && !/^[-+]?\d+([.,]\d+)?$/.test(text) && dayFromText(text, format) !== null;
}

function kindOf(rows: Cell[][], column: number, format: LocaleFormat): ColumnKind {
  const kind: ColumnKind = { filled: 0, dates: 0, numbers: 0, decimals: 0 };
  for (const row of rows) {
    const cell = row[column];
    if (isEmptyCell(cell)) continue;
    kind.filled++;
    if (isDateCell(cell, format)) kind.dates++;
    if (parseNumber(cell, format) === null) continue;
    kind.numbers++;
    const decimal = typeof cell === 'string' ? decimalText(cell, format) : String(cell);
    if (decimal !== null && decimal.includes('.')) kind.decimals++;
  }
  return kind;
}

/**
 * The roles of a table's columns read from its values, for a table without a header (or whose
 * header leaves a role out): the date is the first column whose every value is a date (ISO,
 * `17/10/2025`, `yyyymmdd`…); the amount the first column of numbers written with decimals
 * (`11.77`), else the last column of whole numbers after the date; the customer the first other
 * column, before the date when there is one there. `taken` columns are left out. The choice is
 * unsure when another column could have played the same role (two id-like columns before the
 * date, two date columns, two decimal columns) — the caller then says how to choose.
 */
export function inferRoles(
  rows: Cell[][],
  width: number,
  format: LocaleFormat,
  taken: ReadonlySet<number> = new Set(),
): { customer: number; date: number; amount: number; sure: boolean } {
  const kinds = Array.from({ length: width }, (_, column) => kindOf(rows, column, format));
  const free = kinds
    .map((_, column) => column)
    .filter((column) => !taken.has(column) && kinds[column].filled > 0);
  const dates = free.filter((column) => kinds[column].dates === kinds[column].filled);
  const date = dates[0] ?? -1;
  const numeric = free.filter(
    (column) =>
      column !== date && kinds[column].numbers === kinds[column].filled && kinds[column].dates === 0,
  );
  const decimals = numeric.filter((column) => kinds[column].decimals > 0);
  const wholeAfterDate = numeric.filter((column) => kinds[column].decimals === 0 && column > date);
  const amount = decimals[0] ?? wholeAfterDate[wholeAfterDate.length - 1] ?? -1;
  const others = free.filter(
    (column) => column !== date && column !== amount && kinds[column].decimals === 0,
  );
  const beforeDate = others.filter((column) => column < date);
  const candidates = beforeDate.length > 0 ? beforeDate : others;
  const customer = candidates[0] ?? -1;
  const sure =
    dates.length <= 1 &&
    decimals.length <= 1 &&
    (decimals.length === 1 || wholeAfterDate.length <= 1) &&
    candidates.length <= 1;
  return { customer, date, amount, sure };
}

/**
 * Whether a first row reads as a header: its cell in the date column is a text that is neither a
 * date nor a number, where a row below holds a date.
 */
function isHeaderLike(
  firstRow: Cell[],
  dateColumn: number,
  sample: { rows: Cell[][]; format: LocaleFormat },
): boolean {
  const cell = firstRow[dateColumn];
  return (
    typeof cell === 'string' &&
    !isEmptyCell(cell) &&
    !isDateCell(cell, sample.format) &&
    parseNumber(cell, sample.format) === null &&
    sample.rows.some((row) => isDateCell(row[dateColumn], sample.format))
  );
}
