import { describe, expect, it } from 'vitest';
import type { BudgetVersionSummary } from './api';
import { allowedActions, lineErrorKey, versionInForce, workingVersion } from './model';

const v = (number: number, status: BudgetVersionSummary['status'], effectiveFrom: string | null): BudgetVersionSummary => ({
  number,
  status,
  effectiveFrom,
  total: { amount: 0, currency: 'DKK' },
  isAssumption: false,
});

describe('grant moves', () => {
  it('offers only what the life cycle allows', () => {
    expect(allowedActions('reserved')).toEqual(['release', 'close']);
    expect(allowedActions('released')).toEqual(['spend', 'close']);
    expect(allowedActions('spent')).toEqual(['close']);
    expect(allowedActions('closed')).toEqual([]);
  });
});

describe('version in force', () => {
  const versions = [v(1, 'approved', '2023-02-17'), v(2, 'revised', '2024-01-01'), v(3, 'draft', null), v(4, 'revised', '2024-01-01')];

  it('is the latest effective approved or revised version on the day', () => {
    expect(versionInForce(versions, '2023-06-01')?.number).toBe(1);
    // Two share a date: the higher number wins.
    expect(versionInForce(versions, '2024-06-01')?.number).toBe(4);
  });

  it('is none before the first takes effect; drafts never are', () => {
    expect(versionInForce(versions, '2023-01-01')).toBeUndefined();
    expect(versionInForce([v(1, 'draft', null)], '2030-01-01')).toBeUndefined();
  });

  it('falls back to the latest version to work from', () => {
    expect(workingVersion([v(1, 'draft', null), v(2, 'draft', null)], '2024-01-01')?.number).toBe(2);
    expect(workingVersion(versions, '2023-06-01')?.number).toBe(1);
  });
});

describe('line error keys', () => {
  it('reads the row and field of a list error', () => {
    expect(lineErrorKey('lines[2].period')).toEqual({ row: 2, field: 'period' });
    expect(lineErrorKey('lines[0].amount.amount')).toEqual({ row: 0, field: 'amount' });
    expect(lineErrorKey('note')).toBeNull();
  });
});
