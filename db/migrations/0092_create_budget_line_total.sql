-- The sums of a budget version's lines by period, payer and cost type. A version's lines are written once, when the
-- version is created, and never change, so the sums are written with them (Budgets/Budget.cs InsertLinesAsync) and a
-- rollup reads these rows instead of every line: about a tenth of them in the national benchmark data.
CREATE TABLE budget_line_total (
    budget_version_id UNIQUEIDENTIFIER NOT NULL REFERENCES budget_version (id),
    period_from DATE NOT NULL,
    period_to DATE NOT NULL,
    payer_id UNIQUEIDENTIFIER NOT NULL REFERENCES funding_payer (id),
    cost_type NVARCHAR(20) NOT NULL,
    amount_ore BIGINT NOT NULL,
    line_count INT NOT NULL,
    CONSTRAINT pk_budget_line_total PRIMARY KEY (budget_version_id, period_from, period_to, payer_id, cost_type)
);

INSERT INTO budget_line_total (budget_version_id, period_from, period_to, payer_id, cost_type, amount_ore, line_count)
SELECT budget_version_id, period_from, period_to, payer_id, cost_type, SUM(amount_ore), COUNT(*)
FROM budget_line
GROUP BY budget_version_id, period_from, period_to, payer_id, cost_type;
