-- The call behind a booking (issue 13): the meeting opened for it and what its attendance said afterwards.
-- meeting_status: PENDING (to open, due at meeting_next_at), OPEN, PARKED (gave up after its attempts).
ALTER TABLE booking
    ADD COLUMN meeting_status       text,
    ADD COLUMN meeting_attempts     integer NOT NULL DEFAULT 0,
    ADD COLUMN meeting_next_at      timestamptz,
    ADD COLUMN meeting_error        text,
    ADD COLUMN meeting_id           text,
    ADD COLUMN meeting_code         text,
    ADD COLUMN join_url             text,
    -- Seconds each side spent in the call, from the meeting's attendance once the slot is over.
    ADD COLUMN representative_seconds integer,
    ADD COLUMN resident_seconds     integer;

CREATE INDEX booking_meeting_due_idx ON booking (meeting_next_at) WHERE meeting_status = 'PENDING';
-- Booked calls whose slot is over and whose attendance has not been read yet.
CREATE INDEX booking_attendance_due_idx ON booking (ends_at) WHERE state IN ('CONFIRMED', 'REMINDED') AND meeting_status = 'OPEN';
