-- Indexes for the case list's filters (GET /api/cases: bodyId, currentBodyId, status, overdue, interest). Numbered in the
-- cases block (0010-0019) next to the tables it serves. The step indexes cover only live steps (superseded_at IS NULL: a step
-- replaced by a route change keeps its row), which is all the filters read; both databases take the partial index when the
-- query repeats that literal condition, as every filter does.

-- bodyId and currentBodyId: a body's live steps, then their cases, with the stage and outcome "where is it now" checks.
CREATE INDEX ix_case_step_live_body ON case_step (body_id, case_id, stage_ordinal, outcome) WHERE superseded_at IS NULL;

-- The stage in progress of one case (the lowest stage with a step not done) and the status checks per case.
CREATE INDEX ix_case_step_live_progress ON case_step (case_id, stage_ordinal, outcome, authoritative) WHERE superseded_at IS NULL;

-- overdue: a range scan of deadlines before today, then the outcome check, then the case.
CREATE INDEX ix_case_step_live_deadline ON case_step (deadline, outcome, case_id) WHERE superseded_at IS NULL;

-- interest, in the list's keyset order.
CREATE INDEX ix_case_file_interest ON case_file (interest_code, id);
