/**
 * Every user-facing text, in French and English. French when the sheet's or the user's locale is
 * French, English otherwise (see src/core/README.md, "Labels").
 */
import { civilFromDay } from './days';

export type Lang = 'fr' | 'en';

export function langOf(locale: string | undefined): Lang {
  return locale && /^fr/i.test(locale) ? 'fr' : 'en';
}

/** Labels are French when the spreadsheet's or the user's locale is French. */
export function labelLang(sheetLocale: string | undefined, userLocale?: string): Lang {
  return langOf(sheetLocale) === 'fr' || langOf(userLocale) === 'fr' ? 'fr' : 'en';
}

export type Params = Record<string, string | number>;
type Catalog = Record<string, string>;

const fr = {
  // Reading order rows
  'reject.noCustomer': 'client manquant',
  'reject.badDate': 'date illisible « {value} »',
  'reject.badAmount': 'montant illisible « {value} »',
  'reject.orderOfOtherCustomer': 'commande {order} déjà attribuée au client {owner}',
  'summary.rows': '{rows} lignes : {used} utilisées, {rejected} rejetées, {empty} vides ignorées.',
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
  'error.mixedDateOrder':
    'Colonne des dates : ligne {dayFirstRow} « {dayFirstValue} » se lit jour en premier, ligne {monthFirstRow} « {monthFirstValue} » mois en premier ; écrivez toutes les dates dans le même ordre (le plus sûr : 2025-10-17).',
  'dateOrder.values': 'Dates lues {order} : ligne {row} « {value} » ne se lit que dans cet ordre.',
  'dateOrder.locale':
    'Dates lues {order}, l’ordre de la langue {locale} : aucune ne se lit dans un seul ordre.',
  'dateOrder.dayFirst': 'jour en premier (JJ/MM/AAAA)',
  'dateOrder.monthFirst': 'mois en premier (MM/JJ/AAAA)',
  'warning.outlyingDates':
    'Attention : {count} lignes ont une date très éloignée des autres (hors du {low} au {high}), gardées telles quelles : lignes {rows}. Corrigez-les si ce sont des fautes de frappe : la date d’analyse par défaut est celle de la dernière commande.',
  'warning.moreRows': '… et {count} autres',
  'axis.recency': 'Récence',
  'axis.frequency': 'Fréquence',
  'axis.monetary': 'Montant',
  'unit.days': 'jours',
  'unit.orders': 'commandes',
  'range.atMost': '≤ {max}',
  'range.atLeast': '≥ {min}',
  'range.between': '{min} – {max}',
  'range.above': '> {min}',
  'range.empty': '—',
  'range.aboveAtMost': '{above} et {atMost}',
  'column.numbered': 'Colonne {number}',
  // Segment rules
  'rule.label': 'Règle {index} « {name} »',
  'rule.labelUnnamed': 'Règle {index}',
  'rule.fallbackLabel': 'Segment par défaut « {name} »',
  'rule.fallbackUnnamed': 'Segment par défaut',
  'rule.quoted': '« {name} »',
  'rule.rangeScore': 'la plage {axis}',
  'rule.rangeTotal': 'la plage du total',
  'rule.badScale': 'Les règles doivent être écrites sur 3 à 10 classes (reçu : {value}).',
  'rule.emptyName': '{rule} : donnez un nom au segment.',
  'rule.duplicateName': '{rule} : même nom que la règle {other} ; choisissez un autre nom.',
  'rule.nonIntegerBound': '{rule} : {range} doit avoir des bornes entières (reçu : {min} – {max}).',
  'rule.invertedRange': '{rule} : {range} est inversée ({min} – {max}) ; écrivez le minimum d’abord.',
  'rule.emptyRange': '{rule} : {range} ({min} – {max}) est hors de l’échelle, qui va de {low} à {high}.',
  'rule.badColor': '{rule} : couleur « {color} » illisible ; écrivez-la comme #1a73e8.',
  'rule.badConditionValue': '{rule} : la condition {index} doit comparer à un nombre (reçu : {value}).',
  'rule.emptyAttribute': '{rule} : la condition {index} doit nommer une colonne, par exemple Pays.',
  'rule.neverMatches': '{rule} : jamais appliquée, aucun score de 1 à {classes} ne tombe dans ses plages.',
  'rule.hidden': '{rule} : jamais appliquée, les clients qu’elle vise sont déjà pris par {names}.',
  'list.and': '{list} et {last}',
  'segment.badCode': 'Code {code} : chaque score doit être un nombre entier de 1 à {classes}.',
  'segment.needsOrders':
    '{rule} pose des conditions sur les métriques ou les attributs : un code seul ne suffit pas, donnez les lignes de commande, par exemple =SEGMENT(Commandes!A:D; A2).',
  // Predicted value (src/core/README.md, "Predicted value"): column heads, the off switch, the KPI tab
  'head.probabilityAlive': 'Probabilité d’être actif',
  'head.predictedValue': 'Valeur prévue ({months} mois)',
  'clv.off':
    'La valeur prévue est désactivée dans les réglages : remettez « Valeur prévue » sur « oui » pour l’obtenir.',
  'kpi.revenueAtRisk': 'CA à risque (P(actif) < 50 %)',
  'kpi.clvNotTrusted': 'Valeur prévue non calculée : {reason}',
  'error.predictedValueWord': 'Valeur prévue : « oui » ou « non » (reçu : « {value} »).',
  // Why a predicted-value model cannot be trusted (clv-reasons.ts)
  'clv.reason.badHorizon':
    'L’horizon de prévision doit être un nombre de mois positif, au plus 1 200 (par exemple 12).',
  'clv.reason.badDiscountRate':
    'Le taux d’actualisation mensuel doit être un nombre positif ou nul (par exemple 0,01 pour 1 %).',
  'clv.reason.tooFewRepeatCustomers':
    'Prévision impossible : seuls {count} clients ont racheté un autre jour (il en faut au moins {min}). Attendez plus d’historique.',
  'clv.reason.noConvergence':
    'Prévision impossible : le modèle ne se stabilise pas sur ces données (aucun réglage plus vraisemblable que les autres).',
  'clv.reason.degenerateFit':
    'Prévision non fiable : le modèle tend vers un cas limite sur ces données (achats, abandons ou paniers sans variation entre clients).',
  'clv.reason.numericalFailure':
    'Prévision non fiable : un calcul du modèle d’achats déborde pour certains clients.',
  'clv.reason.tooFewSpendCustomers':
    'Valeur prévue impossible : seuls {count} clients ont un panier de rachat positif (il en faut au moins {min}).',
  'clv.reason.infiniteMeanSpend':
    'Valeur prévue non fiable : les paniers varient trop d’un client à l’autre pour estimer un panier moyen.',
  // Is a segment paying off (campaigns.ts, acquisition.ts)
  'campaign.reason.afterLatestOrder':
    'Pas encore de chiffres : la campagne est datée après la dernière commande.',
  'campaign.reason.noRunBefore':
    'Pas encore de chiffres : aucun calcul Segmento n’a eu lieu le jour de la campagne ou avant, donc ses segments à cette date sont inconnus.',
  'campaign.reason.noTarget': 'Pas de chiffres : la campagne ne nomme aucun segment ciblé.',
  'campaign.windowOpen':
    'Fenêtre encore ouverte : elle finit le {end}, après la dernière commande ; les chiffres peuvent encore monter.',
  'campaign.tooSmall': '{group} trop petit pour conclure : {size} clients (il en faut au moins {min}).',
  'campaign.contactedGroup': 'Groupe contacté',
  'campaign.controlGroup': 'Groupe témoin',
  'campaign.outsideTargets':
    '{count} client(s) contacté(s) hors des segments ciblés à cette date, laissé(s) de côté.',
  'spend.reason.badMonth': 'mois illisible « {value} » : écrivez-le comme 2026-03 ou mars 2026',
  'spend.reason.duplicateMonth':
    'mois « {value} » déjà donné en {firstCell} pour ce canal (le même mois écrit autrement ?) : ligne ignorée',
  'spend.reason.missingSpend': 'dépense manquante : ligne ignorée',
  'spend.reason.notANumber': 'nombre illisible « {value} »',
  'spend.reason.negativeSpend': 'dépense négative « {value} » : ligne ignorée',
  'spend.reason.negativeProspects': 'nombre de prospects négatif « {value} » : ignoré',
  'spend.issue': '{cell} : {reason}',
} satisfies Catalog;

export type MessageKey = keyof typeof fr;

const en: Record<MessageKey, string> = {
  'reject.noCustomer': 'missing customer',
  'reject.badDate': 'unreadable date "{value}"',
  'reject.badAmount': 'unreadable amount "{value}"',
  'reject.orderOfOtherCustomer': 'order {order} already belongs to customer {owner}',
  'summary.rows': '{rows} rows: {used} used, {rejected} rejected, {empty} empty ignored.',
  'column.customer': 'customer',
  'column.date': 'date',
  'column.amount': 'amount',
  'column.orderId': 'order',
  'column.quantity': 'quantity',
  'column.unitPrice': 'unit price',
  'error.missingColumn':
    'Column "{column}" not found: add a {header} header or choose the column in the sidebar.',
  'error.mappingOutOfRange':
    'The column chosen for "{column}" ({index}) does not exist: the range has only {width} columns.',
  'error.noOrders': 'No readable order: check the range and the customer, date and amount columns.',
  'error.classes': 'The number of classes must be a whole number from 3 to 10 (got: {value}).',
  'error.fixedThresholds':
    'Fixed thresholds "{axis}": type {count} increasing numbers separated by "/" (got: {value}).',
  'error.fixedThresholdCounts': 'Fixed thresholds must have the same number of values for R, F and M.',
  'error.badAsOf': 'Unreadable analysis date "{value}": write it as 2025-10-17.',
  'error.mixedDateOrder':
    'Date column: row {dayFirstRow} "{dayFirstValue}" reads day first, row {monthFirstRow} "{monthFirstValue}" month first; write every date in the same order (safest: 2025-10-17).',
  'dateOrder.values': 'Dates read {order}: row {row} "{value}" reads only in that order.',
  'dateOrder.locale': 'Dates read {order}, the order of the locale {locale}: none reads in one order only.',
  'dateOrder.dayFirst': 'day first (DD/MM/YYYY)',
  'dateOrder.monthFirst': 'month first (MM/DD/YYYY)',
  'warning.outlyingDates':
    'Warning: {count} rows have a date far from the others (outside {low} to {high}), kept as they are: rows {rows}. Fix them if they are typos: the default analysis date is that of the latest order.',
  'warning.moreRows': '… and {count} more',
  'axis.recency': 'Recency',
  'axis.frequency': 'Frequency',
  'axis.monetary': 'Monetary',
  'unit.days': 'days',
  'unit.orders': 'orders',
  'range.atMost': '≤ {max}',
  'range.atLeast': '≥ {min}',
  'range.between': '{min} – {max}',
  'range.above': '> {min}',
  'range.empty': '—',
  'range.aboveAtMost': '{above} and {atMost}',
  'column.numbered': 'Column {number}',
  // Segment rules
  'rule.label': 'Rule {index} "{name}"',
  'rule.labelUnnamed': 'Rule {index}',
  'rule.fallbackLabel': 'Fallback segment "{name}"',
  'rule.fallbackUnnamed': 'Fallback segment',
  'rule.quoted': '"{name}"',
  'rule.rangeScore': 'the {axis} range',
  'rule.rangeTotal': 'the total range',
  'rule.badScale': 'Rules must be written on 3 to 10 classes (got: {value}).',
  'rule.emptyName': '{rule}: give the segment a name.',
  'rule.duplicateName': '{rule}: same name as rule {other}; choose another name.',
  'rule.nonIntegerBound': '{rule}: {range} must have whole-number bounds (got: {min} – {max}).',
  'rule.invertedRange': '{rule}: {range} is inverted ({min} – {max}); write the minimum first.',
  'rule.emptyRange': '{rule}: {range} ({min} – {max}) is outside the scale, which goes from {low} to {high}.',
  'rule.badColor': '{rule}: unreadable colour "{color}"; write it like #1a73e8.',
  'rule.badConditionValue': '{rule}: condition {index} must compare with a number (got: {value}).',
  'rule.emptyAttribute': '{rule}: condition {index} must name a column, for example Country.',
  'rule.neverMatches': '{rule}: never applied, no score from 1 to {classes} falls within its ranges.',
  'rule.hidden': '{rule}: never applied, the customers it targets are already taken by {names}.',
  'list.and': '{list} and {last}',
  'segment.badCode': 'Code {code}: each score must be a whole number from 1 to {classes}.',
  'segment.needsOrders':
    '{rule} has conditions on metrics or attributes: a code alone is not enough, give the order rows, for example =SEGMENT(Orders!A:D, A2).',
  // Predicted value (src/core/README.md, "Predicted value"): column heads, the off switch, the KPI tab
  'head.probabilityAlive': 'Probability active',
  'head.predictedValue': 'Predicted value ({months} months)',
  'clv.off': 'Predicted value is off in the settings: set "Predicted value" back to "yes" to get it.',
  'kpi.revenueAtRisk': 'Revenue at risk (P(active) < 50 %)',
  'kpi.clvNotTrusted': 'Predicted value not computed: {reason}',
  'error.predictedValueWord': 'Predicted value: "yes" or "no" (got: "{value}").',
  // Why a predicted-value model cannot be trusted (clv-reasons.ts)
  'clv.reason.badHorizon':
    'The forecast horizon must be a positive number of months, at most 1,200 (for example 12).',
  'clv.reason.badDiscountRate': 'The monthly discount rate must be zero or more (for example 0.01 for 1 %).',
  'clv.reason.tooFewRepeatCustomers':
    'No forecast: only {count} customers bought again on another day (at least {min} are needed). Wait for more history.',
  'clv.reason.noConvergence':
    'No forecast: the model does not settle on this data (no setting is more likely than the others).',
  'clv.reason.degenerateFit':
    'Forecast not reliable: the model runs to a limit case on this data (purchases, drop-outs or baskets that do not vary between customers).',
  'clv.reason.numericalFailure':
    'Forecast not reliable: a computation of the purchase model overflows for some customers.',
  'clv.reason.tooFewSpendCustomers':
    'No predicted value: only {count} customers have a positive repeat basket (at least {min} are needed).',
  'clv.reason.infiniteMeanSpend':
    'Predicted value not reliable: baskets vary too much from customer to customer to estimate a mean basket.',
  'campaign.reason.afterLatestOrder': 'No figures yet: the campaign is dated after the latest order.',
  'campaign.reason.noRunBefore':
    'No figures yet: Segmento has not run on or before the campaign day, so its segments on that day are unknown.',
  'campaign.reason.noTarget': 'No figures: the campaign names no target segment.',
  'campaign.windowOpen':
    'Window still open: it ends on {end}, after the latest order; the figures may still grow.',
  'campaign.tooSmall': '{group} too small to conclude: {size} customers (at least {min} are needed).',
  'campaign.contactedGroup': 'Contacted group',
  'campaign.controlGroup': 'Control group',
  'campaign.outsideTargets':
    '{count} contacted customer(s) outside the target segments on that day, left out.',
  'spend.reason.badMonth': 'unreadable month "{value}": write it as 2026-03 or March 2026',
  'spend.reason.duplicateMonth':
    'month "{value}" already given in {firstCell} for this channel (the same month written another way?): row left out',
  'spend.reason.missingSpend': 'missing spend: row left out',
  'spend.reason.notANumber': 'unreadable number "{value}"',
  'spend.reason.negativeSpend': 'negative spend "{value}": row left out',
  'spend.reason.negativeProspects': 'negative number of prospects "{value}": ignored',
  'spend.issue': '{cell}: {reason}',
};

export const LABEL_CATALOGS: Record<Lang, Record<MessageKey, string>> = { fr, en };
const catalogs = LABEL_CATALOGS;

/** A message template with its `{name}` placeholders filled from params (others left as they are). */
export function fillTemplate(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The text of a message in a language, with `{name}` placeholders filled from params. */
export function t(lang: Lang, key: MessageKey, params: Params = {}): string {
  return fillTemplate(catalogs[lang][key], params);
}

/** An error that stays a message key and its values until a person reads it (`message`: a rendering). */
export class KeyedError<Key extends string> extends Error {
  constructor(
    readonly key: Key,
    readonly params: Params,
    message: string,
  ) {
    super(message);
  }
}

/** An error whose message a user can act on, in their language. */
export class UserError extends KeyedError<MessageKey> {
  constructor(key: MessageKey, params: Params, lang: Lang) {
    super(key, params, t(lang, key, params));
    this.name = 'UserError';
  }
}

/** The Intl locale a language's numbers and dates are written in. */
export function intlLocale(lang: Lang): string {
  return lang === 'fr' ? 'fr-FR' : 'en-US';
}

/** A day as a person reads it in a title: `31/10/2026` in French, `31 Oct 2026` in English. */
export function formatDay(day: number, lang: Lang): string {
  const { year, month, day: date } = civilFromDay(day);
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    timeZone: 'UTC',
    day: lang === 'fr' ? '2-digit' : 'numeric',
    month: lang === 'fr' ? '2-digit' : 'short',
    year: 'numeric',
  }).format(Date.UTC(year, month - 1, date));
}

/** Counts as a person reads them: `1 021` in French, `1,021` in English. */
export function formatCount(count: number, lang: Lang): string {
  return count.toLocaleString(intlLocale(lang), { maximumFractionDigits: 0 });
}

/** Amounts as a person reads them: `1 234,56` in French, `1,234.56` in English. */
export function formatMoney(thousandths: number, lang: Lang): string {
  return (thousandths / 1000).toLocaleString(intlLocale(lang), {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
}
