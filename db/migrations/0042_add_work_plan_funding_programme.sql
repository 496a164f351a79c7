-- Now that financing programmes exist, initiatives and tasks refer to the programme that funds them. The text column
-- funding_programme stays (a programme code or a free description); db/seed/north-jutland/0043 resolves the seeded codes.
ALTER TABLE work_initiative ADD funding_programme_id UNIQUEIDENTIFIER NULL CONSTRAINT fk_work_initiative_funding_programme REFERENCES funding_programme (id);
ALTER TABLE work_task ADD funding_programme_id UNIQUEIDENTIFIER NULL CONSTRAINT fk_work_task_funding_programme REFERENCES funding_programme (id);
