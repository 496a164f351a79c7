import type { RollupRow } from '../api';

export interface Pivot {
  rows: string[];
  columns: string[];
  /** values[row][column] */
  values: number[][];
  rowTotals: number[];
  columnTotals: number[];
  total: number;
}

/** Turns rollup rows into a table: one row per `rowKey`, one column per `columnKey`, summing `value`. */
export function pivot(
  items: RollupRow[],
  rowKey: (r: RollupRow) => string,
  columnKey: (r: RollupRow) => string,
  value: (r: RollupRow) => number,
): Pivot {
  const rows = [...new Set(items.map(rowKey))].sort((a, b) => a.localeCompare(b, 'da'));
  const columns = [...new Set(items.map(columnKey))].sort((a, b) => a.localeCompare(b, 'da'));
  const values = rows.map(() => columns.map(() => 0));
  for (const item of items) {
    const r = rows.indexOf(rowKey(item));
    const c = columns.indexOf(columnKey(item));
    values[r]![c]! += value(item);
  }
  const rowTotals = values.map((row) => row.reduce((a, b) => a + b, 0));
  const columnTotals = columns.map((_, c) => values.reduce((a, row) => a + row[c]!, 0));
  return { rows, columns, values, rowTotals, columnTotals, total: rowTotals.reduce((a, b) => a + b, 0) };
}
