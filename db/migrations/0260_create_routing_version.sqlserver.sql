-- The routing version: one number that every change to what routing reads moves, inside the writing transaction (once per statement), so that
-- the routing inputs of a model (its rules and their steps, bodies, member parties and interests: RoutingStore.LoadAsync)
-- can be cached per API instance keyed by it (Features/Routing/RoutingInputs.cs) and are never used after a change has
-- committed, whichever instance wrote. Unlike data_version it is not moved by cases, so 32 writers creating cases keep
-- hitting the cache. `stamp` tells one database from another (an instance's cache is keyed by it too).
CREATE TABLE routing_version (
    id INT NOT NULL PRIMARY KEY,
    version BIGINT NOT NULL,
    stamp NVARCHAR(32) NOT NULL
);
INSERT INTO routing_version (id, version, stamp) VALUES (1, 1, LOWER(REPLACE(CONVERT(NVARCHAR(36), NEWID()), '-', '')));
GO
CREATE TRIGGER routing_version_on_routing_rule ON routing_rule AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    UPDATE routing_version SET version = version + 1 WHERE id = 1;
END;
GO
CREATE TRIGGER routing_version_on_routing_rule_step ON routing_rule_step AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    UPDATE routing_version SET version = version + 1 WHERE id = 1;
END;
GO
CREATE TRIGGER routing_version_on_body ON body AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    UPDATE routing_version SET version = version + 1 WHERE id = 1;
END;
GO
CREATE TRIGGER routing_version_on_governance_model_party ON governance_model_party AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    UPDATE routing_version SET version = version + 1 WHERE id = 1;
END;
GO
CREATE TRIGGER routing_version_on_organisation ON organisation AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    UPDATE routing_version SET version = version + 1 WHERE id = 1;
END;
GO
CREATE TRIGGER routing_version_on_case_interest ON case_interest AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    UPDATE routing_version SET version = version + 1 WHERE id = 1;
END;
