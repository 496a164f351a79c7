import type { RollupRow } from '../api';
import { kroner, toOre } from '../money';

export interface Pivot {
  rows: string[];
  columns: string[];
  /** values[row][column], in kroner for display */
  values: number[][];
  rowTotals: number[];
  columnTotals: number[];
  total: number;
}

/**
 * Turns rollup rows into a table: one row per `rowKey`, one column per `columnKey`, summing
 * `value` (a DKK amount). The sums are taken in integer øre, so they are exact; the results
 * come back in kroner only to be formatted.
 */
export function pivot(
  items: RollupRow[],
  rowKey: (r: RollupRow) => string,
  columnKey: (r: RollupRow) => string,
  value: (r: RollupRow) => number,
): Pivot {
  const rows = [...new Set(items.map(rowKey))].sort((a, b) => a.localeCompare(b, 'da'));
  const columns = [...new Set(items.map(columnKey))].sort((a, b) => a.localeCompare(b, 'da'));
  const ore = rows.map(() => columns.map(() => 0));
  for (const item of items) {
    const r = rows.indexOf(rowKey(item));
    const c = columns.indexOf(columnKey(item));
    ore[r]![c]! += toOre(value(item));
  }
  const rowOre = ore.map((row) => row.reduce((a, b) => a + b, 0));
  const columnOre = columns.map((_, c) => ore.reduce((a, row) => a + row[c]!, 0));
  return {
    rows,
    columns,
    values: ore.map((row) => row.map(kroner)),
    rowTotals: rowOre.map(kroner),
    columnTotals: columnOre.map(kroner),
    total: kroner(rowOre.reduce((a, b) => a + b, 0)),
  };
}
