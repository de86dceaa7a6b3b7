/**
 * Where the real data sets live (../shared/data beside the repository). Missing data skips the
 * tests that need it with a visible notice, except under CI=true, where it is a failure.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DATA_DIR = fileURLToPath(new URL('../../shared/data/', import.meta.url));

/** The path of a data set, or null (with a notice) when it is absent outside CI. */
export function dataSet(name: string): string | null {
  const path = `${DATA_DIR}${name}`;
  if (existsSync(path)) return path;
  if (process.env.CI === 'true') throw new Error(`Data set missing under CI=true: ${path}`);
  console.warn(`NOTICE: ${path} is missing; the tests that read it are skipped.`);
  return null;
}
