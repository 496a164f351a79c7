-- Local staff accounts (the embedded default; production may use an identity provider instead), API keys for
-- systems, and the record of reads of restricted personal data.

CREATE TABLE user_account (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    username NVARCHAR(100) NOT NULL,
    display_name NVARCHAR(200) NOT NULL,
    password_hash NVARCHAR(400) NOT NULL,
    role NVARCHAR(40) NOT NULL,
    organisation_id UNIQUEIDENTIFIER NULL REFERENCES organisation (id),
    disabled_at DATETIMEOFFSET NULL,
    version INT NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    modified_at DATETIMEOFFSET NOT NULL,
    deleted_at DATETIMEOFFSET NULL,
    CONSTRAINT ux_user_account_username UNIQUE (username)
);

-- A key is shown once as klima_<prefix>_<secret>; only the SHA-256 of the secret is stored.
CREATE TABLE api_key (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    name NVARCHAR(200) NOT NULL,
    prefix NVARCHAR(20) NOT NULL,
    secret_hash NVARCHAR(64) NOT NULL,
    scopes NVARCHAR(1000) NOT NULL,
    organisation_id UNIQUEIDENTIFIER NULL REFERENCES organisation (id),
    expires_at DATETIMEOFFSET NULL,
    revoked_at DATETIMEOFFSET NULL,
    replaced_by_id UNIQUEIDENTIFIER NULL,
    version INT NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    modified_at DATETIMEOFFSET NOT NULL,
    deleted_at DATETIMEOFFSET NULL,
    CONSTRAINT ux_api_key_prefix UNIQUE (prefix)
);

CREATE TABLE personal_data_access (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    person_id UNIQUEIDENTIFIER NOT NULL,
    accessed_by NVARCHAR(200) NOT NULL,
    purpose NVARCHAR(200) NOT NULL,
    accessed_at DATETIMEOFFSET NOT NULL
);
CREATE INDEX ix_personal_data_access_person ON personal_data_access (person_id, accessed_at);
