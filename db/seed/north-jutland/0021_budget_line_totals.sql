-- The seeded budget versions' line sums (db/migrations/0092_create_budget_line_total.sql): the seed's lines are inserted
-- after the migrations ran, so their sums are written here, for every version that has lines but no sums yet.
INSERT INTO budget_line_total (budget_version_id, period_from, period_to, payer_id, cost_type, amount_ore, line_count)
SELECT l.budget_version_id, l.period_from, l.period_to, l.payer_id, l.cost_type, SUM(l.amount_ore), COUNT(*)
FROM budget_line l
WHERE NOT EXISTS (SELECT 1 FROM budget_line_total t WHERE t.budget_version_id = l.budget_version_id)
GROUP BY l.budget_version_id, l.period_from, l.period_to, l.payer_id, l.cost_type;
