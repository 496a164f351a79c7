-- Cases, routing rules as data, routes (stages of steps), meetings and agendas.
-- Portable between SQLite and SQL Server (see 0001). The change feed, outbox and idempotency records are in 0011,
-- which differs per database only in its long-text columns.

-- The interests a model's routing rules match on (joint, municipal, regional, dialogue in North Jutland).
CREATE TABLE case_interest (
    governance_model_id UNIQUEIDENTIFIER NOT NULL REFERENCES governance_model (id),
    code NVARCHAR(40) NOT NULL,
    name NVARCHAR(200) NOT NULL,
    description NVARCHAR(1000) NULL,
    ordinal INT NOT NULL,
    CONSTRAINT pk_case_interest PRIMARY KEY (governance_model_id, code)
);

-- A rule matches on interest (NULL = any) and on whether every member council must decide (NULL = either);
-- the lowest priority that matches wins.
CREATE TABLE routing_rule (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    governance_model_id UNIQUEIDENTIFIER NOT NULL REFERENCES governance_model (id),
    code NVARCHAR(80) NOT NULL,
    name NVARCHAR(200) NOT NULL,
    description NVARCHAR(2000) NULL,
    interest_code NVARCHAR(40) NULL,
    requires_council_decision BIT NULL,
    priority INT NOT NULL,
    source_reference NVARCHAR(400) NULL,
    version INT NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    modified_at DATETIMEOFFSET NOT NULL,
    deleted_at DATETIMEOFFSET NULL,
    CONSTRAINT ux_routing_rule_model_code UNIQUE (governance_model_id, code)
);

-- fan_out = 'memberCouncils': one step per member party (of fan_out_party_kind) at that party's council body.
CREATE TABLE routing_rule_step (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    routing_rule_id UNIQUEIDENTIFIER NOT NULL REFERENCES routing_rule (id),
    stage_ordinal INT NOT NULL,
    stage_name NVARCHAR(200) NOT NULL,
    ordinal INT NOT NULL,
    body_id UNIQUEIDENTIFIER NULL REFERENCES body (id),
    fan_out NVARCHAR(40) NULL,
    fan_out_party_kind NVARCHAR(40) NULL,
    role NVARCHAR(30) NOT NULL,
    authoritative BIT NOT NULL,
    deadline_days INT NULL,
    note NVARCHAR(1000) NULL
);
CREATE INDEX ix_routing_rule_step_rule ON routing_rule_step (routing_rule_id, stage_ordinal, ordinal);

-- Human case numbers (KLIMA-2026-0001) are drawn from a counter per year inside the creating transaction.
CREATE TABLE case_number_counter (
    year INT NOT NULL PRIMARY KEY,
    last_value INT NOT NULL
);

CREATE TABLE case_file (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    case_number NVARCHAR(30) NOT NULL,
    governance_model_id UNIQUEIDENTIFIER NOT NULL REFERENCES governance_model (id),
    title NVARCHAR(400) NOT NULL,
    summary NVARCHAR(4000) NULL,
    interest_code NVARCHAR(40) NOT NULL,
    council_decision_required BIT NOT NULL,
    initiator_organisation_id UNIQUEIDENTIFIER NULL REFERENCES organisation (id),
    initiator_body_id UNIQUEIDENTIFIER NULL REFERENCES body (id),
    initiator_name NVARCHAR(200) NULL,
    kle_journal_number NVARCHAR(8) NULL,
    kle_action_facet NVARCHAR(3) NULL,
    source_system NVARCHAR(100) NULL,
    external_reference NVARCHAR(200) NULL,
    owner_organisation_id UNIQUEIDENTIFIER NULL REFERENCES organisation (id),
    routing_rule_id UNIQUEIDENTIFIER NULL REFERENCES routing_rule (id),
    route_explanation NVARCHAR(4000) NULL,
    created_by NVARCHAR(200) NOT NULL,
    version INT NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    modified_at DATETIMEOFFSET NOT NULL,
    deleted_at DATETIMEOFFSET NULL,
    CONSTRAINT ux_case_file_case_number UNIQUE (case_number)
);
CREATE UNIQUE INDEX ux_case_file_external ON case_file (source_system, external_reference)
    WHERE source_system IS NOT NULL AND external_reference IS NOT NULL;
CREATE INDEX ix_case_file_owner ON case_file (owner_organisation_id, id);
CREATE INDEX ix_case_file_modified ON case_file (modified_at);

-- Each party's own case number in its case system (a municipality's journal).
CREATE TABLE case_party_reference (
    case_id UNIQUEIDENTIFIER NOT NULL REFERENCES case_file (id),
    organisation_id UNIQUEIDENTIFIER NOT NULL REFERENCES organisation (id),
    local_case_number NVARCHAR(100) NOT NULL,
    CONSTRAINT pk_case_party_reference PRIMARY KEY (case_id, organisation_id)
);

CREATE TABLE case_relation (
    case_id UNIQUEIDENTIFIER NOT NULL REFERENCES case_file (id),
    related_case_id UNIQUEIDENTIFIER NOT NULL REFERENCES case_file (id),
    CONSTRAINT pk_case_relation PRIMARY KEY (case_id, related_case_id)
);

-- Documents stay in the case systems; Klima keeps the reference and a SHA-256 checksum.
CREATE TABLE case_document (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    case_id UNIQUEIDENTIFIER NOT NULL REFERENCES case_file (id),
    ordinal INT NOT NULL,
    url NVARCHAR(2000) NOT NULL,
    title NVARCHAR(400) NOT NULL,
    sha256 NVARCHAR(64) NULL
);
CREATE INDEX ix_case_document_case ON case_document (case_id, ordinal);

CREATE TABLE meeting (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    body_id UNIQUEIDENTIFIER NOT NULL REFERENCES body (id),
    meeting_date DATE NOT NULL,
    title NVARCHAR(200) NULL,
    location NVARCHAR(200) NULL,
    state NVARCHAR(20) NOT NULL,
    cancellation_reason NVARCHAR(1000) NULL,
    version INT NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    modified_at DATETIMEOFFSET NOT NULL,
    deleted_at DATETIMEOFFSET NULL
);
CREATE INDEX ix_meeting_body_date ON meeting (body_id, meeting_date);

-- A route: stages (run in order) of steps (run in parallel within a stage). A step replaced by a route change
-- keeps its row with superseded_at set, so history never loses what was planned or recorded.
CREATE TABLE case_step (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    case_id UNIQUEIDENTIFIER NOT NULL REFERENCES case_file (id),
    stage_ordinal INT NOT NULL,
    stage_name NVARCHAR(200) NOT NULL,
    ordinal INT NOT NULL,
    body_id UNIQUEIDENTIFIER NOT NULL REFERENCES body (id),
    organisation_id UNIQUEIDENTIFIER NULL REFERENCES organisation (id),
    role NVARCHAR(30) NOT NULL,
    authoritative BIT NOT NULL,
    deadline DATE NULL,
    note NVARCHAR(1000) NULL,
    local_case_number NVARCHAR(100) NULL,
    meeting_id UNIQUEIDENTIFIER NULL REFERENCES meeting (id),
    recommendation_text NVARCHAR(4000) NULL,
    recommended_at DATETIMEOFFSET NULL,
    recommended_by NVARCHAR(200) NULL,
    outcome NVARCHAR(30) NULL,
    decision_text NVARCHAR(4000) NULL,
    decided_on DATE NULL,
    referred_to_body_id UNIQUEIDENTIFIER NULL REFERENCES body (id),
    decided_at DATETIMEOFFSET NULL,
    decided_by NVARCHAR(200) NULL,
    superseded_at DATETIMEOFFSET NULL,
    version INT NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    modified_at DATETIMEOFFSET NOT NULL
);
CREATE INDEX ix_case_step_case ON case_step (case_id, stage_ordinal, ordinal);
CREATE INDEX ix_case_step_meeting ON case_step (meeting_id);

-- The ordered agenda of a meeting: one item per scheduled step.
CREATE TABLE agenda_item (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    meeting_id UNIQUEIDENTIFIER NOT NULL REFERENCES meeting (id),
    case_step_id UNIQUEIDENTIFIER NOT NULL REFERENCES case_step (id),
    agenda_position INT NOT NULL,
    CONSTRAINT ux_agenda_item_step UNIQUE (meeting_id, case_step_id)
);
CREATE INDEX ix_agenda_item_meeting ON agenda_item (meeting_id, agenda_position);

-- Every route change, with its reason and the route before and after (as text), for the timeline.
CREATE TABLE case_route_change (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    case_id UNIQUEIDENTIFIER NOT NULL REFERENCES case_file (id),
    reason NVARCHAR(1000) NOT NULL,
    changed_by NVARCHAR(200) NOT NULL,
    changed_at DATETIMEOFFSET NOT NULL
);
CREATE INDEX ix_case_route_change_case ON case_route_change (case_id, changed_at);
