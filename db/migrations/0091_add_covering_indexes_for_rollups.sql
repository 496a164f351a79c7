-- Rollups sum budget lines per version and actuals per budget at their finest grain (period, payer, cost type).
-- With every column the sums read in the index, in the GROUP BY's order, they scan the index alone and need no sort.
CREATE INDEX ix_budget_line_rollup ON budget_line (budget_version_id, period_from, period_to, payer_id, cost_type, amount_ore);
CREATE INDEX ix_budget_actual_rollup ON budget_actual (budget_id, period_from, period_to, payer_id, cost_type, booked_on, deleted_at, amount_ore);
