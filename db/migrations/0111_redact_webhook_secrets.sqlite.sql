-- Webhook signing secrets no longer enter the audit log (AuditTriggers.RestrictedColumns); the copies already
-- written are removed here. This is the one deliberate rewrite of the append-only log: a secret must not stay
-- readable to everyone with audit:read. The append-only guard is dropped and recreated inside this migration's
-- transaction. The secrets themselves are encrypted with Data Protection on first use (WebhookSecrets).
DROP TRIGGER audit_log_no_update;

UPDATE audit_log
SET before_json = CASE WHEN before_json IS NULL THEN NULL ELSE json_remove(before_json, '$.secret') END,
    after_json = CASE WHEN after_json IS NULL THEN NULL ELSE json_remove(after_json, '$.secret') END
WHERE entity_type = 'webhook_subscription';

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
