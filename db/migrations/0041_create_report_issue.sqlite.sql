-- Issued (frozen) status reports: the report's JSON exactly as it was when issued, with the issue date and issuer,
-- so that later data changes never alter a report that was handed to a board. content holds the JSON (can exceed
-- 4000 characters: TEXT here, NVARCHAR(MAX) on SQL Server); content_sha256 lets anyone check it is unchanged.
CREATE TABLE report_issue (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    governance_model_id UNIQUEIDENTIFIER NOT NULL REFERENCES governance_model (id),
    kind NVARCHAR(40) NOT NULL,
    title NVARCHAR(200) NOT NULL,
    period_from DATE NOT NULL,
    period_to DATE NOT NULL,
    issued_at DATETIMEOFFSET NOT NULL,
    issued_by NVARCHAR(200) NOT NULL,
    schema_version INT NOT NULL,
    content TEXT NOT NULL,
    content_sha256 NVARCHAR(64) NOT NULL,
    version INT NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    modified_at DATETIMEOFFSET NOT NULL,
    deleted_at DATETIMEOFFSET NULL
);
CREATE INDEX ix_report_issue_model ON report_issue (governance_model_id, issued_at);
CREATE INDEX ix_report_issue_modified ON report_issue (modified_at);

-- A frozen report's figures and dates can never be rewritten.
CREATE TRIGGER report_issue_frozen BEFORE UPDATE OF content, content_sha256, period_from, period_to, issued_at, governance_model_id ON report_issue
BEGIN
    SELECT RAISE(ABORT, 'an issued report is frozen');
END;
