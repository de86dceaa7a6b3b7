/**
 * The live preview, computed in the page by src/core over orders read once: the segments'
 * customers and revenue, the thresholds in force, and every message on the settings. Pure: no DOM.
 */
import { analyseBook, type Analysis } from '../core/analysis';
import {
  clvProblemText,
  predictCustomerValue,
  predictedValueBySegment,
  type ClvPrediction,
  type SegmentPredictedValue,
} from '../core/clv';
import { summariseForClv } from '../core/clv-summary';
import { latestOrderDay } from '../core/metrics';
import type { ColumnMapping } from '../core/columns';
import { t, UserError, type Lang } from '../core/labels';
import type { KpiReport } from '../core/kpis';
import { readOrders, type OrderBook } from '../core/orders';
import { validateScoring } from '../core/scores';
import { validateSegmentSet, type RuleIssue } from '../core/segments';
import type { Cell } from '../core/values';
import { kpiReport } from '../core/kpis';
import { thresholdRows } from '../core/threshold-text';
import { asOfDay, classesOf, type Settings } from '../workbook/settings-model';
import { say } from './text';

export interface Preview {
  /** Null when there are no orders yet, or the scoring or the date is invalid. */
  analysis: Analysis | null;
  report: KpiReport | null;
  /** The threshold table (score → range per axis), header first. */
  thresholds: (string | number)[][] | null;
  /** Every problem of the rules, warnings included, in rule order. */
  ruleIssues: RuleIssue[];
  scoringError: string | null;
  asOfError: string | null;
  /** Why the orders could not be analysed. */
  analysisError: string | null;
  /**
   * The predicted value over 12 months and the revenue at risk per segment (src/core/README.md, "Predicted value"), or why
   * there is none; null when the predicted value is off or there is no analysis.
   */
  predicted: { bySegment: SegmentPredictedValue | null; problem: string | null } | null;
}

/** The predictions of each order book at its analysis date: they do not depend on the rules. */
const predictions = new WeakMap<OrderBook, { asOfDay: number; prediction: ClvPrediction }>();

/** The 12-month predictions of the orders at an analysis date, fitted once while rules are edited. */
function predictionOf(book: OrderBook, asOfDay: number): ClvPrediction {
  const known = predictions.get(book);
  if (known && known.asOfDay === asOfDay) return known.prediction;
  const prediction = predictCustomerValue(summariseForClv(book, asOfDay));
  predictions.set(book, { asOfDay, prediction });
  return prediction;
}

/** The orders of the fetched values, or the message of a missing column. */
export function readBook(
  values: Cell[][],
  options: { locale: string; timeZone: string; mapping: ColumnMapping; firstRowNumber: number },
): { book: OrderBook; error: null } | { book: null; error: string } {
  try {
    return { book: readOrders(values, options), error: null };
  } catch (error) {
    if (error instanceof UserError) return { book: null, error: error.message };
    throw error;
  }
}

export function computePreview(
  book: OrderBook | null,
  settings: Settings,
  lang: Lang,
  today: number,
): Preview {
  const ruleIssues = validateSegmentSet(settings.segments, classesOf(settings.scoring), lang);
  let scoringError: string | null = null;
  try {
    validateScoring(settings.scoring, lang);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    scoringError = error.message;
  }
  const asOfError =
    settings.asOf.kind === 'date' && !Number.isFinite(settings.asOf.day) ? say(lang, 'asOf.missing') : null;
  const preview: Preview = {
    analysis: null,
    report: null,
    thresholds: null,
    ruleIssues,
    scoringError,
    asOfError,
    analysisError: null,
    predicted: null,
  };
  if (!book || scoringError || asOfError) return preview;
  try {
    const day = asOfDay(settings.asOf, today) ?? latestOrderDay(book) ?? 0;
    const prediction = settings.predictedValue ? predictionOf(book, day) : null;
    const analysis = analyseBook(book, {
      lang,
      asOfDay: day,
      prediction: prediction ?? undefined,
      scoring: settings.scoring,
      segments: settings.segments,
      predictedValue: settings.predictedValue,
    });
    // A tab whose every row is rejected (not an orders tab) has no customer: nothing to preview,
    // as Apply says.
    if (analysis.metrics.count === 0) return { ...preview, analysisError: t(lang, 'error.noOrders') };
    const predicted = prediction && {
      bySegment: predictedValueBySegment(prediction, analysis.segment, analysis.segmentNames.length),
      problem: clvProblemText(prediction, lang),
    };
    return {
      ...preview,
      analysis,
      report: kpiReport(analysis),
      thresholds: thresholdRows(analysis),
      predicted,
    };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { ...preview, analysisError: error.message };
  }
}

/** Whether the settings have an error that must be fixed before Save or Apply (warnings do not count). */
export function settingsBlocked(preview: Preview): boolean {
  return (
    preview.scoringError !== null ||
    preview.asOfError !== null ||
    preview.ruleIssues.some((issue) => issue.severity !== 'warning')
  );
}
