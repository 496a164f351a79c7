-- Who serves which body in North Jutland's model (governance model of 13 April 2023, SAG-2023-01121):
-- KKR-sekretariatet serves KKR Nordjylland and T11+ ("Betjenes af KKR-sekretariatet"); it is no organisation of the
-- model, so only the secretariat's own (unbound) staff record for them. BRN-sekretariatet serves the BRN board, so
-- BRN's systems may record for it. The joint climate secretariat, placed in BRN's management system, serves the project
-- steering group and the dialogue forum (it arranges its meetings) and itself. Each secretariat serves itself. A council
-- is served by its own municipality or region; the national bodies by KL, which hosts them.
UPDATE body SET served_by_body_id = '20000000-0000-0000-0000-000000000008', served_by_organisation_id = '10000000-0000-0000-0000-000000000001'
WHERE id = '20000000-0000-0000-0000-000000000001';
UPDATE body SET served_by_body_id = '20000000-0000-0000-0000-000000000009', served_by_organisation_id = NULL
WHERE id IN ('20000000-0000-0000-0000-000000000002', '20000000-0000-0000-0000-000000000005', '20000000-0000-0000-0000-000000000009');
UPDATE body SET served_by_body_id = NULL, served_by_organisation_id = '10000000-0000-0000-0000-000000001081'
WHERE id = '20000000-0000-0000-0000-000000000003';
UPDATE body SET served_by_body_id = '20000000-0000-0000-0000-000000000007', served_by_organisation_id = '10000000-0000-0000-0000-000000000001'
WHERE id IN ('20000000-0000-0000-0000-000000000004', '20000000-0000-0000-0000-000000000006', '20000000-0000-0000-0000-000000000007');
UPDATE body SET served_by_body_id = '20000000-0000-0000-0000-000000000008', served_by_organisation_id = '10000000-0000-0000-0000-000000000001'
WHERE id = '20000000-0000-0000-0000-000000000008';
UPDATE body SET served_by_body_id = NULL, served_by_organisation_id = '10000000-0000-0000-0000-000000000002'
WHERE id IN ('20000000-0000-0000-0000-000000000010', '20000000-0000-0000-0000-000000000011');
UPDATE body SET served_by_body_id = NULL, served_by_organisation_id = host_organisation_id
WHERE governance_model_id = '01000000-0000-0000-0000-000000000001' AND kind = 'council' AND code LIKE 'council-%';
