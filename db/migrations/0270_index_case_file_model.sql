-- A governance model's cases in id order (issue 19): the status report reads every case of one model with its steps
-- (CasesStore.ModelSteps) and the case list filters by model and pages by id. Without it both scan every case of every
-- model through the primary key; with it they seek to the model's range, already in the order they read.
CREATE INDEX ix_case_file_model ON case_file (governance_model_id, id);
