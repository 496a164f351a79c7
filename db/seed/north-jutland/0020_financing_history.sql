-- replaces: 0020_financing.sql
-- What was committed, granted and budgeted in Klimaalliancen i Nordjylland. The model part of the former
-- 0020_financing.sql (payers, their members, programmes and the positions' funding programme) is in the model document
-- 0001_north_jutland.model.json; the rows below refer to it by its fixed ids (0001_north_jutland.ids.json).
-- Sources: financing of Klimaalliancen i Nordjylland, from the case to KKR Nordjylland and the BRN board (SAG-2023-01121),
-- sections "Økonomi - Nuværende organisering" and "Økonomi fremadrettet - organisering". Every amount below is a figure
-- of that document or follows from one by arithmetic stated in the comment. Where the document gives no date or decision
-- the column is NULL (never guessed). The document gives no spending (actuals), only committed totals: no actuals are seeded.
-- The document does not split the annual amounts into salaries and operations ("løn til én fuldtidsmedarbejder ... og
-- øvrige driftsudgifter" as one figure), so budget lines carry cost type 'other' with a note rather than an invented split.

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
