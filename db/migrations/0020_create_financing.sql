-- Financing: who pays (payers, possibly groups of organisations), for what (programmes with half-open periods),
-- grants (bevillinger) with their life cycle, versioned budgets with lines per period x cost type x payer, and actuals.
-- Money is BIGINT øre (exact); FTE in hundredths. Enums are stored as their camelCase JSON text.
-- Portable between SQLite and SQL Server (no GRANT/KEY/PERIOD identifiers; no cascades).

-- A payer is one organisation or a named group of organisations paying jointly ("the municipalities jointly").
CREATE TABLE funding_payer (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    governance_model_id UNIQUEIDENTIFIER NOT NULL REFERENCES governance_model (id),
    code NVARCHAR(50) NOT NULL,
    name NVARCHAR(200) NOT NULL,
    organisation_id UNIQUEIDENTIFIER NULL REFERENCES organisation (id),
    note NVARCHAR(1000) NULL,
    version INT NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    modified_at DATETIMEOFFSET NOT NULL,
    deleted_at DATETIMEOFFSET NULL,
    CONSTRAINT ux_funding_payer_code UNIQUE (governance_model_id, code)
);

-- Members of a group payer: the parties a joint amount is split over.
CREATE TABLE funding_payer_member (
    payer_id UNIQUEIDENTIFIER NOT NULL REFERENCES funding_payer (id),
    organisation_id UNIQUEIDENTIFIER NOT NULL REFERENCES organisation (id),
    CONSTRAINT pk_funding_payer_member PRIMARY KEY (payer_id, organisation_id)
);

-- A programme (or a phase of one, via parent_programme_id) over [valid_from, valid_to); NULL = not bounded / not known.
CREATE TABLE funding_programme (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    governance_model_id UNIQUEIDENTIFIER NOT NULL REFERENCES governance_model (id),
    parent_programme_id UNIQUEIDENTIFIER NULL REFERENCES funding_programme (id),
    code NVARCHAR(50) NOT NULL,
    name NVARCHAR(200) NOT NULL,
    description NVARCHAR(4000) NULL,
    valid_from DATE NULL,
    valid_to DATE NULL,
    version INT NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    modified_at DATETIMEOFFSET NOT NULL,
    deleted_at DATETIMEOFFSET NULL,
    CONSTRAINT ux_funding_programme_code UNIQUE (governance_model_id, code)
);

-- What a payer has committed (disponeret) to a programme: an amount, staff (FTE) or both, with its source.
CREATE TABLE funding_commitment (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    programme_id UNIQUEIDENTIFIER NOT NULL REFERENCES funding_programme (id),
    payer_id UNIQUEIDENTIFIER NOT NULL REFERENCES funding_payer (id),
    amount_ore BIGINT NULL,
    fte_hundredths INT NULL,
    period_from DATE NULL,
    period_to DATE NULL,
    description NVARCHAR(1000) NOT NULL,
    source_ref NVARCHAR(200) NULL,
    version INT NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    modified_at DATETIMEOFFSET NOT NULL,
    deleted_at DATETIMEOFFSET NULL
);
CREATE INDEX ix_funding_commitment_programme ON funding_commitment (programme_id);

-- A grant (bevilling). state: reserved | released | spent | closed; each move is a funding_grant_event.
CREATE TABLE funding_grant (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    programme_id UNIQUEIDENTIFIER NOT NULL REFERENCES funding_programme (id),
    payer_id UNIQUEIDENTIFIER NOT NULL REFERENCES funding_payer (id),
    title NVARCHAR(200) NOT NULL,
    amount_ore BIGINT NOT NULL,
    state NVARCHAR(20) NOT NULL,
    conditions NVARCHAR(4000) NULL,
    reserved_on DATE NULL,
    reserved_by_decision_ref NVARCHAR(200) NULL,
    expected_release_on DATE NULL,
    released_on DATE NULL,
    released_by_decision_ref NVARCHAR(200) NULL,
    spent_on DATE NULL,
    closed_on DATE NULL,
    version INT NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    modified_at DATETIMEOFFSET NOT NULL,
    deleted_at DATETIMEOFFSET NULL
);
CREATE INDEX ix_funding_grant_programme ON funding_grant (programme_id);
CREATE INDEX ix_funding_grant_modified ON funding_grant (modified_at);

CREATE TABLE funding_grant_event (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    grant_id UNIQUEIDENTIFIER NOT NULL REFERENCES funding_grant (id),
    from_state NVARCHAR(20) NULL,
    to_state NVARCHAR(20) NOT NULL,
    occurred_on DATE NULL,
    decision_ref NVARCHAR(200) NULL,
    note NVARCHAR(1000) NULL,
    recorded_at DATETIMEOFFSET NOT NULL,
    recorded_by NVARCHAR(200) NOT NULL
);
CREATE INDEX ix_funding_grant_event_grant ON funding_grant_event (grant_id, recorded_at);

-- A budget for a programme; its content lives in numbered versions.
CREATE TABLE budget (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    programme_id UNIQUEIDENTIFIER NOT NULL REFERENCES funding_programme (id),
    code NVARCHAR(50) NOT NULL,
    name NVARCHAR(200) NOT NULL,
    version INT NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    modified_at DATETIMEOFFSET NOT NULL,
    deleted_at DATETIMEOFFSET NULL,
    CONSTRAINT ux_budget_code UNIQUE (code)
);

-- status: draft | approved | revised. A non-draft version is in force from effective_from until a later one takes over.
CREATE TABLE budget_version (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    budget_id UNIQUEIDENTIFIER NOT NULL REFERENCES budget (id),
    version_number INT NOT NULL,
    status NVARCHAR(20) NOT NULL,
    effective_from DATE NULL,
    approved_on DATE NULL,
    decision_ref NVARCHAR(200) NULL,
    note NVARCHAR(2000) NULL,
    version INT NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    modified_at DATETIMEOFFSET NOT NULL,
    CONSTRAINT ux_budget_version_number UNIQUE (budget_id, version_number)
);

-- cost_type: salaries | operations | other. A negative amount is allowed only on an explicit adjustment line.
CREATE TABLE budget_line (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    budget_version_id UNIQUEIDENTIFIER NOT NULL REFERENCES budget_version (id),
    ordinal INT NOT NULL,
    period_from DATE NOT NULL,
    period_to DATE NOT NULL,
    cost_type NVARCHAR(20) NOT NULL,
    payer_id UNIQUEIDENTIFIER NOT NULL REFERENCES funding_payer (id),
    amount_ore BIGINT NOT NULL,
    is_adjustment BIT NOT NULL,
    note NVARCHAR(1000) NULL
);
CREATE INDEX ix_budget_line_version ON budget_line (budget_version_id, ordinal);

-- Spent amounts, keyed like budget lines (budget, period, cost type, payer) so they compare with any version.
CREATE TABLE budget_actual (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    budget_id UNIQUEIDENTIFIER NOT NULL REFERENCES budget (id),
    period_from DATE NOT NULL,
    period_to DATE NOT NULL,
    cost_type NVARCHAR(20) NOT NULL,
    payer_id UNIQUEIDENTIFIER NOT NULL REFERENCES funding_payer (id),
    amount_ore BIGINT NOT NULL,
    is_adjustment BIT NOT NULL,
    booked_on DATE NOT NULL,
    reference NVARCHAR(200) NULL,
    note NVARCHAR(1000) NULL,
    version INT NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    modified_at DATETIMEOFFSET NOT NULL,
    deleted_at DATETIMEOFFSET NULL
);
CREATE INDEX ix_budget_actual_budget ON budget_actual (budget_id, period_from);
