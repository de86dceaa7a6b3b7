/**
 * Every user-facing text, in French and English. French when the sheet's or the user's locale is
 * French, English otherwise (DESIGN.md intro).
 */
export type Lang = 'fr' | 'en';

export function langOf(locale: string | undefined): Lang {
  return locale && /^fr/i.test(locale) ? 'fr' : 'en';
}

type Params = Record<string, string | number>;
type Catalog = Record<string, string>;

const fr = {
  // Reading order rows
  'reject.noCustomer': 'client manquant',
  'reject.badDate': 'date illisible « {value} »',
  'reject.badAmount': 'montant illisible « {value} »',
  'reject.orderOfOtherCustomer': 'commande {order} déjà attribuée au client {owner}',
  'summary.rows': '{rows} lignes : {used} utilisées, {rejected} rejetées, {empty} vides ignorées.',
  'summary.scored':
    '{customers} clients notés au {asOf} ; {later} commandes postérieures écartées ; {refundOnly} clients sans achat (remboursements seuls).',
  'column.customer': 'client',
  'column.date': 'date',
  'column.amount': 'montant',
  'column.orderId': 'commande',
  'column.quantity': 'quantité',
  'column.unitPrice': 'prix unitaire',
  'error.missingColumn':
    'Colonne « {column} » introuvable : ajoutez un en-tête {header} ou choisissez la colonne dans le panneau.',
  'error.mappingOutOfRange':
    'La colonne choisie pour « {column} » ({index}) n’existe pas : la plage n’a que {width} colonnes.',
  'error.noOrders': 'Aucune commande lisible : vérifiez la plage et les colonnes client, date et montant.',
  'error.classes': 'Le nombre de classes doit être un entier de 3 à 10 (reçu : {value}).',
  'error.fixedThresholds':
    'Seuils fixes « {axis} » : saisissez {count} nombres croissants, séparés par des « / » (reçu : {value}).',
  'error.fixedThresholdCounts': 'Les seuils fixes doivent avoir le même nombre de valeurs sur R, F et M.',
  'error.badAsOf': 'Date d’analyse illisible « {value} » : écrivez-la comme 2025-10-17 ou 17/10/2025.',
  'axis.recency': 'Récence',
  'axis.frequency': 'Fréquence',
  'axis.monetary': 'Montant',
  'unit.days': 'jours',
  'unit.orders': 'commandes',
  'range.atMost': '≤ {max}',
  'range.atLeast': '≥ {min}',
  'range.between': '{min} – {max}',
  'range.above': '> {min}',
  'range.below': '< {max}',
  'range.empty': '—',
} satisfies Catalog;

export type MessageKey = keyof typeof fr;

const en: Record<MessageKey, string> = {
  'reject.noCustomer': 'missing customer',
  'reject.badDate': 'unreadable date "{value}"',
  'reject.badAmount': 'unreadable amount "{value}"',
  'reject.orderOfOtherCustomer': 'order {order} already belongs to customer {owner}',
  'summary.rows': '{rows} rows: {used} used, {rejected} rejected, {empty} empty ignored.',
  'summary.scored':
    '{customers} customers scored as of {asOf}; {later} later orders left out; {refundOnly} customers without a purchase (refunds only).',
  'column.customer': 'customer',
  'column.date': 'date',
  'column.amount': 'amount',
  'column.orderId': 'order',
  'column.quantity': 'quantity',
  'column.unitPrice': 'unit price',
  'error.missingColumn': 'Column "{column}" not found: add a {header} header or choose the column in the sidebar.',
  'error.mappingOutOfRange':
    'The column chosen for "{column}" ({index}) does not exist: the range has only {width} columns.',
  'error.noOrders': 'No readable order: check the range and the customer, date and amount columns.',
  'error.classes': 'The number of classes must be a whole number from 3 to 10 (got: {value}).',
  'error.fixedThresholds':
    'Fixed thresholds "{axis}": type {count} increasing numbers separated by "/" (got: {value}).',
  'error.fixedThresholdCounts': 'Fixed thresholds must have the same number of values for R, F and M.',
  'error.badAsOf': 'Unreadable analysis date "{value}": write it as 2025-10-17.',
  'axis.recency': 'Recency',
  'axis.frequency': 'Frequency',
  'axis.monetary': 'Monetary',
  'unit.days': 'days',
  'unit.orders': 'orders',
  'range.atMost': '≤ {max}',
  'range.atLeast': '≥ {min}',
  'range.between': '{min} – {max}',
  'range.above': '> {min}',
  'range.below': '< {max}',
  'range.empty': '—',
};

const catalogs: Record<Lang, Record<MessageKey, string>> = { fr, en };

/** The text of a message in a language, with `{name}` placeholders filled from params. */
export function t(lang: Lang, key: MessageKey, params: Params = {}): string {
  return catalogs[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** An error whose message a user can act on, in their language. */
export class UserError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: Params,
    lang: Lang,
  ) {
    super(t(lang, key, params));
    this.name = 'UserError';
  }
}

/** Amounts as a person reads them: `1 234,56` in French, `1,234.56` in English. */
export function formatMoney(thousandths: number, lang: Lang): string {
  return (thousandths / 1000).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
}
