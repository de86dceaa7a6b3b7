/**
 * The local layer's words, in French and English — the command line, the workbook file and its
 * lock, the preview server — and the exit code of each kind of failure. Errors travel as codes (`CliError`: a kind, a message key and its values)
 * until `failureText` turns them — or the raw errors of Node and of the libraries — into words.
 */
import { missingColumnParams } from '../core/columns';
import { fillTemplate, KeyedError, t, UserError, type Lang, type Params } from '../core/labels';
import { WorkbookError } from '../workbook/words';

/** One exit code per kind of failure, the same in every command (listed in `--help`). */
export const EXIT_CODES = {
  ok: 0,
  /** The order file cannot be read or gives nothing to score. */
  input: 1,
  /** The command line is wrong: unknown option, bad value, missing or extra argument. */
  usage: 2,
  /** The settings (the `--settings` file, or the workbook's settings tab) cannot be read or are invalid. */
  settings: 3,
  /** The output cannot be written. */
  output: 4,
  /** Anything else: a defect of Segmento. */
  internal: 5,
  /** A component the command needs is not installed (DuckDB for `segmento sql --run`). */
  dependency: 6,
} as const;

export type FailureKind = Exclude<keyof typeof EXIT_CODES, 'ok'>;

const fr = {
  'exit.codes':
    'Codes de sortie : 0 terminé · 1 fichier de commandes illisible ou inutilisable · 2 ligne de commande incorrecte · 3 réglages invalides · 4 sortie impossible à écrire · 5 erreur inattendue · 6 composant manquant (DuckDB pour sql --run)',
  'usage.unknownCommand': 'Commande inconnue « {command} » : les commandes sont {commands}.{hint}',
  'usage.noCommand': 'Indiquez une commande : {commands}.',
  'usage.unknownOption': 'Option inconnue {option} pour « segmento {command} ».{hint}',
  'usage.didYouMean': ' Vouliez-vous dire {suggestion} ?',
  'usage.options': ' Ses options : {options}.',
  'usage.missingValue': 'L’option {option} attend une valeur : {option} {example}.',
  'usage.noValue': 'L’option {option} ne prend pas de valeur.',
  'usage.missingFile':
    '« segmento {command} » lit un fichier de commandes : segmento {command} commandes.csv.',
  'usage.extraArguments': 'Argument en trop pour « segmento {command} » : {arguments}.',
  'usage.badDate': '--as-of : « {value} » n’est pas une date (forme attendue : AAAA-MM-JJ).',
  'usage.badClasses': '--classes : « {value} » n’est pas un nombre de classes (un entier de 3 à 10).',
  'usage.badPreset': '--preset : « {value} » n’est pas un préréglage. Les préréglages : {presets}.',
  'usage.badLocale': '--locale : « {value} » n’est pas une langue-région (forme attendue : fr_FR ou en_US).',
  'usage.badColumns':
    '--columns : « {pair} » n’est pas un rôle=numéro de colonne (à partir de 1). Les rôles : {roles} ; par exemple --columns customer=1,date=2,amount=3.',
  'usage.outNotXlsx': '--out : « {value} » ; la sortie est un classeur .xlsx, par exemple --out {example}.',
  'input.notFound': 'Fichier introuvable : {path}',
  'input.isDirectory': '{path} est un dossier, pas un fichier de commandes.',
  'input.denied': 'Lecture refusée : {path} (droits du fichier).',
  'input.truncatedGzip': '{path} : fichier .gz tronqué ou abîmé (la décompression s’arrête avant la fin).',
  'input.notXlsx': '{path} n’est pas un classeur .xlsx lisible (fichier abîmé ou d’un autre format).',
  'input.brokenXlsx':
    '{path} : classeur .xlsx abîmé, son contenu ne peut pas être lu ; ouvrez-le et enregistrez-le de nouveau dans un tableur.',
  'input.unclosedQuote':
    '{path} : le guillemet ouvert ligne {line} n’est jamais fermé ; corrigez cette ligne (un guillemet dans un champ s’écrit "").',
  'input.noOrders':
    'Aucune commande lisible dans {path} : vérifiez les colonnes client, date et montant (option --columns).',
  'input.nothingByAsOf':
    'Aucun client n’a de commande au {asOf} : la première commande est du {first}. Choisissez une date d’analyse plus tardive.',
  'input.nothingByAsOfRun':
    'Aucun client n’a de commande lisible au {asOf} : choisissez une date d’analyse plus tardive (ou vérifiez les colonnes avec --columns).',
  'input.missingColumn':
    'Colonne « {column} » introuvable : ajoutez un en-tête {header} ou indiquez sa colonne avec --columns {role}=N (N à partir de 1).',
  'input.noSheet': '{path} n’a aucun onglet.',
  'input.unknownSheet': '{path} n’a pas d’onglet « {sheet} » ; ses onglets : {sheets}.',
  'input.firstTab':
    'Onglet lu : « {sheet} » (le premier). Onglets du classeur : {sheets} ; choisissez-en un avec --sheet NOM.',
  'settings.notText':
    '--settings : {path} n’est pas un fichier de réglages (contenu binaire) ; exportez l’onglet de réglages en CSV ou .xlsx.',
  'settings.invalid': '--settings : {path} : {issues}',
  'output.isDirectory': '{path} est un dossier : indiquez un fichier .xlsx, par exemple --out {example}.',
  'output.denied': 'Écriture refusée : {path} (droits du fichier ou du dossier).',
  'output.noSpace': 'Plus de place sur le disque pour écrire {path}.',
  'output.noFolder': 'Impossible d’écrire {path} : son dossier n’existe pas.',
  'usage.badTimeZone':
    '--time-zone : « {value} » n’est pas un fuseau horaire (forme attendue : Europe/Paris).',
  'usage.scoresXlsx':
    '« segmento scores » lit un CSV ou un fichier texte ; pour un classeur .xlsx : segmento run {path}.',
  'output.notXlsx':
    '{path} existe et n’est pas un classeur .xlsx : il n’est pas remplacé ; choisissez un autre --out.',
  'internal.error': 'Erreur inattendue de Segmento : {detail}',
  'list.more': '… et {count} autres',
  'read.inferred': 'Colonnes lues d’après leurs valeurs : {roles}.',
  'read.unsure': 'Choix incertain : s’il ne convient pas, passez --columns {columns}.',
  'read.encoding': 'Encodage du fichier : {encoding}.',
  'summary.scored':
    '{customers} clients notés au {asOf} ; {later} commandes postérieures écartées ; {refundOnly} clients sans achat (remboursements seuls).',
  // segmento clv (predicted value, src/core/README.md)
  'usage.badMonths':
    '--months : « {value} » n’est pas un nombre de mois (un nombre positif, au plus 1 200, par exemple 12).',
  'usage.badDiscount':
    '--discount : « {value} » n’est pas un taux d’actualisation mensuel (un nombre de 0 à 1, par exemple 0.01 pour 1 % par mois).',
  'usage.badHoldoutEnd': '--holdout-end : « {value} » n’est pas une date (forme attendue : AAAA-MM-JJ).',
  'usage.holdoutAfterAsOf':
    '--holdout-end {value} : la période de contrôle suit la date d’analyse ; donnez --as-of, une date antérieure (par exemple --as-of 1997-09-30 --holdout-end 1998-06-30).',
  'clv.purchaseModel':
    'Modèle d’achats (BG/NBD) : r = {r}, α = {alpha} semaines, a = {a}, b = {b} ; log-vraisemblance {logLikelihood} ; {customers} clients, dont {repeatCustomers} ayant racheté un autre jour ({histories} historiques distincts).',
  'clv.spendModel':
    'Modèle de panier (Gamma-Gamma) : p = {p}, q = {q}, γ = {gamma} ; {customers} clients avec un panier de rachat positif.',
  'clv.notTrusted': 'Prévisions laissées vides : {reason}',
  'clv.horizon': 'Prévision au {asOf} sur {months} mois ({weeks} semaines), {discount}.',
  'clv.notDiscounted': 'sans actualisation',
  'clv.discounted': 'actualisée de {rate} % par mois',
  'clv.holdoutTitle':
    'Contrôle sur la période suivante, du {from} au {to} ({days} jours) : jours d’achat moyens par client, prévus et réels, selon le nombre de jours de rachat jusqu’au {asOf}.',
  'clv.holdoutColumns': 'rachats|clients|prévu|réel',
  'clv.holdoutAll': 'tous',
  'clv.holdoutMissing': 'Contrôle impossible : le modèle d’achats n’est pas fiable sur ces données.',
  'usage.clvXlsx':
    '« segmento clv » lit un CSV ou un fichier texte : exportez l’onglet des commandes de {path} en CSV.',
  // segmento sql (src/warehouse/README.md)
  'usage.badDialect': '--dialect : « {value} » n’est pas un dialecte SQL ; les dialectes : bigquery, duckdb.',
  'usage.badTable':
    '--table : « {value} » n’est pas un chemin de table (des noms séparés par des points, par exemple projet.ventes.commandes).',
  'usage.badColumnNames':
    '--columns : « {pair} » n’est pas un rôle=nom de colonne. Les rôles : {roles} ; par exemple --columns customer=customer_id,date=order_date,amount=amount.',
  'usage.runDialect':
    '--run exécute la forme DuckDB de la requête : retirez --dialect {value} ou écrivez --dialect duckdb.',
  'usage.runTable':
    '--table nomme la table des commandes dans l’entrepôt ; avec --run, la table est le fichier lu : retirez --table.',
  'usage.sqlRunXlsx':
    '« segmento sql --run » lit un CSV ou un fichier texte : exportez l’onglet des commandes de {path} en CSV.',
  'usage.badSqlName':
    '--{option} : « {value} » ne peut pas nommer une table ou une colonne en {dialect} (accent grave, barre oblique inverse ou caractère de contrôle).',
  'sql.refused': 'Pas de requête SQL pour ces réglages : {message}',
  'sql.ran': '{customers} clients notés par la requête DuckDB en {seconds} s.',
  'sql.noDuckdb':
    '« segmento sql --run » a besoin de DuckDB, qui n’est pas installé ici ({detail}). Dans le dossier de Segmento, lancez npm install (ou npm install @duckdb/node-api) ; sans --run, la requête s’affiche sans DuckDB.',
  // The workbook file, its lock and the preview server.
  'lock.held':
    'Le classeur {path} est occupé par un autre calcul Segmento (processus {pid} sur {host}, depuis {since}) : attendez qu’il finisse ; s’il n’existe plus, supprimez {lock}.',
  'lock.heldUnknown':
    'Le classeur {path} est occupé : le fichier de verrou {lock} existe depuis {since}. Attendez la fin de l’autre calcul ; s’il n’y en a pas, supprimez ce fichier.',
  'lock.waiting':
    'Le classeur {path} est occupé par un autre calcul Segmento (processus {pid}) : attente de sa fin, {seconds} s au plus…',
  'lock.takenOver': 'Verrou {lock} laissé par le processus {pid}, qui n’existe plus : repris.',
  'file.changed':
    'Le classeur {path} a été modifié par un autre programme pendant le calcul ; il n’a pas été écrasé. Fermez-le dans l’autre programme et relancez.',
  'file.changedRetry': 'Le classeur {path} a changé pendant le calcul : nouvelle lecture et nouveau calcul.',
  'file.readOnly':
    'Le classeur {path} est en lecture seule : rien n’a été écrit. Rendez-le modifiable (chmod u+w) ou choisissez un autre fichier avec --out.',
  'file.notFile': '{path} n’est pas un fichier : choisissez un fichier .xlsx avec --out.',
  'index.disagree':
    '{path} : l’onglet « {name} » n’a pas toutes les marques d’un onglet Segmento ({reason} le désigne, mais sa première ligne n’est plus celle écrite) ; il est conservé tel quel et Segmento ne le remplacera pas.',
  'index.missing':
    '{path} : l’onglet caché « _segmento », qui liste les onglets de Segmento, a été supprimé ; rien n’a été écrit, pour ne rien dupliquer ni perdre l’historique. Reprenez une version précédente du fichier, ou supprimez les onglets « Segmento · … » et de segments, puis relancez.',
  'server.forbiddenHost':
    'Requête refusée : l’hôte « {host} » n’est pas ce serveur local. Ouvrez {url} directement.',
  'server.forbiddenOrigin': 'Requête refusée : elle vient d’une autre page ({origin}).',
  'server.badToken': 'Requête refusée : jeton absent ou périmé. Rechargez la page.',
  'server.badArguments': '{endpoint} : arguments invalides ({detail}).',
  'server.noEndpoint': 'Aucune fonction {endpoint} sur ce serveur.',
  'server.tooLarge': 'Requête trop grande (plus de {bytes} octets).',
  'server.badJson': 'Requête illisible : le corps doit être un tableau JSON d’arguments.',
  'usage.text': `Utilisation :
  segmento scores FICHIER [--as-of AAAA-MM-JJ] [--classes N] [--locale fr_FR|en_US]
                          [--preset classique|score15|simple] [--columns customer=1,date=2,amount=3] [--raw]
  segmento clv COMMANDES [--as-of AAAA-MM-JJ] [--months 12] [--discount 0.01] [--holdout-end AAAA-MM-JJ]
                         [--locale fr_FR|en_US] [--columns customer=1,date=2,amount=3] [--raw]
                         valeur prévue par client (BG/NBD + Gamma-Gamma) : P(actif), jours d’achat et
                         valeur attendus sur --months mois ; l’ajustement sur stderr ; --holdout-end
                         compare les prévisions aux achats faits après --as-of jusqu’à cette date
  segmento sql [--dialect bigquery|duckdb] [--table projet.jeu.commandes] [--settings FICHIER]
               [--columns customer=NOM,date=NOM,amount=NOM,orderId=NOM,line=NOM] [--as-of AAAA-MM-JJ]
               [--preset classique|score15|simple] [--classes N] [--locale fr_FR|en_US]
               la segmentation en une requête SQL (BigQuery par défaut) sur la table --table
  segmento sql --run FICHIER [--settings FICHIER] [--columns customer=1,date=2,amount=3] [--as-of …] [--raw]
               exécute la requête DuckDB sur FICHIER et écrit le même CSV que segmento scores ;
               un FICHIER .parquet est lu par DuckDB, ses colonnes nommées comme celles d’une table
  segmento run COMMANDES [--out CLASSEUR.xlsx] [--sheet NOM] [--as-of AAAA-MM-JJ]
                         [--preset classique|score15|simple] [--settings FICHIER] [--locale fr_FR|en_US]
                         [--columns customer=1,date=2,amount=3]
  segmento demo       la même chose sur les commandes fournies avec Segmento, dans out/segmento-demo.xlsx
  segmento generate-demo [FICHIER]  réécrit les commandes de démonstration (src/local/demo/commandes-demo.csv)
  FICHIER : CSV (virgule, point-virgule ou tabulation), colonnes séparées par des espaces, ou l’un
            d’eux compressé (.gz), en UTF-8, UTF-16 (avec son indicateur d’ordre) ou Windows-1252 ;
            COMMANDES : la même chose, ou un classeur .xlsx.
  --columns : numéros de colonne à partir de 1 (pour sql sans --run ou sur un .parquet, noms de colonnes) ;
              sans elle, les colonnes sont trouvées par leur en-tête, sinon par leurs valeurs.
  --raw : écrit les cellules telles quelles ; sinon une cellule qui commence par = + - @, une
          tabulation ou un retour chariot reçoit une ' devant, pour qu’un tableur qui ouvre le CSV
          ne l’exécute pas comme une formule.`,
  'run.written': 'Classeur écrit : {path}',
  'run.chartsSkipped':
    '({count} graphiques ne sont pas écrits dans un .xlsx : ils apparaissent dans Google Sheets.)',
} as const;

export type CliKey = keyof typeof fr;

const en: Record<CliKey, string> = {
  'exit.codes':
    'Exit codes: 0 done · 1 order file unreadable or unusable · 2 wrong command line · 3 invalid settings · 4 output cannot be written · 5 unexpected error · 6 missing component (DuckDB for sql --run)',
  'usage.unknownCommand': 'Unknown command "{command}": the commands are {commands}.{hint}',
  'usage.noCommand': 'Give a command: {commands}.',
  'usage.unknownOption': 'Unknown option {option} for "segmento {command}".{hint}',
  'usage.didYouMean': ' Did you mean {suggestion}?',
  'usage.options': ' Its options: {options}.',
  'usage.missingValue': 'Option {option} takes a value: {option} {example}.',
  'usage.noValue': 'Option {option} takes no value.',
  'usage.missingFile': '"segmento {command}" reads an order file: segmento {command} orders.csv.',
  'usage.extraArguments': 'Extra argument for "segmento {command}": {arguments}.',
  'usage.badDate': '--as-of: "{value}" is not a date (expected form: YYYY-MM-DD).',
  'usage.badClasses': '--classes: "{value}" is not a class count (a whole number from 3 to 10).',
  'usage.badPreset': '--preset: "{value}" is not a preset. The presets: {presets}.',
  'usage.badLocale': '--locale: "{value}" is not a language_REGION (expected form: fr_FR or en_US).',
  'usage.badColumns':
    '--columns: "{pair}" is not a role=column number (from 1). The roles: {roles}; for example --columns customer=1,date=2,amount=3.',
  'usage.outNotXlsx': '--out: "{value}"; the output is an .xlsx workbook, for example --out {example}.',
  'input.notFound': 'File not found: {path}',
  'input.isDirectory': '{path} is a folder, not an order file.',
  'input.denied': 'Not allowed to read {path} (file permissions).',
  'input.truncatedGzip': '{path}: truncated or damaged .gz file (decompression stops before the end).',
  'input.notXlsx': '{path} is not a readable .xlsx workbook (damaged, or another format).',
  'input.brokenXlsx':
    '{path}: damaged .xlsx workbook, its content cannot be read; open it and save it again in a spreadsheet program.',
  'input.unclosedQuote':
    '{path}: the quote opened on line {line} is never closed; fix that line (a quote inside a field is written "").',
  'input.noOrders':
    'No readable order in {path}: check the customer, date and amount columns (option --columns).',
  'input.nothingByAsOf':
    'No customer has an order by {asOf}: the first order is dated {first}. Choose a later analysis date.',
  'input.nothingByAsOfRun':
    'No customer has a readable order by {asOf}: choose a later analysis date (or check the columns with --columns).',
  'input.missingColumn':
    'Column "{column}" not found: add a {header} header or give its column with --columns {role}=N (N from 1).',
  'input.noSheet': '{path} has no sheet.',
  'input.unknownSheet': '{path} has no sheet "{sheet}"; its sheets: {sheets}.',
  'input.firstTab':
    'Tab read: "{sheet}" (the first one). Tabs of the workbook: {sheets}; choose one with --sheet NAME.',
  'settings.notText':
    '--settings: {path} is not a settings file (binary content); export the settings tab as CSV or .xlsx.',
  'settings.invalid': '--settings: {path}: {issues}',
  'output.isDirectory': '{path} is a folder: give an .xlsx file, for example --out {example}.',
  'output.denied': 'Not allowed to write {path} (file or folder permissions).',
  'output.noSpace': 'No space left on the disk to write {path}.',
  'output.noFolder': 'Cannot write {path}: its folder does not exist.',
  'usage.badTimeZone': '--time-zone: "{value}" is not a time zone (expected form: Europe/Paris).',
  'usage.scoresXlsx':
    '"segmento scores" reads a CSV or text file; for an .xlsx workbook: segmento run {path}.',
  'output.notXlsx': '{path} exists and is not an .xlsx workbook: it is not replaced; choose another --out.',
  'internal.error': 'Unexpected Segmento error: {detail}',
  'list.more': '… and {count} more',
  'read.inferred': 'Columns read from their values: {roles}.',
  'read.unsure': 'Unsure choice: if it is wrong, pass --columns {columns}.',
  'read.encoding': 'File encoding: {encoding}.',
  'summary.scored':
    '{customers} customers scored as of {asOf}; {later} later orders left out; {refundOnly} customers without a purchase (refunds only).',
  // segmento clv (predicted value, src/core/README.md)
  'usage.badMonths':
    '--months: "{value}" is not a number of months (a positive number, at most 1200, for example 12).',
  'usage.badDiscount':
    '--discount: "{value}" is not a monthly discount rate (a number from 0 to 1, for example 0.01 for 1 % a month).',
  'usage.badHoldoutEnd': '--holdout-end: "{value}" is not a date (expected form: YYYY-MM-DD).',
  'usage.holdoutAfterAsOf':
    '--holdout-end {value}: the holdout period follows the analysis date; give --as-of, an earlier date (for example --as-of 1997-09-30 --holdout-end 1998-06-30).',
  'clv.purchaseModel':
    'Purchase model (BG/NBD): r = {r}, α = {alpha} weeks, a = {a}, b = {b}; log-likelihood {logLikelihood}; {customers} customers, {repeatCustomers} of them bought again on another day ({histories} distinct histories).',
  'clv.spendModel':
    'Spend model (Gamma-Gamma): p = {p}, q = {q}, γ = {gamma}; {customers} customers with a positive repeat basket.',
  'clv.notTrusted': 'Predictions left empty: {reason}',
  'clv.horizon': 'Forecast as of {asOf} over {months} months ({weeks} weeks), {discount}.',
  'clv.notDiscounted': 'not discounted',
  'clv.discounted': 'discounted at {rate} % a month',
  'clv.holdoutTitle':
    'Holdout check, {from} to {to} ({days} days): mean purchase days per customer, predicted and actual, by repeat purchase days up to {asOf}.',
  'clv.holdoutColumns': 'repeat days|customers|predicted|actual',
  'clv.holdoutAll': 'all',
  'clv.holdoutMissing': 'No holdout check: the purchase model is not reliable on this data.',
  'usage.clvXlsx': '"segmento clv" reads a CSV or text file: export the orders tab of {path} as CSV.',
  // segmento sql (src/warehouse/README.md)
  'usage.badDialect': '--dialect: "{value}" is not an SQL dialect; the dialects: bigquery, duckdb.',
  'usage.badTable':
    '--table: "{value}" is not a table path (names separated by dots, for example project.sales.orders).',
  'usage.badColumnNames':
    '--columns: "{pair}" is not a role=column name. The roles: {roles}; for example --columns customer=customer_id,date=order_date,amount=amount.',
  'usage.runDialect':
    '--run runs the DuckDB form of the query: remove --dialect {value} or write --dialect duckdb.',
  'usage.runTable':
    '--table names the orders table in the warehouse; with --run, the table is the file read: remove --table.',
  'usage.sqlRunXlsx':
    '"segmento sql --run" reads a CSV or text file: export the orders tab of {path} as CSV.',
  'usage.badSqlName':
    '--{option}: "{value}" cannot name a table or a column in {dialect} (backtick, backslash or control character).',
  'sql.refused': 'No SQL query for these settings: {message}',
  'sql.ran': '{customers} customers scored by the DuckDB query in {seconds} s.',
  'sql.noDuckdb':
    '"segmento sql --run" needs DuckDB, which is not installed here ({detail}). In the Segmento folder, run npm install (or npm install @duckdb/node-api); without --run, the query is printed without DuckDB.',
  // The workbook file, its lock and the preview server.
  'lock.held':
    'The workbook {path} is busy with another Segmento run (process {pid} on {host}, since {since}): wait for it to finish; if it no longer exists, delete {lock}.',
  'lock.heldUnknown':
    'The workbook {path} is busy: the lock file {lock} exists since {since}. Wait for the other run to finish; if there is none, delete that file.',
  'lock.waiting':
    'The workbook {path} is busy with another Segmento run (process {pid}): waiting for it to finish, {seconds} s at most…',
  'lock.takenOver': 'Lock {lock} left by process {pid}, which no longer exists: taken over.',
  'file.changed':
    'The workbook {path} was changed by another program during the run; it was not overwritten. Close it in the other program and run again.',
  'file.changedRetry': 'The workbook {path} changed during the run: reading and computing again.',
  'file.readOnly':
    'The workbook {path} is read-only: nothing was written. Make it writable (chmod u+w) or choose another file with --out.',
  'file.notFile': '{path} is not a file: choose an .xlsx file with --out.',
  'index.disagree':
    '{path}: the tab "{name}" does not carry every mark of a Segmento tab ({reason} points at it, but its first row is no longer the one written); it is kept as it is and Segmento will not replace it.',
  'index.missing':
    '{path}: the hidden tab "_segmento", which lists Segmento\'s tabs, was deleted; nothing was written, so that nothing is duplicated and no history is lost. Restore an earlier version of the file, or delete the "Segmento · …" and segment tabs, then run again.',
  'server.forbiddenHost': 'Request refused: the host "{host}" is not this local server. Open {url} directly.',
  'server.forbiddenOrigin': 'Request refused: it comes from another page ({origin}).',
  'server.badToken': 'Request refused: missing or stale token. Reload the page.',
  'server.badArguments': '{endpoint}: invalid arguments ({detail}).',
  'server.noEndpoint': 'No function {endpoint} on this server.',
  'server.tooLarge': 'Request too large (over {bytes} bytes).',
  'server.badJson': 'Unreadable request: the body must be a JSON array of arguments.',
  'usage.text': `Usage:
  segmento scores FILE [--as-of YYYY-MM-DD] [--classes N] [--locale fr_FR|en_US]
                       [--preset classique|score15|simple] [--columns customer=1,date=2,amount=3] [--raw]
  segmento clv ORDERS [--as-of YYYY-MM-DD] [--months 12] [--discount 0.01] [--holdout-end YYYY-MM-DD]
                      [--locale fr_FR|en_US] [--columns customer=1,date=2,amount=3] [--raw]
                      predicted value per customer (BG/NBD + Gamma-Gamma): P(alive), expected purchase
                      days and value over --months months; the fit on stderr; --holdout-end compares
                      the predictions with the purchases made after --as-of up to that date
  segmento sql [--dialect bigquery|duckdb] [--table project.dataset.orders] [--settings FILE]
               [--columns customer=NAME,date=NAME,amount=NAME,orderId=NAME,line=NAME] [--as-of YYYY-MM-DD]
               [--preset classique|score15|simple] [--classes N] [--locale fr_FR|en_US]
               the segmentation as one SQL query (BigQuery by default) over the table --table
  segmento sql --run FILE [--settings FILE] [--columns customer=1,date=2,amount=3] [--as-of …] [--raw]
               runs the DuckDB query over FILE and prints the same CSV as segmento scores;
               a .parquet FILE is read by DuckDB, its columns named like a table's
  segmento run ORDERS [--out WORKBOOK.xlsx] [--sheet NAME] [--as-of YYYY-MM-DD]
                      [--preset classique|score15|simple] [--settings FILE] [--locale fr_FR|en_US]
                      [--columns customer=1,date=2,amount=3]
  segmento demo       the same over the shop orders shipped with Segmento, into out/segmento-demo.xlsx
  segmento generate-demo [FILE]  writes the shipped demo orders again (src/local/demo/commandes-demo.csv)
  FILE: CSV (comma, semicolon or tab), whitespace-separated columns, or either gzipped (.gz), in
        UTF-8, UTF-16 (with its byte order mark) or Windows-1252; ORDERS: the same, or an .xlsx workbook.
  --columns: column numbers from 1 (for sql without --run or over a .parquet, column names); without it,
             columns are found by their headers, else by their values.
  --raw: print cells as they are; by default a cell starting with = + - @, a tab or a carriage return
         gets a ' in front, so that a spreadsheet opening the CSV does not run it as a formula.`,
  'run.written': 'Workbook written: {path}',
  'run.chartsSkipped': '({count} charts are not written to an .xlsx: they appear in Google Sheets.)',
};

export const LOCAL_CATALOGS: Record<Lang, Record<CliKey, string>> = { fr, en };
const catalogs = LOCAL_CATALOGS;

/** A command-line text in a language, `{name}` placeholders filled from params. */
export function cliText(lang: Lang, key: CliKey, params: Params = {}): string {
  return fillTemplate(catalogs[lang][key], params);
}

/** A failure of the command line, as a kind (its exit code) and a message key with its values. */
export class CliError extends KeyedError<CliKey> {
  constructor(
    readonly kind: FailureKind,
    key: CliKey,
    params: Params = {},
  ) {
    // In English until a person reads it in their language (`failureText`).
    super(key, params, cliText('en', key, params));
    this.name = 'CliError';
  }
}

/** What the command was working on when it failed: which paths are read and which written. */
export interface FailureContext {
  /** The order file. */
  orders?: string;
  settings?: string;
  /** The file written (`--out`), when given. */
  output?: string;
  /** Whether the command writes a file: a path that is neither the orders nor the settings is then its output. */
  writes?: boolean;
}

/** Longest message line: a longer one (a settings file with 500 bad rules) is summarised. */
const MAX_MESSAGE = 1000;
const LISTED_ISSUES = 5;

/** A long list joined by ` · ` cut to its first items and a count of the rest. */
export function summarised(text: string, lang: Lang): string {
  if (text.length <= MAX_MESSAGE) return text;
  const items = text.split(' · ');
  if (items.length > LISTED_ISSUES) {
    const rest = cliText(lang, 'list.more', { count: items.length - LISTED_ISSUES });
    const head = items.slice(0, LISTED_ISSUES).join(' · ');
    if (head.length <= MAX_MESSAGE) return `${head} · ${rest}`;
  }
  return `${text.slice(0, MAX_MESSAGE)}…`;
}

const NAMED_ROLES = ['customer', 'date', 'amount'] as const;

/** The words of a missing column, with the option that chooses it rather than the sidebar. */
function missingColumnWords(role: (typeof NAMED_ROLES)[number], lang: Lang): string {
  return cliText(lang, 'input.missingColumn', { ...missingColumnParams(role, lang), role });
}

/** Core messages that send a person to the sidebar, said with the command's option instead. */
function userErrorText(error: UserError, lang: Lang): string {
  if (error.key !== 'error.missingColumn') return error.message;
  const role = NAMED_ROLES.find(
    (candidate) => missingColumnParams(candidate, lang).column === error.params.column,
  );
  return missingColumnWords(role ?? 'amount', lang);
}

/**
 * A message already in words (Apply's result) with the sidebar replaced by the command's option:
 * the core's « column not found » is said with `--columns`, and « no readable order » with the
 * analysis date given, when there is one (the usual reason then).
 */
export function commandLineWords(message: string, lang: Lang, asOf?: string): string {
  if (asOf !== undefined && message === t(lang, 'error.noOrders'))
    return cliText(lang, 'input.nothingByAsOfRun', { asOf });
  const role = NAMED_ROLES.find(
    (candidate) => message === t(lang, 'error.missingColumn', missingColumnParams(candidate, lang)),
  );
  return role === undefined ? message : missingColumnWords(role, lang);
}

const SYSTEM_CODES: Record<string, [CliKey, CliKey]> = {
  ENOENT: ['input.notFound', 'output.noFolder'],
  EISDIR: ['input.isDirectory', 'output.isDirectory'],
  EACCES: ['input.denied', 'output.denied'],
  EPERM: ['input.denied', 'output.denied'],
  EROFS: ['input.denied', 'output.denied'],
  ENOTDIR: ['input.notFound', 'output.noFolder'],
  ENOSPC: ['input.denied', 'output.noSpace'],
};

/** Which of the command's files a path is. */
function roleOf(path: string | undefined, context: FailureContext): FailureKind {
  if (path === undefined) return 'input';
  if (path === context.orders) return 'input';
  if (path === context.settings) return 'settings';
  return context.writes ? 'output' : 'input';
}

/**
 * The words and exit code of any failure: a `CliError` (the file readers turn the gzip, zip and
 * .xlsx readers' errors into those), a core `UserError`, a `LocalError` (the workbook written: its
 * lock, a read-only file, another program's save), or an error of Node (missing file, folder,
 * permissions…); anything else is an internal error, said as such.
 */
export function failureText(
  error: unknown,
  lang: Lang,
  context: FailureContext = {},
): { text: string; code: number } {
  const said = (kind: FailureKind, text: string) => ({
    text: `segmento: ${summarised(text, lang)}\n`,
    code: EXIT_CODES[kind],
  });
  if (error instanceof CliError) {
    // A file read by a shared reader (an .xlsx, a table file) fails as the role it plays here.
    const kind =
      error.kind === 'input' && context.settings !== undefined && error.params.path === context.settings
        ? 'settings'
        : error.kind;
    return said(kind, cliText(lang, error.key, error.params));
  }
  if (error instanceof UserError) return said('input', userErrorText(error, lang));
  if (error instanceof LocalError) return said('output', error.message);
  if (error instanceof WorkbookError) return said('input', error.message);
  if (!(error instanceof Error))
    return said('internal', cliText(lang, 'internal.error', { detail: String(error) }));
  const { code, path } = error as NodeJS.ErrnoException;
  if (code !== undefined && code in SYSTEM_CODES) {
    const role = roleOf(path, context);
    const [inputKey, outputKey] = SYSTEM_CODES[code];
    const where = path ?? context.orders ?? '';
    if (role === 'output')
      return said('output', cliText(lang, outputKey, { path: where, example: 'segments.xlsx' }));
    return said(role, cliText(lang, inputKey, { path: where }));
  }
  return said('internal', cliText(lang, 'internal.error', { detail: error.message }));
}

/** An error a person can act on, worded in their language when it is made (the workbook file, its lock). */
export class LocalError extends KeyedError<CliKey> {
  constructor(key: CliKey, params: Params, lang: Lang) {
    super(key, params, cliText(lang, key, params));
    this.name = 'LocalError';
  }
}
