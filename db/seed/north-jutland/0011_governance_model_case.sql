-- The case that established the model: SAG-2023-01121, "forslag til model for geografisk organisering af fælles
-- klimaopgaver", presented to KKR Nordjylland (10 February 2023) and the BRN board (17 February 2023).
-- The recommendation is the text of the case document; its decision section ("Beslutning") is blank, so the two
-- decisions below are inferred from the governance model being in force per the document of 13 April 2023, and
-- their text says so. T11+ and the municipal directors' circle backed the proposal before the political meetings
-- (the case text says so; no date is given). The joint rule's preparatory steps in the secretariat and the project
-- steering group are left out: this case is the one that created them.
-- Timestamps of recording are when the seed was written (13 April 2023); decided_on holds the meeting dates.

INSERT INTO meeting (id, body_id, meeting_date, title, location, state, cancellation_reason, version, created_at, modified_at) VALUES
('60000000-0000-0000-0000-000000000001', '20000000-0000-0000-0000-000000000002', '2023-02-10', 'Møde i KKR Nordjylland', NULL, 'held', NULL, 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z'),
('60000000-0000-0000-0000-000000000002', '20000000-0000-0000-0000-000000000001', '2023-02-17', 'Møde i BRN-bestyrelsen', NULL, 'held', NULL, 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z');

INSERT INTO case_number_counter (year, last_value) VALUES (2023, 1);

INSERT INTO case_file (id, case_number, governance_model_id, title, summary, interest_code, council_decision_required, initiator_organisation_id, initiator_body_id, initiator_name, kle_journal_number, kle_action_facet, source_system, external_reference, owner_organisation_id, routing_rule_id, route_explanation, created_by, version, created_at, modified_at) VALUES
('50000000-0000-0000-0000-000000000001', 'KLIMA-2023-0001', '01000000-0000-0000-0000-000000000001',
 'Model for geografisk organisering af fælles klimaopgaver i Nordjylland (Klimaalliancen)',
 'Det nuværende DK2020-samarbejde udløber medio 2023. KL, regionerne og Realdania fortsætter samarbejdet i Klimaalliancen. Sagen beskriver et forslag til udmøntning af den nationale Klimapartnerskabsaftale i forhold til den konkrete organisering i Nordjylland: et fælles klimasekretariat i BRN''s ledelsessystem, BRN som politisk styregruppe, T11+ som administrativ styregruppe, en projektstyregruppe med den faglige ledelse, og samlet finansiering via BRN.',
 'joint', 0, '10000000-0000-0000-0000-000000000002', '20000000-0000-0000-0000-000000000009', 'KKR-sekretariatet (KL)', NULL, NULL, 'kl', 'SAG-2023-01121', NULL,
 '40000000-0000-0000-0000-000000000003',
 'Rule ''joint'' (Fælles kommunal og regional interesse, priority 20) matched: the case''s interest ''joint'' is the rule''s interest; the rule applies whether or not council decisions are required. Source: Governancemodel 13.4.2023 (SAG-2023-01121, dok. 3323070). Seeded from the case documents: the rule''s preparation in the secretariat and the project steering group is left out because this case establishes them; T11+ backed the proposal, then KKR Nordjylland (10 February 2023) and the BRN board (17 February 2023) treated it in parallel.',
 'seed', 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z');

INSERT INTO case_document (id, case_id, ordinal, url, title, sha256) VALUES
('52000000-0000-0000-0000-000000000001', '50000000-0000-0000-0000-000000000001', 1, 'urn:kl:dok:3323070', 'Udkast – Governancemodel vedr. Klimaalliancen i Nordjylland (13. april 2023)', NULL);

INSERT INTO case_step (id, case_id, stage_ordinal, stage_name, ordinal, body_id, organisation_id, role, authoritative, deadline, note, local_case_number, meeting_id, recommendation_text, recommended_at, recommended_by, outcome, decision_text, decided_on, referred_to_body_id, decided_at, decided_by, superseded_at, version, created_at, modified_at) VALUES
('51000000-0000-0000-0000-000000000001', '50000000-0000-0000-0000-000000000001', 1, 'Administrativ indstilling', 1, '20000000-0000-0000-0000-000000000005', NULL, 'recommendation', 0, NULL, 'Forbereder sagen til det politiske niveau', NULL, NULL,
 'T11+ (kredsen af tekniske direktører inkl. regionen) og kommunaldirektørkredsen inkl. Regionen bakker op om forslaget.', '2023-04-13T00:00:00.0000000Z', 'seed',
 'approved', 'Bakker op om forslaget (jf. sagsfremstillingen; datoen fremgår ikke).', NULL, NULL, '2023-04-13T00:00:00.0000000Z', 'seed', NULL, 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z'),
('51000000-0000-0000-0000-000000000002', '50000000-0000-0000-0000-000000000001', 2, 'Politisk behandling', 1, '20000000-0000-0000-0000-000000000002', NULL, 'decision', 1, '2023-02-10', 'Parallel politisk forankring: begge skal beslutte', NULL, '60000000-0000-0000-0000-000000000001',
 'Det indstilles, at KKR Nordjylland
– Tager orienteringen om den nationale Klimapartnerskabsaftale til efterretning,
– Drøfter og godkender forslag til model for geografisk organisering af fælles klimaopgaver, herunder at
  o Opgaverne vedr. den nationale Klimapartnerskabsaftale organiseres i et sekretariat i BRN’s ledelsessystem – Det Fælles Klimasekretariat,
  o BRN er politisk styregruppe for projektet,
  o Kredsen af tekniske direktører og regionens udviklingsdirektør (T11+) er administrativ styregruppe for klimaarbejdet,
  o Der oprettes en projektstyregruppe med ansvar for den faglige ledelse af Det Fælles Klimasekretariat,
  o Den daglige ledelse varetages af BRN-sekretariatslederen
  o GEN-2040 medarbejderen fremadrettet indgår i Det Fælles Klimasekretariat,
– Anbefaler BRN-bestyrelsen, at den samlede finansiering af Det Fælles Klimasekretariat sker via BRN.', '2023-04-13T00:00:00.0000000Z', 'seed',
 'approved', 'Godkendt (udledt). Sagens beslutningsafsnit er tomt; godkendelsen er udledt af, at governancemodellen er vedtaget jf. dokumentet af 13. april 2023 (Udkast – Governancemodel vedr. Klimaalliancen i Nordjylland, SAG-2023-01121, dok. 3323070).', '2023-02-10', NULL, '2023-04-13T00:00:01.0000000Z', 'seed', NULL, 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z'),
('51000000-0000-0000-0000-000000000003', '50000000-0000-0000-0000-000000000001', 2, 'Politisk behandling', 2, '20000000-0000-0000-0000-000000000001', NULL, 'decision', 1, '2023-02-17', 'Parallel politisk forankring: begge skal beslutte. BRN-bestyrelsen træffer endelig beslutning om finansiering af sekretariatsressourcer.', NULL, '60000000-0000-0000-0000-000000000002',
 'KKR Nordjylland anbefaler BRN-bestyrelsen, at den samlede finansiering af Det Fælles Klimasekretariat sker via BRN: de fælles klimaressourcer samles i Klimasekretariatet og finansieres fuldt ud af BRN, i første omgang med et treårigt budget (2. halvår 2023 - 1. halvår 2026). BRN-bestyrelsen træffer endelig beslutning om finansiering af sekretariatsressourcer.', '2023-04-13T00:00:00.0000000Z', 'seed',
 'approved', 'Godkendt (udledt). Sagens beslutningsafsnit er tomt; godkendelsen er udledt af, at governancemodellen er vedtaget jf. dokumentet af 13. april 2023 (Udkast – Governancemodel vedr. Klimaalliancen i Nordjylland, SAG-2023-01121, dok. 3323070).', '2023-02-17', NULL, '2023-04-13T00:00:02.0000000Z', 'seed', NULL, 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z');

INSERT INTO agenda_item (id, meeting_id, case_step_id, agenda_position) VALUES
('61000000-0000-0000-0000-000000000001', '60000000-0000-0000-0000-000000000001', '51000000-0000-0000-0000-000000000002', 1),
('61000000-0000-0000-0000-000000000002', '60000000-0000-0000-0000-000000000002', '51000000-0000-0000-0000-000000000003', 1);

INSERT INTO case_event (seq, id, type, case_id, step_id, owner_organisation_id, occurred_at, actor, payload) VALUES
(1, '53000000-0000-0000-0000-000000000001', 'case.created', '50000000-0000-0000-0000-000000000001', NULL, NULL, '2023-04-13T00:00:00.0000000Z', 'seed', '{"caseNumber":"KLIMA-2023-0001","title":"Model for geografisk organisering af fælles klimaopgaver i Nordjylland (Klimaalliancen)","interest":"joint"}'),
(2, '53000000-0000-0000-0000-000000000002', 'case.routed', '50000000-0000-0000-0000-000000000001', NULL, NULL, '2023-04-13T00:00:00.0000000Z', 'seed', '{"ruleCode":"joint","steps":3}'),
(3, '53000000-0000-0000-0000-000000000003', 'step.recommendationRecorded', '50000000-0000-0000-0000-000000000001', '51000000-0000-0000-0000-000000000001', NULL, '2023-04-13T00:00:00.0000000Z', 'seed', '{"bodyId":"20000000-0000-0000-0000-000000000005"}'),
(4, '53000000-0000-0000-0000-000000000004', 'step.decisionRecorded', '50000000-0000-0000-0000-000000000001', '51000000-0000-0000-0000-000000000001', NULL, '2023-04-13T00:00:00.0000000Z', 'seed', '{"bodyId":"20000000-0000-0000-0000-000000000005","outcome":"approved"}'),
(5, '53000000-0000-0000-0000-000000000005', 'step.scheduled', '50000000-0000-0000-0000-000000000001', '51000000-0000-0000-0000-000000000002', NULL, '2023-04-13T00:00:00.0000000Z', 'seed', '{"bodyId":"20000000-0000-0000-0000-000000000002","meetingId":"60000000-0000-0000-0000-000000000001","meetingDate":"2023-02-10"}'),
(6, '53000000-0000-0000-0000-000000000006', 'step.scheduled', '50000000-0000-0000-0000-000000000001', '51000000-0000-0000-0000-000000000003', NULL, '2023-04-13T00:00:00.0000000Z', 'seed', '{"bodyId":"20000000-0000-0000-0000-000000000001","meetingId":"60000000-0000-0000-0000-000000000002","meetingDate":"2023-02-17"}'),
(7, '53000000-0000-0000-0000-000000000007', 'step.recommendationRecorded', '50000000-0000-0000-0000-000000000001', '51000000-0000-0000-0000-000000000002', NULL, '2023-04-13T00:00:00.0000000Z', 'seed', '{"bodyId":"20000000-0000-0000-0000-000000000002"}'),
(8, '53000000-0000-0000-0000-000000000008', 'step.recommendationRecorded', '50000000-0000-0000-0000-000000000001', '51000000-0000-0000-0000-000000000003', NULL, '2023-04-13T00:00:00.0000000Z', 'seed', '{"bodyId":"20000000-0000-0000-0000-000000000001"}'),
(9, '53000000-0000-0000-0000-000000000009', 'step.decisionRecorded', '50000000-0000-0000-0000-000000000001', '51000000-0000-0000-0000-000000000002', NULL, '2023-04-13T00:00:01.0000000Z', 'seed', '{"bodyId":"20000000-0000-0000-0000-000000000002","outcome":"approved","decidedOn":"2023-02-10"}'),
(10, '53000000-0000-0000-0000-000000000010', 'step.decisionRecorded', '50000000-0000-0000-0000-000000000001', '51000000-0000-0000-0000-000000000003', NULL, '2023-04-13T00:00:02.0000000Z', 'seed', '{"bodyId":"20000000-0000-0000-0000-000000000001","outcome":"approved","decidedOn":"2023-02-17"}');

UPDATE feed_sequence SET last_value = 10 WHERE name = 'case-feed';
