/**
 * The live preview, computed in the page by src/core over orders read once: the segments'
 * customers and revenue, the thresholds in force, and every message on the settings. Pure: no DOM.
 */
import { analyseBook, type Analysis } from '../core/analysis';
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
  };
  if (!book || scoringError || asOfError) return preview;
  try {
    const analysis = analyseBook(book, {
      lang,
      asOfDay: asOfDay(settings.asOf, today),
      scoring: settings.scoring,
      segments: settings.segments,
    });
    // A tab whose every row is rejected (not an orders tab) has no customer: nothing to preview,
    // as Apply says.
    if (analysis.metrics.count === 0) return { ...preview, analysisError: t(lang, 'error.noOrders') };
    return { ...preview, analysis, report: kpiReport(analysis), thresholds: thresholdRows(analysis) };
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
