-- Actuals summed like budget lines (issue 19): the sums of a budget's actuals by booking month, period, payer and cost
-- type, kept by triggers in the transaction of every insert, update and delete of budget_actual (whoever writes it: the
-- API, the seed, an import), so the sums cannot drift from the rows. A rollup as of a day reads the whole months before
-- that day's month from here and only that month's own rows from budget_actual (RollupEngine in
-- Features/Financing/Reports/Rollup.cs). A soft-deleted actual (deleted_at set) counts nowhere. Rows whose actuals were all
-- removed stay with amount 0 and count 0; they add nothing to a sum. SQLite and SQL Server differ only in the triggers
-- (row-level here, statement-level there) and in how the month's first day is computed.
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
SELECT budget_id, date(booked_on, 'start of month'), period_from, period_to, payer_id, cost_type, SUM(amount_ore), COUNT(*)
FROM budget_actual
WHERE deleted_at IS NULL
GROUP BY budget_id, date(booked_on, 'start of month'), period_from, period_to, payer_id, cost_type;

CREATE TRIGGER budget_actual_total_on_insert AFTER INSERT ON budget_actual WHEN NEW.deleted_at IS NULL
BEGIN
    INSERT INTO budget_actual_total (budget_id, booked_month, period_from, period_to, payer_id, cost_type, amount_ore, actual_count)
    VALUES (NEW.budget_id, date(NEW.booked_on, 'start of month'), NEW.period_from, NEW.period_to, NEW.payer_id, NEW.cost_type, NEW.amount_ore, 1)
    ON CONFLICT (budget_id, booked_month, period_from, period_to, payer_id, cost_type)
    DO UPDATE SET amount_ore = amount_ore + excluded.amount_ore, actual_count = actual_count + 1;
END;

CREATE TRIGGER budget_actual_total_on_delete AFTER DELETE ON budget_actual WHEN OLD.deleted_at IS NULL
BEGIN
    UPDATE budget_actual_total SET amount_ore = amount_ore - OLD.amount_ore, actual_count = actual_count - 1
    WHERE budget_id = OLD.budget_id AND booked_month = date(OLD.booked_on, 'start of month') AND period_from = OLD.period_from
      AND period_to = OLD.period_to AND payer_id = OLD.payer_id AND cost_type = OLD.cost_type;
END;

-- An update takes the old row out (if it counted) and puts the new one in (if it counts): a correction of the amount,
-- a move to another period or payer, a soft delete and an undelete alike.
CREATE TRIGGER budget_actual_total_on_update AFTER UPDATE OF budget_id, booked_on, period_from, period_to, payer_id, cost_type, amount_ore, deleted_at
ON budget_actual
BEGIN
    UPDATE budget_actual_total SET amount_ore = amount_ore - OLD.amount_ore, actual_count = actual_count - 1
    WHERE OLD.deleted_at IS NULL AND budget_id = OLD.budget_id AND booked_month = date(OLD.booked_on, 'start of month')
      AND period_from = OLD.period_from AND period_to = OLD.period_to AND payer_id = OLD.payer_id AND cost_type = OLD.cost_type;
    INSERT INTO budget_actual_total (budget_id, booked_month, period_from, period_to, payer_id, cost_type, amount_ore, actual_count)
    SELECT NEW.budget_id, date(NEW.booked_on, 'start of month'), NEW.period_from, NEW.period_to, NEW.payer_id, NEW.cost_type, NEW.amount_ore, 1
    WHERE NEW.deleted_at IS NULL
    ON CONFLICT (budget_id, booked_month, period_from, period_to, payer_id, cost_type)
    DO UPDATE SET amount_ore = amount_ore + excluded.amount_ore, actual_count = actual_count + 1;
END;
