-- The secretariat's work plan: focus areas (e.g. Den Nordjyske Klimaambition's) -> initiatives -> tasks, each task with
-- dated milestones. Initiatives and tasks name the body responsible for them and the programme that funds them.
-- funding_programme is plain text (a programme code or name) until the financing tables exist; a later migration adds
-- the reference. status: notReported | planned | inProgress | done | onHold | cancelled ("notReported" = no progress
-- stated, which is what the seed documents give for most of the plan).
-- Periods are half-open [starts_on, ends_on); timing_note holds timing the sources give only loosely ("medio 2023").

CREATE TABLE work_focus_area (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    governance_model_id UNIQUEIDENTIFIER NOT NULL REFERENCES governance_model (id),
    code NVARCHAR(50) NOT NULL,
    name NVARCHAR(200) NOT NULL,
    name_en NVARCHAR(200) NULL,
    description NVARCHAR(4000) NULL,
    ordinal INT NOT NULL,
    version INT NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    modified_at DATETIMEOFFSET NOT NULL,
    deleted_at DATETIMEOFFSET NULL,
    CONSTRAINT ux_work_focus_area_code UNIQUE (governance_model_id, code)
);
CREATE INDEX ix_work_focus_area_modified ON work_focus_area (modified_at);

CREATE TABLE work_initiative (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    focus_area_id UNIQUEIDENTIFIER NOT NULL REFERENCES work_focus_area (id),
    code NVARCHAR(50) NOT NULL,
    name NVARCHAR(200) NOT NULL,
    name_en NVARCHAR(200) NULL,
    description NVARCHAR(4000) NULL,
    responsible_body_id UNIQUEIDENTIFIER NULL REFERENCES body (id),
    funding_programme NVARCHAR(200) NULL,
    status NVARCHAR(20) NOT NULL,
    starts_on DATE NULL,
    ends_on DATE NULL,
    timing_note NVARCHAR(400) NULL,
    source_ref NVARCHAR(400) NULL,
    ordinal INT NOT NULL,
    version INT NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    modified_at DATETIMEOFFSET NOT NULL,
    deleted_at DATETIMEOFFSET NULL
);
CREATE INDEX ix_work_initiative_focus_area ON work_initiative (focus_area_id, ordinal);
CREATE INDEX ix_work_initiative_modified ON work_initiative (modified_at);

CREATE TABLE work_task (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    initiative_id UNIQUEIDENTIFIER NOT NULL REFERENCES work_initiative (id),
    title NVARCHAR(300) NOT NULL,
    description NVARCHAR(4000) NULL,
    responsible_body_id UNIQUEIDENTIFIER NULL REFERENCES body (id),
    funding_programme NVARCHAR(200) NULL,
    status NVARCHAR(20) NOT NULL,
    starts_on DATE NULL,
    due_on DATE NULL,
    completed_on DATE NULL,
    timing_note NVARCHAR(400) NULL,
    source_ref NVARCHAR(400) NULL,
    version INT NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    modified_at DATETIMEOFFSET NOT NULL,
    deleted_at DATETIMEOFFSET NULL
);
CREATE INDEX ix_work_task_initiative ON work_task (initiative_id);
CREATE INDEX ix_work_task_modified ON work_task (modified_at);

-- A task's milestones are part of the task: written together with it (replaced as a whole on update).
CREATE TABLE work_milestone (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    task_id UNIQUEIDENTIFIER NOT NULL REFERENCES work_task (id),
    ordinal INT NOT NULL,
    title NVARCHAR(300) NOT NULL,
    due_on DATE NULL,
    reached_on DATE NULL
);
CREATE INDEX ix_work_milestone_task ON work_milestone (task_id, ordinal);
