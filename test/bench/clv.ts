/**
 * Predicted value at scale (issue 14: fit plus predictions for CDNOW ×14, 975k rows and 330k
 * customers, within 2 s): the orders are read once as Sheets gives them (not timed), then the
 * per-customer history, both fits and every customer's predictions over 12 months are timed,
 * step by step. `benchClv()` returns the figures; `npm run bench` prints them (wired in main.ts).
 */
import { bgNbdHistories, fitBgNbd } from '../../src/core/bgnbd';
import { predictCustomerValue } from '../../src/core/clv';
import { summariseForClv } from '../../src/core/clv-summary';
import { fitGammaGamma, spendHistories } from '../../src/core/gamma-gamma';
import { latestOrderDay } from '../../src/core/metrics';
import { readOrders } from '../../src/core/orders';
import { sheetValues, sourceRows } from './data';

export interface ClvBench {
  rows: number;
  customers: number;
  /** Distinct (x, t_x, T) histories the BG/NBD likelihood runs over. */
  histories: number;
  trusted: boolean;
  /** Seconds of each step, and of the whole `summariseForClv` + `predictCustomerValue` path. */
  seconds: {
    summary: number;
    bgNbdFit: number;
    gammaGammaFit: number;
    predictCustomerValue: number;
    total: number;
  };
}

function secondsOf<T>(run: () => T): [T, number] {
  const start = performance.now();
  const result = run();
  return [result, (performance.now() - start) / 1000];
}

/** CDNOW master repeated `copies` times (ids shifted, dates shifted by a week per copy). */
export function benchClv(copies = 14): ClvBench {
  const rows = copies * sourceRows('cdnow');
  const book = readOrders(sheetValues('cdnow', rows), {
    locale: 'fr_FR',
    timeZone: 'Europe/Paris',
    mapping: { amount: 3, hasHeader: true },
  });
  const asOfDay = latestOrderDay(book)!;
  const [summary, summarySeconds] = secondsOf(() => summariseForClv(book, asOfDay));
  const histories = bgNbdHistories(summary);
  const [, bgNbdSeconds] = secondsOf(() => fitBgNbd(histories));
  const [, gammaGammaSeconds] = secondsOf(() => fitGammaGamma(spendHistories(summary)));
  const [prediction, predictionSeconds] = secondsOf(() => predictCustomerValue(summary, { months: 12 }));
  return {
    rows,
    customers: summary.count,
    histories: histories.groups.count,
    trusted: prediction.problem === null,
    seconds: {
      summary: summarySeconds,
      bgNbdFit: bgNbdSeconds,
      gammaGammaFit: gammaGammaSeconds,
      predictCustomerValue: predictionSeconds,
      total: summarySeconds + predictionSeconds,
    },
  };
}
