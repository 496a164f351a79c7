-- The budget rollup in SQL: budget per programme, period, payer and cost type over the lines of every budget's
-- version in force on 2026-06-30 (of the approved or revised versions effective by then, the latest effective, the
-- highest number on a tie: Domain/Financing/BudgetVersions.InForce). The lines are read through their per-version sums
-- (budget_line_total, written with the lines), as the API's RollupEngine reads them; "lines" counts the budget lines
-- each row sums. Timed in-process and with the sqlite3 tool on the same file by scripts/bench.sh.
SELECT b.programme_id, t.period_from, t.period_to, t.payer_id, t.cost_type, SUM(t.amount_ore) AS budget_ore, SUM(t.line_count) AS lines
FROM budget_version v
JOIN budget b ON b.id = v.budget_id AND b.deleted_at IS NULL
JOIN budget_line_total t ON t.budget_version_id = v.id
WHERE v.status <> 'draft' AND v.effective_from <= '2026-06-30'
  AND NOT EXISTS (
      SELECT 1 FROM budget_version w
      WHERE w.budget_id = v.budget_id AND w.status <> 'draft' AND w.effective_from <= '2026-06-30'
        AND (w.effective_from > v.effective_from OR (w.effective_from = v.effective_from AND w.version_number > v.version_number)))
GROUP BY b.programme_id, t.period_from, t.period_to, t.payer_id, t.cost_type
ORDER BY b.programme_id, t.period_from, t.period_to, t.payer_id, t.cost_type;
