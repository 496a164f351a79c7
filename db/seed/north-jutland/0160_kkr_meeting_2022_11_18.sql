-- The KKR Nordjylland meeting of 18 November 2022, where the renewed partnership was discussed. Source: the case to KKR
-- Nordjylland and the BRN board (SAG-2023-01121): "På KKR-mødet den 18. november 2022 drøftedes perspektiverne i et
-- fornyet DK-2020-klimapartnerskab på nationalt niveau og der var bred opbakning til en fornyet klimaaftale, herunder også
-- (i forhold til den decentrale forankring) at et klimasekretariat fortsat bør organiseres i BRN." The place is not given.
INSERT INTO meeting (id, body_id, meeting_date, title, location, state, cancellation_reason, version, created_at, modified_at) VALUES
('60000000-0000-0000-0000-000000000003', '20000000-0000-0000-0000-000000000002', '2022-11-18',
 'Møde i KKR Nordjylland: perspektiverne i et fornyet DK2020-klimapartnerskab (bred opbakning; klimasekretariatet fortsat i BRN)',
 NULL, 'held', NULL, 1, '2023-04-13T00:00:00.0000000Z', '2023-04-13T00:00:00.0000000Z');
