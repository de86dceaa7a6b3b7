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
  'error.nonFinite':
    'Nombre hors limites ({value}) à écrire en {cell} : rien de ce bloc n’est écrit. Vérifiez les montants démesurés dans les commandes.',
  'apply.historyKept':
    'Historique : {count} colonne(s) illisible(s) ({columns}) conservée(s) telle(s) quelle(s), sans servir aux migrations.',
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
  'tab.kpi': 'Segmento · Synthèse',
  'tab.rejects': 'Segmento · Rejets',
  'head.customer': 'Client',
  'head.segment': 'Segment',
  'head.code': 'Code RFM',
  'head.total': 'Total',
  'head.recency': 'Récence (jours)',
  'head.frequency': 'Fréquence (achats)',
  'head.monetary': 'Montant net',
  'head.averageBasket': 'Panier moyen',
  'head.firstPurchase': 'Premier achat',
  'head.lastPurchase': 'Dernier achat',
  'head.previousSegment': 'Segment précédent',
  'head.since': 'Dans ce segment depuis',
  'head.newCustomer': 'Pas encore client',
  'head.row': 'Ligne',
  'head.reason': 'Motif',
  'apply.busy': 'Un autre calcul Segmento est en cours sur ce document : réessayez dans une minute.',
  'apply.settingsInvalid': 'Les réglages contiennent des erreurs, rien n’a été écrit : {issues}',
  'apply.noSource': 'Onglet des commandes « {sheet} » introuvable : choisissez-le dans le panneau.',
  'apply.reading': 'Segmento : lecture et calcul…',
  'apply.writing': 'Segmento : écriture de {tabs} onglets…',
  'apply.done':
    'Segmento : {customers} clients notés, {segments} segments, {rejected} lignes rejetées (analyse au {asOf}).',
  'apply.tooBig':
    'Le résultat ne tient pas dans ce classeur, rien n’a été écrit : il lui faut {needed} cellules et il en reste {free} ({used} utilisées sur les {max} qu’accepte Google Sheets). Gardez moins de colonnes en plus dans les commandes, réduisez « Historique conservé (analyses) » dans les réglages, ou supprimez des onglets dont vous n’avez plus besoin.',
  'kpi.title': 'Segmento — analyse au {day}',
  'kpi.returningShare': 'Part du CA faite par les clients ayant acheté 2 fois ou plus',
  'kpi.basketNote':
    'Panier moyen = montant des achats ÷ nombre d’achats : les remboursements n’y entrent pas, d’où l’écart avec CA net ÷ Achats.',
  'kpi.thresholds': 'Seuils des scores',
  'kpi.heatmap': 'Montant moyen par client selon R (lignes) × F (colonnes)',
  'kpi.emptyColumns':
    'Colonne F = {columns} vide : aucun client n’a ce score, car beaucoup ont le même nombre d’achats et des clients à égalité ont toujours le même score.',
  'kpi.chartCustomers': 'Clients par segment',
  'kpi.chartRevenue': 'CA net par segment',
  'check.title': 'Segmento : vérification de l’installation',
  'check.where': 'Classeur en {locale}, fuseau horaire {zone}.',
  'check.textKept': 'Un texte comme « =1+2 » ou « 00017 » est écrit et relu tel quel : {read}.',
  'check.textChanged':
    'Un texte comme « =1+2 » a été changé à l’écriture (relu : {read}) : les identifiants et codes risquent d’être transformés. Signalez-le.',
  'check.dateKept': 'Une date écrite le {day} est relue le même jour dans le fuseau {zone}.',
  'check.dateMoved':
    'Une date écrite le {day} est relue le {read} dans le fuseau {zone} : les dates seraient décalées. Signalez-le.',
  'check.probeFailed': 'L’essai d’écriture dans un onglet temporaire a échoué : {message}',
  'check.settingsFound': 'Onglet des réglages trouvé : « {tab} », lu de la même façon par les formules.',
  'check.settingsRenamed':
    'L’onglet des réglages « {tab} » a été renommé : les formules =SEGMENT et =RFM_SCORE ne le trouvent plus et utilisent les réglages par défaut. Rendez-lui le nom « {name} ».',
  'check.settingsInvalid':
    'L’onglet des réglages « {tab} » contient des erreurs : ouvrez le panneau ou lancez le calcul pour voir lesquelles.',
  'check.noSettings':
    'Pas encore d’onglet des réglages (« {tab} ») : le premier calcul ou le panneau le crée.',
  'check.refreshOff': 'Actualisation automatique : désactivée.',
  'check.refreshMine':
    'Actualisation automatique {every} : vos déclencheurs sont en place (chaque jour et à l’ouverture du classeur).',
  'check.refreshColleague':
    'Actualisation automatique {every} : assurée par un autre utilisateur du classeur.',
  'check.refreshUnserved':
    'Actualisation automatique réglée sur « {every} », mais aucun déclencheur ne la lance : rallumez-la dans le panneau.',
  'check.refreshPartial':
    'Actualisation automatique {every} : un de vos deux déclencheurs manque : rallumez-la dans le panneau.',
  'check.allGood': 'Tout est en ordre.',
  'check.someFailed': 'Au moins une vérification a échoué : voir les lignes marquées ✗.',
  // Predicted value (src/core/README.md, "Predicted value"): column heads, the off switch, the KPI tab
  'head.probabilityAlive': 'Probabilité d’être actif',
  'head.predictedValue': 'Valeur prévue ({months} mois)',
  'clv.off':
    'La valeur prévue est désactivée dans les réglages : remettez « Valeur prévue » sur « oui » pour l’obtenir.',
  'kpi.revenueAtRisk': 'CA à risque (P(actif) < 50 %)',
  'kpi.clvNotTrusted': 'Valeur prévue non calculée : {reason}',
  'error.predictedValueWord': 'Valeur prévue : « oui » ou « non » (reçu : « {value} »).',
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
  'error.nonFinite':
    'Number out of range ({value}) to be written at {cell}: nothing of this block is written. Check the orders for huge amounts.',
  'apply.historyKept':
    'History: {count} unreadable column(s) ({columns}) kept as they are, not used for migrations.',
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
  'tab.kpi': 'Segmento · Summary',
  'tab.rejects': 'Segmento · Rejects',
  'head.customer': 'Customer',
  'head.segment': 'Segment',
  'head.code': 'RFM code',
  'head.total': 'Total',
  'head.recency': 'Recency (days)',
  'head.frequency': 'Frequency (purchases)',
  'head.monetary': 'Net spend',
  'head.averageBasket': 'Average basket',
  'head.firstPurchase': 'First purchase',
  'head.lastPurchase': 'Last purchase',
  'head.previousSegment': 'Previous segment',
  'head.since': 'In this segment since',
  'head.newCustomer': 'Not yet a customer',
  'head.row': 'Row',
  'head.reason': 'Reason',
  'apply.busy': 'Another Segmento run is in progress on this document: try again in a minute.',
  'apply.settingsInvalid': 'The settings have errors, nothing was written: {issues}',
  'apply.noSource': 'Orders tab "{sheet}" not found: choose it in the sidebar.',
  'apply.reading': 'Segmento: reading and computing…',
  'apply.writing': 'Segmento: writing {tabs} tabs…',
  'apply.done':
    'Segmento: {customers} customers scored, {segments} segments, {rejected} rows rejected (as of {asOf}).',
  'apply.tooBig':
    'The result does not fit in this spreadsheet, nothing was written: it needs {needed} cells and {free} are left ({used} used of the {max} Google Sheets allows). Keep fewer extra columns in the orders, lower "History kept (runs)" in the settings, or delete tabs you no longer need.',
  'kpi.title': 'Segmento — as of {day}',
  'kpi.returningShare': 'Share of revenue from customers who bought twice or more',
  'kpi.basketNote':
    'Average basket = spend of purchases ÷ number of purchases: refunds are left out, hence the gap with Net revenue ÷ Purchases.',
  'kpi.thresholds': 'Score thresholds',
  'kpi.heatmap': 'Average spend per customer by R (rows) × F (columns)',
  'kpi.emptyColumns':
    'Column F = {columns} is empty: no customer has that score, because many have the same number of purchases and tied customers always get the same score.',
  'kpi.chartCustomers': 'Customers by segment',
  'kpi.chartRevenue': 'Net revenue by segment',
  'check.title': 'Segmento: installation check',
  'check.where': 'Spreadsheet in {locale}, time zone {zone}.',
  'check.textKept': 'Text such as "=1+2" or "00017" is written and read back as it is: {read}.',
  'check.textChanged':
    'Text such as "=1+2" was changed when written (read back: {read}): ids and codes may be altered. Please report it.',
  'check.dateKept': 'A date written as {day} reads back on the same day in the {zone} time zone.',
  'check.dateMoved':
    'A date written as {day} reads back as {read} in the {zone} time zone: dates would shift. Please report it.',
  'check.probeFailed': 'Writing to a temporary tab failed: {message}',
  'check.settingsFound': 'Settings tab found: "{tab}", read the same way by the formulas.',
  'check.settingsRenamed':
    'The settings tab "{tab}" was renamed: the =SEGMENT and =RFM_SCORE formulas no longer find it and use the default settings. Name it "{name}" again.',
  'check.settingsInvalid': 'The settings tab "{tab}" has errors: open the sidebar or run Apply to see which.',
  'check.noSettings': 'No settings tab ("{tab}") yet: the first run or the sidebar creates it.',
  'check.refreshOff': 'Scheduled refresh: off.',
  'check.refreshMine':
    'Scheduled refresh {every}: your triggers are in place (daily and when the spreadsheet opens).',
  'check.refreshColleague': 'Scheduled refresh {every}: served by another user of the spreadsheet.',
  'check.refreshUnserved':
    'Scheduled refresh set to "{every}", but no trigger runs it: turn it on again in the sidebar.',
  'check.refreshPartial':
    'Scheduled refresh {every}: one of your two triggers is missing: turn it on again in the sidebar.',
  'check.allGood': 'All is well.',
  'check.someFailed': 'At least one check failed: see the lines marked ✗.',
  // Predicted value (src/core/README.md, "Predicted value"): column heads, the off switch, the KPI tab
  'head.probabilityAlive': 'Probability active',
  'head.predictedValue': 'Predicted value ({months} months)',
  'clv.off': 'Predicted value is off in the settings: set "Predicted value" back to "yes" to get it.',
  'kpi.revenueAtRisk': 'Revenue at risk (P(active) < 50 %)',
  'kpi.clvNotTrusted': 'Predicted value not computed: {reason}',
  'error.predictedValueWord': 'Predicted value: "yes" or "no" (got: "{value}").',
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
  return count.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-US', { maximumFractionDigits: 0 });
}

/** Amounts as a person reads them: `1 234,56` in French, `1,234.56` in English. */
export function formatMoney(thousandths: number, lang: Lang): string {
  return (thousandths / 1000).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
}
