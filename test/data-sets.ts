/**
 * Where the real data sets live: the folder named by SEGMENTO_DATA, else shared/data beside the
 * repository (README, "The public data sets"). Missing data skips the tests that need it with a
 * visible notice, except under CI=true, where it is a failure.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The data sets' folder for a repository at `repository`: SEGMENTO_DATA, else shared/data beside it. */
export function dataFolder(repository: string): string {
  const named = process.env.SEGMENTO_DATA;
  return named ? `${named.replace(/\/$/, '')}/` : join(repository, '../shared/data/');
}

export const DATA_DIR = dataFolder(fileURLToPath(new URL('../', import.meta.url)));

/** The path of a data set, or null (with a notice) when it is absent outside CI. */
export function dataSet(name: string): string | null {
  const path = `${DATA_DIR}${name}`;
  if (existsSync(path)) return path;
  if (process.env.CI === 'true') throw new Error(`Data set missing under CI=true: ${path}`);
  console.warn(`NOTICE: ${path} is missing; the tests that read it are skipped.`);
  return null;
}
