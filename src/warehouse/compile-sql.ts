/**
 * An analysis as one SQL query over a typed orders table (issue 16): the same reading, metrics,
 * thresholds, scores and segments as src/core (src/core/README.md), returning the columns of
 * `segmento scores` in its order, for BigQuery (GoogleSQL) or DuckDB (src/warehouse/dialects.ts).
 *
 * Every identifier and value that comes from the settings is quoted by the dialect, so no table
 * name, column name or segment name can change what the query does.
 */
import { normalizeHeader } from '../core/columns';
import { isoDay } from '../core/days';
import type { Lang } from '../core/labels';
import { DEFAULT_SCORING, validateScoring, type Scoring } from '../core/scores';
import {
  readingOnScale,
  ruleAttributes,
  type MetricField,
  type ScoreBounds,
  type SegmentRule,
  type SegmentSet,
} from '../core/segments';
import { MONEY_SCALE } from '../core/values';
import { DIALECTS, type SqlDialect, type SqlDialectName } from './dialects';

/**
 * The orders table and its columns. `table` is the path, one part per element
 * (`['project', 'dataset', 'orders']`). The columns are typed: customer text, order id text (null
 * or empty: a line that is an order of its own), date DATE, amount an exact decimal (NUMERIC /
 * DECIMAL; read to the thousandth, half away from zero). `line` is the source row number: it tells
 * which customer owns an order id that several customers use (the customer of its first line, as
 * src/core reads a sheet); without it, the table does not say which line came first, and an order
 * id used by several customers is left out whole.
 */
export interface SqlOrdersTable {
  table: readonly string[];
  customer: string;
  date: string;
  amount: string;
  orderId?: string;
  line?: string;
  /**
   * The text columns attribute conditions may test, by header (a condition names its column as
   * src/core does: headers compared by `normalizeHeader`). A customer's value is that of its line
   * with the latest order day up to the analysis date, among the non-empty ones; on a tie the last
   * line (`line`), or without `line` the greatest value.
   */
  attributes?: Readonly<Record<string, string>>;
}

export interface SqlSettings {
  dialect: SqlDialectName;
  orders: SqlOrdersTable;
  /** Analysis day (days since 1970-01-01); by default the latest order day in the table. */
  asOfDay?: number | null;
  scoring?: Scoring;
  segments: SegmentSet;
  /** Language of the messages of a refused setting. */
  lang?: Lang;
}

/**
 * A setting the query cannot honour: a condition on the predicted value (it needs the fitted
 * models), a range bound that is not whole, or a name the engine cannot hold.
 */
export class SqlSettingError extends Error {
  constructor(
    readonly setting: { rule: string | null } | { identifier: string },
    lang: Lang,
  ) {
    super(settingMessage(setting, lang));
    this.name = 'SqlSettingError';
  }
}

function settingMessage(setting: SqlSettingError['setting'], lang: Lang): string {
  if ('identifier' in setting)
    return lang === 'fr'
      ? `Le nom ${JSON.stringify(setting.identifier)} ne peut pas nommer une table ou une colonne de ce moteur SQL.`
      : `${JSON.stringify(setting.identifier)} cannot name a table or a column of this SQL engine.`;
  const name = setting.rule === null ? '' : ` « ${setting.rule} »`;
  return lang === 'fr'
    ? `La règle${name} ne peut pas encore s’écrire en SQL : seules les conditions sur la récence, la fréquence, le montant, le panier moyen, l’ancienneté et les colonnes, et des bornes entières, le peuvent.`
    : `The rule${name} cannot be written in SQL yet: only conditions on recency, frequency, monetary, average basket, tenure and columns, and whole bounds, can.`;
}

/** The output columns, those of `segmento scores`, in its order. */
export const SCORE_COLUMNS = [
  'customer',
  'recency_days',
  'frequency',
  'monetary',
  'r',
  'f',
  'm',
  'code',
  'total',
  'segment',
  'average_basket',
  'first_purchase',
  'last_purchase',
] as const;

/** The query of an analysis, in one dialect. Throws a UserError for settings SQL cannot honour. */
export function compileSql(settings: SqlSettings): string {
  const dialect = DIALECTS[settings.dialect];
  const lang = settings.lang ?? 'en';
  const scoring = settings.scoring ?? DEFAULT_SCORING;
  validateScoring(scoring, lang);
  const classes = scoring.kind === 'quantile' ? scoring.classes : scoring.recency.length + 1;
  const { orders } = settings;
  const attributes = usedAttributes(settings.segments, orders).map(([, column]) => column);
  const id = (name: string) => {
    const quoted = dialect.identifier(name);
    if (quoted === null) throw new SqlSettingError({ identifier: name }, lang);
    return quoted;
  };
  const { text, integer, exact } = dialect.types;
  const table = orders.table.map(id).join('.');
  const orderId = orders.orderId === undefined ? null : `NULLIF(CAST(${id(orders.orderId)} AS ${text}), '')`;
  const asOf =
    settings.asOfDay === undefined || settings.asOfDay === null
      ? 'SELECT MAX(order_day) AS as_of FROM orders'
      : `SELECT DATE '${isoDay(settings.asOfDay)}' AS as_of`;
  const groupedOrders =
    orderId === null
      ? 'SELECT customer, order_day, amount FROM lines'
      : [
          'SELECT lines.customer, MIN(lines.order_day) AS order_day, SUM(lines.amount) AS amount',
          '  FROM lines JOIN owners ON lines.order_id = owners.order_id AND lines.customer = owners.owner',
          '  GROUP BY lines.customer, lines.order_id',
          '  UNION ALL',
          '  SELECT customer, order_day, amount FROM lines WHERE order_id IS NULL',
        ].join('\n');
  const ctes = [
    [
      'lines',
      [
        `SELECT CAST(${id(orders.customer)} AS ${text}) AS customer,`,
        `    ${orderId ?? `CAST(NULL AS ${text})`} AS order_id,`,
        `    CAST(${id(orders.date)} AS DATE) AS order_day,`,
        `    CAST(ROUND(CAST(${id(orders.amount)} AS ${exact}) * 1000) AS ${integer}) AS amount,`,
        `    ${orders.line === undefined ? '0' : `CAST(${id(orders.line)} AS ${integer})`} AS line${attributes.map((column, k) => `,\n    CAST(${id(column)} AS ${text}) AS attribute_${k + 1}`).join('')}`,
        `  FROM ${table}`,
        `  WHERE ${id(orders.customer)} IS NOT NULL AND ${id(orders.date)} IS NOT NULL AND ${id(orders.amount)} IS NOT NULL`,
      ].join('\n'),
    ],
    ...(orderId === null
      ? []
      : [
          [
            'owners',
            orders.line === undefined
              ? 'SELECT order_id, MIN(customer) AS owner\n  FROM lines WHERE order_id IS NOT NULL GROUP BY order_id\n  HAVING COUNT(DISTINCT customer) = 1'
              : 'SELECT order_id, MIN_BY(customer, line) AS owner\n  FROM lines WHERE order_id IS NOT NULL GROUP BY order_id',
          ],
        ]),
    ['orders', groupedOrders],
    ['analysis_date', asOf],
    [
      'metrics',
      [
        'SELECT customer,',
        '    SUM(amount) AS monetary_th,',
        '    SUM(CASE WHEN amount >= 0 THEN 1 ELSE 0 END) AS frequency,',
        '    SUM(CASE WHEN amount >= 0 THEN amount ELSE 0 END) AS purchase_th,',
        '    MIN(CASE WHEN amount >= 0 THEN order_day END) AS first_purchase,',
        '    MAX(CASE WHEN amount >= 0 THEN order_day END) AS last_purchase,',
        '    MIN(analysis_date.as_of) AS as_of',
        '  FROM orders CROSS JOIN analysis_date',
        '  WHERE orders.order_day <= analysis_date.as_of',
        '  GROUP BY customer',
        '  HAVING SUM(CASE WHEN amount >= 0 THEN 1 ELSE 0 END) > 0',
      ].join('\n'),
    ],
    [
      'measured',
      [
        'SELECT customer, monetary_th, frequency, purchase_th, first_purchase, last_purchase,',
        `    ${dialect.daysBetween('last_purchase', 'as_of')} AS recency_days,`,
        `    ${dialect.daysBetween('first_purchase', 'as_of')} AS tenure_days,`,
        `    ${dialect.divide('2 * purchase_th + frequency', '2 * frequency')} AS basket_th`,
        '  FROM metrics',
      ].join('\n'),
    ],
    ...attributeCtes(attributes.length, orders, dialect),
    ['thresholds', thresholdsQuery(scoring, classes, dialect)],
    ['scored', scoredQuery(classes, attributes.length)],
    ['segmented', segmentedQuery(settings.segments, classes, dialect, lang, orders)],
  ];
  const whole = dialect.allDigits('customer');
  return [
    `WITH ${ctes.map(([name, query]) => `${name} AS (\n  ${query}\n)`).join(',\n')}`,
    'SELECT customer, recency_days, frequency,',
    `  ${dialect.moneyOfThousandths('monetary_th')} AS monetary,`,
    `  r, f, m,`,
    `  CASE WHEN r > 9 OR f > 9 OR m > 9`,
    `    THEN CONCAT(CAST(r AS ${text}), '-', CAST(f AS ${text}), '-', CAST(m AS ${text}))`,
    `    ELSE CONCAT(CAST(r AS ${text}), CAST(f AS ${text}), CAST(m AS ${text})) END AS code,`,
    '  r + f + m AS total, segment,',
    `  ${dialect.moneyOfThousandths('basket_th')} AS average_basket,`,
    '  first_purchase, last_purchase',
    'FROM segmented',
    `ORDER BY CASE WHEN ${whole} THEN 0 ELSE 1 END, CASE WHEN ${whole} THEN LENGTH(customer) ELSE 0 END, customer`,
  ].join('\n');
}

/** A number as a floating-point literal that reads back as the same double. */
function floatLiteral(value: number, dialect: SqlDialect): string {
  return dialect.float(value);
}

const AXIS_COLUMNS = { recency: 'recency_days', frequency: 'frequency', monetary: 'monetary_th' } as const;

/** One row: r1 … r(B−1), f…, m… — PERCENTILE_CONT of the k/B fractions, or the fixed thresholds. */
function thresholdsQuery(scoring: Scoring, classes: number, dialect: SqlDialect): string {
  const columns: string[] = [];
  for (const [axis, column] of Object.entries(AXIS_COLUMNS) as [keyof typeof AXIS_COLUMNS, string][]) {
    for (let k = 1; k < classes; k++) {
      const name = `${axis[0]}${k}`;
      if (scoring.kind === 'quantile') {
        const value = `CAST(${column} AS ${dialect.types.float})`;
        // GoogleSQL takes only a literal here: k/B written plainly (at most 17 digits, read back exactly).
        columns.push(`${dialect.percentile(value, String(k / classes))} AS ${name}`);
      } else {
        const typed = scoring[axis][k - 1];
        const threshold = axis === 'monetary' ? Math.round(typed * MONEY_SCALE) : typed;
        columns.push(`${floatLiteral(threshold, dialect)} AS ${name}`);
      }
    }
  }
  const from = scoring.kind === 'quantile' ? '\n  FROM measured' : '';
  return `SELECT ${columns.join(',\n    ')}${from}${scoring.kind === 'quantile' ? dialect.percentileTail : ''}`;
}

/** R, F and M: 1 + the thresholds strictly beaten (recency: strictly above the days). */
function scoredQuery(classes: number, attributeCount: number): string {
  const beaten = (axis: string, test: (threshold: string) => string) =>
    `1 + ${Array.from({ length: classes - 1 }, (_, k) => `CASE WHEN ${test(`thresholds.${axis}${k + 1}`)} THEN 1 ELSE 0 END`).join(' + ')}`;
  const values = Array.from(
    { length: attributeCount },
    (_, k) => `,\n    COALESCE(attribute_value_${k + 1}.value, '') AS attribute_${k + 1}`,
  );
  const joins = Array.from(
    { length: attributeCount },
    (_, k) =>
      `\n  LEFT JOIN attribute_value_${k + 1} ON attribute_value_${k + 1}.customer = measured.customer`,
  );
  return [
    `SELECT measured.*${values.join('')},`,
    `    ${beaten('r', (t) => `${t} > measured.recency_days`)} AS r,`,
    `    ${beaten('f', (t) => `${t} < measured.frequency`)} AS f,`,
    `    ${beaten('m', (t) => `${t} < measured.monetary_th`)} AS m`,
    `  FROM measured CROSS JOIN thresholds${joins.join('')}`,
  ].join('\n');
}

/** A score read on the rules' scale (`readingOnScale`), as SQL. */
function readingSql(score: string, classes: number, scale: number): string {
  if (classes === scale) return score;
  const cases = Array.from(
    { length: classes },
    (_, i) => `WHEN ${i + 1} THEN ${readingOnScale(i + 1, classes, scale)}`,
  );
  return `CASE ${score} ${cases.join(' ')} END`;
}

/** The metrics a condition may test, as src/core computes them (in doubles, money in currency units). */
const METRIC_SQL: Partial<Record<MetricField, (float: string) => string>> = {
  recency: (float) => `CAST(recency_days AS ${float})`,
  frequency: (float) => `CAST(frequency AS ${float})`,
  monetary: (float) => `CAST(monetary_th AS ${float}) / ${MONEY_SCALE}`,
  averageBasket: (float) => `CAST(purchase_th AS ${float}) / frequency / ${MONEY_SCALE}`,
  tenure: (float) => `CAST(tenure_days AS ${float})`,
};

const OPERATORS = { '<': '<', '<=': '<=', '>': '>', '>=': '>=', '=': '=', '!=': '<>' } as const;

/** Whether a rule matches: its ranges on the readings, the total on their sum, its metric conditions. */
function ruleSql(
  rule: SegmentRule,
  dialect: SqlDialect,
  lang: Lang,
  orders: SqlOrdersTable,
  set: SegmentSet,
): string {
  const tests: string[] = [];
  const range = (value: string, bounds: ScoreBounds | undefined) => {
    if (bounds) tests.push(`${value} BETWEEN ${Math.trunc(bounds.min)} AND ${Math.trunc(bounds.max)}`);
  };
  range('r_read', rule.r);
  range('f_read', rule.f);
  range('m_read', rule.m);
  range('r_read + f_read + m_read', rule.total);
  for (const condition of rule.conditions ?? []) {
    if ('attribute' in condition) {
      const k = attributeIndex(condition.attribute, usedAttributes(set, orders));
      const value = k < 0 ? "''" : `LOWER(${dialect.trimmed(`attribute_${k + 1}`)})`;
      const target = dialect.text(condition.value.trim().toLowerCase());
      tests.push(
        condition.op === 'contains'
          ? `STRPOS(${value}, ${target}) > 0`
          : `${value} ${condition.op === '=' ? '=' : '<>'} ${target}`,
      );
      continue;
    }
    const metric = 'field' in condition ? METRIC_SQL[condition.field] : undefined;
    if (!('field' in condition) || !metric || !Number.isFinite(condition.value))
      throw new SqlSettingError({ rule: rule.name }, lang);
    tests.push(
      `${metric(dialect.types.float)} ${OPERATORS[condition.op]} ${floatLiteral(condition.value, dialect)}`,
    );
  }
  return tests.length ? tests.join(' AND ') : 'TRUE';
}

/** The segment of each customer: the first rule that matches, else the fallback. */
function segmentedQuery(
  set: SegmentSet,
  classes: number,
  dialect: SqlDialect,
  lang: Lang,
  orders: SqlOrdersTable,
): string {
  for (const bounds of set.rules.flatMap((rule) => [rule.r, rule.f, rule.m, rule.total]))
    if (bounds && !(Number.isInteger(bounds.min) && Number.isInteger(bounds.max)))
      throw new SqlSettingError({ rule: null }, lang);
  const whens = set.rules.map(
    (rule) => `WHEN ${ruleSql(rule, dialect, lang, orders, set)} THEN ${dialect.text(rule.name)}`,
  );
  return [
    'SELECT readings.*,',
    `    CASE ${[...whens, `ELSE ${dialect.text(set.fallback.name)}`].join('\n      ')} END AS segment`,
    '  FROM (SELECT scored.*,',
    `    ${readingSql('r', classes, set.scale)} AS r_read,`,
    `    ${readingSql('f', classes, set.scale)} AS f_read,`,
    `    ${readingSql('m', classes, set.scale)} AS m_read`,
    '    FROM scored) AS readings',
  ].join('\n');
}

/** The index in `SqlOrdersTable.attributes`' columns of the column a condition names; -1 for none. */
function attributeIndex(attribute: string, used: [string, string][]): number {
  const wanted = normalizeHeader(attribute);
  if (wanted === '') return -1;
  return used.findIndex(([header]) => normalizeHeader(header) === wanted);
}

/**
 * The attribute columns (header, column) the rules' conditions name, each once, in the order of
 * `SqlOrdersTable.attributes`: a condition reads the first column whose header it names.
 */
function usedAttributes(set: SegmentSet, orders: SqlOrdersTable): [string, string][] {
  const named = new Set(ruleAttributes(set).map(normalizeHeader));
  const seen = new Set<string>();
  return Object.entries(orders.attributes ?? {}).filter(([header]) => {
    const key = normalizeHeader(header);
    if (!named.has(key) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Per attribute, each customer's value: the non-empty value of its kept line with the latest order
 * day up to the analysis date (the order's day: its earliest line's); on a tie the last line (or,
 * without lines, the greatest value).
 */
function attributeCtes(count: number, orders: SqlOrdersTable, dialect: SqlDialect): [string, string][] {
  if (count === 0) return [];
  const attributeColumns = Array.from({ length: count }, (_, k) => `, lines.attribute_${k + 1}`).join('');
  const owned =
    orders.orderId === undefined
      ? ''
      : '\n  LEFT JOIN owners ON lines.order_id = owners.order_id\n  WHERE lines.order_id IS NULL OR lines.customer = owners.owner';
  const kept: [string, string] = [
    'attribute_lines',
    [
      `SELECT lines.customer, lines.line${attributeColumns},`,
      '    CASE WHEN lines.order_id IS NULL THEN lines.order_day',
      '      ELSE MIN(lines.order_day) OVER (PARTITION BY lines.order_id) END AS order_day',
      `  FROM lines${owned}`,
    ].join('\n'),
  ];
  const values = Array.from({ length: count }, (_, k): [string, string] => {
    const column = `attribute_${k + 1}`;
    return [
      `attribute_value_${k + 1}`,
      [
        `SELECT customer, ${orders.line === undefined ? 'MAX(value)' : 'MAX_BY(value, line)'} AS value`,
        `  FROM (SELECT customer, line, ${column} AS value, order_day,`,
        '      MAX(order_day) OVER (PARTITION BY customer) AS latest',
        '    FROM attribute_lines CROSS JOIN analysis_date',
        `    WHERE order_day <= analysis_date.as_of AND ${column} IS NOT NULL`,
        `      AND ${dialect.trimmed(column)} <> '') AS dated`,
        '  WHERE order_day = latest',
        '  GROUP BY customer',
      ].join('\n'),
    ];
  });
  return [kept, ...values];
}
