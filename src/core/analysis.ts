/**
 * The whole computation, from order rows to segments: the one path used by the custom functions,
 * the Apply pipeline, the sidebar preview and the command line.
 */
import type { ColumnMapping } from './columns';
import { langOf, type Lang } from './labels';
import { computeMetrics, latestOrderDay, type AttributeColumns, type CustomerMetrics } from './metrics';
import { readOrders, type OrderBook } from './orders';
import { DEFAULT_PRESET, presetSegments } from './presets';
import {
  computeThresholds,
  DEFAULT_SCORING,
  scoreCustomers,
  type Scores,
  type Scoring,
  type Thresholds,
} from './scores';
import { predictCustomerValue, type ClvPrediction } from './clv';
import { summariseForClv } from './clv-summary';
import { assignSegments, ruleAttributes, segmentNames, usesPredictions, type SegmentSet } from './segments';
import type { Cell } from './values';

export interface AnalysisSettings {
  /** Spreadsheet locale (`fr_FR`, `en_US`): reading of text values and the language of labels. */
  locale?: string;
  timeZone?: string;
  mapping?: ColumnMapping;
  firstRowNumber?: number;
  /** Analysis date as a day number; by default the latest order date in the data. */
  asOfDay?: number | null;
  scoring?: Scoring;
  /** Language of labels; by default the locale's. */
  lang?: Lang;
  /** Segment rules; by default the default preset in the user's language. */
  segments?: SegmentSet;
  /**
   * Whether the predicted value may be computed (the settings' « Valeur prévue », on by default):
   * only then do rules on P(alive) or the predicted value hold for anyone.
   */
  predictedValue?: boolean;
  /**
   * The predictions already made for these orders at this analysis date (the sidebar keeps them
   * while rules are edited): used rather than fitted again when a rule needs them.
   */
  prediction?: ClvPrediction;
  /**
   * The extra columns kept as customer attributes: every one that describes customers (the
   * default: the tabs show them), or only those the rules name (`named`: the command line's
   * outputs show none, and a million lines are not read again for them).
   */
  attributes?: AttributeColumns;
}

export interface Analysis {
  lang: Lang;
  book: OrderBook;
  metrics: CustomerMetrics;
  thresholds: Thresholds;
  scores: Scores;
  segmentSet: SegmentSet;
  /** Index into `segmentNames` of each scored customer's segment. */
  segment: Uint16Array;
  segmentNames: string[];
  /**
   * The 12-month predictions when a rule needed them (src/core/README.md, "Predicted value"), so that the tabs and the
   * formulas do not fit the models twice; absent otherwise.
   */
  prediction?: ClvPrediction | null;
}

/** Read, measure, score and segment. Throws a UserError only for a missing column or bad settings. */
export function analyse(rows: Cell[][], settings: AnalysisSettings = {}): Analysis {
  return analyseBook(readOrders(rows, settings), settings);
}

/** The same, from orders already read (re-scoring without re-reading, as the sidebar preview does). */
export function analyseBook(book: OrderBook, settings: AnalysisSettings = {}): Analysis {
  const lang = settings.lang ?? langOf(settings.locale);
  const asOfDay = settings.asOfDay ?? latestOrderDay(book) ?? 0;
  const segmentSet = settings.segments ?? presetSegments(DEFAULT_PRESET, lang);
  const metrics = computeMetrics(book, asOfDay, ruleAttributes(segmentSet), settings.attributes);
  const thresholds = computeThresholds(metrics, settings.scoring ?? DEFAULT_SCORING, lang);
  const scores = scoreCustomers(metrics, thresholds);
  const known = settings.prediction;
  const prediction =
    settings.predictedValue !== false && usesPredictions(segmentSet)
      ? known && known.summary.asOfDay === asOfDay && known.summary.count === metrics.count
        ? known
        : predictCustomerValue(summariseForClv(book, asOfDay))
      : null;
  const segment = assignSegments(metrics, scores, thresholds.classes, segmentSet, prediction);
  return {
    lang,
    book,
    metrics,
    thresholds,
    scores,
    segmentSet,
    segment,
    segmentNames: segmentNames(segmentSet),
    prediction,
  };
}
