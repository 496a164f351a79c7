-- A webhook subscription made by a caller limited to some governance models (partnerships) keeps that limit (issue 14):
-- it receives only events of cases of those models. Space-separated ids like api_key.governance_model_scope; NULL = every model.
ALTER TABLE webhook_subscription ADD governance_model_scope NVARCHAR(1000) NULL;
