-- Financing of Klimaalliancen i Nordjylland, from the case to KKR Nordjylland and the BRN board (SAG-2023-01121),
-- sections "Økonomi - Nuværende organisering" and "Økonomi fremadrettet - organisering". Every amount below is a figure
-- of that document or follows from one by arithmetic stated in the comment. Where the document gives no date or decision
-- the column is NULL (never guessed). The document gives no spending (actuals), only committed totals: no actuals are seeded.
-- The document does not split the annual amounts into salaries and operations ("løn til én fuldtidsmedarbejder ... og
-- øvrige driftsudgifter" as one figure), so budget lines carry cost type 'other' with a note rather than an invented split.

-- Payers: single organisations, each municipality on its own (for splits), and two groups paying jointly.
INSERT INTO funding_payer (id, governance_model_id, code, name, organisation_id, note, version, created_at, modified_at) VALUES
('40000000-0000-0000-0000-000000000001', '01000000-0000-0000-0000-000000000001', 'brn', 'Business Region North Denmark (BRN)', '10000000-0000-0000-0000-000000000001', 'BRN-midler; finansierede i DK2020-perioden regionens del.', 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z'),
('40000000-0000-0000-0000-000000000002', '01000000-0000-0000-0000-000000000001', 'region', 'Region Nordjylland', '10000000-0000-0000-0000-000000001081', NULL, 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z'),
('40000000-0000-0000-0000-000000000003', '01000000-0000-0000-0000-000000000001', 'municipalities-jointly', 'De nordjyske kommuner i fællesskab', NULL, 'De 11 nordjyske kommuner, der betaler et fælles beløb; fordeles efter en nøgle.', 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z'),
('40000000-0000-0000-0000-000000000004', '01000000-0000-0000-0000-000000000001', 'gen2040-funders', 'BRN, Regionen og kommunerne (samlet)', NULL, 'Samlet bidragyder til GEN2040 siden 2019; kildedokumentet opgør ikke fordelingen mellem BRN, Regionen og kommunerne.', 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z'),
('40000000-0000-0000-0000-000000000005', '01000000-0000-0000-0000-000000000001', 'realdania', 'Realdania', '10000000-0000-0000-0000-000000000004', 'Medfinansierer Concito.', 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z'),
('40000000-0000-0000-0000-000000000006', '01000000-0000-0000-0000-000000000001', 'kl', 'KL (Kommunernes Landsforening)', '10000000-0000-0000-0000-000000000002', 'Stiller centralt to ekstra medarbejdere til rådighed for de geografiske organiseringer.', 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z'),
('40000000-0000-0000-0000-000000000851', '01000000-0000-0000-0000-000000000001', 'municipality-851', 'Aalborg Kommune', '10000000-0000-0000-0000-000000000851', NULL, 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z'),
('40000000-0000-0000-0000-000000000810', '01000000-0000-0000-0000-000000000001', 'municipality-810', 'Brønderslev Kommune', '10000000-0000-0000-0000-000000000810', NULL, 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z'),
('40000000-0000-0000-0000-000000000813', '01000000-0000-0000-0000-000000000001', 'municipality-813', 'Frederikshavn Kommune', '10000000-0000-0000-0000-000000000813', NULL, 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z'),
('40000000-0000-0000-0000-000000000860', '01000000-0000-0000-0000-000000000001', 'municipality-860', 'Hjørring Kommune', '10000000-0000-0000-0000-000000000860', NULL, 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z'),
('40000000-0000-0000-0000-000000000849', '01000000-0000-0000-0000-000000000001', 'municipality-849', 'Jammerbugt Kommune', '10000000-0000-0000-0000-000000000849', NULL, 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z'),
('40000000-0000-0000-0000-000000000825', '01000000-0000-0000-0000-000000000001', 'municipality-825', 'Læsø Kommune', '10000000-0000-0000-0000-000000000825', NULL, 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z'),
('40000000-0000-0000-0000-000000000846', '01000000-0000-0000-0000-000000000001', 'municipality-846', 'Mariagerfjord Kommune', '10000000-0000-0000-0000-000000000846', NULL, 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z'),
('40000000-0000-0000-0000-000000000773', '01000000-0000-0000-0000-000000000001', 'municipality-773', 'Morsø Kommune', '10000000-0000-0000-0000-000000000773', NULL, 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z'),
('40000000-0000-0000-0000-000000000840', '01000000-0000-0000-0000-000000000001', 'municipality-840', 'Rebild Kommune', '10000000-0000-0000-0000-000000000840', NULL, 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z'),
('40000000-0000-0000-0000-000000000787', '01000000-0000-0000-0000-000000000001', 'municipality-787', 'Thisted Kommune', '10000000-0000-0000-0000-000000000787', NULL, 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z'),
('40000000-0000-0000-0000-000000000820', '01000000-0000-0000-0000-000000000001', 'municipality-820', 'Vesthimmerland Kommune', '10000000-0000-0000-0000-000000000820', NULL, 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z');

INSERT INTO funding_payer_member (payer_id, organisation_id) VALUES
('40000000-0000-0000-0000-000000000003', '10000000-0000-0000-0000-000000000851'),
('40000000-0000-0000-0000-000000000003', '10000000-0000-0000-0000-000000000810'),
('40000000-0000-0000-0000-000000000003', '10000000-0000-0000-0000-000000000813'),
('40000000-0000-0000-0000-000000000003', '10000000-0000-0000-0000-000000000860'),
('40000000-0000-0000-0000-000000000003', '10000000-0000-0000-0000-000000000849'),
('40000000-0000-0000-0000-000000000003', '10000000-0000-0000-0000-000000000825'),
('40000000-0000-0000-0000-000000000003', '10000000-0000-0000-0000-000000000846'),
('40000000-0000-0000-0000-000000000003', '10000000-0000-0000-0000-000000000773'),
('40000000-0000-0000-0000-000000000003', '10000000-0000-0000-0000-000000000840'),
('40000000-0000-0000-0000-000000000003', '10000000-0000-0000-0000-000000000787'),
('40000000-0000-0000-0000-000000000003', '10000000-0000-0000-0000-000000000820'),
('40000000-0000-0000-0000-000000000004', '10000000-0000-0000-0000-000000000001'),
('40000000-0000-0000-0000-000000000004', '10000000-0000-0000-0000-000000001081'),
('40000000-0000-0000-0000-000000000004', '10000000-0000-0000-0000-000000000851'),
('40000000-0000-0000-0000-000000000004', '10000000-0000-0000-0000-000000000810'),
('40000000-0000-0000-0000-000000000004', '10000000-0000-0000-0000-000000000813'),
('40000000-0000-0000-0000-000000000004', '10000000-0000-0000-0000-000000000860'),
('40000000-0000-0000-0000-000000000004', '10000000-0000-0000-0000-000000000849'),
('40000000-0000-0000-0000-000000000004', '10000000-0000-0000-0000-000000000825'),
('40000000-0000-0000-0000-000000000004', '10000000-0000-0000-0000-000000000846'),
('40000000-0000-0000-0000-000000000004', '10000000-0000-0000-0000-000000000773'),
('40000000-0000-0000-0000-000000000004', '10000000-0000-0000-0000-000000000840'),
('40000000-0000-0000-0000-000000000004', '10000000-0000-0000-0000-000000000787'),
('40000000-0000-0000-0000-000000000004', '10000000-0000-0000-0000-000000000820');

-- Programmes, half-open [valid_from, valid_to). GEN2040 ran "fra 2019" (day not stated: 2019-01-01 is the year's start);
-- phase 2's start is not stated (NULL); phase 3 is expected to start mid-2023 ("medio 2023"), which ends phase 2.
-- Klimaalliancen starts "primo 2023" for 5 years; the joint secretariat's first budget is 2nd half 2023 to 1st half 2026.
INSERT INTO funding_programme (id, governance_model_id, parent_programme_id, code, name, description, valid_from, valid_to, version, created_at, modified_at) VALUES
('41000000-0000-0000-0000-000000000001', '01000000-0000-0000-0000-000000000001', NULL, 'dk2020-secretariat', 'DK2020-sekretariatet i Nordjylland', 'Nuværende DK2020-sekretariat på 2 fuldtidsressourcer, 2021 til medio 2023 (2½ år). Udgifterne stopper medio 2023.', '2021-01-01', '2023-07-01', 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z'),
('41000000-0000-0000-0000-000000000002', '01000000-0000-0000-0000-000000000001', NULL, 'gen2040', 'Grøn Energi Nordjylland 2040 (GEN2040)', 'Fælles projekt siden 2019, primært finansieret af BRN-midler, delvist af kommuner og Region.', '2019-01-01', NULL, 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z'),
('41000000-0000-0000-0000-000000000003', '01000000-0000-0000-0000-000000000001', '41000000-0000-0000-0000-000000000002', 'gen2040-phase2', 'GEN2040, fase 2', 'Aktuelt finansieret med en BRN-bevilling på 900.000 kr. Startdato ikke oplyst.', NULL, '2023-07-01', 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z'),
('41000000-0000-0000-0000-000000000004', '01000000-0000-0000-0000-000000000001', '41000000-0000-0000-0000-000000000002', 'gen2040-phase3', 'GEN2040, fase 3', 'Forventet opstart medio 2023; BRN har reserveret 860.000 kr.', '2023-07-01', NULL, 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z'),
('41000000-0000-0000-0000-000000000005', '01000000-0000-0000-0000-000000000001', NULL, 'klimaalliancen', 'Klimaalliancen (national klimapartnerskabsaftale)', 'KL, regionerne og Realdania; starter primo 2023 og har indtil videre en varighed på 5 år.', '2023-01-01', '2028-01-01', 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z'),
('41000000-0000-0000-0000-000000000006', '01000000-0000-0000-0000-000000000001', '41000000-0000-0000-0000-000000000005', 'climate-secretariat', 'Det Fælles Klimasekretariat', 'De fælles klimaressourcer samlet i ét sekretariat i BRN-regi, 3 medarbejdere på fuld tid; første budget 2. halvår 2023 - 1. halvår 2026.', '2023-07-01', '2026-07-01', 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z');

-- Commitments (disponeret). DK2020: 4 mio. kr. in 2½ years, financed equally: 2,000,000.00 each, 1 FTE each.
-- GEN2040: 4.6 million since 2019 by BRN, the Region and the municipalities together (the split is not given).
-- National agreement: the municipalities jointly finance 1 secretariat resource, Region Nordjylland 1 (amounts not given).
-- Proposal: BRN finances the secretariat in full "svarende til nuværende økonomiske niveau". ASSUMPTION: the current level
-- is the DK2020 secretariat's 1.6 million a year, so 3 years = 4,800,000.00 (1,600,000.00 x 3); the document states no
-- separate figure for the new secretariat.
INSERT INTO funding_commitment (id, programme_id, payer_id, amount_ore, fte_hundredths, period_from, period_to, description, source_ref, version, created_at, modified_at) VALUES
('42000000-0000-0000-0000-000000000001', '41000000-0000-0000-0000-000000000001', '40000000-0000-0000-0000-000000000001', 200000000, 100, '2021-01-01', '2023-07-01', 'BRN''s andel (regionens del): 0,8 mio. kr. årligt til løn til én fuldtidsmedarbejder ansat i Regionen og øvrige driftsudgifter.', 'SAG-2023-01121, Økonomi', 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z'),
('42000000-0000-0000-0000-000000000002', '41000000-0000-0000-0000-000000000001', '40000000-0000-0000-0000-000000000003', 200000000, 100, '2021-01-01', '2023-07-01', 'Kommunernes andel: 1 årsværk fordelt på tre delvist frikøbte medarbejdere og øvrige driftsudgifter, i alt 0,8 mio. kr. årligt.', 'SAG-2023-01121, Økonomi', 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z'),
('42000000-0000-0000-0000-000000000003', '41000000-0000-0000-0000-000000000002', '40000000-0000-0000-0000-000000000004', 460000000, NULL, '2019-01-01', NULL, 'BRN, Regionen og kommunerne har i perioden fra 2019 disponeret i alt 4,6 mio. kr. til GEN2040.', 'SAG-2023-01121, Økonomi', 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z'),
('42000000-0000-0000-0000-000000000004', '41000000-0000-0000-0000-000000000005', '40000000-0000-0000-0000-000000000003', NULL, 100, '2023-01-01', '2028-01-01', 'National klimapartnerskabsaftale: de nordjyske kommuner finansierer i fællesskab 1 sekretariatsressource.', 'SAG-2023-01121, National Klimapartnerskabsaftale', 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z'),
('42000000-0000-0000-0000-000000000005', '41000000-0000-0000-0000-000000000005', '40000000-0000-0000-0000-000000000002', NULL, 100, '2023-01-01', '2028-01-01', 'National klimapartnerskabsaftale: Region Nordjylland finansierer 1 sekretariatsressource.', 'SAG-2023-01121, National Klimapartnerskabsaftale', 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z'),
('42000000-0000-0000-0000-000000000006', '41000000-0000-0000-0000-000000000006', '40000000-0000-0000-0000-000000000001', 480000000, 300, '2023-07-01', '2026-07-01', 'Forslag: de fælles klimaressourcer finansieres fuldt ud af BRN med et tre-årigt budget på nuværende økonomiske niveau (antaget 1,6 mio. kr. årligt). Kommuner og Region kan reducere egne bidrag.', 'SAG-2023-01121, BRN-bestyrelsen 17.02.2023', 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z');

-- Grants (bevillinger). Neither the date nor the decision of the phase 2 grant is stated; the 860,000 reservation is
-- expected released mid-2023 with the start of phase 3 and can fund one staff resource in the joint secretariat.
INSERT INTO funding_grant (id, programme_id, payer_id, title, amount_ore, state, conditions, reserved_on, reserved_by_decision_ref, expected_release_on, released_on, released_by_decision_ref, spent_on, closed_on, version, created_at, modified_at) VALUES
('43000000-0000-0000-0000-000000000001', '41000000-0000-0000-0000-000000000003', '40000000-0000-0000-0000-000000000001', 'BRN-bevilling til GEN2040, fase 2', 90000000, 'released', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z'),
('43000000-0000-0000-0000-000000000002', '41000000-0000-0000-0000-000000000004', '40000000-0000-0000-0000-000000000001', 'BRN-reservation til GEN2040, fase 3', 86000000, 'reserved', 'Forventes frigivet medio 2023 med opstart af 3. fase. Kan indgå i finansieringen af den ene medarbejderressource i Det Fælles Klimasekretariat.', NULL, NULL, '2023-07-01', NULL, NULL, NULL, NULL, 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z');

INSERT INTO funding_grant_event (id, grant_id, from_state, to_state, occurred_on, decision_ref, note, recorded_at, recorded_by) VALUES
('43100000-0000-0000-0000-000000000001', '43000000-0000-0000-0000-000000000001', NULL, 'released', NULL, NULL, 'Stand ifølge sagsfremstillingen (SAG-2023-01121): aktuel BRN-bevilling på 900.000 kr. (fase 2).', '2023-04-13T00:00:00.0000000Z', 'seed'),
('43100000-0000-0000-0000-000000000002', '43000000-0000-0000-0000-000000000002', NULL, 'reserved', NULL, NULL, 'Stand ifølge sagsfremstillingen (SAG-2023-01121): BRN har reserveret 860.000 kr. til 3. fase.', '2023-04-13T00:00:00.0000000Z', 'seed');

-- Budgets. DK2020: 2½ years as five half-years; each of BRN and the municipalities jointly pays 400,000.00 a half-year
-- (0.8 million a year each, 1.6 million a year together), 5 x 2 x 400,000.00 = 4,000,000.00. The approving decision and
-- date are not stated; the version is in force from the programme's start.
-- Joint secretariat: ASSUMPTION (see commitments): the current level is 1.6 million a year, i.e. 800,000.00 a half-year,
-- all paid by BRN, six half-years 2023-H2..2026-H1 = 4,800,000.00. Approved by the BRN board's final decision on
-- 17 February 2023 (SAG-2023-01121), in force from that day.
INSERT INTO budget (id, programme_id, code, name, version, created_at, modified_at) VALUES
('44000000-0000-0000-0000-000000000001', '41000000-0000-0000-0000-000000000001', 'dk2020-secretariat-2021-2023', 'DK2020-sekretariatet 2021 - medio 2023', 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z'),
('44000000-0000-0000-0000-000000000002', '41000000-0000-0000-0000-000000000006', 'climate-secretariat-2023-2026', 'Det Fælles Klimasekretariat 2. halvår 2023 - 1. halvår 2026', 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z');

INSERT INTO budget_version (id, budget_id, version_number, status, effective_from, approved_on, decision_ref, note, version, created_at, modified_at) VALUES
('45000000-0000-0000-0000-000000000001', '44000000-0000-0000-0000-000000000001', 1, 'approved', '2021-01-01', NULL, NULL, 'Udgifterne til det nordjyske DK2020-sekretariat: i alt 4 mio. kr. i perioden, finansieret ligeligt af BRN (regionens del) og kommunerne. Godkendende beslutning er ikke angivet i kildedokumentet.', 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z'),
('45000000-0000-0000-0000-000000000002', '44000000-0000-0000-0000-000000000002', 1, 'approved', '2023-02-17', '2023-02-17', 'SAG-2023-01121, BRN-bestyrelsen 17.02.2023', 'Fuld finansiering via BRN på nuværende økonomiske niveau (antaget 1,6 mio. kr. årligt). BRN-bestyrelsen træffer endelig beslutning om finansiering af sekretariatsressourcer.', 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z');

INSERT INTO budget_line (id, budget_version_id, ordinal, period_from, period_to, cost_type, payer_id, amount_ore, is_adjustment, note) VALUES
('46000000-0000-0000-0000-000000000001', '45000000-0000-0000-0000-000000000001', 1, '2021-01-01', '2021-07-01', 'other', '40000000-0000-0000-0000-000000000001', 40000000, 0, 'BRN: løn til 1 fuldtidsmedarbejder ansat i Regionen og øvrige driftsudgifter (fordeling ikke oplyst).'),
('46000000-0000-0000-0000-000000000002', '45000000-0000-0000-0000-000000000001', 2, '2021-01-01', '2021-07-01', 'other', '40000000-0000-0000-0000-000000000003', 40000000, 0, 'Kommunerne: 1 årsværk fordelt på 3 medarbejdere og øvrige driftsudgifter (fordeling ikke oplyst).'),
('46000000-0000-0000-0000-000000000003', '45000000-0000-0000-0000-000000000001', 3, '2021-07-01', '2022-01-01', 'other', '40000000-0000-0000-0000-000000000001', 40000000, 0, 'BRN: løn til 1 fuldtidsmedarbejder ansat i Regionen og øvrige driftsudgifter (fordeling ikke oplyst).'),
('46000000-0000-0000-0000-000000000004', '45000000-0000-0000-0000-000000000001', 4, '2021-07-01', '2022-01-01', 'other', '40000000-0000-0000-0000-000000000003', 40000000, 0, 'Kommunerne: 1 årsværk fordelt på 3 medarbejdere og øvrige driftsudgifter (fordeling ikke oplyst).'),
('46000000-0000-0000-0000-000000000005', '45000000-0000-0000-0000-000000000001', 5, '2022-01-01', '2022-07-01', 'other', '40000000-0000-0000-0000-000000000001', 40000000, 0, 'BRN: løn til 1 fuldtidsmedarbejder ansat i Regionen og øvrige driftsudgifter (fordeling ikke oplyst).'),
('46000000-0000-0000-0000-000000000006', '45000000-0000-0000-0000-000000000001', 6, '2022-01-01', '2022-07-01', 'other', '40000000-0000-0000-0000-000000000003', 40000000, 0, 'Kommunerne: 1 årsværk fordelt på 3 medarbejdere og øvrige driftsudgifter (fordeling ikke oplyst).'),
('46000000-0000-0000-0000-000000000007', '45000000-0000-0000-0000-000000000001', 7, '2022-07-01', '2023-01-01', 'other', '40000000-0000-0000-0000-000000000001', 40000000, 0, 'BRN: løn til 1 fuldtidsmedarbejder ansat i Regionen og øvrige driftsudgifter (fordeling ikke oplyst).'),
('46000000-0000-0000-0000-000000000008', '45000000-0000-0000-0000-000000000001', 8, '2022-07-01', '2023-01-01', 'other', '40000000-0000-0000-0000-000000000003', 40000000, 0, 'Kommunerne: 1 årsværk fordelt på 3 medarbejdere og øvrige driftsudgifter (fordeling ikke oplyst).'),
('46000000-0000-0000-0000-000000000009', '45000000-0000-0000-0000-000000000001', 9, '2023-01-01', '2023-07-01', 'other', '40000000-0000-0000-0000-000000000001', 40000000, 0, 'BRN: løn til 1 fuldtidsmedarbejder ansat i Regionen og øvrige driftsudgifter (fordeling ikke oplyst).'),
('46000000-0000-0000-0000-000000000010', '45000000-0000-0000-0000-000000000001', 10, '2023-01-01', '2023-07-01', 'other', '40000000-0000-0000-0000-000000000003', 40000000, 0, 'Kommunerne: 1 årsværk fordelt på 3 medarbejdere og øvrige driftsudgifter (fordeling ikke oplyst).'),
('46000000-0000-0000-0000-000000000011', '45000000-0000-0000-0000-000000000002', 1, '2023-07-01', '2024-01-01', 'other', '40000000-0000-0000-0000-000000000001', 80000000, 0, 'BRN: Det Fælles Klimasekretariat, 3 fuldtidsmedarbejdere, på nuværende niveau (fordeling på løn og drift ikke oplyst).'),
('46000000-0000-0000-0000-000000000012', '45000000-0000-0000-0000-000000000002', 2, '2024-01-01', '2024-07-01', 'other', '40000000-0000-0000-0000-000000000001', 80000000, 0, 'BRN: Det Fælles Klimasekretariat, 3 fuldtidsmedarbejdere, på nuværende niveau (fordeling på løn og drift ikke oplyst).'),
('46000000-0000-0000-0000-000000000013', '45000000-0000-0000-0000-000000000002', 3, '2024-07-01', '2025-01-01', 'other', '40000000-0000-0000-0000-000000000001', 80000000, 0, 'BRN: Det Fælles Klimasekretariat, 3 fuldtidsmedarbejdere, på nuværende niveau (fordeling på løn og drift ikke oplyst).'),
('46000000-0000-0000-0000-000000000014', '45000000-0000-0000-0000-000000000002', 4, '2025-01-01', '2025-07-01', 'other', '40000000-0000-0000-0000-000000000001', 80000000, 0, 'BRN: Det Fælles Klimasekretariat, 3 fuldtidsmedarbejdere, på nuværende niveau (fordeling på løn og drift ikke oplyst).'),
('46000000-0000-0000-0000-000000000015', '45000000-0000-0000-0000-000000000002', 5, '2025-07-01', '2026-01-01', 'other', '40000000-0000-0000-0000-000000000001', 80000000, 0, 'BRN: Det Fælles Klimasekretariat, 3 fuldtidsmedarbejdere, på nuværende niveau (fordeling på løn og drift ikke oplyst).'),
('46000000-0000-0000-0000-000000000016', '45000000-0000-0000-0000-000000000002', 6, '2026-01-01', '2026-07-01', 'other', '40000000-0000-0000-0000-000000000001', 80000000, 0, 'BRN: Det Fælles Klimasekretariat, 3 fuldtidsmedarbejdere, på nuværende niveau (fordeling på løn og drift ikke oplyst).');

-- Staffing: the three secretariat positions are financed through the joint secretariat's BRN budget. Their annual
-- cost per position is not stated in the document (NULL).
UPDATE staff_position SET funding_programme_id = '41000000-0000-0000-0000-000000000006'
WHERE id IN ('33000000-0000-0000-0000-000000000001', '33000000-0000-0000-0000-000000000002', '33000000-0000-0000-0000-000000000003');
