-- Issue 14: 走访 (a representative's visit to a village and what was raised on it) and 回访 (the revisit every
-- archived or silent case gets). Plans and coverage are computed from these rows, never stored.

CREATE TABLE visit (
    id                uuid PRIMARY KEY,
    representative_id bigint NOT NULL REFERENCES representative (id),
    workstation_id    bigint NOT NULL REFERENCES workstation (id),
    village_id        bigint NOT NULL REFERENCES village (id),
    visited_on        date NOT NULL,
    met_with          text NOT NULL,
    summary           text NOT NULL,
    channel           text NOT NULL,
    recorded_by       text NOT NULL,
    recorded_at       timestamptz NOT NULL,
    -- One record per representative, village and day: a double submission from a phone is refused, not doubled.
    UNIQUE (representative_id, village_id, visited_on)
);
-- Coverage reads a town's or a workstation's visits of a period; the lists read a workstation's newest first.
CREATE INDEX visit_village_day_idx ON visit (village_id, visited_on);
CREATE INDEX visit_workstation_day_idx ON visit (workstation_id, visited_on DESC);
CREATE INDEX visit_day_idx ON visit (visited_on DESC);

-- What was raised on a visit: a case (channel VISIT) or a matter settled on the spot.
CREATE TABLE visit_issue (
    visit_id  uuid NOT NULL REFERENCES visit (id),
    position  int NOT NULL,
    text      text NOT NULL,
    case_id   uuid REFERENCES cases (id),
    PRIMARY KEY (visit_id, position)
);
CREATE INDEX visit_issue_case_idx ON visit_issue (case_id) WHERE case_id IS NOT NULL;

-- 回访 on the case itself: the latest revisit's outcome and when it was made (事事有落实).
ALTER TABLE cases ADD COLUMN revisit_outcome text, ADD COLUMN revisited_at timestamptz;

-- One revisit task per case, ever; whether it is done is read from the case's revisit, not kept here.
CREATE TABLE revisit_task (
    case_id           uuid PRIMARY KEY REFERENCES cases (id),
    representative_id bigint REFERENCES representative (id),
    workstation_id    bigint REFERENCES workstation (id),
    reason            text NOT NULL CHECK (reason IN ('ARCHIVED', 'SILENT')),
    unsatisfied       boolean NOT NULL,
    due_on            date NOT NULL,
    created_at        timestamptz NOT NULL
);
CREATE INDEX revisit_task_representative_idx ON revisit_task (representative_id, unsatisfied DESC, due_on);
CREATE INDEX revisit_task_workstation_idx ON revisit_task (workstation_id, unsatisfied DESC, due_on);
CREATE INDEX revisit_task_due_idx ON revisit_task (unsatisfied DESC, due_on);
-- The planner looks for recently archived cases and replies the resident never rated.
CREATE INDEX case_archived_idx ON cases (archived_at) WHERE state = 'ARCHIVED';
CREATE INDEX case_unrated_reply_idx ON cases (replied_at) WHERE state = 'REPLIED' AND feedback IS NULL;
