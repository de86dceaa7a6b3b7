/**
 * The `segmento` command line: `segmento scores FILE` prints one CSV row per scored customer.
 */
import { parseArgs } from 'node:util';
import { analyseBook, type Analysis, type AnalysisSettings } from '../core/analysis';
import { MAPPED_ROLES, type ColumnMapping, type MappedRole } from '../core/columns';
import { isoDay } from '../core/days';
import { langOf, t, UserError } from '../core/labels';
import { averageBasket } from '../core/metrics';
import { readOrdersFrom, rejectMessage } from '../core/orders';
import { PRESET_IDS, presetSegments, type PresetId } from '../core/presets';
import { scoreCode } from '../core/scores';
import { customerIdOrder, dayFromText, decimalOfThousandths, localeFormat } from '../core/values';
import { readTable } from './table-file';
import { TextPieces } from './text-pieces';

/** Every command of `segmento`, as `--help` prints them. */
export const USAGE = `Usage:
  segmento scores FILE [--as-of YYYY-MM-DD] [--classes N] [--locale fr_FR|en_US]
                       [--preset classique|score15|simple] [--columns customer=1,date=2,amount=3]
  segmento run ORDERS [--out WORKBOOK.xlsx] [--sheet NAME] [--as-of YYYY-MM-DD]
                      [--preset classique|score15|simple] [--settings FILE] [--locale fr_FR|en_US]
  segmento demo       the same over the shop orders shipped with Segmento, into out/segmento-demo.xlsx
  FILE: CSV (comma, semicolon or tab), whitespace-separated columns, or either gzipped (.gz);
  ORDERS: the same, or an .xlsx workbook.`;

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: Record<string, string | undefined>;
}

/** Runs the command line; returns the exit code. */
export function runCli(argv: string[], io: CliIo): number {
  const locale = defaultLocale(io.env);
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'as-of': { type: 'string' },
        classes: { type: 'string' },
        locale: { type: 'string', default: locale },
        preset: { type: 'string' },
        columns: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    const [command, file] = positionals;
    if (values.help || command !== 'scores' || !file) {
      (values.help ? io.out : io.err)(`${USAGE}\n`);
      return values.help ? 0 : 2;
    }
    const chosenLocale = values.locale ?? locale;
    const lang = langOf(chosenLocale);
    const asOfText = values['as-of'];
    const asOfDay = asOfText === undefined ? null : dayFromText(asOfText, localeFormat(chosenLocale));
    if (asOfDay === null && asOfText !== undefined)
      throw new UserError('error.badAsOf', { value: asOfText }, lang);
    const preset = values.preset;
    if (preset !== undefined && !PRESET_IDS.includes(preset as PresetId)) {
      throw new Error(`--preset: ${PRESET_IDS.join(', ')}`);
    }
    const settings: AnalysisSettings = {
      locale: chosenLocale,
      asOfDay,
      mapping: values.columns === undefined ? undefined : parseMapping(values.columns),
      scoring:
        values.classes === undefined ? undefined : { kind: 'quantile', classes: Number(values.classes) },
      segments: preset === undefined ? undefined : presetSegments(preset as PresetId, lang),
    };
    const analysis = analyseBook(readOrdersFrom(readTable(file), settings), settings);
    writeScoresCsv(analysis, io.out);
    io.err(readingSummary(analysis));
    return 0;
  } catch (error) {
    io.err(`segmento: ${error instanceof Error ? error.message : String(error)}\n`);
    return error instanceof UserError ? 1 : 2;
  }
}

/** `fr_FR` from LANG=fr_FR.UTF-8; en_US otherwise. */
export function defaultLocale(env: CliIo['env']): string {
  const match = /^([a-z]{2}_[A-Z]{2})/.exec(env.LC_ALL || env.LANG || '');
  return match ? match[1] : 'en_US';
}

/** `customer=1,date=2,amount=3` (1-based column numbers) as a column mapping. */
function parseMapping(text: string): ColumnMapping {
  const mapping: ColumnMapping = { hasHeader: true };
  for (const pair of text.split(',')) {
    const [role, column] = pair.split('=');
    if (!MAPPED_ROLES.includes(role as MappedRole) || !/^\d+$/.test(column)) {
      throw new Error(`--columns: role=number pairs such as customer=1,date=2,amount=3 (got "${pair}")`);
    }
    mapping[role as MappedRole] = Number(column) - 1;
  }
  return mapping;
}

const CSV_HEADER =
  'customer,recency_days,frequency,monetary,r,f,m,code,total,segment,average_basket,first_purchase,last_purchase';

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV row per scored customer, sorted by customer. */
export function scoresCsv(analysis: Analysis): string {
  const parts: string[] = [];
  writeScoresCsv(analysis, (text) => parts.push(text));
  return parts.join('');
}

/** `scoresCsv`, handed to `out` in pieces of about a megabyte. */
export function writeScoresCsv(
  { metrics, scores, segment, segmentNames }: Analysis,
  out: (text: string) => void,
): void {
  const names = segmentNames.map(csvField);
  // R, F, M, code and total of each score triple, and the ISO text of each day, made once.
  const tripleTexts = new Map<number, string>();
  const dayTexts = new Map<number, string>();
  const csv = new TextPieces(out);
  const comma = 44;
  csv.text(`${CSV_HEADER}\n`);
  for (const i of customerIdOrder(metrics.ids)) {
    const r = scores.r[i];
    const f = scores.f[i];
    const m = scores.m[i];
    const triple = (r * 16 + f) * 16 + m;
    let tripleText = tripleTexts.get(triple);
    if (tripleText === undefined)
      tripleTexts.set(triple, (tripleText = `${r},${f},${m},${scoreCode(r, f, m)},${r + f + m}`));
    csv.text(csvField(metrics.ids[i]));
    csv.ascii(comma);
    csv.integer(metrics.recencyDays[i]);
    csv.ascii(comma);
    csv.integer(metrics.frequency[i]);
    csv.ascii(comma);
    csv.text(decimalOfThousandths(metrics.monetary[i]));
    csv.ascii(comma);
    csv.text(tripleText);
    csv.ascii(comma);
    csv.text(names[segment[i]]);
    csv.ascii(comma);
    csv.text(decimalOfThousandths(averageBasket(metrics, i)));
    for (const day of [metrics.firstPurchase[i], metrics.lastPurchase[i]]) {
      let dayText = dayTexts.get(day);
      if (dayText === undefined) dayTexts.set(day, (dayText = isoDay(day)));
      csv.ascii(comma);
      csv.text(dayText);
    }
    csv.ascii(10);
  }
  csv.flush();
}

/** What was read, used and rejected, with the count per reason. */
export function readingSummary({ book, metrics, lang }: Analysis): string {
  const dataRows = book.source.rowCount - (book.columns.hasHeader ? 1 : 0);
  const byReason = new Map<string, number>();
  for (const reject of book.rejected) {
    const reason = rejectMessage({ ...reject, value: '…', owner: '…' }, lang);
    byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
  }
  const lines = [
    t(lang, 'summary.rows', {
      rows: dataRows,
      used: book.lineCount,
      rejected: book.rejected.length,
      empty: book.emptyRows,
    }),
    ...[...byReason].map(([reason, count]) => `  ${count} × ${reason}`),
    t(lang, 'summary.scored', {
      customers: metrics.count,
      asOf: isoDay(metrics.asOfDay),
      later: metrics.ordersAfterAsOf,
      refundOnly: metrics.refundOnlyCustomers,
    }),
  ];
  return `${lines.join('\n')}\n`;
}
