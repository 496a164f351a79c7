-- Rollups sum actuals per budget at their finest grain (period, payer, cost type). With every column the sum reads in
-- the index, in the GROUP BY's order, it scans the index alone and needs no sort. (Budget lines are summed once per
-- version instead: 0092_create_budget_line_total.sql.)
CREATE INDEX ix_budget_actual_rollup ON budget_actual (budget_id, period_from, period_to, payer_id, cost_type, booked_on, deleted_at, amount_ore);
