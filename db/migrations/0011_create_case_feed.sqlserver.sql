-- The change feed (every state change of cases and steps: the history and the webhook events), the webhook
-- outbox and delivery log, and idempotency records for case creation. Only the long-text type differs between
-- SQLite (TEXT) and SQL Server (NVARCHAR(MAX)); keep the two files otherwise identical.

-- Feed order: writers draw sequence numbers from this row inside their transaction; the row lock is held until
-- commit, so sequence order is commit order and a reader resuming after N never misses an event committed later.
CREATE TABLE feed_sequence (
    name NVARCHAR(40) NOT NULL PRIMARY KEY,
    last_value BIGINT NOT NULL
);
INSERT INTO feed_sequence (name, last_value) VALUES ('case-feed', 0);

CREATE TABLE case_event (
    seq BIGINT NOT NULL PRIMARY KEY,
    id UNIQUEIDENTIFIER NOT NULL,
    type NVARCHAR(60) NOT NULL,
    case_id UNIQUEIDENTIFIER NOT NULL REFERENCES case_file (id),
    step_id UNIQUEIDENTIFIER NULL REFERENCES case_step (id),
    owner_organisation_id UNIQUEIDENTIFIER NULL REFERENCES organisation (id),
    occurred_at DATETIMEOFFSET NOT NULL,
    actor NVARCHAR(200) NOT NULL,
    payload NVARCHAR(MAX) NOT NULL,
    CONSTRAINT ux_case_event_id UNIQUE (id)
);
CREATE INDEX ix_case_event_case ON case_event (case_id, seq);

-- A subscription bound to an organisation receives only the events of cases that organisation owns.
CREATE TABLE webhook_subscription (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    owner_organisation_id UNIQUEIDENTIFIER NULL REFERENCES organisation (id),
    url NVARCHAR(2000) NOT NULL,
    secret NVARCHAR(200) NOT NULL,
    event_types NVARCHAR(1000) NULL,
    description NVARCHAR(400) NULL,
    created_by NVARCHAR(200) NOT NULL,
    version INT NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    modified_at DATETIMEOFFSET NOT NULL,
    deleted_at DATETIMEOFFSET NULL
);

-- One row per (event, subscription), written in the same transaction as the change.
CREATE TABLE outbox_message (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    event_sequence BIGINT NOT NULL REFERENCES case_event (seq),
    subscription_id UNIQUEIDENTIFIER NOT NULL REFERENCES webhook_subscription (id),
    attempts INT NOT NULL,
    next_attempt_at DATETIMEOFFSET NOT NULL,
    delivered_at DATETIMEOFFSET NULL,
    abandoned_at DATETIMEOFFSET NULL,
    last_error NVARCHAR(1000) NULL,
    created_at DATETIMEOFFSET NOT NULL,
    CONSTRAINT ux_outbox_message_event_subscription UNIQUE (event_sequence, subscription_id)
);
CREATE INDEX ix_outbox_message_pending ON outbox_message (subscription_id, delivered_at, abandoned_at, event_sequence);

CREATE TABLE webhook_delivery (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    subscription_id UNIQUEIDENTIFIER NOT NULL REFERENCES webhook_subscription (id),
    outbox_message_id UNIQUEIDENTIFIER NOT NULL REFERENCES outbox_message (id),
    event_id UNIQUEIDENTIFIER NOT NULL,
    attempt INT NOT NULL,
    attempted_at DATETIMEOFFSET NOT NULL,
    status_code INT NULL,
    succeeded BIT NOT NULL,
    error NVARCHAR(1000) NULL,
    duration_ms INT NOT NULL
);
CREATE INDEX ix_webhook_delivery_subscription ON webhook_delivery (subscription_id, attempted_at);

-- Idempotency-Key records: the key is unique per caller, so concurrent duplicates collide on the primary key
-- and only one creates a case; the stored response is replayed to the others.
CREATE TABLE idempotency_record (
    caller NVARCHAR(200) NOT NULL,
    idempotency_key NVARCHAR(200) NOT NULL,
    request_hash NVARCHAR(64) NOT NULL,
    case_id UNIQUEIDENTIFIER NOT NULL,
    response_body NVARCHAR(MAX) NULL,
    created_at DATETIMEOFFSET NOT NULL,
    CONSTRAINT pk_idempotency_record PRIMARY KEY (caller, idempotency_key)
);
