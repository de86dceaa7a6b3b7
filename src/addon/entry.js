// Segmento's top-level functions: the ones Apps Script can see (menu, triggers, custom functions).
// Each delegates in one line to the bundle above, whose global name is Segmento.

/**
 * Adds the Segmento menu when the spreadsheet opens.
 * @param {Object} e The open event.
 */
function onOpen(e) { Segmento.onOpen(e); }

/**
 * Adds the Segmento menu right after the add-on is installed.
 * @param {Object} e The install event.
 */
function onInstall(e) { onOpen(e); }

/** Menu: Open / Ouvrir, the Segmento sidebar. */
function segmentoOpen() { Segmento.openSidebar(); }

/** Menu: Apply segmentation / Appliquer la segmentation. */
function segmentoApply() { Segmento.applyFromMenu(); }

/** Menu: Check installation / Vérifier l'installation, a one-screen report. */
function segmentoCheck() { Segmento.checkFromMenu(); }

/** Daily trigger of the scheduled refresh (weekly or monthly, as the settings say). */
function segmentoRefresh() { Segmento.refreshFromTrigger(); }

/**
 * Open trigger of the document: the scheduled refresh when it is due.
 * @param {Object} e The open event; e.source is the spreadsheet.
 */
function segmentoRefreshOnOpen(e) { Segmento.refreshOnOpen(e); }

/**
 * RFM scores of the customers, from the order rows. Scores RFM des clients, à partir des commandes.
 * Without customers: a table of every customer's R, F, M, code and total (Sans clients : le tableau de tous les clients).
 * @param {A1:D} orders Order rows with a header row (customer, date, amount…). Les lignes de commande, avec leur en-tête.
 * @param {A2:A100} customers Optional: one customer or a column of customers. Facultatif : un client ou une colonne de clients.
 * @param {"2025-10-17"} as_of Optional: analysis date (default: latest order). Facultatif : date d'analyse.
 * @param {"code"} part Optional: "code" (default), "total", "R", "F", "M" or "all" (with P(alive) and the 12-month predicted value). Facultatif : la partie du score.
 * @param {Réglages!A1:L40} settings Optional: the Segmento settings range, to recalculate when it changes. Facultatif : la plage des réglages.
 * @return The scores, e.g. 335 (R 3, F 3, M 5). Les scores, par exemple 335.
 * @customfunction
 */
function RFM_SCORE(orders, customers, as_of, part, settings) { return Segmento.rfmScore(orders, customers, as_of, part, settings); }

/**
 * Segment of each customer from the order rows, or segment of a score code such as 335.
 * Segment de chaque client à partir des commandes, ou segment d'un code de score comme 335.
 * @param {A1:D} orders_or_code Order rows with a header row, or a score code / a column of codes. Les commandes, ou un code RFM.
 * @param {A2:A100} customers Optional: one customer or a column of customers. Facultatif : un client ou une colonne de clients.
 * @param {"2025-10-17"} as_of Optional: analysis date (default: latest order). Facultatif : date d'analyse.
 * @param {Réglages!A1:L40} settings Optional: the Segmento settings range, to recalculate when it changes. Facultatif : la plage des réglages.
 * @return Segment names. Les noms des segments.
 * @customfunction
 */
function SEGMENT(orders_or_code, customers, as_of, settings) { return Segmento.segment(orders_or_code, customers, as_of, settings); }

/**
 * The same as SEGMENT, for sheets where another add-on also defines SEGMENT. Identique à SEGMENT.
 * @param {A1:D} orders_or_code Order rows with a header row, or a score code / a column of codes. Les commandes, ou un code RFM.
 * @param {A2:A100} customers Optional: one customer or a column of customers. Facultatif : un client ou une colonne de clients.
 * @param {"2025-10-17"} as_of Optional: analysis date (default: latest order). Facultatif : date d'analyse.
 * @param {Réglages!A1:L40} settings Optional: the Segmento settings range. Facultatif : la plage des réglages.
 * @return Segment names. Les noms des segments.
 * @customfunction
 */
function RFM_SEGMENT(orders_or_code, customers, as_of, settings) { return Segmento.segment(orders_or_code, customers, as_of, settings); }

/**
 * Predicted value of each customer over the next months (BG/NBD + Gamma-Gamma), from the order rows.
 * Valeur prévue de chaque client sur les prochains mois, à partir des commandes.
 * Without customers: a table of every customer's predicted value (Sans clients : le tableau de tous les clients).
 * @param {A1:D} orders Order rows with a header row (customer, date, amount…). Les lignes de commande, avec leur en-tête.
 * @param {A2:A100} customers Optional: one customer or a column of customers. Facultatif : un client ou une colonne de clients.
 * @param {12} months Optional: the horizon in months (default 12). Facultatif : l'horizon en mois (12 par défaut).
 * @param {"2025-10-17"} as_of Optional: analysis date (default: latest order). Facultatif : date d'analyse.
 * @param {Réglages!A1:L40} settings Optional: the Segmento settings range, to recalculate when it changes. Facultatif : la plage des réglages.
 * @return Predicted value in the currency of the orders; an error saying why when the model cannot be trusted. La valeur prévue, ou une erreur qui dit pourquoi.
 * @customfunction
 */
function CLV(orders, customers, months, as_of, settings) { return Segmento.clv(orders, customers, months, as_of, settings); }

/**
 * Probability that each customer is still active at the analysis date (BG/NBD), from the order rows.
 * Probabilité que chaque client soit encore actif à la date d'analyse, à partir des commandes.
 * @param {A1:D} orders Order rows with a header row (customer, date, amount…). Les lignes de commande, avec leur en-tête.
 * @param {A2:A100} customers Optional: one customer or a column of customers. Facultatif : un client ou une colonne de clients.
 * @param {"2025-10-17"} as_of Optional: analysis date (default: latest order). Facultatif : date d'analyse.
 * @param {Réglages!A1:L40} settings Optional: the Segmento settings range, to recalculate when it changes. Facultatif : la plage des réglages.
 * @return A probability from 0 to 1 (format it as a percentage). Une probabilité de 0 à 1.
 * @customfunction
 */
function P_ALIVE(orders, customers, as_of, settings) { return Segmento.pAlive(orders, customers, as_of, settings); }

/**
 * A customer's segment at each stored Segmento run, by analysis date. Le segment d'un client à chaque calcul enregistré.
 * @param {A2} customer One customer id. Un identifiant client.
 * @param {'Segmento · Historique'!A:ZZ} history Optional: the history tab, to recalculate after each run. Facultatif : l'onglet d'historique.
 * @return Analysis date, segment and RFM code of each run. Date d'analyse, segment et code de chaque calcul.
 * @customfunction
 */
function SEGMENT_HISTORY(customer, history) { return Segmento.segmentHistory(customer, history); }

// The sidebar's endpoints, called by the page through google.script.run (src/workbook/sidebar-endpoints.ts).

/** Sidebar: language, saved settings, tabs, scheduled refresh. */
function sidebarState() { return Segmento.sidebarState(); }

/** Sidebar: the order rows of a tab, dates as ISO strings. */
function sidebarSource(sheet, range) { return Segmento.sidebarSource(sheet, range); }

/** Sidebar: validates and writes the settings tab. */
function sidebarSave(settings) { return Segmento.sidebarSave(settings); }

/** Sidebar: saves the settings, then applies the segmentation. */
function sidebarApply(settings) { return Segmento.sidebarApply(settings); }

/** Sidebar: scheduled refresh off, weekly or monthly. */
function sidebarSetRefresh(refresh) { return Segmento.sidebarSetRefresh(refresh); }

/** Sidebar: shows a tab written by Apply. */
function sidebarActivateTab(id) { return Segmento.sidebarActivateTab(id); }

/** Sidebar: notes a campaign in the campaigns tab. */
function sidebarAddCampaign(campaign) { return Segmento.sidebarAddCampaign(campaign); }
