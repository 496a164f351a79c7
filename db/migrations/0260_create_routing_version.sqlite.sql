-- The routing version: one number that every change to what routing reads moves, inside the writing transaction, so that
-- the routing inputs of a model (its rules and their steps, bodies, member parties and interests: RoutingStore.LoadAsync)
-- can be cached per API instance keyed by it (Features/Routing/RoutingInputs.cs) and are never used after a change has
-- committed, whichever instance wrote. Unlike data_version it is not moved by cases, so 32 writers creating cases keep
-- hitting the cache. `stamp` tells one database from another (an instance's cache is keyed by it too).
CREATE TABLE routing_version (
    id INT NOT NULL PRIMARY KEY,
    version BIGINT NOT NULL,
    stamp TEXT NOT NULL
);
INSERT INTO routing_version (id, version, stamp) VALUES (1, 1, lower(hex(randomblob(16))));

CREATE TRIGGER routing_version_on_routing_rule_insert AFTER INSERT ON routing_rule
BEGIN
    UPDATE routing_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER routing_version_on_routing_rule_update AFTER UPDATE ON routing_rule
BEGIN
    UPDATE routing_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER routing_version_on_routing_rule_delete AFTER DELETE ON routing_rule
BEGIN
    UPDATE routing_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER routing_version_on_routing_rule_step_insert AFTER INSERT ON routing_rule_step
BEGIN
    UPDATE routing_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER routing_version_on_routing_rule_step_update AFTER UPDATE ON routing_rule_step
BEGIN
    UPDATE routing_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER routing_version_on_routing_rule_step_delete AFTER DELETE ON routing_rule_step
BEGIN
    UPDATE routing_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER routing_version_on_body_insert AFTER INSERT ON body
BEGIN
    UPDATE routing_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER routing_version_on_body_update AFTER UPDATE ON body
BEGIN
    UPDATE routing_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER routing_version_on_body_delete AFTER DELETE ON body
BEGIN
    UPDATE routing_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER routing_version_on_governance_model_party_insert AFTER INSERT ON governance_model_party
BEGIN
    UPDATE routing_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER routing_version_on_governance_model_party_update AFTER UPDATE ON governance_model_party
BEGIN
    UPDATE routing_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER routing_version_on_governance_model_party_delete AFTER DELETE ON governance_model_party
BEGIN
    UPDATE routing_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER routing_version_on_organisation_insert AFTER INSERT ON organisation
BEGIN
    UPDATE routing_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER routing_version_on_organisation_update AFTER UPDATE ON organisation
BEGIN
    UPDATE routing_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER routing_version_on_organisation_delete AFTER DELETE ON organisation
BEGIN
    UPDATE routing_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER routing_version_on_case_interest_insert AFTER INSERT ON case_interest
BEGIN
    UPDATE routing_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER routing_version_on_case_interest_update AFTER UPDATE ON case_interest
BEGIN
    UPDATE routing_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER routing_version_on_case_interest_delete AFTER DELETE ON case_interest
BEGIN
    UPDATE routing_version SET version = version + 1 WHERE id = 1;
END;
