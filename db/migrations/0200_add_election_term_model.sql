-- Election terms per partnership where they differ (issue 14). NULL = the national municipal election terms, which every
-- model follows unless it has terms of its own (North Jutland's seed keeps its terms this way); a model with at least
-- one term of its own follows those instead. Codes stay unique across the register.
ALTER TABLE election_term ADD governance_model_id UNIQUEIDENTIFIER NULL REFERENCES governance_model (id);
