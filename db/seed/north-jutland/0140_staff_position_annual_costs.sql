-- Annual cost of the joint climate secretariat's three positions, from the case to KKR Nordjylland and the BRN board
-- (SAG-2023-01121), section "Økonomi - Nuværende organisering": in the DK2020 secretariat BRN's 0.8 million DKK a year
-- paid one full-time employee in the Region plus operating costs, and the municipalities' 0.8 million DKK a year paid one
-- FTE (spread over three staff) plus operating costs; "Økonomi fremadrettet" keeps the current economic level. That is
-- 800,000.00 DKK a year per FTE including operating costs (80,000,000 øre) for the two positions that continue those
-- resources. The document gives no annual figure for the GEN2040 position (only the 900,000 DKK phase-2 grant and the
-- 860,000 DKK reserved for phase 3, which "can be part of" its financing): its cost stays NULL and the note says so.

UPDATE staff_position
SET annual_cost_ore = 80000000,
    annual_cost_note = 'DK2020-niveau: 0,8 mio. kr. årligt pr. årsværk inkl. øvrige driftsudgifter (BRN''s andel: løn til én fuldtidsmedarbejder ansat i Regionen og drift). Fremadrettet på nuværende økonomiske niveau. Kilde: SAG-2023-01121, Økonomi. Fordeling på løn og drift ikke oplyst.',
    version = version + 1, modified_at = '2026-12-05T00:00:00.0000000Z'
WHERE id = '33000000-0000-0000-0000-000000000001';

UPDATE staff_position
SET annual_cost_ore = 80000000,
    annual_cost_note = 'DK2020-niveau: 0,8 mio. kr. årligt pr. årsværk inkl. øvrige driftsudgifter (kommunernes andel: 1 årsværk fordelt på tre medarbejdere og drift). Fremadrettet på nuværende økonomiske niveau. Kilde: SAG-2023-01121, Økonomi. Fordeling på løn og drift ikke oplyst.',
    version = version + 1, modified_at = '2026-12-05T00:00:00.0000000Z'
WHERE id = '33000000-0000-0000-0000-000000000003';

UPDATE staff_position
SET annual_cost_ore = NULL,
    annual_cost_note = 'Ikke oplyst i kilderne: der er ingen årlig udgift for GEN2040-stillingen, kun BRN-bevillingen på 900.000 kr. (fase 2) og 860.000 kr. reserveret til fase 3, som kan indgå i finansieringen af stillingen. Kilde: SAG-2023-01121, Økonomi.',
    version = version + 1, modified_at = '2026-12-05T00:00:00.0000000Z'
WHERE id = '33000000-0000-0000-0000-000000000002';
