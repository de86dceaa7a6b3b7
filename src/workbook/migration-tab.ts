/**
 * The migration tab (see src/workbook/README.md, "What Apply writes"): from-segment × to-segment
 * counts and revenue between the previous snapshot and this run, with new customers as a row and
 * customers no longer present as a column, and per segment the customers who came in, stayed and
 * left.
 */
import { formatDay, type Lang } from '../core/labels';
import { migrationMatrix, NEW_CUSTOMERS, NO_LONGER_PRESENT, type MigrationMatrix } from '../core/migrations';
import { customerPairing, type Snapshot } from './history';
import type { WriteCell } from './port';
import { addFittedTable, columnsOf, emptyTab, type ColumnRole, type TabContent } from './tab-content';
import { w, type WordKey } from './words';

/** The movements table: segment, then its counts (before, now, came in, stayed, left). */
const MOVEMENT_HEADERS: readonly WordKey[] = [
  'migration.before',
  'migration.now',
  'migration.cameIn',
  'migration.stayed',
  'migration.left',
];

function label(key: string, lang: Lang): string {
  if (key === NEW_CUSTOMERS) return w(lang, 'migration.newCustomers');
  if (key === NO_LONGER_PRESENT) return w(lang, 'migration.gone');
  return key;
}

function matrixRows(
  matrix: MigrationMatrix,
  lang: Lang,
  value: (cell: MigrationMatrix['cells'][0][0]) => number,
): WriteCell[][] {
  return matrix.from.map((from, row) => [label(from, lang), ...matrix.cells[row].map(value)]);
}

export function migrationTab(
  previous: Snapshot,
  current: Snapshot,
  segmentOrder: string[],
  lang: Lang,
): TabContent {
  const matrix = migrationMatrix(previous, current, segmentOrder, customerPairing(previous, current));
  const tab = emptyTab({ kind: 'migration', key: 'migration' }, w(lang, 'migration.tab'));
  const toLabels = matrix.to.map((to) => label(to, lang));
  const width = toLabels.length + 1;
  // Widened where a table below needs more (`addFittedTable`): segment names as headers are long.
  tab.layout = { frozenRows: 3, columnWidths: [220, ...Array<number>(width - 1).fill(110)] };
  tab.blocks.push({
    row: 1,
    column: 1,
    values: [
      [
        w(lang, 'migration.title', {
          from: formatDay(previous.asOfDay, lang),
          to: formatDay(current.asOfDay, lang),
        }),
      ],
    ],
  });
  tab.formats.push({ area: { row: 1, column: 1, rows: 1, columns: 1 }, format: { bold: true } });
  const matrixColumns = (role: ColumnRole) => [
    { header: w(lang, 'migration.corner'), role: 'text' as const },
    ...columnsOf(toLabels, role),
  ];
  const counts = addFittedTable(
    tab,
    3,
    matrixColumns('count'),
    matrixRows(matrix, lang, (cell) => cell.customers),
  );
  const countValues = { row: counts.row + 1, column: 2, rows: matrix.from.length, columns: width - 1 };
  tab.formats.push({ area: countValues, format: { horizontalAlignment: 'center' } });
  tab.colorScales.push({ area: countValues, colors: { min: '#ffffff', mid: '#9fc5e8', max: '#0b5394' } });

  const revenueRow = counts.row + counts.rows + 1;
  tab.blocks.push({ row: revenueRow, column: 1, values: [[w(lang, 'migration.revenue')]] });
  tab.formats.push({ area: { row: revenueRow, column: 1, rows: 1, columns: 1 }, format: { bold: true } });
  const revenue = addFittedTable(
    tab,
    revenueRow + 1,
    matrixColumns('money'),
    matrixRows(matrix, lang, (cell) => cell.revenue / 1000),
  );

  const movementRows = matrix.movements.map((movement): WriteCell[] => [
    movement.segment,
    movement.previous,
    movement.current,
    movement.cameIn,
    movement.stayed,
    movement.left,
  ]);
  const [segmentHeader, ...countHeaders] = [
    w(lang, 'kpi.head.segment'),
    ...MOVEMENT_HEADERS.map((key) => w(lang, key)),
  ];
  addFittedTable(
    tab,
    revenue.row + revenue.rows + 1,
    [{ header: segmentHeader, role: 'text' }, ...columnsOf(countHeaders, 'count')],
    movementRows,
  );
  return tab;
}
