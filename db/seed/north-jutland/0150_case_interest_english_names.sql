-- English names of North Jutland's case interests (issue 14: an interest has a Danish and an English name).
UPDATE case_interest SET name_en = 'Joint municipal and regional interest' WHERE governance_model_id = '01000000-0000-0000-0000-000000000001' AND code = 'joint';
UPDATE case_interest SET name_en = 'Purely municipal interest' WHERE governance_model_id = '01000000-0000-0000-0000-000000000001' AND code = 'municipal';
UPDATE case_interest SET name_en = 'Special regional interest' WHERE governance_model_id = '01000000-0000-0000-0000-000000000001' AND code = 'regional';
UPDATE case_interest SET name_en = 'Topic for dialogue' WHERE governance_model_id = '01000000-0000-0000-0000-000000000001' AND code = 'dialogue';
UPDATE case_interest SET name_en = 'Financing of joint resources' WHERE governance_model_id = '01000000-0000-0000-0000-000000000001' AND code = 'financing';
