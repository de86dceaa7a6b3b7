/**
 * What differs between the SQL engines the compiler writes for (GoogleSQL for BigQuery, DuckDB):
 * one entry per dialect, every other word of the query is shared (src/warehouse/compile-sql.ts).
 */

export type SqlDialectName = 'bigquery' | 'duckdb';

export interface SqlDialect {
  /**
   * An identifier (column, table or path part) quoted so that no text can end it; null for a name
   * the engine cannot hold (GoogleSQL names never hold a backtick, a backslash or a control
   * character), which the compiler refuses.
   */
  identifier(name: string): string | null;
  /** A text value as a string literal that no text can end. */
  text(value: string): string;
  /**
   * Type names: text, whole numbers, floating point, and the exact decimal an amount is read into
   * before it is rounded to the thousandth, half away from zero (the compiler's `ROUND(… * 1000)`).
   */
  types: { text: string; integer: string; float: string; exact: string };
  /** Calendar days from `from` to `to` (both DATE). */
  daysBetween(from: string, to: string): string;
  /** A text without the white space JavaScript's `trim` removes at its ends. */
  trimmed(text: string): string;
  /** A finite number as a floating-point literal that reads back as the same double. */
  float(value: number): string;
  /** Whether a text is one or more ASCII digits. */
  allDigits(text: string): string;
  /** Whole-number division of non-negative integers, rounded down. */
  divide(dividend: string, divisor: string): string;
  /** Integer thousandths as an exact decimal with 3 decimals. */
  moneyOfThousandths(thousandths: string): string;
  /**
   * PERCENTILE_CONT (= Sheets' PERCENTILE.INC) over all rows of a table, and what ends that SELECT:
   * DuckDB has the aggregate; GoogleSQL only the analytic function, one equal row per input row,
   * hence LIMIT 1.
   */
  percentileTail: string;
  percentile(value: string, fraction: string): string;
}

/** What JavaScript's `String.prototype.trim` removes: white space and line terminators (ECMA-262). */
const WHITE_SPACE =
  '\t\n\u000b\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

/** Whether GoogleSQL could not name a table or column so: a backtick, a backslash, a control character. */
function googleNameless(name: string): boolean {
  for (let index = 0; index < name.length; index++) {
    const code = name.charCodeAt(index);
    if (code === 0x60 || code === 0x5c || code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** A GoogleSQL string literal's inside: backslash, quote and control characters escaped. */
function googleEscaped(value: string, quote: string): string {
  let escaped = '';
  for (const character of value) {
    const code = character.codePointAt(0)!;
    if (character === '\\' || character === quote) escaped += `\\${character}`;
    else if (code < 0x20 || code === 0x7f) escaped += `\\u${code.toString(16).padStart(4, '0')}`;
    else escaped += character;
  }
  return escaped;
}

export const DIALECTS: Record<SqlDialectName, SqlDialect> = {
  bigquery: {
    identifier: (name) => (googleNameless(name) ? null : `\`${name}\``),
    text: (value) => `'${googleEscaped(value, "'")}'`,
    types: { text: 'STRING', integer: 'INT64', float: 'FLOAT64', exact: 'NUMERIC' },
    daysBetween: (from, to) => `DATE_DIFF(${to}, ${from}, DAY)`,
    float: (value) => String(value),
    trimmed: (text) => `TRIM(${text}, '${googleEscaped(WHITE_SPACE, "'")}')`,
    allDigits: (text) => `REGEXP_CONTAINS(${text}, r'^[0-9]+$')`,
    divide: (dividend, divisor) => `DIV(${dividend}, ${divisor})`,
    moneyOfThousandths: (thousandths) => `CAST(${thousandths} AS NUMERIC) / 1000`,
    percentileTail: '\n  LIMIT 1',
    percentile: (value, fraction) => `PERCENTILE_CONT(${value}, ${fraction}) OVER ()`,
  },
  duckdb: {
    identifier: (name) => `"${name.replace(/"/g, '""')}"`,
    text: (value) => `'${value.replace(/'/g, "''")}'`,
    // DECIMAL(18, 3) rounds to the thousandth, half away from zero, on the cast; its 64-bit integers
    // read 4.9M amounts in 0.1 s where DECIMAL(38, 9) (128-bit) takes 15 s (test/bench/BENCHMARKS.md).
    types: { text: 'VARCHAR', integer: 'BIGINT', float: 'DOUBLE', exact: 'DECIMAL(18, 3)' },
    daysBetween: (from, to) => `date_diff('day', ${from}, ${to})`,
    // A plain literal with a point would be a DECIMAL, read back through a division.
    float: (value) => `CAST('${String(value)}' AS DOUBLE)`,
    trimmed: (text) => `trim(${text}, '${WHITE_SPACE}')`,
    allDigits: (text) => `regexp_full_match(${text}, '[0-9]+')`,
    divide: (dividend, divisor) => `(${dividend}) // (${divisor})`,
    moneyOfThousandths: (thousandths) =>
      `CAST(${thousandths} AS DECIMAL(38, 0)) * CAST(0.001 AS DECIMAL(4, 3))`,
    percentileTail: '',
    percentile: (value, fraction) => `quantile_cont(${value}, ${fraction})`,
  },
};
