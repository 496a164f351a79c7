-- Per-username sign-in back-off, shared by every instance (it was kept in memory per instance, so N instances gave an
-- attacker N times the free attempts). Keyed on the username as typed (trimmed, lower case), whether or not an account
-- has it, so that an unknown username costs the same work as a known one. Technical, not audited; rows of usernames
-- left alone for a while are pruned by the API.
CREATE TABLE login_throttle (
    username_key NVARCHAR(100) NOT NULL PRIMARY KEY,
    attempts INT NOT NULL,
    last_attempt_at DATETIMEOFFSET NOT NULL,
    blocked_until DATETIMEOFFSET NOT NULL
);
CREATE INDEX ix_login_throttle_last_attempt ON login_throttle (last_attempt_at);
