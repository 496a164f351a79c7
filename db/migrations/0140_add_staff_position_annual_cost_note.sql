-- Where a staff position's annual cost comes from, or, when the cost is NULL, why it is not given (e.g. "not given in
-- the sources"): the data says so rather than leaving the cost silently empty.
ALTER TABLE staff_position ADD annual_cost_note NVARCHAR(400) NULL;
