import type { BudgetVersionSummary, GrantAction, GrantState } from './api';

/**
 * The moves the API allows from each grant state (GrantLifecycle on the server):
 * reserved → released | closed; released → spent | closed; spent → closed. The server stays
 * the judge; this only decides which buttons to offer.
 */
const MOVES: Record<GrantState, GrantAction[]> = {
  reserved: ['release', 'close'],
  released: ['spend', 'close'],
  spent: ['close'],
  closed: [],
};

export function allowedActions(state: GrantState): GrantAction[] {
  return MOVES[state] ?? [];
}

/**
 * The version in force on a day, by the API's rule (BudgetVersions.InForce): of the approved
 * or revised versions effective on or before that day, the latest effective (the highest
 * number when two share a date). Dates are ISO yyyy-mm-dd, so they compare as text.
 */
export function versionInForce(
  versions: readonly BudgetVersionSummary[],
  asOf: string,
): BudgetVersionSummary | undefined {
  return versions
    .filter((v) => v.status !== 'draft' && !!v.effectiveFrom && v.effectiveFrom <= asOf)
    .sort((a, b) => (a.effectiveFrom! === b.effectiveFrom! ? b.number - a.number : a.effectiveFrom! < b.effectiveFrom! ? 1 : -1))[0];
}

/** The version to start a new draft from, or to record actuals against: in force, else the latest. */
export function workingVersion(versions: readonly BudgetVersionSummary[], asOf: string) {
  return versionInForce(versions, asOf) ?? [...versions].sort((a, b) => b.number - a.number)[0];
}

/** A budget period label: a year ("2024") or a half-year ("2024-H1", "2024-H2"). */
export const PERIOD_PATTERN = /^\d{4}(-H[12])?$/;

/** Server field keys of a list ("lines[2].amount.amount") as [row, field] ("amount"). */
export function lineErrorKey(key: string): { row: number; field: string } | null {
  const match = /^lines\[(\d+)\]\.([A-Za-z]+)/.exec(key);
  return match ? { row: Number(match[1]), field: match[2]! } : null;
}
