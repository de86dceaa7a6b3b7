/**
 * Checks made before a command reads or writes anything, so that a missing file, a folder, a
 * binary settings file or a file that is not an .xlsx workbook is said in words (a `CliError`)
 * rather than as the raw text of Node or of the zip reader.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { CommandLine } from './cli';
import { CliError, type FailureContext, type FailureKind } from './messages';
import { isoDay } from '../core/days';
import type { OrderBook } from '../core/orders';

/** The first bytes of a file (up to `length`). */
function firstBytes(path: string, length: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const bytes = Buffer.alloc(length);
    return bytes.subarray(0, readSync(fd, bytes, 0, length, 0));
  } finally {
    closeSync(fd);
  }
}

/** Whether a file starts as a zip archive does (every .xlsx workbook is one). */
function isZip(path: string): boolean {
  const bytes = firstBytes(path, 4);
  return bytes.length === 4 && bytes.readUInt32LE(0) === 0x04034b50;
}

/**
 * Whether a file reads as text: no NUL byte nor other control character than tab, line ends and
 * form feed in its first 64 KB, unless it starts with a UTF-16 byte order mark.
 */
export function looksLikeText(path: string): boolean {
  const bytes = firstBytes(path, 1 << 16);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true;
  for (const byte of bytes)
    if (byte < 32 && byte !== 9 && byte !== 10 && byte !== 12 && byte !== 13) return false;
  return true;
}

/** An existing regular file to read, else the `CliError` of its kind naming it. */
export function checkReadable(path: string, kind: FailureKind): void {
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch {
    throw new CliError(kind, 'input.notFound', { path });
  }
  if (!isFile) throw new CliError(kind, 'input.isDirectory', { path });
}

/** A `--settings` file: an existing text file (the settings tab as CSV) or .xlsx workbook. */
export function checkSettingsFile(path: string): void {
  checkReadable(path, 'settings');
  if (/\.xlsx$/i.test(path)) {
    if (!isZip(path)) throw new CliError('settings', 'input.notXlsx', { path });
  } else if (!looksLikeText(path)) {
    throw new CliError('settings', 'settings.notText', { path });
  }
}

/**
 * The files of `segmento run` and `segmento demo`, checked: the orders and settings files exist,
 * the settings file is text or an .xlsx workbook, an .xlsx file is a zip archive, and an existing
 * output is a workbook (never a folder or another kind of file, which would be replaced). Returns
 * which paths are read and written, for the words of a later failure.
 */
export function checkWorkbookFiles(line: CommandLine, demoOrders: string): FailureContext {
  const orders = line.command === 'demo' ? demoOrders : line.file!;
  const settings = typeof line.values.settings === 'string' ? line.values.settings : undefined;
  const output = typeof line.values.out === 'string' ? line.values.out : undefined;
  checkReadable(orders, 'input');
  if (/\.xlsx$/i.test(orders) && !isZip(orders))
    throw new CliError('input', 'input.notXlsx', { path: orders });
  if (settings !== undefined) checkSettingsFile(settings);
  if (output !== undefined) {
    let stats: ReturnType<typeof statSync> | null = null;
    try {
      stats = statSync(output);
    } catch {
      stats = null;
    }
    if (stats?.isDirectory())
      throw new CliError('output', 'output.isDirectory', { path: output, example: 'segments.xlsx' });
    if (stats !== null && (!stats.isFile() || !isZip(output)))
      throw new CliError('output', 'output.notXlsx', { path: output });
  }
  return { orders, settings, output, writes: true };
}

/** An order book with nothing to score is an input failure: no readable order, or none by the analysis date. */
export function checkOrders(book: OrderBook, asOfDay: number | null, path: string): void {
  if (book.orderCount === 0) throw new CliError('input', 'input.noOrders', { path });
  if (asOfDay === null) return;
  let first = Infinity;
  for (const day of book.orderDay) if (day < first) first = day;
  if (first > asOfDay)
    throw new CliError('input', 'input.nothingByAsOf', { asOf: isoDay(asOfDay), first: isoDay(first) });
}
