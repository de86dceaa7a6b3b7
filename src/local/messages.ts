/**
 * The local layer's messages (workbook file, lock, preview server), in French and English, looked
 * up by key like src/core/labels.ts.
 */
import { fillTemplate, type Lang, type Params } from '../core/labels';

const fr = {
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
} satisfies Record<string, string>;

export type LocalMessageKey = keyof typeof fr;

const en: Record<LocalMessageKey, string> = {
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
};

const catalogs: Record<Lang, Record<LocalMessageKey, string>> = { fr, en };

export function localText(lang: Lang, key: LocalMessageKey, params: Params = {}): string {
  return fillTemplate(catalogs[lang][key], params);
}

/** An error a person can act on, in their language; the command line prints its message alone. */
export class LocalError extends Error {
  constructor(
    readonly key: LocalMessageKey,
    params: Params,
    lang: Lang,
  ) {
    super(localText(lang, key, params));
    this.name = 'LocalError';
  }
}
