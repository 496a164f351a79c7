-- The governance register: models, organisations, bodies and their relations, seats, composition rules,
-- people, memberships, election terms and secretariat staff.
-- Portable between SQLite and SQL Server: the type names below are native in SQL Server and map to the
-- intended affinity in SQLite (GUIDs, dates and timestamps are stored as fixed-width text there).
-- Every resource has version (ETag), created_at / modified_at (incremental sync) and deleted_at (tombstones).

CREATE TABLE governance_model (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    code NVARCHAR(50) NOT NULL,
    name NVARCHAR(200) NOT NULL,
    description NVARCHAR(4000) NULL,
    valid_from DATE NULL,
    valid_to DATE NULL,
    version INT NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    modified_at DATETIMEOFFSET NOT NULL,
    deleted_at DATETIMEOFFSET NULL,
    CONSTRAINT ux_governance_model_code UNIQUE (code)
);

CREATE TABLE organisation (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    kind NVARCHAR(40) NOT NULL,
    name NVARCHAR(200) NOT NULL,
    short_name NVARCHAR(50) NULL,
    municipality_code NVARCHAR(3) NULL,
    region_code NVARCHAR(4) NULL,
    cvr NVARCHAR(8) NULL,
    version INT NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    modified_at DATETIMEOFFSET NOT NULL,
    deleted_at DATETIMEOFFSET NULL
);
CREATE UNIQUE INDEX ux_organisation_municipality_code ON organisation (municipality_code) WHERE municipality_code IS NOT NULL;
CREATE UNIQUE INDEX ux_organisation_region_code ON organisation (region_code) WHERE region_code IS NOT NULL;
CREATE INDEX ix_organisation_modified ON organisation (modified_at);

-- Which organisations take part in a model, and how (member parties share costs and are fanned out to).
CREATE TABLE governance_model_party (
    governance_model_id UNIQUEIDENTIFIER NOT NULL REFERENCES governance_model (id),
    organisation_id UNIQUEIDENTIFIER NOT NULL REFERENCES organisation (id),
    role NVARCHAR(40) NOT NULL,
    CONSTRAINT pk_governance_model_party PRIMARY KEY (governance_model_id, organisation_id)
);

CREATE TABLE body (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    governance_model_id UNIQUEIDENTIFIER NOT NULL REFERENCES governance_model (id),
    code NVARCHAR(50) NOT NULL,
    name NVARCHAR(200) NOT NULL,
    name_en NVARCHAR(200) NULL,
    kind NVARCHAR(40) NOT NULL,
    mandate NVARCHAR(4000) NULL,
    can_decide BIT NOT NULL,
    host_organisation_id UNIQUEIDENTIFIER NULL REFERENCES organisation (id),
    established_on DATE NULL,
    established_by_case_ref NVARCHAR(100) NULL,
    dissolved_on DATE NULL,
    dissolved_by_case_ref NVARCHAR(100) NULL,
    version INT NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    modified_at DATETIMEOFFSET NOT NULL,
    deleted_at DATETIMEOFFSET NULL,
    CONSTRAINT ux_body_model_code UNIQUE (governance_model_id, code)
);
CREATE INDEX ix_body_modified ON body (modified_at);

CREATE TABLE body_relation (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    governance_model_id UNIQUEIDENTIFIER NOT NULL REFERENCES governance_model (id),
    from_body_id UNIQUEIDENTIFIER NOT NULL REFERENCES body (id),
    to_body_id UNIQUEIDENTIFIER NOT NULL REFERENCES body (id),
    kind NVARCHAR(40) NOT NULL,
    note NVARCHAR(400) NULL,
    version INT NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    modified_at DATETIMEOFFSET NOT NULL,
    deleted_at DATETIMEOFFSET NULL
);
CREATE INDEX ix_body_relation_model ON body_relation (governance_model_id);

CREATE TABLE seat (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    body_id UNIQUEIDENTIFIER NOT NULL REFERENCES body (id),
    ordinal INT NOT NULL,
    label NVARCHAR(200) NOT NULL,
    category NVARCHAR(100) NULL,
    role NVARCHAR(20) NOT NULL,
    voting BIT NOT NULL,
    represents_organisation_id UNIQUEIDENTIFIER NULL REFERENCES organisation (id),
    appointed_by_organisation_id UNIQUEIDENTIFIER NULL REFERENCES organisation (id),
    appointed_by_body_id UNIQUEIDENTIFIER NULL REFERENCES body (id),
    version INT NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    modified_at DATETIMEOFFSET NOT NULL,
    deleted_at DATETIMEOFFSET NULL
);
CREATE INDEX ix_seat_body ON seat (body_id, ordinal);

-- Rules a body's composition must keep. kind: maxSeatsPerOrganisation | maxSeatsPerCategory |
-- minFilledPerCategory | chairMustHoldSeatIn. severity: hard (refuses the change) | soft (a warning).
CREATE TABLE composition_rule (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    body_id UNIQUEIDENTIFIER NOT NULL REFERENCES body (id),
    code NVARCHAR(80) NOT NULL,
    kind NVARCHAR(60) NOT NULL,
    severity NVARCHAR(10) NOT NULL,
    int_value INT NULL,
    category NVARCHAR(100) NULL,
    ref_body_id UNIQUEIDENTIFIER NULL REFERENCES body (id),
    description NVARCHAR(1000) NOT NULL,
    version INT NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    modified_at DATETIMEOFFSET NOT NULL,
    deleted_at DATETIMEOFFSET NULL
);
CREATE INDEX ix_composition_rule_body ON composition_rule (body_id);

-- email, phone and notes are restricted personal data; the rest is public.
CREATE TABLE person (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    name NVARCHAR(200) NOT NULL,
    title NVARCHAR(200) NULL,
    organisation_id UNIQUEIDENTIFIER NULL REFERENCES organisation (id),
    email NVARCHAR(320) NULL,
    phone NVARCHAR(40) NULL,
    notes NVARCHAR(4000) NULL,
    pseudonymised_at DATETIMEOFFSET NULL,
    version INT NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    modified_at DATETIMEOFFSET NOT NULL,
    deleted_at DATETIMEOFFSET NULL
);
CREATE INDEX ix_person_modified ON person (modified_at);

-- A person holds a seat over the half-open period [valid_from, valid_to). Rows are never overwritten to
-- change history: ending a membership sets valid_to; a new term is a new row.
CREATE TABLE membership (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    seat_id UNIQUEIDENTIFIER NOT NULL REFERENCES seat (id),
    person_id UNIQUEIDENTIFIER NOT NULL REFERENCES person (id),
    valid_from DATE NOT NULL,
    valid_to DATE NULL,
    appointed_by_decision_ref NVARCHAR(200) NULL,
    substitute_person_id UNIQUEIDENTIFIER NULL REFERENCES person (id),
    tied_to_election_term BIT NOT NULL,
    end_reason NVARCHAR(400) NULL,
    version INT NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    modified_at DATETIMEOFFSET NOT NULL,
    deleted_at DATETIMEOFFSET NULL
);
CREATE INDEX ix_membership_seat ON membership (seat_id, valid_from);
CREATE INDEX ix_membership_person ON membership (person_id, valid_from);

-- Municipal (and regional) election terms, half-open: memberships tied to a term end with it.
CREATE TABLE election_term (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    code NVARCHAR(20) NOT NULL,
    name NVARCHAR(100) NOT NULL,
    starts_on DATE NOT NULL,
    ends_on DATE NOT NULL,
    CONSTRAINT ux_election_term_code UNIQUE (code)
);

-- Secretariat staff: who employs a post, where it is placed, who manages it day to day, and its FTE share
-- (hundredths of a full-time equivalent, so 1.00 FTE = 100).
CREATE TABLE staff_position (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    body_id UNIQUEIDENTIFIER NOT NULL REFERENCES body (id),
    title NVARCHAR(200) NOT NULL,
    employer_organisation_id UNIQUEIDENTIFIER NOT NULL REFERENCES organisation (id),
    placement_body_id UNIQUEIDENTIFIER NULL REFERENCES body (id),
    daily_manager_body_id UNIQUEIDENTIFIER NULL REFERENCES body (id),
    daily_manager_role NVARCHAR(200) NULL,
    fte_hundredths INT NOT NULL,
    holder_person_id UNIQUEIDENTIFIER NULL REFERENCES person (id),
    valid_from DATE NULL,
    valid_to DATE NULL,
    note NVARCHAR(1000) NULL,
    version INT NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    modified_at DATETIMEOFFSET NOT NULL,
    deleted_at DATETIMEOFFSET NULL
);
CREATE INDEX ix_staff_position_body ON staff_position (body_id);
