-- Allocation keys (issue 14): a stored, named key that splits a joint amount over a model's payers.
-- method: fixedShares (weight = basis points, summing to 10000) | population (weight = inhabitants) | equalSplit (weight 1).
-- version is the key's revision: every change of its name, method or shares moves it (If-Match), and revision_note says why.
-- basis_note names the source of the weights (e.g. "Danmarks Statistik, FOLK1A, 1. januar 2023").
CREATE TABLE allocation_key (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    governance_model_id UNIQUEIDENTIFIER NOT NULL REFERENCES governance_model (id),
    code NVARCHAR(50) NOT NULL,
    name NVARCHAR(200) NOT NULL,
    method NVARCHAR(20) NOT NULL,
    description NVARCHAR(2000) NULL,
    basis_note NVARCHAR(400) NULL,
    version INT NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    modified_at DATETIMEOFFSET NOT NULL,
    deleted_at DATETIMEOFFSET NULL,
    CONSTRAINT ux_allocation_key_code UNIQUE (governance_model_id, code)
);

-- One share per payer; ordinal keeps the order the key was written in.
CREATE TABLE allocation_key_share (
    allocation_key_id UNIQUEIDENTIFIER NOT NULL REFERENCES allocation_key (id),
    payer_id UNIQUEIDENTIFIER NOT NULL REFERENCES funding_payer (id),
    ordinal INT NOT NULL,
    weight BIGINT NOT NULL,
    CONSTRAINT pk_allocation_key_share PRIMARY KEY (allocation_key_id, payer_id)
);

-- A figure the sources do not give (e.g. the new secretariat's budget at "the current economic level") is an assumption:
-- it is stored, marked, and never shown as an approved figure.
ALTER TABLE funding_commitment ADD is_assumption BIT NOT NULL DEFAULT 0;
ALTER TABLE budget_version ADD is_assumption BIT NOT NULL DEFAULT 0;
