-- Append-only: every change to an audited table is written here by database triggers in the same
-- transaction (the triggers are generated from the schema at start-up: Infrastructure/Data/AuditTriggers.cs).
CREATE TABLE audit_log (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    occurred_at DATETIMEOFFSET NOT NULL,
    actor NVARCHAR(200) NULL,
    entity_type NVARCHAR(100) NOT NULL,
    entity_id NVARCHAR(100) NULL,
    action NVARCHAR(10) NOT NULL,
    before_json NVARCHAR(MAX) NULL,
    after_json NVARCHAR(MAX) NULL
);
CREATE INDEX ix_audit_log_entity ON audit_log (entity_type, entity_id);
CREATE INDEX ix_audit_log_occurred ON audit_log (occurred_at);

-- The audit log cannot be rewritten by the application: updates and deletes are refused.
-- The actor of a change comes from SESSION_CONTEXT(N'klima.actor'), set when a connection is opened.
-- In production, also grant the application's login only INSERT and SELECT on audit_log.
GO
CREATE TRIGGER audit_log_append_only ON audit_log INSTEAD OF UPDATE, DELETE
AS
BEGIN
    THROW 50001, 'audit_log is append-only', 1;
END;
