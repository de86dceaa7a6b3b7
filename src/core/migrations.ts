/**
 * Who moved from one segment to another between two runs (see src/core/README.md, "Migrations"): a
 * from-segment × to-segment matrix of customers and revenue between the previous snapshot and the
 * current one.
 */

/** Row of the customers absent from the previous snapshot. */
export const NEW_CUSTOMERS = '__new__';
/** Column of the customers absent from the current snapshot. */
export const NO_LONGER_PRESENT = '__gone__';

/**
 * The segments of one run, as parallel arrays: `segments[i]` and `revenue[i]` (net spend,
 * thousandths) belong to `customers[i]`. A customer appears at most once.
 */
export interface SegmentSnapshot {
  asOfDay: number;
  customers: string[];
  segments: string[];
  revenue?: number[];
}

export interface MigrationCell {
  customers: number;
  /** Current revenue of those customers (thousandths); previous revenue in the NO_LONGER_PRESENT column. */
  revenue: number;
}

/** How one segment changed. `previous = stayed + left`, `current = stayed + cameIn`. */
export interface SegmentMovement {
  segment: string;
  /** Customers in the segment in the previous snapshot. */
  previous: number;
  /** Customers in the segment in the current snapshot. */
  current: number;
  /** In the segment now and not before: from another segment, or new customers. */
  cameIn: number;
  /** In the segment in both snapshots. */
  stayed: number;
  /** In the segment before and not now: moved to another segment, or no longer present. */
  left: number;
}

export interface MigrationTotals {
  /** Customers in either snapshot: the sum of all cells. */
  customers: number;
  previous: number;
  current: number;
  /** In the current snapshot only. */
  newCustomers: number;
  /** In the previous snapshot only. */
  goneCustomers: number;
  /** In both snapshots, in the same segment. */
  stayed: number;
  /** In both snapshots, in another segment. */
  moved: number;
}

export interface MigrationMatrix {
  previousAsOfDay: number;
  currentAsOfDay: number;
  /** Row keys: the previous snapshot's segments, then NEW_CUSTOMERS. */
  from: string[];
  /** Column keys: the current snapshot's segments, then NO_LONGER_PRESENT. */
  to: string[];
  /** `cells[row][column]`, rows and columns as in `from` and `to`. */
  cells: MigrationCell[][];
  /** One entry per segment of either snapshot: the current ones in `to` order, then the previous-only ones. */
  movements: SegmentMovement[];
  totals: MigrationTotals;
  /** Both snapshots carry revenue; otherwise a missing revenue counts as 0. */
  revenueKnown: boolean;
}

/**
 * The migration matrix from `previous` to `current`. Segment names appear in the order of
 * `segmentOrder` (typically the rules' order), and names it does not list in order of first
 * appearance after them. Row sums are the previous segment sizes (and the new customers), column
 * sums the current ones (and the customers no longer present). `pairing` gives each current
 * customer's index in `previous` (-1: new) when the caller knows it (and vouches that each
 * customer is once in `previous`), else the ids are paired here. Throws a RangeError when a
 * snapshot's arrays differ in length or a customer appears twice in a snapshot.
 */
export function migrationMatrix(
  previous: SegmentSnapshot,
  current: SegmentSnapshot,
  segmentOrder: readonly string[] = [],
  pairing?: ArrayLike<number>,
): MigrationMatrix {
  checkSnapshot(previous, 'previous');
  checkSnapshot(current, 'current');
  const previousNames = orderedNames(previous.segments, segmentOrder);
  const currentNames = orderedNames(current.segments, segmentOrder);
  const from = [...previousNames, NEW_CUSTOMERS];
  const to = [...currentNames, NO_LONGER_PRESENT];
  const cells = from.map(() => to.map(() => ({ customers: 0, revenue: 0 })));
  fillCells(
    cells,
    previous,
    current,
    pairing ?? pairedIds(previous, current),
    positions(from),
    positions(to),
  );
  const movements = orderedNames([...currentNames, ...previousNames], []).map((segment) =>
    movementOf(segment, from, to, cells),
  );
  return {
    previousAsOfDay: previous.asOfDay,
    currentAsOfDay: current.asOfDay,
    from,
    to,
    cells,
    movements,
    totals: totalsOf(previous, current, cells, movements),
    revenueKnown: previous.revenue !== undefined && current.revenue !== undefined,
  };
}

function checkSnapshot(snapshot: SegmentSnapshot, which: string): void {
  const count = snapshot.customers.length;
  if (snapshot.segments.length !== count || (snapshot.revenue && snapshot.revenue.length !== count)) {
    throw new RangeError(
      `Migrations: the ${which} snapshot's customers, segments and revenue differ in length`,
    );
  }
}

/** Distinct names, those listed in `order` first in that order, the others in order of first appearance. */
function orderedNames(names: readonly string[], order: readonly string[]): string[] {
  const rank = positions(order);
  const distinct = [...new Set(names)];
  const rankOf = (name: string) => rank.get(name) ?? order.length;
  return distinct.sort((a, b) => rankOf(a) - rankOf(b));
}

function positions(names: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  names.forEach((name, index) => {
    if (!map.has(name)) map.set(name, index);
  });
  return map;
}

function revenueOf(snapshot: SegmentSnapshot, index: number): number {
  return snapshot.revenue ? snapshot.revenue[index] : 0;
}

function addTo(cell: MigrationCell, revenue: number): void {
  cell.customers++;
  cell.revenue += revenue;
}

function duplicate(which: string, id: string): RangeError {
  return new RangeError(`Migrations: customer ${id} appears twice in the ${which} snapshot`);
}

/** Each current customer's index in the previous snapshot, -1 for a new one. */
function pairedIds(previous: SegmentSnapshot, current: SegmentSnapshot): Int32Array {
  const previousIndex = new Map<string, number>();
  previous.customers.forEach((id, index) => {
    if (previousIndex.has(id)) throw duplicate('previous', id);
    previousIndex.set(id, index);
  });
  // A current customer seen twice: as new (marked -1), or as present (`fillCells` sees it).
  return Int32Array.from(current.customers, (id) => {
    const before = previousIndex.get(id);
    if (before === -1) throw duplicate('current', id);
    if (before !== undefined) return before;
    previousIndex.set(id, -1);
    return -1;
  });
}

/** Count every customer of either snapshot once, in its (from, to) cell. */
function fillCells(
  cells: MigrationCell[][],
  previous: SegmentSnapshot,
  current: SegmentSnapshot,
  pairing: ArrayLike<number>,
  rowOf: Map<string, number>,
  columnOf: Map<string, number>,
): void {
  const newRow = cells.length - 1;
  const goneColumn = cells[0].length - 1;
  const stillPresent = new Uint8Array(previous.customers.length);
  for (let index = 0; index < current.customers.length; index++) {
    const before = pairing[index];
    if (before >= 0) {
      if (stillPresent[before]) throw duplicate('current', current.customers[index]);
      stillPresent[before] = 1;
    }
    const row = before < 0 ? newRow : rowOf.get(previous.segments[before])!;
    addTo(cells[row][columnOf.get(current.segments[index])!], revenueOf(current, index));
  }
  previous.customers.forEach((_, index) => {
    if (!stillPresent[index]) {
      addTo(cells[rowOf.get(previous.segments[index])!][goneColumn], revenueOf(previous, index));
    }
  });
}

function movementOf(
  segment: string,
  from: string[],
  to: string[],
  cells: MigrationCell[][],
): SegmentMovement {
  const row = from.indexOf(segment);
  const column = to.indexOf(segment);
  const previous = row < 0 ? 0 : sumCustomers(cells[row]);
  const current = column < 0 ? 0 : sumCustomers(cells.map((cellsOfRow) => cellsOfRow[column]));
  const stayed = row < 0 || column < 0 ? 0 : cells[row][column].customers;
  return { segment, previous, current, cameIn: current - stayed, stayed, left: previous - stayed };
}

function sumCustomers(cells: readonly MigrationCell[]): number {
  return cells.reduce((sum, cell) => sum + cell.customers, 0);
}

function totalsOf(
  previous: SegmentSnapshot,
  current: SegmentSnapshot,
  cells: MigrationCell[][],
  movements: SegmentMovement[],
): MigrationTotals {
  const customers = cells.reduce((sum, row) => sum + sumCustomers(row), 0);
  const newCustomers = sumCustomers(cells[cells.length - 1]);
  const goneCustomers = sumCustomers(cells.map((row) => row[row.length - 1]));
  const stayed = movements.reduce((sum, movement) => sum + movement.stayed, 0);
  return {
    customers,
    previous: previous.customers.length,
    current: current.customers.length,
    newCustomers,
    goneCustomers,
    stayed,
    moved: customers - newCustomers - goneCustomers - stayed,
  };
}
