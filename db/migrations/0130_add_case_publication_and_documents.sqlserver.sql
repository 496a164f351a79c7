-- The public view and case documents (issues 15 and 18). Differs per database only in the binary column type and
-- the DROP INDEX syntax.

-- What of a case is public is decided by its owner: visibility 'public' | 'notPublic', or NULL = not public until a
-- body that can decide has recorded a decision on it. unpublished_at is when the owner took a public case out of
-- the public view (it then appears there as deleted).
ALTER TABLE case_file ADD visibility NVARCHAR(20) NULL;
ALTER TABLE case_file ADD unpublished_at DATETIMEOFFSET NULL;

-- (source system, external reference) is unique per owning organisation, so that one organisation's reference
-- never tells another that a case exists (no existence oracle).
DROP INDEX ux_case_file_external ON case_file;
CREATE UNIQUE INDEX ux_case_file_owner_external ON case_file (owner_organisation_id, source_system, external_reference)
    WHERE source_system IS NOT NULL AND external_reference IS NOT NULL;

-- A document is uploaded to Klima (content below) or referred to by an https URL of the owning case system.
-- document_number keeps an identifier such as KL's document number (3323070) beside it.
ALTER TABLE case_document ADD document_number NVARCHAR(50) NULL;
ALTER TABLE case_document ADD media_type NVARCHAR(100) NULL;
ALTER TABLE case_document ADD size_bytes BIGINT NULL;
ALTER TABLE case_document ADD sha512 NVARCHAR(128) NULL;
ALTER TABLE case_document ADD file_name NVARCHAR(200) NULL;
ALTER TABLE case_document ADD uploaded_by NVARCHAR(200) NULL;
ALTER TABLE case_document ADD created_at DATETIMEOFFSET NULL;
ALTER TABLE case_document ADD modified_at DATETIMEOFFSET NULL;
ALTER TABLE case_document ADD deleted_at DATETIMEOFFSET NULL;
GO

-- Uploaded bytes live in the database, so every API instance serves them.
CREATE TABLE case_document_content (
    document_id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY REFERENCES case_document (id),
    content VARBINARY(MAX) NOT NULL
);
