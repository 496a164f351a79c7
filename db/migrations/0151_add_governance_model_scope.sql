-- Staff accounts and API keys may be limited to one or more governance models (partnerships) (issue 14): the ids,
-- space-separated like api_key.scopes; NULL = every model. The limit travels as claims and is enforced where a
-- request names (or resolves to) a model.
ALTER TABLE user_account ADD governance_model_scope NVARCHAR(1000) NULL;
ALTER TABLE api_key ADD governance_model_scope NVARCHAR(1000) NULL;
