-- Server-side browser sessions: the session cookie names a row here, and every request checks it, so logout,
-- a password change and disabling an account end the session at once (not when the cookie lapses).
-- Not audited (a technical table); sign-ins and revocations are logged by the API.
CREATE TABLE user_session (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    user_id UNIQUEIDENTIFIER NOT NULL REFERENCES user_account (id),
    created_at DATETIMEOFFSET NOT NULL,
    last_seen_at DATETIMEOFFSET NOT NULL,
    revoked_at DATETIMEOFFSET NULL,
    revoked_reason NVARCHAR(40) NULL
);
CREATE INDEX ix_user_session_user ON user_session (user_id, revoked_at);
