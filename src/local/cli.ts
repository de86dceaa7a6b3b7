/**
 * The `segmento` command line: the commands, their options and the checks of their values (one
 * place for every command), and `segmento scores FILE`, which prints one CSV row per scored
 * customer.
 */
import { parseArgs } from 'node:util';
import { analyseBook, type Analysis, type AnalysisSettings } from '../core/analysis';
import { predictCustomerValue } from '../core/clv';
import { holdoutComparison } from '../core/clv-holdout';
import { summariseForClv } from '../core/clv-summary';
import { MAPPED_ROLES, type ColumnMapping } from '../core/columns';
import { dateOutliers, dateOutliersMessage } from '../core/date-outliers';
import { isoDay } from '../core/days';
import { langOf, t, type Lang } from '../core/labels';
import { averageBasket } from '../core/metrics';
import { dateOrderMessage, rejectMessage, type OrderBook, type RejectedRow } from '../core/orders';
import { PRESET_IDS, presetLabel, presetSegments, type PresetId } from '../core/presets';
import { scoreCode } from '../core/scores';
import { customerIdOrder, dayFromText, localeFormat } from '../core/values';
import { DIALECTS, type SqlDialectName } from '../warehouse/dialects';
import { SQL_ROLES, type SqlColumnNames } from '../warehouse/orders-table';
import { CliError, cliText, EXIT_CODES, failureText, type FailureContext } from './messages';
import { clvDiagnostics, holdoutTable, writeClvCsv } from './clv-output';
import { csvField } from './csv-field';
import { checkOrders } from './input-checks';
import { readOrdersOfTable } from './plain-orders';
import { readTable, type TextTable } from './table-file';
import { TextPieces, utf8Text } from './text-pieces';

/** The usage text of every command, with the exit codes, in a language. */
export function usage(lang: Lang): string {
  return `${cliText(lang, 'usage.text')}\n${cliText(lang, 'exit.codes')}\n`;
}

/** Every command of `segmento`, as `--help` prints them (in English). */
export const USAGE = usage('en').trimEnd();

type OptionSpec = { type: 'string' | 'boolean'; example?: string };
const STRING = (example: string): OptionSpec => ({ type: 'string', example });
const HELP: OptionSpec = { type: 'boolean' };
const WORKBOOK_OPTIONS: Record<string, OptionSpec> = {
  out: STRING('segments.xlsx'),
  sheet: STRING('Commandes'),
  'as-of': STRING('2024-06-30'),
  preset: STRING('classique'),
  settings: STRING('reglages.csv'),
  locale: STRING('fr_FR'),
  'time-zone': STRING('Europe/Paris'),
  columns: STRING('customer=1,date=2,amount=3'),
  help: HELP,
};

/** The commands, their options and how many file arguments each takes. */
const COMMANDS: Record<string, { options: Record<string, OptionSpec>; files: [number, number] }> = {
  scores: {
    options: {
      'as-of': STRING('2024-06-30'),
      classes: STRING('5'),
      locale: STRING('fr_FR'),
      preset: STRING('classique'),
      columns: STRING('customer=1,date=2,amount=3'),
      raw: { type: 'boolean' },
      help: HELP,
    },
    files: [1, 1],
  },
  clv: {
    options: {
      'as-of': STRING('1997-09-30'),
      months: STRING('12'),
      discount: STRING('0.01'),
      'holdout-end': STRING('1998-06-30'),
      locale: STRING('fr_FR'),
      columns: STRING('customer=1,date=2,amount=3'),
      raw: { type: 'boolean' },
      help: HELP,
    },
    files: [1, 1],
  },
  sql: {
    options: {
      dialect: STRING('bigquery'),
      table: STRING('project.dataset.orders'),
      settings: STRING('reglages.csv'),
      columns: STRING('customer=customer_id,date=order_date,amount=amount'),
      'as-of': STRING('2024-06-30'),
      preset: STRING('classique'),
      classes: STRING('5'),
      locale: STRING('fr_FR'),
      run: STRING('commandes.csv'),
      raw: { type: 'boolean' },
      help: HELP,
    },
    files: [0, 0],
  },
  run: { options: WORKBOOK_OPTIONS, files: [1, 1] },
  demo: { options: WORKBOOK_OPTIONS, files: [0, 0] },
  'generate-demo': { options: { help: HELP }, files: [0, 1] },
};

/** A command line read and checked: its command, file, option values and language. */
export interface CommandLine {
  command: string;
  file: string | undefined;
  values: Record<string, string | boolean | undefined>;
  locale: string;
  lang: Lang;
  help: boolean;
  asOfDay: number | null;
  preset: PresetId | undefined;
  mapping: ColumnMapping | undefined;
  classes: number | undefined;
  /** `clv`: the horizon in months (`--months`), the monthly discount rate and the holdout's end. */
  months: number | undefined;
  discount: number | undefined;
  holdoutEndDay: number | null;
  /** `sql`: the dialect, the table path (one part per name) and the columns named (without `--run`). */
  dialect: SqlDialectName;
  table: string[] | undefined;
  columnNames: SqlColumnNames | undefined;
}

/** Whether a time zone is one the platform knows (`Europe/Paris`). */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Edit distance, to suggest the option or command nearest to a misspelt one. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length];
}

/** The candidate nearest to a misspelt word (at most 2 edits, or one starting with it), or null. */
export function nearest(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const edits = distance(word, candidate);
    if (edits < bestDistance || (best === null && word.length >= 2 && candidate.startsWith(word))) {
      best = candidate;
      bestDistance = Math.min(edits, bestDistance);
    }
  }
  return best;
}

/** A locale as `--locale` takes it: `fr_FR`, `en-US`, `fr`. */
const LOCALE_FORM = /^[a-z]{2}([_-][A-Za-z]{2})?$/;

/**
 * The language of a command line's messages: its `--locale` when it has a well-formed one (even on
 * a line that turns out to be wrong, so that the error is said in it), else the default locale's.
 */
export function languageOfArguments(argv: string[], defaultLocaleName: string): Lang {
  const localeIndex = argv.indexOf('--locale');
  const localeArg =
    localeIndex >= 0 ? argv[localeIndex + 1] : argv.find((arg) => arg.startsWith('--locale='))?.slice(9);
  return langOf(localeArg !== undefined && LOCALE_FORM.test(localeArg) ? localeArg : defaultLocaleName);
}

/**
 * Reads and checks a command line, for every command alike: the command, its options (an unknown
 * one is an error that suggests the nearest), its file arguments (a missing or extra one is an
 * error), and the values of the options that take a date, a number, a preset, a locale, columns or
 * a workbook. Throws a `CliError` of kind `usage`.
 */
export function parseCommandLine(argv: string[], defaultLocaleName: string): CommandLine {
  const wantsHelp = argv.includes('--help') || argv.includes('-h') || argv[0] === 'help';
  let lang = languageOfArguments(argv, defaultLocaleName);
  const commands = Object.keys(COMMANDS);
  const [command, ...rest] = argv;
  const base = {
    file: undefined,
    values: {},
    locale: defaultLocaleName,
    asOfDay: null,
    preset: undefined,
    mapping: undefined,
    classes: undefined,
    months: undefined,
    discount: undefined,
    holdoutEndDay: null,
    dialect: 'bigquery' as const,
    table: undefined,
    columnNames: undefined,
  };
  if (
    wantsHelp &&
    (command === undefined || command === 'help' || command.startsWith('-') || !(command in COMMANDS))
  )
    return { ...base, command: 'help', lang, help: true };
  if (command === undefined)
    throw new CliError('usage', 'usage.noCommand', { commands: commands.join(', ') });
  const spec = COMMANDS[command];
  if (spec === undefined) {
    const suggestion = nearest(command, commands);
    throw new CliError('usage', 'usage.unknownCommand', {
      command,
      commands: commands.join(', '),
      hint: suggestion ? cliText(lang, 'usage.didYouMean', { suggestion }) : '',
    });
  }
  const optionNames = Object.keys(spec.options).map((name) => `--${name}`);
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: Object.fromEntries(
        Object.entries(spec.options).map(([name, option]) => [
          name,
          name === 'help' ? { type: 'boolean' as const, short: 'h' } : { type: option.type },
        ]),
      ),
    });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    const option = /'(-[^' ]*)/.exec(message)?.[1] ?? '';
    const name = option.replace(/^-+/, '').split('=')[0];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const suggestion = nearest(`--${name}`, optionNames);
      throw new CliError('usage', 'usage.unknownOption', {
        option,
        command,
        hint: suggestion
          ? cliText(lang, 'usage.didYouMean', { suggestion })
          : cliText(lang, 'usage.options', { options: optionNames.join(', ') }),
      });
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const optionSpec = spec.options[name];
      if (optionSpec?.type === 'boolean')
        throw new CliError('usage', 'usage.noValue', { option: `--${name}` });
      throw new CliError('usage', 'usage.missingValue', {
        option: `--${name}`,
        example: optionSpec?.example ?? '',
      });
    }
    throw error;
  }
  const { values, positionals } = parsed;
  const locale = typeof values.locale === 'string' ? values.locale : defaultLocaleName;
  if (!LOCALE_FORM.test(locale)) throw new CliError('usage', 'usage.badLocale', { value: locale });
  lang = langOf(locale);
  const help = values.help === true;
  const [minFiles, maxFiles] = spec.files;
  if (!help && positionals.length < minFiles) throw new CliError('usage', 'usage.missingFile', { command });
  if (positionals.length > maxFiles)
    throw new CliError('usage', 'usage.extraArguments', {
      command,
      arguments: positionals.slice(maxFiles).join(' '),
    });
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const asOfText = text('as-of');
  const asOfDay = asOfText === undefined ? null : dayFromText(asOfText, localeFormat(locale));
  if (asOfText !== undefined && asOfDay === null)
    throw new CliError('usage', 'usage.badDate', { value: asOfText });
  const classesText = text('classes');
  if (classesText !== undefined && !/^(?:[3-9]|10)$/.test(classesText.trim()))
    throw new CliError('usage', 'usage.badClasses', { value: classesText });
  const preset = text('preset');
  if (preset !== undefined && !PRESET_IDS.includes(preset as PresetId)) {
    const presets = PRESET_IDS.map((id) => `${id} (${presetLabel(id, lang)})`).join(', ');
    throw new CliError('usage', 'usage.badPreset', { value: preset, presets });
  }
  const out = text('out');
  if (out !== undefined && !/\.xlsx$/i.test(out))
    throw new CliError('usage', 'usage.outNotXlsx', {
      value: out,
      example: `${out.replace(/\.[^./]*$/, '')}.xlsx`,
    });
  const timeZone = text('time-zone');
  if (timeZone !== undefined && !isTimeZone(timeZone))
    throw new CliError('usage', 'usage.badTimeZone', { value: timeZone });
  if (command === 'scores' && /\.xlsx$/i.test(positionals[0] ?? ''))
    throw new CliError('usage', 'usage.scoresXlsx', { path: positionals[0] });
  if (command === 'clv' && /\.xlsx$/i.test(positionals[0] ?? ''))
    throw new CliError('usage', 'usage.clvXlsx', { path: positionals[0] });
  const months = decimalOption(text('months'));
  if (months !== undefined && !(months > 0 && months <= 1200))
    throw new CliError('usage', 'usage.badMonths', { value: text('months') ?? '' });
  const discount = decimalOption(text('discount'));
  if (discount !== undefined && !(discount >= 0 && discount < 1))
    throw new CliError('usage', 'usage.badDiscount', { value: text('discount') ?? '' });
  const holdoutEndText = text('holdout-end');
  const holdoutEndDay =
    holdoutEndText === undefined ? null : dayFromText(holdoutEndText, localeFormat(locale));
  if (holdoutEndText !== undefined && holdoutEndDay === null)
    throw new CliError('usage', 'usage.badHoldoutEnd', { value: holdoutEndText ?? '' });
  if (holdoutEndDay !== null && (asOfDay === null || holdoutEndDay <= asOfDay))
    throw new CliError('usage', 'usage.holdoutAfterAsOf', { value: holdoutEndText ?? '' });
  const dialect = text('dialect') ?? (text('run') === undefined ? 'bigquery' : 'duckdb');
  if (!Object.hasOwn(DIALECTS, dialect)) throw new CliError('usage', 'usage.badDialect', { value: dialect });
  const tableText = text('table');
  const table = tableText?.split('.');
  if (tableText !== undefined && table!.some((part) => part.trim() === ''))
    throw new CliError('usage', 'usage.badTable', { value: tableText });
  const runFile = text('run');
  if (runFile !== undefined) {
    if (dialect !== 'duckdb') throw new CliError('usage', 'usage.runDialect', { value: dialect });
    if (tableText !== undefined) throw new CliError('usage', 'usage.runTable');
    if (/\.xlsx$/i.test(runFile)) throw new CliError('usage', 'usage.sqlRunXlsx', { path: runFile });
  }
  const columns = text('columns');
  // `sql` names the columns of a table (or of a Parquet file); over a file Segmento reads, as
  // everywhere, it numbers them.
  const namesColumns = command === 'sql' && (runFile === undefined || /\.parquet$/i.test(runFile));
  const columnNames = columns === undefined || !namesColumns ? undefined : parseColumnNames(columns);
  for (const [option, names] of [
    ['table', table ?? []],
    ['columns', Object.values(columnNames ?? {})],
  ] as const)
    for (const name of names)
      if (DIALECTS[dialect as SqlDialectName].identifier(name) === null)
        throw new CliError('usage', 'usage.badSqlName', { option, value: name, dialect });
  return {
    command,
    file: positionals[0],
    values,
    locale,
    lang,
    help,
    asOfDay,
    preset: preset as PresetId | undefined,
    mapping: columns === undefined || namesColumns ? undefined : parseColumns(columns),
    classes: classesText === undefined ? undefined : Number(classesText),
    months,
    discount,
    holdoutEndDay,
    dialect: dialect as SqlDialectName,
    table,
    columnNames,
  };
}

/** An option's decimal number (`12`, `6.5`, `0,01`): undefined when absent, NaN when not a number. */
function decimalOption(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  return /^\s*\d+(?:[.,]\d+)?\s*$/.test(text) ? Number(text.trim().replace(',', '.')) : NaN;
}

export { csvField };

export interface CliIo {
  /** The command's output: a text, or UTF-8 bytes that are its to read during the call only. */
  out: (output: string | Uint8Array) => void;
  err: (text: string) => void;
  env: Record<string, string | undefined>;
}

/** Runs `segmento scores` or `segmento clv` (or prints the usage); returns the exit code. */
export function runCli(argv: string[], io: CliIo): number {
  const locale = defaultLocale(io.env);
  let lang = languageOfArguments(argv, locale);
  const context: FailureContext = {};
  try {
    const line = parseCommandLine(argv, locale);
    lang = line.lang;
    if (line.help) {
      io.out(usage(lang));
      return EXIT_CODES.ok;
    }
    const file = line.file!;
    context.orders = file;
    if (line.command !== 'scores' && line.command !== 'clv') {
      io.err(usage(lang));
      return EXIT_CODES.usage;
    }
    const settings: AnalysisSettings = {
      locale: line.locale,
      asOfDay: line.asOfDay,
      mapping: line.mapping,
      scoring: line.classes === undefined ? undefined : { kind: 'quantile', classes: line.classes },
      segments: line.preset === undefined ? undefined : presetSegments(line.preset, lang),
      attributes: 'named',
    };
    const table = readTable(file);
    const book = readOrdersOfTable(table, settings);
    checkOrders(book, line.asOfDay, file);
    const analysis = analyseBook(book, settings);
    if (line.command === 'clv') {
      io.err(readingSummary(analysis, table, line.locale));
      writeClv(analysis, line, io);
      return EXIT_CODES.ok;
    }
    writeScoresCsv(analysis, io.out, { raw: line.values.raw === true });
    io.err(readingSummary(analysis, table, line.locale));
    return EXIT_CODES.ok;
  } catch (error) {
    const { text, code } = failureText(error, lang, context);
    io.err(text);
    return code;
  }
}

/**
 * `segmento clv`: fits the predicted-value models on the customers scored at the analysis date
 * (the same reading and as-of rules as `scores`), prints their diagnostics (and the holdout table
 * when `--holdout-end` is given) on stderr and one CSV row per customer on stdout.
 */
function writeClv(analysis: Analysis, line: CommandLine, io: CliIo): void {
  const asOfDay = analysis.metrics.asOfDay;
  const summary = summariseForClv(analysis.book, asOfDay, line.holdoutEndDay);
  const prediction = predictCustomerValue(summary, {
    months: line.months,
    monthlyDiscountRate: line.discount,
  });
  io.err(clvDiagnostics(prediction, line.lang));
  if (line.holdoutEndDay !== null) {
    const comparison =
      prediction.purchases?.trusted === true
        ? holdoutComparison(summary, prediction.purchases.parameters)
        : null;
    io.err(holdoutTable(comparison, asOfDay, line.lang));
  }
  writeClvCsv(prediction, io.out, { raw: line.values.raw === true });
}

/** `fr_FR` from LANG=fr_FR.UTF-8; en_US otherwise. */
export function defaultLocale(env: CliIo['env']): string {
  const match = /^([a-z]{2}_[A-Z]{2})/.exec(env.LC_ALL || env.LANG || '');
  return match ? match[1] : 'en_US';
}

/**
 * `role=value,…` pairs: each role one of `roles`, each value one `valid` accepts, else the
 * `CliError` `key` naming the pair.
 */
function columnPairs<R extends string>(
  text: string,
  roles: readonly R[],
  valid: (value: string) => boolean,
  key: 'usage.badColumns' | 'usage.badColumnNames',
): [R, string][] {
  return text.split(',').map((pair) => {
    const [role, value, extra] = pair.split('=');
    if (!roles.includes(role as R) || value === undefined || !valid(value) || extra !== undefined)
      throw new CliError('usage', key, { pair, roles: roles.join(', ') });
    return [role as R, value];
  });
}

/**
 * `customer=1,date=2,amount=3` (column numbers from 1, as a person counts them) as a column
 * mapping (from 0). Whether the first row is a header is still detected.
 */
export function parseColumns(text: string): ColumnMapping {
  const pairs = columnPairs(
    text,
    MAPPED_ROLES,
    (value) => /^\d+$/.test(value) && Number(value) >= 1,
    'usage.badColumns',
  );
  return Object.fromEntries(pairs.map(([role, column]) => [role, Number(column) - 1]));
}

/** `customer=customer_id,date=order_date,…`: the column of each role in an SQL table, by name. */
export function parseColumnNames(text: string): SqlColumnNames {
  return Object.fromEntries(
    columnPairs(text, SQL_ROLES, (value) => value.trim() !== '', 'usage.badColumnNames'),
  );
}

const CSV_HEADER =
  'customer,recency_days,frequency,monetary,r,f,m,code,total,segment,average_basket,first_purchase,last_purchase';

/** One CSV row per scored customer, sorted by customer. */
export function scoresCsv(analysis: Analysis, options: { raw?: boolean } = {}): string {
  const parts: string[] = [];
  writeScoresCsv(analysis, (bytes) => parts.push(utf8Text(bytes)), options);
  return parts.join('');
}

/** `scoresCsv`, handed to `out` as UTF-8 bytes in pieces of about a megabyte (see `TextPieces`). */
export function writeScoresCsv(
  { metrics, scores, segment, segmentNames }: Analysis,
  out: (bytes: Uint8Array) => void,
  { raw = false }: { raw?: boolean } = {},
): void {
  const names = segmentNames.map((name) => csvField(name, raw));
  // R, F, M, code and total of each score triple, and the ISO text of each day, made once, in
  // arrays indexed by triple and by days since the earliest first purchase (V8 holds an array
  // indexed by day numbers as a dictionary, looked up several times slower).
  const tripleTexts: string[] = [];
  let earliest = Infinity;
  let latest = -Infinity;
  for (let i = 0; i < metrics.count; i++) {
    earliest = Math.min(earliest, metrics.firstPurchase[i]);
    latest = Math.max(latest, metrics.lastPurchase[i]);
  }
  const dayTexts = new Array<string | undefined>(Math.max(latest - earliest + 1, 0));
  const csv = new TextPieces(out);
  const comma = 44;
  csv.text(`${CSV_HEADER}\n`);
  const order = customerIdOrder(metrics.ids);
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    const r = scores.r[i];
    const f = scores.f[i];
    const m = scores.m[i];
    const firstPurchase = metrics.firstPurchase[i];
    const lastPurchase = metrics.lastPurchase[i];
    csv.text(csvField(metrics.ids[i], raw));
    csv.ascii(comma);
    csv.integer(metrics.recencyDays[i]);
    csv.ascii(comma);
    csv.integer(metrics.frequency[i]);
    csv.ascii(comma);
    csv.thousandths(metrics.monetary[i]);
    csv.ascii(comma);
    csv.text((tripleTexts[(r * 16 + f) * 16 + m] ??= `${r},${f},${m},${scoreCode(r, f, m)},${r + f + m}`));
    csv.ascii(comma);
    csv.text(names[segment[i]]);
    csv.ascii(comma);
    csv.thousandths(averageBasket(metrics, i));
    csv.ascii(comma);
    csv.text((dayTexts[firstPurchase - earliest] ??= isoDay(firstPurchase)));
    csv.ascii(comma);
    csv.text((dayTexts[lastPurchase - earliest] ??= isoDay(lastPurchase)));
    csv.ascii(10);
  }
  csv.flush();
}

/**
 * What was read, used and rejected, with the count per reason; the columns read from their values
 * (and the `--columns` to pass when that choice is unsure) and the encoding when not UTF-8; then
 * how many customers were scored, as of when.
 */
export function readingSummary(
  { book, metrics, lang }: Analysis,
  table?: TextTable,
  locale = lang === 'fr' ? 'fr_FR' : 'en_US',
): string {
  const scored = cliText(lang, 'summary.scored', {
    customers: metrics.count,
    asOf: isoDay(metrics.asOfDay),
    later: metrics.ordersAfterAsOf,
    refundOnly: metrics.refundOnlyCustomers,
  });
  return `${[...readingLines(book, lang, table, locale), scored].join('\n')}\n`;
}

/** The lines of `readingSummary` on the rows read, before any customer is scored. */
export function readingLines(
  book: OrderBook,
  lang: Lang,
  table: TextTable | undefined,
  locale: string,
): string[] {
  const dataRows = book.source.rowCount - (book.columns.hasHeader ? 1 : 0);
  // Counted by reason, each reason's message made once (135,080 rows are rejected in Online Retail).
  const byReason = new Map<RejectedRow['reason'], number>();
  for (const { reason } of book.rejected) byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
  const lines: string[] = [];
  const outliers = dateOutliers(book);
  if (book.dateOrder !== null) lines.push(dateOrderMessage(book.dateOrder, lang, locale));
  if (table !== undefined && table.encoding !== 'utf-8')
    lines.push(cliText(lang, 'read.encoding', { encoding: table.encoding }));
  const { inferred } = book.columns;
  if (inferred !== undefined) {
    const columns = book.columns;
    const roles = inferred.roles
      .map((role) => `${t(lang, `column.${role}`)} = ${columns[role] + 1}`)
      .join(', ');
    lines.push(cliText(lang, 'read.inferred', { roles }));
    if (!inferred.sure) {
      const pairs = (['customer', 'date', 'amount'] as const)
        .filter((role) => columns[role] >= 0)
        .map((role) => `${role}=${columns[role] + 1}`)
        .join(',');
      lines.push(cliText(lang, 'read.unsure', { columns: pairs }));
    }
  }
  lines.push(
    t(lang, 'summary.rows', {
      rows: dataRows,
      used: book.lineCount,
      rejected: book.rejected.length,
      empty: book.emptyRows,
    }),
    ...[...byReason].map(
      ([reason, count]) => `  ${count} × ${rejectMessage({ row: 0, reason, value: '…', owner: '…' }, lang)}`,
    ),
    ...(outliers === null ? [] : [dateOutliersMessage(outliers, lang)]),
  );
  return lines;
}
