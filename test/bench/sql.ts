/**
 * The segmentation as one SQL query at scale (issue 16): `segmento sql --run` over the same bench
 * files as `segmento scores` (CDNOW ×70, 4.9M rows), the whole process timed by main.ts like the
 * cli cases, and the DuckDB query's own seconds read from the line the command prints on stderr.
 */
import type { Shape } from './data';

/** `segmento sql --run FILE`, with the columns given as for the cli cases. */
export function sqlRunArguments(file: string, shape: Shape): string[] {
  return ['sql', '--run', file, '--locale', 'en_US', ...(shape === 'cdnow' ? ['--columns', 'amount=4'] : [])];
}

/** The query's own median seconds and rows per second, from the runs' stderr. */
export function sqlQueryNote(stderrs: string[], rows: number): string {
  const seconds = stderrs
    .map((text) => Number(/by the DuckDB query in ([\d.]+) s/.exec(text)?.[1]))
    .sort((a, b) => a - b);
  const median = seconds[seconds.length >> 1];
  return (
    `DuckDB query alone (typed table loaded): ${median.toFixed(3)} s, ` +
    `${Math.round(rows / median).toLocaleString('en-US')} rows/s; the rest is reading the file and staging it`
  );
}
