-- Reference: the same rollup summed straight from every budget line (what 0092 made unnecessary): budget per programme, period, payer and cost type over the lines of every budget's
-- version in force on 2026-06-30 (of the approved or revised versions effective by then, the latest effective, the
-- highest number on a tie: Domain/Financing/BudgetVersions.InForce). Timed in-process and with the sqlite3 tool on
-- the same file by scripts/bench.sh; "lines" counts the budget lines each row sums.
SELECT b.programme_id, l.period_from, l.period_to, l.payer_id, l.cost_type, SUM(l.amount_ore) AS budget_ore, COUNT(*) AS lines
FROM budget_version v
JOIN budget b ON b.id = v.budget_id AND b.deleted_at IS NULL
JOIN budget_line l ON l.budget_version_id = v.id
WHERE v.status <> 'draft' AND v.effective_from <= '2026-06-30'
  AND NOT EXISTS (
      SELECT 1 FROM budget_version w
      WHERE w.budget_id = v.budget_id AND w.status <> 'draft' AND w.effective_from <= '2026-06-30'
        AND (w.effective_from > v.effective_from OR (w.effective_from = v.effective_from AND w.version_number > v.version_number)))
GROUP BY b.programme_id, l.period_from, l.period_to, l.payer_id, l.cost_type
ORDER BY b.programme_id, l.period_from, l.period_to, l.payer_id, l.cost_type;
