-- Webhook signing secrets no longer enter the audit log (AuditTriggers.RestrictedColumns); the copies already
-- written are removed here. This is the one deliberate rewrite of the append-only log: a secret must not stay
-- readable to everyone with audit:read. The secret column widens for the Data Protection ciphertext
-- (WebhookSecrets encrypts the existing clear-text secrets on first use).
ALTER TABLE webhook_subscription ALTER COLUMN secret NVARCHAR(1000) NOT NULL;
GO
DISABLE TRIGGER audit_log_append_only ON audit_log;
GO
UPDATE audit_log
SET before_json = JSON_MODIFY(before_json, '$.secret', NULL),
    after_json = JSON_MODIFY(after_json, '$.secret', NULL)
WHERE entity_type = 'webhook_subscription';
GO
ENABLE TRIGGER audit_log_append_only ON audit_log;
