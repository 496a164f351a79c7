-- Who serves a body (issue 13): the secretariat that prepares and records its treatment (served_by_body_id) and the
-- organisation whose systems may record its recommendations and decisions (served_by_organisation_id; NULL = only
-- unbound staff). A municipal council is served by its own municipality.
ALTER TABLE body ADD served_by_body_id UNIQUEIDENTIFIER NULL CONSTRAINT fk_body_served_by_body REFERENCES body (id);
ALTER TABLE body ADD served_by_organisation_id UNIQUEIDENTIFIER NULL CONSTRAINT fk_body_served_by_organisation REFERENCES organisation (id);
