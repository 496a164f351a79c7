-- Covering indexes for counting seats and filled seats per body (the governance graph and body reads): the
-- correlated counts read only these columns, so each seat and each membership is answered from the index without a
-- row lookup. Measured in docs/benchmarks.md: the graph query of the largest model went from ~15 ms to ~3.5 ms of CPU.
CREATE INDEX ix_seat_body_live ON seat (body_id, deleted_at, id);
CREATE INDEX ix_membership_seat_period ON membership (seat_id, valid_from, valid_to, deleted_at);
