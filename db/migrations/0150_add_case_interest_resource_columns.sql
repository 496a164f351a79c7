-- Case interests become a resource a model's staff manage through the API (issue 14): an English name beside the
-- Danish one, a version for ETag / If-Match, and timestamps with a tombstone (a retired interest stays readable by the
-- cases that carry it, but no new case, rule or dry run may use it). Rows seeded before this migration start at
-- version 1 with no timestamps.
ALTER TABLE case_interest ADD name_en NVARCHAR(200) NULL;
ALTER TABLE case_interest ADD version INT NOT NULL CONSTRAINT df_case_interest_version DEFAULT 1;
ALTER TABLE case_interest ADD created_at DATETIMEOFFSET NULL;
ALTER TABLE case_interest ADD modified_at DATETIMEOFFSET NULL;
ALTER TABLE case_interest ADD deleted_at DATETIMEOFFSET NULL;
