-- Actuals summed like budget lines (issue 19): the sums of a budget's actuals by booking month, period, payer and cost
-- type, kept by a trigger in the transaction of every insert, update and delete of budget_actual (whoever writes it: the
-- API, the seed, an import), so the sums cannot drift from the rows. A rollup as of a day reads the whole months before
-- that day's month from here and only that month's own rows from budget_actual (RollupEngine in
-- Features/Financing/Reports/Rollup.cs). A soft-deleted actual (deleted_at set) counts nowhere. Rows whose actuals were all
-- removed stay with amount 0 and count 0; they add nothing to a sum. SQLite and SQL Server differ only in the triggers
-- (row-level there, one statement-level trigger here) and in how the month's first day is computed.
CREATE TABLE budget_actual_total (
    budget_id UNIQUEIDENTIFIER NOT NULL REFERENCES budget (id),
    booked_month DATE NOT NULL,
    period_from DATE NOT NULL,
    period_to DATE NOT NULL,
    payer_id UNIQUEIDENTIFIER NOT NULL REFERENCES funding_payer (id),
    cost_type NVARCHAR(20) NOT NULL,
    amount_ore BIGINT NOT NULL,
    actual_count INT NOT NULL,
    CONSTRAINT pk_budget_actual_total PRIMARY KEY (budget_id, booked_month, period_from, period_to, payer_id, cost_type)
);

-- Rollups read every column by budget and month range: from the index alone.
CREATE INDEX ix_budget_actual_total_rollup ON budget_actual_total (budget_id, booked_month, period_from, period_to, payer_id, cost_type, amount_ore);

INSERT INTO budget_actual_total (budget_id, booked_month, period_from, period_to, payer_id, cost_type, amount_ore, actual_count)
SELECT budget_id, DATEFROMPARTS(YEAR(booked_on), MONTH(booked_on), 1), period_from, period_to, payer_id, cost_type, SUM(amount_ore), COUNT(*)
FROM budget_actual
WHERE deleted_at IS NULL
GROUP BY budget_id, DATEFROMPARTS(YEAR(booked_on), MONTH(booked_on), 1), period_from, period_to, payer_id, cost_type;
GO
-- One trigger for inserts, updates and deletes: what the statement added (inserted) minus what it took away (deleted),
-- netted per key, merged into the sums.
CREATE TRIGGER budget_actual_total_maintain ON budget_actual AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    WITH change (budget_id, booked_month, period_from, period_to, payer_id, cost_type, amount_ore, actual_count) AS (
        SELECT budget_id, DATEFROMPARTS(YEAR(booked_on), MONTH(booked_on), 1), period_from, period_to, payer_id, cost_type, amount_ore, 1
        FROM inserted WHERE deleted_at IS NULL
        UNION ALL
        SELECT budget_id, DATEFROMPARTS(YEAR(booked_on), MONTH(booked_on), 1), period_from, period_to, payer_id, cost_type, -amount_ore, -1
        FROM deleted WHERE deleted_at IS NULL
    ),
    net (budget_id, booked_month, period_from, period_to, payer_id, cost_type, amount_ore, actual_count) AS (
        SELECT budget_id, booked_month, period_from, period_to, payer_id, cost_type, SUM(amount_ore), SUM(actual_count)
        FROM change
        GROUP BY budget_id, booked_month, period_from, period_to, payer_id, cost_type
    )
    MERGE budget_actual_total WITH (HOLDLOCK) AS t
    USING net AS s
        ON t.budget_id = s.budget_id AND t.booked_month = s.booked_month AND t.period_from = s.period_from
       AND t.period_to = s.period_to AND t.payer_id = s.payer_id AND t.cost_type = s.cost_type
    WHEN MATCHED THEN
        UPDATE SET amount_ore = t.amount_ore + s.amount_ore, actual_count = t.actual_count + s.actual_count
    WHEN NOT MATCHED BY TARGET THEN
        INSERT (budget_id, booked_month, period_from, period_to, payer_id, cost_type, amount_ore, actual_count)
        VALUES (s.budget_id, s.booked_month, s.period_from, s.period_to, s.payer_id, s.cost_type, s.amount_ore, s.actual_count);
END;
