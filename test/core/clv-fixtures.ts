/** Small hand-made customer histories for the predicted-value tests. */
import type { ClvSummary } from '../../src/core/clv-summary';

/** A summary made of histories given in days: [x, t_x, T, repeat spend in thousandths]. */
export function summaryOf(histories: readonly (readonly [number, number, number, number?])[]): ClvSummary {
  const asOfDay = 10_000;
  return {
    asOfDay,
    count: histories.length,
    ids: histories.map((_, i) => `c${i}`),
    repeatDays: Int32Array.from(histories, ([x]) => x),
    firstPurchase: Int32Array.from(histories, ([, , T]) => asOfDay - T),
    lastPurchase: Int32Array.from(histories, ([, tx, T]) => asOfDay - T + tx),
    repeatSpend: Float64Array.from(histories, ([, , , spend]) => spend ?? 0),
    holdoutDays: null,
    holdoutEndDay: null,
  };
}
