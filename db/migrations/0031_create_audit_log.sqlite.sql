-- Append-only: every change to an audited table is written here by database triggers in the same
-- transaction (the triggers are generated from the schema at start-up: Infrastructure/Data/AuditTriggers.cs).
CREATE TABLE audit_log (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    occurred_at DATETIMEOFFSET NOT NULL,
    actor NVARCHAR(200) NULL,
    entity_type NVARCHAR(100) NOT NULL,
    entity_id NVARCHAR(100) NULL,
    action NVARCHAR(10) NOT NULL,
    before_json TEXT NULL,
    after_json TEXT NULL
);
CREATE INDEX ix_audit_log_entity ON audit_log (entity_type, entity_id);
CREATE INDEX ix_audit_log_occurred ON audit_log (occurred_at);

-- The audit log cannot be rewritten by the application: updates and deletes abort.
-- audit_session holds the actor of the write transaction in progress (SQLite has one writer at a time).
CREATE TABLE audit_session (
    id INT NOT NULL PRIMARY KEY,
    actor NVARCHAR(200) NULL
);
INSERT INTO audit_session (id, actor) VALUES (1, NULL);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
