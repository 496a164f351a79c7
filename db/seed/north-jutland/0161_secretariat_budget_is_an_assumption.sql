-- The joint climate secretariat's budget of 4,800,000.00 DKK (1,600,000.00 a year for 3 years) is not a figure of the
-- sources: the proposal says only "svarende til nuværende økonomiske niveau", and 1.6 million a year is the DK2020
-- secretariat's level (0020_financing_history.sql). The commitment and the budget version are marked as assumptions, so
-- every reader sees that the amount is assumed, not approved as a figure.
UPDATE funding_commitment SET is_assumption = 1 WHERE id = '42000000-0000-0000-0000-000000000006';
UPDATE budget_version SET is_assumption = 1 WHERE id = '45000000-0000-0000-0000-000000000002';
