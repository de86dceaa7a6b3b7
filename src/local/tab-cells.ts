/**
 * The cells of a managed tab held densely, outside exceljs: a row of values and a row of style
 * numbers per sheet row, and each distinct format once. exceljs keeps an object per cell and per
 * style (about a kilobyte a cell once written); a million-customer run writes some twenty million
 * cells, so the tabs Segmento writes are held here and written straight to their sheet XML
 * (sheet-xml.ts). Formats merge as `formatArea` calls do in exceljs: the fields a call sets replace
 * the cell's, the others stay.
 */
import type { CellFormat, WriteCell } from '../workbook/port';

/** The fields of a CellFormat, in the order its key lists them. */
const FORMAT_FIELDS = [
  'numberFormat',
  'bold',
  'italic',
  'background',
  'fontColor',
  'horizontalAlignment',
] as const satisfies readonly (keyof CellFormat)[];

export class TabCells {
  private readonly values: (WriteCell[] | undefined)[] = [];
  private readonly styles: (number[] | undefined)[] = [];
  private readonly formatList: CellFormat[] = [{}];
  private readonly formatNumbers = new Map<string, number>([[formatKey({}), 0]]);
  private lastRow = 0;
  private lastColumn = 0;

  /**
   * Cells read from a file when first used (a tab that is only replaced is never read); `firstRow`
   * is known without reading the rest.
   */
  static later(firstRow: readonly WriteCell[], load: (cells: TabCells) => void): TabCells {
    const cells = new TabCells();
    cells.firstRow = firstRow;
    cells.load = load;
    return cells;
  }

  private firstRow: readonly WriteCell[] | null = null;
  private load: ((cells: TabCells) => void) | null = null;

  private loaded(): this {
    const load = this.load;
    if (load) {
      this.load = null;
      this.firstRow = null;
      load(this);
    }
    return this;
  }

  /** Every distinct format, by number; 0 is no format. */
  get formats(): readonly CellFormat[] {
    return this.loaded().formatList;
  }

  /**
   * Writes a block of values, top-left at (row, column), 1-based; null empties a cell. A line
   * written from column 1 into an empty row is kept as it is, not copied: the caller hands it
   * over (Apply's blocks are made for the write).
   */
  write(row: number, column: number, block: readonly (readonly WriteCell[])[]): void {
    this.loaded();
    for (let offset = 0; offset < block.length; offset++) {
      const line = block[offset];
      const index = row - 1 + offset;
      const existing = this.values[index];
      if (!existing && column === 1) this.values[index] = line as WriteCell[];
      else {
        const values = (this.values[index] ??= []);
        for (let c = 0; c < line.length; c++) values[column - 1 + c] = line[c];
      }
      if (line.some((value) => value !== null)) {
        this.lastRow = Math.max(this.lastRow, index + 1);
        this.lastColumn = Math.max(this.lastColumn, column - 1 + line.length);
      }
    }
  }

  /** Sets a cell's value and format number, as a tab read from a file gives them (no loading). */
  put(row: number, column: number, value: WriteCell, format: number): void {
    if (value !== null) {
      // A row made as wide as the widest so far: its values then fit where they are put (an array
      // grown from empty takes room for 17), which the 330,000 rows of a history read back show.
      (this.values[row - 1] ??= new Array<WriteCell>(Math.max(column, this.lastColumn)))[column - 1] = value;
      if (row > this.lastRow) this.lastRow = row;
      if (column > this.lastColumn) this.lastColumn = column;
    }
    if (format !== 0) this.styleRow(row - 1, column)[column - 1] = format;
  }

  /** Applies a format to every cell of an area (1-based). */
  format(area: { row: number; column: number; rows: number; columns: number }, format: CellFormat): void {
    this.loaded();
    const merged = new Map<number, number>();
    const set = Object.fromEntries(
      FORMAT_FIELDS.filter((field) => format[field] !== undefined).map((f) => [f, format[f]]),
    );
    for (let index = area.row - 1; index < area.row - 1 + area.rows; index++) {
      const styles = this.styleRow(index, area.column + area.columns - 1);
      for (let c = area.column - 1; c < area.column - 1 + area.columns; c++) {
        const before = styles[c];
        let after = merged.get(before);
        if (after === undefined) {
          after = this.formatNumber({ ...this.formatList[before], ...set });
          merged.set(before, after);
        }
        styles[c] = after;
      }
    }
  }

  /** The number of a format, added when new (no loading). */
  formatNumber(format: CellFormat): number {
    const key = formatKey(format);
    let number = this.formatNumbers.get(key);
    if (number === undefined) {
      number = this.formatList.length;
      this.formatList.push(format);
      this.formatNumbers.set(key, number);
    }
    return number;
  }

  /** Rows and columns up to the last cell holding a value. */
  extent(): { rows: number; columns: number } {
    this.loaded();
    return { rows: this.lastRow, columns: this.lastColumn };
  }

  /** Rows holding values or formats: the last row number of the sheet's XML. */
  rowCount(): number {
    this.loaded();
    return Math.max(this.values.length, this.styles.length);
  }

  /** The values of row 1, read without loading the rest. */
  headerValues(): readonly WriteCell[] {
    return this.firstRow ?? this.values[0] ?? [];
  }

  /** A row's values (row 1-based); undefined when it has none. */
  rowValues(row: number): readonly WriteCell[] | undefined {
    return this.loaded().values[row - 1];
  }

  /** A row's format numbers (row 1-based); undefined when it has none. */
  rowFormats(row: number): readonly number[] | undefined {
    return this.loaded().styles[row - 1];
  }

  private styleRow(index: number, columns: number): number[] {
    const existing = this.styles[index];
    if (existing && existing.length >= columns) return existing;
    // As wide as the widest row of values at least: a row's formats then seldom grow a second time
    // (a small array of numbers, which costs less to make and keep than a typed one).
    const grown = new Array<number>(Math.max(columns, existing?.length ?? 0, this.lastColumn)).fill(0);
    existing?.forEach((format, column) => (grown[column] = format));
    this.styles[index] = grown;
    return grown;
  }
}

/** A format's identity: its fields in a fixed order. */
export function formatKey(format: CellFormat): string {
  return JSON.stringify(FORMAT_FIELDS.map((field) => format[field] ?? null));
}
