-- Financing of the secretariat is sequential political treatment, as the seeds describe it: KKR Nordjylland approves the
-- model and recommends to the BRN board that BRN finance the secretariat (10 February 2023); the BRN board then takes the
-- final decision on financing (17 February 2023). The joint rule (parallel political anchoring in BRN and KKR) stays for
-- other joint cases. The seed case SAG-2023-01121 is re-routed by this rule: its BRN step moves to a stage of its own.
INSERT INTO case_interest (governance_model_id, code, name, description, ordinal) VALUES
('01000000-0000-0000-0000-000000000001', 'financing', 'Finansiering af fælles ressourcer', 'Sager om finansiering af sekretariatsressourcer: KKR Nordjylland anbefaler, BRN-bestyrelsen træffer endelig beslutning.', 5);

INSERT INTO routing_rule (id, governance_model_id, code, name, description, interest_code, requires_council_decision, priority, source_reference, version, created_at, modified_at) VALUES
('40000000-0000-0000-0000-000000000007', '01000000-0000-0000-0000-000000000001', 'joint-financing', 'Finansiering: KKR anbefaler, BRN-bestyrelsen beslutter',
 'KKR Nordjylland godkender og anbefaler BRN-bestyrelsen, at BRN finansierer; BRN-bestyrelsen træffer endelig beslutning om finansiering af sekretariatsressourcer.',
 'financing', NULL, 25, 'Sag til KKR Nordjylland og BRN-bestyrelsen (SAG-2023-01121): behandles i KKR 10.2.2023 og i BRN-bestyrelsen 17.2.2023', 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z');

INSERT INTO routing_rule_step (id, routing_rule_id, stage_ordinal, stage_name, ordinal, body_id, fan_out, fan_out_party_kind, role, authoritative, deadline_days, note) VALUES
('41000000-0000-0000-0000-000000000024', '40000000-0000-0000-0000-000000000007', 1, 'Sekretariatets forberedelse', 1, '20000000-0000-0000-0000-000000000007', NULL, NULL, 'recommendation', 0, 14, 'Forbereder sagen og udarbejder udkast til indstilling'),
('41000000-0000-0000-0000-000000000025', '40000000-0000-0000-0000-000000000007', 2, 'Faglig behandling', 1, '20000000-0000-0000-0000-000000000006', NULL, NULL, 'consultation', 0, 14, 'Faglig behandling i projektstyregruppen'),
('41000000-0000-0000-0000-000000000026', '40000000-0000-0000-0000-000000000007', 3, 'Administrativ indstilling', 1, '20000000-0000-0000-0000-000000000005', NULL, NULL, 'recommendation', 0, 21, 'Forbereder sagen til det politiske niveau'),
('41000000-0000-0000-0000-000000000027', '40000000-0000-0000-0000-000000000007', 4, 'Politisk behandling i KKR', 1, '20000000-0000-0000-0000-000000000002', NULL, NULL, 'decision', 1, 30, 'Godkender og anbefaler BRN-bestyrelsen finansieringen'),
('41000000-0000-0000-0000-000000000028', '40000000-0000-0000-0000-000000000007', 5, 'Beslutning om finansiering', 1, '20000000-0000-0000-0000-000000000001', NULL, NULL, 'decision', 1, 14, 'BRN-bestyrelsen træffer endelig beslutning om finansiering af sekretariatsressourcer');

UPDATE case_file SET interest_code = 'financing', routing_rule_id = '40000000-0000-0000-0000-000000000007',
    route_explanation = 'Rule ''joint-financing'' (Finansiering: KKR anbefaler, BRN-bestyrelsen beslutter, priority 25) matched: the case''s interest ''financing'' is the rule''s interest; the rule applies whether or not council decisions are required. Source: Sag til KKR Nordjylland og BRN-bestyrelsen (SAG-2023-01121). Seeded from the case documents: the rule''s preparation in the secretariat and the project steering group is left out because this case establishes them; T11+ backed the proposal, KKR Nordjylland approved and recommended financing by BRN (10 February 2023), and the BRN board took the final decision on financing (17 February 2023).'
WHERE id = '50000000-0000-0000-0000-000000000001';

UPDATE case_step SET stage_name = 'Politisk behandling i KKR', note = 'Godkender og anbefaler BRN-bestyrelsen finansieringen'
WHERE id = '51000000-0000-0000-0000-000000000002';
UPDATE case_step SET stage_ordinal = 3, stage_name = 'Beslutning om finansiering', ordinal = 1,
    note = 'BRN-bestyrelsen træffer endelig beslutning om finansiering af sekretariatsressourcer'
WHERE id = '51000000-0000-0000-0000-000000000003';
