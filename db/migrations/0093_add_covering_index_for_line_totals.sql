-- Rollups read every column of budget_line_total by version; with them all in one index the sums come from the index
-- alone (SQLite's primary-key index on a rowid table holds only the key columns).
CREATE INDEX ix_budget_line_total_rollup ON budget_line_total (budget_version_id, period_from, period_to, payer_id, cost_type, amount_ore, line_count);
