import { describe, expect, it } from 'vitest';
import type { RollupRow } from '../api';
import { pivot } from './pivot';

const money = (amount: number) => ({ amount, currency: 'DKK' });
const row = (year: string, payer: string, budget: number): RollupRow => ({
  period: { label: year, from: `${year}-01-01` },
  payerName: payer,
  budget: money(budget),
  actual: money(0),
  variance: money(budget),
});

describe('pivot', () => {
  it('sums rollup rows into a payer by year table with totals', () => {
    const p = pivot(
      [row('2021', 'BRN', 800000), row('2021', 'Kommunerne', 800000), row('2023', 'BRN', 400000), row('2023', 'BRN', 800000)],
      (r) => r.payerName ?? '',
      (r) => r.period?.label ?? '',
      (r) => r.budget.amount,
    );
    expect(p.rows).toEqual(['BRN', 'Kommunerne']);
    expect(p.columns).toEqual(['2021', '2023']);
    expect(p.values).toEqual([
      [800000, 1200000],
      [800000, 0],
    ]);
    expect(p.columnTotals).toEqual([1600000, 1200000]);
    expect(p.rowTotals).toEqual([2000000, 800000]);
    expect(p.total).toBe(2800000);
  });
});

describe('pivot sums', () => {
  it('adds øre exactly (no 0.30000000000000004)', () => {
    const p = pivot([row('2024', 'BRN', 0.1), row('2024', 'BRN', 0.2)], (r) => r.payerName ?? '', (r) => r.period?.label ?? '', (r) => r.budget.amount);
    expect(p.values).toEqual([[0.3]]);
    expect(p.total).toBe(0.3);
  });
});
