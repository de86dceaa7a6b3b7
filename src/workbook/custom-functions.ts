/**
 * The custom functions (see src/workbook/README.md, "Custom functions"): RFM_SCORE, SEGMENT,
 * RFM_SEGMENT, and CLV and P_ALIVE (the predicted value, src/core/README.md), written against plain
 * cell values. Whole ranges in, 2-D arrays out; a single customer gives a single value; an unknown
 * customer gives an empty cell; a bad argument throws an Error saying what to fix. They never write.
 */
import { analyse, type Analysis } from '../core/analysis';
import { clvProblemText, DEFAULT_MONTHS, predictForAnalysis, type ClvPrediction } from '../core/clv';
import { dayInZone, isoDay } from '../core/days';
import { t, UserError, type Lang, type Params } from '../core/labels';
import { parseScoreCode, scoreCode } from '../core/scores';
import { segmentOfCode } from '../core/segments';
import {
  compareCustomerIds,
  customerId,
  isEmptyCell,
  localeFormat,
  MONEY_SCALE,
  parseDay,
  parseNumber,
  type Cell,
} from '../core/values';
import { parseHistory, type History } from './history';
import { asOfDay as asOfDayOf, classesOf, type Settings } from './settings-model';
import { issuesText, parseSettings, type SettingsIssue } from './settings-tab';
import { w, type WordKey } from './words';

/** Where a custom function runs: the spreadsheet's locale and time zone, and its settings. */
export interface FunctionContext {
  locale: string;
  timeZone: string;
  lang: Lang;
  /** Today's day number in the spreadsheet's time zone. */
  today: number;
  /** The settings tab's settings (or the defaults), or the issues that make it unreadable. */
  settings: () => { settings: Settings } | { settings: null; issues: SettingsIssue[] };
  /** The snapshots of earlier runs, from the history tab. */
  history: () => History;
}

type Argument = Cell | Cell[][];
const PARTS = ['code', 'total', 'r', 'f', 'm', 'all'] as const;
type Part = (typeof PARTS)[number];
/** Where each part stands in a customer's row: R, F, M, code, total. */
const PART_COLUMN: Record<Exclude<Part, 'all'>, number> = { r: 0, f: 1, m: 2, code: 3, total: 4 };

/** A bad argument: an Error saying what to fix, in the user's language. */
function fail(lang: Lang, key: WordKey, params: Params = {}): never {
  throw new Error(w(lang, key, params));
}

function isRange(value: Argument): value is Cell[][] {
  return Array.isArray(value);
}

function isMissing(value: Argument | undefined): boolean {
  return value === undefined || (!isRange(value) && isEmptyCell(value));
}

/** The settings in force: an optional settings range argument wins over the settings tab. */
function settingsFor(context: FunctionContext, settingsRange: Argument | undefined): Settings {
  const read = isRange(settingsRange ?? '')
    ? parseSettings(settingsRange as Cell[][], context.lang, context.locale, dayInZone(context.timeZone))
    : context.settings();
  if (read.settings) return read.settings;
  const issues = issuesText(read.issues);
  return fail(context.lang, 'function.badSettings', { issues });
}

function analyseOrders(
  context: FunctionContext,
  orders: Argument,
  asOf: Argument | undefined,
  settings: Settings,
): Analysis {
  const { lang } = context;
  if (!isRange(orders) || orders.length < 2 || orders[0].length < 2) {
    fail(lang, 'function.noOrders');
  }
  let asOfDay: number | null;
  if (isMissing(asOf)) {
    asOfDay = asOfDayOf(settings.asOf, context.today);
  } else {
    asOfDay = isRange(asOf!)
      ? null
      : parseDay(asOf as Cell, localeFormat(context.locale), dayInZone(context.timeZone));
    if (asOfDay === null) {
      fail(lang, 'function.badAsOf');
    }
  }
  try {
    return analyse(orders as Cell[][], {
      locale: context.locale,
      timeZone: context.timeZone,
      lang,
      mapping: settings.mapping,
      asOfDay,
      scoring: settings.scoring,
      segments: settings.segments,
      predictedValue: settings.predictedValue,
    });
  } catch (error) {
    if (error instanceof UserError) throw new Error(error.message);
    throw error;
  }
}

/**
 * Looks up each given customer (a cell or a column): `width` values from `valueOf` for a scored
 * customer, as many empty cells for an unknown customer or an empty cell.
 */
function perCustomer(
  analysis: Analysis,
  customers: Argument,
  width: number,
  valueOf: (index: number) => Cell[],
): Cell | Cell[][] {
  const index = new Map(analysis.metrics.ids.map((id, i) => [id, i]));
  const lookup = (cell: Cell): Cell[] => {
    const i = isEmptyCell(cell) ? undefined : index.get(customerId(cell, analysis.book.dayOf));
    return i === undefined ? Array<Cell>(width).fill('') : valueOf(i);
  };
  if (!isRange(customers)) {
    const row = lookup(customers);
    return width === 1 ? row[0] : [row];
  }
  return customers.map((row) => lookup(row[0]));
}

/** Customer indexes sorted by customer id. */
function sortedCustomers(analysis: Analysis): number[] {
  const { ids } = analysis.metrics;
  return Array.from(ids.keys()).sort((a, b) => compareCustomerIds(ids[a], ids[b]));
}

/** `RFM_SCORE(orders; [customers]; [as_of]; [part]; [settings])`. */
export function rfmScore(
  context: FunctionContext,
  orders: Argument,
  customers?: Argument,
  asOf?: Argument,
  part?: Argument,
  settingsRange?: Argument,
): Cell | Cell[][] {
  const { lang } = context;
  const partName = isMissing(part) ? 'code' : String(part).trim().toLowerCase();
  if (!PARTS.includes(partName as Part)) {
    fail(lang, 'function.badPart', { part: String(part) });
  }
  const settings = settingsFor(context, settingsRange);
  const analysis = analyseOrders(context, orders, asOf, settings);
  const { scores, metrics } = analysis;
  // "all" adds P(alive) and the predicted value over 12 months, empty when they cannot be given.
  const prediction = partName === 'all' && settings.predictedValue ? predictForAnalysis(analysis) : null;
  const all = (i: number): Cell[] => [
    scores.r[i],
    scores.f[i],
    scores.m[i],
    scoreCode(scores.r[i], scores.f[i], scores.m[i]),
    scores.r[i] + scores.f[i] + scores.m[i],
    ...(partName === 'all' ? predictionCells(prediction, i) : []),
  ];
  if (isMissing(customers)) {
    const header = [w(lang, 'head.customer'), 'R', 'F', 'M', 'Code', 'Total'];
    if (partName === 'all') header.push(...predictionHeads(lang));
    return [header, ...sortedCustomers(analysis).map((i) => [metrics.ids[i], ...all(i)])];
  }
  const columns =
    partName === 'all' ? [0, 1, 2, 3, 4, 5, 6] : [PART_COLUMN[partName as Exclude<Part, 'all'>]];
  return perCustomer(analysis, customers!, columns.length, (i) => {
    const values = all(i);
    return columns.map((column) => values[column]);
  });
}

/** The heads of P(alive) and of the predicted value over the default horizon. */
function predictionHeads(lang: Lang, months = DEFAULT_MONTHS): string[] {
  return [t(lang, 'head.probabilityAlive'), t(lang, 'head.predictedValue', { months })];
}

/** A customer's P(alive) (0 to 1) and predicted value (currency units); empty cells when not given. */
function predictionCells(prediction: ClvPrediction | null, i: number): Cell[] {
  return [
    prediction?.probabilityAlive?.[i] ?? '',
    prediction?.predictedValue ? prediction.predictedValue[i] / MONEY_SCALE : '',
  ];
}

/**
 * The predictions of the order rows, or an error in words: the predicted value is off in the
 * settings, the horizon is not a number of months, or a model cannot be trusted on these orders.
 */
function predictionOf(
  context: FunctionContext,
  orders: Argument,
  asOf: Argument | undefined,
  settingsRange: Argument | undefined,
  months: Argument | undefined,
  wanted: 'probabilityAlive' | 'predictedValue',
): { analysis: Analysis; values: Float64Array; months: number } {
  const settings = settingsFor(context, settingsRange);
  if (!settings.predictedValue) throw new Error(t(context.lang, 'clv.off'));
  const horizon = isMissing(months)
    ? DEFAULT_MONTHS
    : isRange(months!)
      ? NaN
      : (parseNumber(months as Cell, localeFormat(context.locale)) ?? NaN);
  const analysis = analyseOrders(context, orders, asOf, settings);
  const prediction = predictForAnalysis(analysis, { months: horizon });
  const values = prediction[wanted];
  if (values === null) throw new Error(clvProblemText(prediction, context.lang) ?? '');
  return { analysis, values, months: horizon };
}

/**
 * `CLV(orders; [customers]; [months]; [as_of]; [settings])`: each customer's predicted value over
 * the next `months` months (12 by default), in the currency of the orders (src/core/README.md, "Predicted value").
 */
export function clv(
  context: FunctionContext,
  orders: Argument,
  customers?: Argument,
  months?: Argument,
  asOf?: Argument,
  settingsRange?: Argument,
): Cell | Cell[][] {
  const found = predictionOf(context, orders, asOf, settingsRange, months, 'predictedValue');
  const head = t(context.lang, 'head.predictedValue', { months: found.months });
  return predictionTable(context, found, customers, head, (value) => value / MONEY_SCALE);
}

/**
 * `P_ALIVE(orders; [customers]; [as_of]; [settings])`: the probability (0 to 1) that each customer
 * is still a customer at the analysis date (src/core/README.md, "Predicted value").
 */
export function pAlive(
  context: FunctionContext,
  orders: Argument,
  customers?: Argument,
  asOf?: Argument,
  settingsRange?: Argument,
): Cell | Cell[][] {
  const found = predictionOf(context, orders, asOf, settingsRange, undefined, 'probabilityAlive');
  return predictionTable(context, found, customers, t(context.lang, 'head.probabilityAlive'), (p) => p);
}

/** Header + one row per customer without customers; else one value per given customer. */
function predictionTable(
  context: FunctionContext,
  { analysis, values }: { analysis: Analysis; values: Float64Array },
  customers: Argument | undefined,
  head: string,
  cellOf: (value: number) => number,
): Cell | Cell[][] {
  if (isMissing(customers)) {
    const rows = sortedCustomers(analysis).map((i) => [analysis.metrics.ids[i], cellOf(values[i])]);
    return [[w(context.lang, 'head.customer'), head], ...rows];
  }
  return perCustomer(analysis, customers!, 1, (i) => [cellOf(values[i])]);
}

/**
 * `SEGMENT(orders; [customers]; [as_of]; [settings])` and `SEGMENT(code)`: a single cell or a
 * one-column range is read as score codes, a wider range as order rows.
 */
export function segment(
  context: FunctionContext,
  ordersOrCode: Argument,
  customers?: Argument,
  asOf?: Argument,
  settingsRange?: Argument,
): Cell | Cell[][] {
  const settings = settingsFor(context, settingsRange);
  if (!isRange(ordersOrCode) || ordersOrCode.every((row) => row.length === 1)) {
    return segmentOfCodes(context, settings, ordersOrCode);
  }
  const analysis = analyseOrders(context, ordersOrCode, asOf, settings);
  const name = (i: number) => analysis.segmentNames[analysis.segment[i]];
  if (isMissing(customers)) {
    const header = [w(context.lang, 'head.customer'), w(context.lang, 'head.segment')];
    return [header, ...sortedCustomers(analysis).map((i) => [analysis.metrics.ids[i], name(i)])];
  }
  return perCustomer(analysis, customers!, 1, (i) => [name(i)]);
}

function segmentOfCodes(context: FunctionContext, settings: Settings, codes: Argument): Cell | Cell[][] {
  const { lang } = context;
  const classes = classesOf(settings.scoring);
  const one = (cell: Cell): string => {
    if (isEmptyCell(cell)) return '';
    const scores = parseScoreCode(customerId(cell));
    if (!scores) {
      fail(lang, 'function.badCode', { code: String(cell) });
    }
    const found = segmentOfCode(scores[0], scores[1], scores[2], classes, settings.segments, lang);
    if ('error' in found) throw new Error(found.error);
    return found.name;
  };
  return isRange(codes) ? codes.map((row) => [one(row[0])]) : one(codes);
}

/**
 * `SEGMENT_HISTORY(customer; [history])`: the customer's segment and code at each stored run,
 * by analysis date, under a header; empty when the customer was never scored. The optional history
 * range (the history tab) makes the cell recalculate after each run.
 */
export function segmentHistory(
  context: FunctionContext,
  customer: Argument,
  historyRange?: Argument,
): Cell[][] {
  const { lang } = context;
  if (isRange(customer) || isEmptyCell(customer)) {
    fail(lang, 'function.oneCustomer');
  }
  const id = customerId(customer as Cell, dayInZone(context.timeZone));
  const history = isRange(historyRange ?? '') ? parseHistory(historyRange as Cell[][]) : context.history();
  const byDate = [...history].sort((a, b) => a.asOfDay - b.asOfDay);
  const rows: Cell[][] = byDate.flatMap((snapshot) => {
    const index = snapshot.customers.indexOf(id);
    return index < 0 ? [] : [[isoDay(snapshot.asOfDay), snapshot.segments[index], snapshot.codes[index]]];
  });
  const header = [w(lang, 'function.historyDate'), w(lang, 'head.segment'), w(lang, 'function.historyCode')];
  return rows.length === 0 ? [['']] : [header, ...rows];
}
