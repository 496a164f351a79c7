-- The data version: one number that every write moves, inside the writing transaction, so that a cached read model
-- (Infrastructure/Caching) keyed by it is never served after a write has committed, whichever API instance wrote.
-- Every audited change inserts into audit_log in its own transaction; this trigger bumps the number there (once per
-- statement). Write transactions also bump it when they begin (BeginWriteAsync), which covers writes the audit log
-- leaves out (an update that only moves a row's version).
CREATE TABLE data_version (
    id INT NOT NULL PRIMARY KEY,
    version BIGINT NOT NULL
);
INSERT INTO data_version (id, version) VALUES (1, 1);
GO
CREATE TRIGGER data_version_on_audit ON audit_log AFTER INSERT
AS
BEGIN
    SET NOCOUNT ON;
    UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
