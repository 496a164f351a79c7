-- replaces: 0101_financing_decided_by_brn_after_kkr.sql
-- The seed case SAG-2023-01121 is routed by the rule 'joint-financing' (KKR Nordjylland approves and recommends, the BRN
-- board takes the final decision on financing; in the model document 0001_north_jutland.model.json with the interest
-- 'financing'): its BRN step moves to a stage of its own. Formerly part of 0101_financing_decided_by_brn_after_kkr.sql.

UPDATE case_file SET interest_code = 'financing', routing_rule_id = '40000000-0000-0000-0000-000000000007',
    route_explanation = 'Rule ''joint-financing'' (Finansiering: KKR anbefaler, BRN-bestyrelsen beslutter, priority 25) matched: the case''s interest ''financing'' is the rule''s interest; the rule applies whether or not council decisions are required. Source: Sag til KKR Nordjylland og BRN-bestyrelsen (SAG-2023-01121). Seeded from the case documents: the rule''s preparation in the secretariat and the project steering group is left out because this case establishes them; T11+ backed the proposal, KKR Nordjylland approved and recommended financing by BRN (10 February 2023), and the BRN board took the final decision on financing (17 February 2023).'
WHERE id = '50000000-0000-0000-0000-000000000001';

UPDATE case_step SET stage_name = 'Politisk behandling i KKR', note = 'Godkender og anbefaler BRN-bestyrelsen finansieringen'
WHERE id = '51000000-0000-0000-0000-000000000002';
UPDATE case_step SET stage_ordinal = 3, stage_name = 'Beslutning om finansiering', ordinal = 1,
    note = 'BRN-bestyrelsen træffer endelig beslutning om finansiering af sekretariatsressourcer'
WHERE id = '51000000-0000-0000-0000-000000000003';
