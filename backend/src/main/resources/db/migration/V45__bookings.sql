-- Video-call bookings (issue 13): reception rules, dated openings/closings, leave, and bookings with their holds.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- A representative's weekly reception hours (Monday = 1 … Friday = 5), cut into slots of a length with a buffer after each.
CREATE TABLE reception_rule (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    representative_id bigint NOT NULL REFERENCES representative (id),
    weekday           smallint NOT NULL CHECK (weekday BETWEEN 1 AND 5),
    starts_at         time NOT NULL,
    ends_at           time NOT NULL CHECK (ends_at > starts_at),
    slot_minutes      integer NOT NULL CHECK (slot_minutes BETWEEN 10 AND 180),
    buffer_minutes    integer NOT NULL CHECK (buffer_minutes BETWEEN 0 AND 120)
);
CREATE INDEX reception_rule_representative_idx ON reception_rule (representative_id);

-- Hours on one date that replace the week's rules; a row without hours closes the day.
CREATE TABLE reception_date (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    representative_id bigint NOT NULL REFERENCES representative (id),
    day               date NOT NULL,
    starts_at         time,
    ends_at           time,
    slot_minutes      integer NOT NULL DEFAULT 30 CHECK (slot_minutes BETWEEN 10 AND 180),
    buffer_minutes    integer NOT NULL DEFAULT 0 CHECK (buffer_minutes BETWEEN 0 AND 120),
    CHECK ((starts_at IS NULL) = (ends_at IS NULL) AND (ends_at IS NULL OR ends_at > starts_at))
);
CREATE INDEX reception_date_representative_idx ON reception_date (representative_id, day);

-- Leave: the representative's slots on these days are the stand-in's (none without one).
CREATE TABLE representative_leave (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    representative_id bigint NOT NULL REFERENCES representative (id),
    first_day         date NOT NULL,
    last_day          date NOT NULL CHECK (last_day >= first_day),
    stand_in_id       bigint REFERENCES representative (id) CHECK (stand_in_id <> representative_id)
);
CREATE INDEX representative_leave_representative_idx ON representative_leave (representative_id, last_day);
CREATE INDEX representative_leave_stand_in_idx ON representative_leave (stand_in_id, last_day) WHERE stand_in_id IS NOT NULL;

-- Holds and bookings in one table, so that one constraint keeps a representative's live times apart, whatever
-- writes them: a hold (HELD, until expires_at) and a booking (CONFIRMED, REMINDED) of overlapping times cannot
-- both exist. A HELD row past its expiry is set to EXPIRED by whoever next holds an overlapping time (in that
-- transaction) or by the sweeper; the predicate must be immutable, so it reads the state, not the clock.
CREATE TABLE booking (
    id                       uuid PRIMARY KEY,
    representative_id        bigint NOT NULL REFERENCES representative (id),
    workstation_id           bigint NOT NULL REFERENCES workstation (id),
    resident_id              uuid NOT NULL REFERENCES resident (id),
    starts_at                timestamptz NOT NULL,
    ends_at                  timestamptz NOT NULL CHECK (ends_at > starts_at),
    slot                     tstzrange GENERATED ALWAYS AS (tstzrange(starts_at, ends_at, '[)')) STORED,
    state                    text NOT NULL,
    expires_at               timestamptz NOT NULL,
    topic                    text,
    category_id              bigint REFERENCES category (id),
    case_id                  uuid REFERENCES cases (id),
    -- The staff member who booked for a resident who phoned; null when the resident booked.
    booked_by                text,
    rescheduled_from         uuid REFERENCES booking (id),
    notes                    text,
    created_at               timestamptz NOT NULL,
    updated_at               timestamptz NOT NULL,
    CONSTRAINT booking_no_overlap EXCLUDE USING gist (representative_id WITH =, slot WITH &&)
        WHERE (state IN ('HELD', 'CONFIRMED', 'REMINDED'))
);
CREATE INDEX booking_resident_idx ON booking (resident_id, state);
CREATE INDEX booking_workstation_idx ON booking (workstation_id, starts_at);
CREATE INDEX booking_held_idx ON booking (expires_at) WHERE state = 'HELD';
CREATE INDEX booking_case_idx ON booking (case_id) WHERE case_id IS NOT NULL;
