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
