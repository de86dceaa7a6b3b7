/**
 * The workbook layer's words, in French and English: what Apply, the tabs, the settings tab, the
 * custom functions, the sidebar's endpoints and the installation check say. One catalogue, one
 * lookup (`w`); the computation's own words are in src/core/labels.ts.
 */
import { fillTemplate, type Lang, type Params } from '../core/labels';

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
};

export const WORKBOOK_CATALOGS: Record<Lang, Record<WordKey, string>> = { fr, en };

/** A workbook text in a language, `{name}` placeholders filled from params. */
export function w(lang: Lang, key: WordKey, params: Params = {}): string {
  return fillTemplate(WORKBOOK_CATALOGS[lang][key], params);
}
