-- The console's queues (issue 11). 派单 lists the cases without a representative, oldest first, in the caller's
-- scope (a liaison: their workstation's and the town's unplaced ones); case_dispatch_queue_idx (V4) covers only those
-- still in 登记, while the API's unassigned=true list, which the queue follows, also holds a case handed back
-- without a representative in a later step. 请示 lists the cases waiting for an instruction, earliest registered first.
-- Both are small partial indexes: few cases are in either queue at a time.
CREATE INDEX case_unassigned_idx ON cases (registered_at, id) WHERE representative_id IS NULL;
CREATE INDEX case_awaiting_instruction_idx ON cases (registered_at, id) WHERE awaiting_instruction;
-- The town office's candidates for a case are the representatives of the town's active workstations.
CREATE INDEX workstation_town_idx ON workstation (town_id) WHERE active;
