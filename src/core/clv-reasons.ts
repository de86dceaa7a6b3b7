/**
 * Why a predicted-value model cannot be trusted on some data (see src/core/README.md, "Predicted
 * value"): a key the models return, and its text for a person, in French and English. The models
 * never give a NaN or throw; they give one of these and no predictions.
 */
import type { Lang } from './labels';

export type ClvReason =
  | 'badHorizon'
  | 'badDiscountRate'
  | 'tooFewRepeatCustomers'
  | 'noConvergence'
  | 'degenerateFit'
  | 'numericalFailure'
  | 'tooFewSpendCustomers'
  | 'infiniteMeanSpend';

/** Fewest customers with a repeat purchase (or a positive repeat spend) for a fit to be trusted. */
export const MIN_REPEAT_CUSTOMERS = 30;

/** What a message may quote: the customers counted and the minimum. */
export interface ClvReasonDetails {
  count?: number;
}

type Message = (details: Required<ClvReasonDetails> & { min: number }) => string;

const messages: Record<Lang, Record<ClvReason, Message>> = {
  fr: {
    badHorizon: () =>
      'L’horizon de prévision doit être un nombre de mois positif, au plus 1 200 (par exemple 12).',
    badDiscountRate: () =>
      'Le taux d’actualisation mensuel doit être un nombre positif ou nul (par exemple 0,01 pour 1 %).',
    tooFewRepeatCustomers: ({ count, min }) =>
      `Prévision impossible : seuls ${count} clients ont racheté un autre jour (il en faut au moins ${min}). Attendez plus d’historique.`,
    noConvergence: () =>
      'Prévision impossible : le modèle ne se stabilise pas sur ces données (aucun réglage plus vraisemblable que les autres).',
    degenerateFit: () =>
      'Prévision non fiable : le modèle tend vers un cas limite sur ces données (achats, abandons ou paniers sans variation entre clients).',
    numericalFailure: () =>
      'Prévision non fiable : un calcul du modèle d’achats déborde pour certains clients.',
    tooFewSpendCustomers: ({ count, min }) =>
      `Valeur prévue impossible : seuls ${count} clients ont un panier de rachat positif (il en faut au moins ${min}).`,
    infiniteMeanSpend: () =>
      'Valeur prévue non fiable : les paniers varient trop d’un client à l’autre pour estimer un panier moyen.',
  },
  en: {
    badHorizon: () =>
      'The forecast horizon must be a positive number of months, at most 1,200 (for example 12).',
    badDiscountRate: () => 'The monthly discount rate must be zero or more (for example 0.01 for 1 %).',
    tooFewRepeatCustomers: ({ count, min }) =>
      `No forecast: only ${count} customers bought again on another day (at least ${min} are needed). Wait for more history.`,
    noConvergence: () =>
      'No forecast: the model does not settle on this data (no setting is more likely than the others).',
    degenerateFit: () =>
      'Forecast not reliable: the model runs to a limit case on this data (purchases, drop-outs or baskets that do not vary between customers).',
    numericalFailure: () =>
      'Forecast not reliable: a computation of the purchase model overflows for some customers.',
    tooFewSpendCustomers: ({ count, min }) =>
      `No predicted value: only ${count} customers have a positive repeat basket (at least ${min} are needed).`,
    infiniteMeanSpend: () =>
      'Predicted value not reliable: baskets vary too much from customer to customer to estimate a mean basket.',
  },
};

/** The text of a reason in a language. */
export function clvReasonMessage(reason: ClvReason, lang: Lang, details: ClvReasonDetails = {}): string {
  return messages[lang][reason]({ count: details.count ?? 0, min: MIN_REPEAT_CUSTOMERS });
}
