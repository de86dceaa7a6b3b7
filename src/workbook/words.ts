/**
 * The workbook layer's words, in French and English: what Apply, the tabs, the settings tab, the
 * custom functions, the sidebar's endpoints and the installation check say. One catalogue, one
 * lookup (`w`); the computation's own words are in src/core/labels.ts.
 */
import { fillTemplate, KeyedError, type Lang, type Params } from '../core/labels';

const fr = {
  // The sidebar's endpoints
  'endpoint.saved': 'Réglages enregistrés dans l’onglet « {tab} ».',
  'endpoint.notSaved': 'Réglages non enregistrés, l’onglet est inchangé : {issues}',
  'endpoint.notReadBack':
    '{rule} : ne se relit pas telle quelle depuis l’onglet de réglages ; évitez « ; » dans les valeurs des conditions et les colonnes nommées comme une mesure (récence, montant…).',
  'endpoint.badRange': 'Plage illisible « {range} » : écrivez-la comme A:E ou A1:E500.',
  'endpoint.noScheduler': 'L’actualisation automatique n’est pas disponible ici.',
  'endpoint.badRefresh': 'Actualisation inconnue « {value} ».',
  'endpoint.refreshSet': 'Actualisation automatique : {value}.',
  // The custom functions
  'function.badSettings': 'Réglages Segmento invalides — {issues}',
  'function.noOrders': 'Donnez la plage des commandes avec son en-tête, par exemple Commandes!A:D.',
  'function.badAsOf': 'Date d’analyse illisible : donnez une date, ou laissez vide.',
  'function.badPart': 'Partie « {part} » inconnue : code, total, R, F, M ou all.',
  'function.badCode': 'Code RFM illisible « {code} » : écrivez par exemple 335 ou 3-3-5.',
  'function.oneCustomer': 'Donnez un seul client, par exemple A2.',
  'function.historyDate': 'Date d’analyse',
  'function.historyCode': 'Code RFM',
  // Apply, the tabs and the installation check
  'error.nonFinite':
    'Nombre hors limites ({value}) à écrire en {cell} : rien de ce bloc n’est écrit. Vérifiez les montants démesurés dans les commandes.',
  'apply.historyKept':
    'Historique : {count} colonne(s) illisible(s) ({columns}) conservée(s) telle(s) quelle(s), sans servir aux migrations.',
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
  'apply.tooSlow':
    'Le calcul ne finirait pas dans les {max} secondes qu’Apps Script accorde à une exécution, rien n’a été écrit : écrire {cells} cellules en {calls} appels prendrait environ {needed} secondes après les {used} déjà passées à lire et calculer, soit {total} secondes avec {margin} de marge. Lisez moins de commandes (moins de lignes, ou une plage plus étroite dans les réglages), ou calculez hors de Google Sheets : la ligne de commande `segmento run` sur un export des commandes, ou l’export SQL pour BigQuery.',
  'apply.tabTooBig':
    'Le résultat ne tient pas dans un classeur Excel, rien n’a été écrit : l’onglet « {tab} » aurait {rows} lignes et {columns} colonnes, et un onglet Excel en a au plus {maxRows} × {maxColumns}. Pour autant de clients, utilisez `segmento scores` (un fichier CSV, sans limite de lignes) ou `segmento sql` (la même segmentation dans BigQuery).',
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
  'kpi.head.segment': 'Segment',
  'kpi.head.customers': 'Clients',
  'kpi.head.customerShare': '% clients',
  'kpi.head.revenue': 'CA net',
  'kpi.head.revenueShare': '% CA',
  'kpi.head.purchases': 'Achats',
  'kpi.head.averageBasket': 'Panier moyen',
  'kpi.head.frequency': 'Achats par client',
  'kpi.head.medianRecency': 'Récence médiane (j)',
  'kpi.head.repeatRate': 'Taux de réachat',
  'kpi.total': 'Total',
  'tab.history': 'Segmento · Historique',
  'tab.settings': 'Segmento · Réglages',
  'migration.tab': 'Segmento · Migrations',
  'migration.title': 'Clients passés d’un segment à l’autre, du {from} au {to}',
  'migration.corner': 'Avant ↓ / Maintenant →',
  'migration.revenue': 'CA net (actuel ; pour les clients partis, le précédent)',
  'migration.newCustomers': 'Pas encore clients',
  'migration.gone': 'Plus présents',
  'migration.before': 'Avant',
  'migration.now': 'Maintenant',
  'migration.cameIn': 'Arrivés',
  'migration.stayed': 'Restés',
  'migration.left': 'Partis',
  // The settings tab
  'settings.param.sourceSheet': 'Onglet des commandes',
  'settings.param.sourceRange': 'Plage des commandes',
  'settings.param.customer': 'Colonne client',
  'settings.param.date': 'Colonne date',
  'settings.param.amount': 'Colonne montant',
  'settings.param.orderId': 'Colonne n° de commande',
  'settings.param.quantity': 'Colonne quantité',
  'settings.param.unitPrice': 'Colonne prix unitaire',
  'settings.param.asOf': 'Date d’analyse',
  'settings.param.scoring': 'Notation',
  'settings.param.classes': 'Nombre de classes',
  'settings.param.recencyThresholds': 'Seuils de récence (jours)',
  'settings.param.frequencyThresholds': 'Seuils de fréquence (commandes)',
  'settings.param.monetaryThresholds': 'Seuils de montant',
  'settings.param.preset': 'Modèle de segments',
  'settings.param.rulesScale': 'Échelle des règles (classes)',
  'settings.param.historyKeep': 'Historique conservé (analyses)',
  'settings.param.refresh': 'Actualisation automatique',
  'settings.param.predictedValue': 'Valeur prévue',
  'settings.word.latest': 'dernière commande',
  'settings.word.today': 'aujourd’hui',
  'settings.word.quantile': 'quantiles',
  'settings.word.fixed': 'seuils fixes',
  'settings.word.custom': 'personnalisé',
  'settings.word.off': 'désactivée',
  'settings.word.weekly': 'chaque semaine',
  'settings.word.monthly': 'chaque mois',
  'settings.word.fallback': 'Sinon',
  'settings.word.yes': 'oui',
  'settings.word.no': 'non',
  'settings.field.recency': 'récence',
  'settings.field.frequency': 'fréquence',
  'settings.field.monetary': 'montant',
  'settings.field.averageBasket': 'panier moyen',
  'settings.field.tenure': 'ancienneté',
  'settings.field.probabilityAlive': 'P(actif)',
  'settings.field.predictedValue': 'valeur prévue',
  'settings.contains': 'contient',
  'settings.colour': 'Couleur',
  'settings.rulesTitle': 'Segments (la première règle qui correspond l’emporte)',
  'settings.note':
    'Lu à chaque calcul. Modifiable à la main : une erreur est signalée avec la cellule à corriger.',
  'settings.badColumn': 'Écrivez une lettre de colonne (A, B…) ou laissez vide : « {text} ».',
  'settings.badScoring': 'Notation : « {quantile} » ou « {fixed} ».',
  'settings.badHistory': 'Historique : un nombre entier de 1 à 120.',
  'settings.badBounds': 'Bornes : des nombres entiers.',
  'settings.badCondition':
    'Condition illisible « {condition} » : écrivez par exemple « récence > 180 » ou « pays = France ».',
  'settings.noFallback': 'Ajoutez la ligne « {fallback} » : le segment des clients sans règle.',
  'history.asOf': 'Date d’analyse',
  'history.ranAt': 'Exécuté le',
  'history.failure': 'Échec',
  'history.segments': 'Segments',
  'menu.open': 'Ouvrir',
  'menu.apply': 'Appliquer la segmentation',
  'menu.check': 'Vérifier l’installation',
} as const;

export type WordKey = keyof typeof fr;

const en: Record<WordKey, string> = {
  // The sidebar's endpoints
  'endpoint.saved': 'Settings saved in the "{tab}" tab.',
  'endpoint.notSaved': 'Settings not saved, the tab is unchanged: {issues}',
  'endpoint.notReadBack':
    '{rule}: does not read back as it is from the settings tab; avoid ";" in condition values and columns named like a metric (recency, spend…).',
  'endpoint.badRange': 'Unreadable range "{range}": write it like A:E or A1:E500.',
  'endpoint.noScheduler': 'Automatic refresh is not available here.',
  'endpoint.badRefresh': 'Unknown refresh "{value}".',
  'endpoint.refreshSet': 'Automatic refresh: {value}.',
  // The custom functions
  'function.badSettings': 'Invalid Segmento settings — {issues}',
  'function.noOrders': 'Give the orders range with its header row, for example Orders!A:D.',
  'function.badAsOf': 'Unreadable analysis date: give a date, or leave it empty.',
  'function.badPart': 'Unknown part "{part}": code, total, R, F, M or all.',
  'function.badCode': 'Unreadable RFM code "{code}": write for example 335 or 3-3-5.',
  'function.oneCustomer': 'Give one customer, for example A2.',
  'function.historyDate': 'Analysis date',
  'function.historyCode': 'RFM code',
  // Apply, the tabs and the installation check
  'error.nonFinite':
    'Number out of range ({value}) to be written at {cell}: nothing of this block is written. Check the orders for huge amounts.',
  'apply.historyKept':
    'History: {count} unreadable column(s) ({columns}) kept as they are, not used for migrations.',
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
  'apply.tooSlow':
    'The run would not finish within the {max} seconds Apps Script gives one execution, nothing was written: writing {cells} cells in {calls} calls would take about {needed} seconds after the {used} already spent reading and computing, {total} seconds with a {margin}-second margin. Read fewer orders (fewer rows, or a narrower range in the settings), or compute outside Google Sheets: the command line `segmento run` on an export of the orders, or the SQL export for BigQuery.',
  'apply.tabTooBig':
    'The result does not fit in an Excel workbook, nothing was written: the tab "{tab}" would have {rows} rows and {columns} columns, and an Excel tab has at most {maxRows} × {maxColumns}. For this many customers, use `segmento scores` (a CSV file, with no row limit) or `segmento sql` (the same segmentation in BigQuery).',
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
  'kpi.head.segment': 'Segment',
  'kpi.head.customers': 'Customers',
  'kpi.head.customerShare': '% customers',
  'kpi.head.revenue': 'Net revenue',
  'kpi.head.revenueShare': '% revenue',
  'kpi.head.purchases': 'Purchases',
  'kpi.head.averageBasket': 'Average basket',
  'kpi.head.frequency': 'Purchases per customer',
  'kpi.head.medianRecency': 'Median recency (d)',
  'kpi.head.repeatRate': 'Repeat rate',
  'kpi.total': 'Total',
  'tab.history': 'Segmento · History',
  'tab.settings': 'Segmento · Settings',
  'migration.tab': 'Segmento · Migrations',
  'migration.title': 'Customers who moved between segments, from {from} to {to}',
  'migration.corner': 'Before ↓ / Now →',
  'migration.revenue': 'Net revenue (current; for customers who left, the previous one)',
  'migration.newCustomers': 'Not yet customers',
  'migration.gone': 'No longer present',
  'migration.before': 'Before',
  'migration.now': 'Now',
  'migration.cameIn': 'Came in',
  'migration.stayed': 'Stayed',
  'migration.left': 'Left',
  // The settings tab
  'settings.param.sourceSheet': 'Orders tab',
  'settings.param.sourceRange': 'Orders range',
  'settings.param.customer': 'Customer column',
  'settings.param.date': 'Date column',
  'settings.param.amount': 'Amount column',
  'settings.param.orderId': 'Order id column',
  'settings.param.quantity': 'Quantity column',
  'settings.param.unitPrice': 'Unit price column',
  'settings.param.asOf': 'Analysis date',
  'settings.param.scoring': 'Scoring',
  'settings.param.classes': 'Number of classes',
  'settings.param.recencyThresholds': 'Recency thresholds (days)',
  'settings.param.frequencyThresholds': 'Frequency thresholds (orders)',
  'settings.param.monetaryThresholds': 'Monetary thresholds',
  'settings.param.preset': 'Segment preset',
  'settings.param.rulesScale': 'Rules scale (classes)',
  'settings.param.historyKeep': 'History kept (runs)',
  'settings.param.refresh': 'Automatic refresh',
  'settings.param.predictedValue': 'Predicted value',
  'settings.word.latest': 'latest order',
  'settings.word.today': 'today',
  'settings.word.quantile': 'quantiles',
  'settings.word.fixed': 'fixed thresholds',
  'settings.word.custom': 'custom',
  'settings.word.off': 'off',
  'settings.word.weekly': 'weekly',
  'settings.word.monthly': 'monthly',
  'settings.word.fallback': 'Otherwise',
  'settings.word.yes': 'yes',
  'settings.word.no': 'no',
  'settings.field.recency': 'recency',
  'settings.field.frequency': 'frequency',
  'settings.field.monetary': 'spend',
  'settings.field.averageBasket': 'average basket',
  'settings.field.tenure': 'tenure',
  'settings.field.probabilityAlive': 'P(active)',
  'settings.field.predictedValue': 'predicted value',
  'settings.contains': 'contains',
  'settings.colour': 'Colour',
  'settings.rulesTitle': 'Segments (the first matching rule wins)',
  'settings.note': 'Read on every run. You may edit it by hand: a mistake is reported with the cell to fix.',
  'settings.badColumn': 'Write a column letter (A, B…) or leave it empty: "{text}".',
  'settings.badScoring': 'Scoring: "{quantile}" or "{fixed}".',
  'settings.badHistory': 'History: a whole number from 1 to 120.',
  'settings.badBounds': 'Bounds: whole numbers.',
  'settings.badCondition':
    'Unreadable condition "{condition}": write for example "recency > 180" or "country = France".',
  'settings.noFallback': 'Add the "{fallback}" row: the segment of customers no rule matches.',
  'history.asOf': 'Analysis date',
  'history.ranAt': 'Ran at',
  'history.failure': 'Failure',
  'history.segments': 'Segments',
  'menu.open': 'Open',
  'menu.apply': 'Apply segmentation',
  'menu.check': 'Check installation',
};

export const WORKBOOK_CATALOGS: Record<Lang, Record<WordKey, string>> = { fr, en };

/** A workbook text in a language, `{name}` placeholders filled from params. */
export function w(lang: Lang, key: WordKey, params: Params = {}): string {
  return fillTemplate(WORKBOOK_CATALOGS[lang][key], params);
}

/** An error a person can act on, worded by the workbook's catalogue in their language. */
export class WorkbookError extends KeyedError<WordKey> {
  constructor(key: WordKey, params: Params, lang: Lang) {
    super(key, params, w(lang, key, params));
    this.name = 'WorkbookError';
  }
}
