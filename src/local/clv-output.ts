/**
 * What `segmento clv` prints (src/core/README.md, "Predicted value"): on stdout one CSV row per customer with P(alive),
 * expected purchase days, expected spend and predicted value over the horizon, the horizon in the
 * column names; on stderr the fitted parameters and diagnostics (or why the predictions are empty)
 * and, with a holdout window, the papers' table of predicted against actual purchase days.
 */
import type { ClvPrediction } from '../core/clv';
import { clvProblemText } from '../core/clv';
import type { HoldoutComparison } from '../core/clv-holdout';
import { observedDays, repeatSpanDays } from '../core/clv-summary';
import { weeksOfMonths } from '../core/clv-time';
import { isoDay } from '../core/days';
import { intlLocale, formatCount, type Lang } from '../core/labels';
import { customerIdOrder, decimalOfThousandths } from '../core/values';
import { cliText } from './messages';
import { csvField } from './csv-field';
import { TextPieces } from './text-pieces';

/** The CSV header: times in days, the horizon in months in the names of the columns that use it. */
export function clvCsvHeader(months: number): string {
  const horizon = `${months}_months`;
  return [
    'customer',
    'repeat_purchase_days',
    'first_to_last_purchase_days',
    'first_purchase_to_as_of_days',
    'p_alive',
    `expected_purchases_${horizon}`,
    'expected_spend_per_purchase_day',
    `predicted_value_${horizon}`,
  ].join(',');
}

/** A probability or an expected count with four decimals; empty when not predicted. */
function fraction(values: Float64Array | null, i: number): string {
  return values === null ? '' : values[i].toFixed(4);
}

/** An amount in thousandths as a plain decimal; empty when not predicted. */
function money(values: Float64Array | null, i: number): string {
  return values === null ? '' : decimalOfThousandths(values[i]);
}

/** One CSV row per customer, sorted by customer, handed to `out` as UTF-8 bytes in pieces. */
export function writeClvCsv(
  prediction: ClvPrediction,
  out: (bytes: Uint8Array) => void,
  { raw = false }: { raw?: boolean } = {},
): void {
  const { summary } = prediction;
  const csv = new TextPieces(out);
  csv.text(`${clvCsvHeader(prediction.months)}\n`);
  for (const i of customerIdOrder(summary.ids)) {
    csv.text(csvField(summary.ids[i], raw));
    csv.text(`,${summary.repeatDays[i]},${repeatSpanDays(summary, i)},${observedDays(summary, i)},`);
    csv.text(
      [
        fraction(prediction.probabilityAlive, i),
        fraction(prediction.expectedPurchases, i),
        money(prediction.expectedSpend, i),
        money(prediction.predictedValue, i),
      ].join(','),
    );
    csv.ascii(10);
  }
  csv.flush();
}

/** A number as a person reads it in the language, with a fixed number of decimals. */
function decimal(value: number, digits: number, lang: Lang): string {
  return value.toLocaleString(intlLocale(lang), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** The fitted parameters and diagnostics of both models, the horizon, and why predictions are empty. */
export function clvDiagnostics(prediction: ClvPrediction, lang: Lang): string {
  const { purchases, spend } = prediction;
  const lines: string[] = [];
  if (purchases?.trusted) {
    const { r, alpha, a, b } = purchases.parameters;
    lines.push(
      cliText(lang, 'clv.purchaseModel', {
        r: decimal(r, 4, lang),
        alpha: decimal(alpha, 4, lang),
        a: decimal(a, 4, lang),
        b: decimal(b, 4, lang),
        logLikelihood: decimal(purchases.logLikelihood, 2, lang),
        customers: formatCount(purchases.customers, lang),
        repeatCustomers: formatCount(purchases.repeatCustomers, lang),
        histories: formatCount(purchases.histories, lang),
      }),
    );
  }
  if (spend?.trusted) {
    const { p, q, gamma } = spend.parameters;
    lines.push(
      cliText(lang, 'clv.spendModel', {
        p: decimal(p, 2, lang),
        q: decimal(q, 2, lang),
        gamma: decimal(gamma, 2, lang),
        customers: formatCount(spend.customers, lang),
      }),
    );
  }
  const rate = prediction.monthlyDiscountRate;
  lines.push(
    cliText(lang, 'clv.horizon', {
      asOf: isoDay(prediction.summary.asOfDay),
      months: decimal(prediction.months, Number.isInteger(prediction.months) ? 0 : 2, lang),
      weeks: decimal(weeksOfMonths(prediction.months), 2, lang),
      discount:
        rate === 0
          ? cliText(lang, 'clv.notDiscounted')
          : cliText(lang, 'clv.discounted', { rate: decimal(rate * 100, 2, lang) }),
    }),
  );
  const problem = clvProblemText(prediction, lang);
  if (problem !== null) lines.push(cliText(lang, 'clv.notTrusted', { reason: problem }));
  return `${lines.join('\n')}\n`;
}

/**
 * The holdout table: one line per number of repeat purchase days in the calibration period (the
 * last one "7+"), its customers, and the mean purchase days per customer predicted and observed in
 * the holdout window; then the totals over all customers.
 */
export function holdoutTable(comparison: HoldoutComparison | null, asOfDay: number, lang: Lang): string {
  if (comparison === null) return `${cliText(lang, 'clv.holdoutMissing')}\n`;
  const rows = comparison.groups.map((group) => [
    `${group.repeatDays}${group.orMore ? '+' : ''}`,
    formatCount(group.customers, lang),
    decimal(group.predictedMean, 3, lang),
    decimal(group.actualMean, 3, lang),
  ]);
  const customers = comparison.groups.reduce((total, group) => total + group.customers, 0);
  rows.push([
    cliText(lang, 'clv.holdoutAll'),
    formatCount(customers, lang),
    decimal(comparison.predictedTotal, 1, lang),
    decimal(comparison.actualTotal, 0, lang),
  ]);
  const header = cliText(lang, 'clv.holdoutColumns').split('|');
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[0]) : cell.padStart(widths[column])))
      .join('  ');
  const title = cliText(lang, 'clv.holdoutTitle', {
    from: isoDay(asOfDay + 1),
    to: isoDay(asOfDay + comparison.holdoutDays),
    days: comparison.holdoutDays,
    asOf: isoDay(asOfDay),
  });
  return `${[title, line(header), ...rows.map(line)].join('\n')}\n`;
}
