/**
 * Why a predicted-value model cannot be trusted on some data (see src/core/README.md, "Predicted
 * value"): a key the models return, and its text for a person, in French and English (src/core/labels.ts). The models
 * never give a NaN or throw; they give one of these and no predictions.
 */
import { t, type Lang } from './labels';

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

/** The text of a reason in a language. */
export function clvReasonMessage(reason: ClvReason, lang: Lang, details: ClvReasonDetails = {}): string {
  return t(lang, `clv.reason.${reason}`, { count: details.count ?? 0, min: MIN_REPEAT_CUSTOMERS });
}
