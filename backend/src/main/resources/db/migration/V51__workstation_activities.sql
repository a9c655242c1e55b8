-- Issue 14: a workstation's activity record (五有): reception days, study sessions, research visits, consultations.
CREATE TABLE workstation_activity (
    id              uuid PRIMARY KEY,
    workstation_id  bigint NOT NULL REFERENCES workstation (id),
    kind            text NOT NULL CHECK (kind IN ('RECEPTION', 'STUDY', 'RESEARCH', 'CONSULTATION')),
    held_on         date NOT NULL,
    place           text NOT NULL,
    title           text NOT NULL,
    minutes         text NOT NULL,
    -- Other attendees as the minutes name them (residents, officials): shown to staff, never on public pages.
    other_attendees text,
    recorded_by     text NOT NULL,
    recorded_at     timestamptz NOT NULL
);
CREATE INDEX workstation_activity_workstation_idx ON workstation_activity (workstation_id, held_on DESC);
CREATE INDEX workstation_activity_day_idx ON workstation_activity (held_on DESC);

-- The representatives who attended (their 履职台账 counts these).
CREATE TABLE workstation_activity_attendee (
    activity_id       uuid NOT NULL REFERENCES workstation_activity (id),
    representative_id bigint NOT NULL REFERENCES representative (id),
    PRIMARY KEY (activity_id, representative_id)
);
CREATE INDEX workstation_activity_attendee_representative_idx ON workstation_activity_attendee (representative_id);
