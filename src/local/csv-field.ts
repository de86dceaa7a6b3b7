/**
 * Text fields of the command line's CSV outputs (`scores`, `clv`), safe to open in a spreadsheet.
 */

/** `=`, `+`, `-`, `@`, tab and carriage return: what a spreadsheet reads as the start of a formula. */
function startsFormula(code: number): boolean {
  return code === 61 || code === 43 || code === 45 || code === 64 || code === 9 || code === 13;
}

/**
 * A text field of the CSV: quoted when it holds a delimiter, quote or line break; and, unless
 * `raw`, with a `'` put before a text that starts with `=`, `+`, `-`, `@`, a tab or a carriage
 * return, which a spreadsheet opening the file would run as a formula (OWASP « CSV injection »).
 * Numbers are written by other means and never changed.
 */
export function csvField(text: string, raw = false): string {
  const safe = raw || !startsFormula(text.charCodeAt(0)) ? text : `'${text}`;
  return needsQuotes(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Whether a text holds a quote, a comma or a line break (read code by code: ids are short). */
function needsQuotes(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 34 || code === 44 || code === 13 || code === 10) return true;
  }
  return false;
}
