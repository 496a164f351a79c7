-- Leases for webhook delivery by several API instances on one database: an instance claims a message by writing its
-- name and the lease's expiry in one UPDATE (see OutboxDispatcher.ClaimAsync); an expired lease may be taken over.
ALTER TABLE outbox_message ADD lease_owner NVARCHAR(100) NULL;
ALTER TABLE outbox_message ADD lease_expires_at DATETIMEOFFSET NULL;
