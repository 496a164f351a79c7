-- The work plan's governance task follows the case register: its two milestones (treatment in KKR Nordjylland and in
-- the BRN board) are reached on the decision dates the register holds for case KLIMA-2023-0001 (SAG-2023-01121), and
-- the task is done when both are. Those decisions are themselves inferred in the case seed (0011: the case's
-- "Beslutning" section is blank; the model is in force per the document of 13 April 2023), so nothing here adds a date
-- of its own: every value is read from case_step. Without those case rows the statements change nothing.
UPDATE work_milestone SET reached_on = (SELECT decided_on FROM case_step WHERE id = '51000000-0000-0000-0000-000000000002' AND outcome = 'approved')
WHERE id = 'a4040000-0000-0000-0000-000000000001';

UPDATE work_milestone SET reached_on = (SELECT decided_on FROM case_step WHERE id = '51000000-0000-0000-0000-000000000003' AND outcome = 'approved')
WHERE id = 'a4040000-0000-0000-0000-000000000002';

UPDATE work_task SET status = 'done', completed_on = (SELECT MAX(reached_on) FROM work_milestone WHERE task_id = 'a4030000-0000-0000-0000-000000000001'),
    version = version + 1, modified_at = '2023-04-13T00:00:00.0000000Z'
WHERE id = 'a4030000-0000-0000-0000-000000000001'
  AND NOT EXISTS (SELECT 1 FROM work_milestone WHERE task_id = 'a4030000-0000-0000-0000-000000000001' AND reached_on IS NULL);
