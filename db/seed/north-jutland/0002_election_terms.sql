-- replaces: 0001_governance.sql
-- Municipal and regional election terms (shared by every model, so not part of a model document). The rest of the former
-- 0001_governance.sql is North Jutland's model document, 0001_north_jutland.model.json.

INSERT INTO election_term (id, code, name, starts_on, ends_on) VALUES
('32000000-0000-0000-0000-000000002018', '2018-2022', 'Valgperioden 2018-2022', '2018-01-01', '2022-01-01'),
('32000000-0000-0000-0000-000000002022', '2022-2026', 'Valgperioden 2022-2026', '2022-01-01', '2026-01-01'),
('32000000-0000-0000-0000-000000002026', '2026-2030', 'Valgperioden 2026-2030', '2026-01-01', '2030-01-01');
