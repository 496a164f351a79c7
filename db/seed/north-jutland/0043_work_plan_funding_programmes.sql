-- Resolves the work plan's funding programme codes (seeded as text in 0040) to the financing programmes of the same
-- governance model (db/seed/north-jutland/0020_financing.sql). A code without a programme stays text only.
UPDATE work_initiative SET funding_programme_id = (
    SELECT p.id FROM funding_programme p JOIN work_focus_area f ON f.governance_model_id = p.governance_model_id
    WHERE f.id = work_initiative.focus_area_id AND p.code = work_initiative.funding_programme AND p.deleted_at IS NULL)
WHERE funding_programme IS NOT NULL;

UPDATE work_task SET funding_programme_id = (
    SELECT p.id FROM funding_programme p
    JOIN work_focus_area f ON f.governance_model_id = p.governance_model_id
    JOIN work_initiative i ON i.focus_area_id = f.id
    WHERE i.id = work_task.initiative_id AND p.code = work_task.funding_programme AND p.deleted_at IS NULL)
WHERE funding_programme IS NOT NULL;
