/**
 * Order rows read one cell at a time: a range as Sheets gives it (`Cell[][]`), or a table file
 * held as its text and the positions of its fields (src/local), so that millions of rows are read
 * without one array per row. Rows and columns are numbered from 0; the header, if any, is row 0.
 */
import type { Cell } from './values';

export interface RowSource {
  /** Rows, header included. */
  readonly rowCount: number;
  /** Cells in the longest row. */
  readonly width: number;
  /** The cell at a row and column; undefined past the end of a short row. */
  cell(row: number, column: number): Cell;
  /**
   * Optional: the whole number a text cell writes in its one way (`wholeNumberOf`), read where it
   * stands without making the cell's text; -1 for any other cell, which is then read with `cell`.
   */
  wholeNumberAt?(row: number, column: number): number;
  /**
   * Optional: the thousandths of a text cell that writes a plain decimal (`12`, `-2.55`; see
   * `parseMoney`), read where it stands; undefined for any other cell, which is then read with `cell`.
   */
  plainThousandthsAt?(row: number, column: number): number | undefined;
  /**
   * Optional: the day of a text cell that writes a date in digits alone (`2025-06-30`,
   * `2025/06/30`, `20250630`; see `dayFromText`), read where it stands; null for such a text that is
   * no day; undefined for any other cell, which is then read with `cell`.
   */
  digitsDayAt?(row: number, column: number): number | null | undefined;
}

/** A range as Sheets gives it, as a row source. */
export class CellRows implements RowSource {
  readonly rowCount: number;
  readonly width: number;

  constructor(readonly rows: Cell[][]) {
    this.rowCount = rows.length;
    let width = 0;
    for (const row of rows) if (row.length > width) width = row.length;
    this.width = width;
  }

  cell(row: number, column: number): Cell {
    return this.rows[row][column];
  }
}

/** The cells of one row, `width` of them (undefined past the end of a short row). */
export function rowCells(source: RowSource, row: number): Cell[] {
  return Array.from({ length: source.width }, (_, column) => source.cell(row, column));
}

/**
 * Every row's cells as Sheets gives a range: each row as long as the longest, '' where a short row
 * ends (a range of values, `CellRows`, is given back as it is).
 */
export function cellsOf(source: RowSource): Cell[][] {
  if (source instanceof CellRows) return source.rows;
  return Array.from({ length: source.rowCount }, (_, row) =>
    Array.from({ length: source.width }, (_, column) => source.cell(row, column) ?? ''),
  );
}
