-- What a booking's two sides were told, once each (bookings.BookingNotices): the representative's card when the
-- call's meeting is open, the reminders a day and half an hour before the slot, a cancellation, a move. The key is
-- claimed (sent_at set) in the transaction that writes the outbound messages, so a notice is written at most once
-- whatever runs twice. A reminder whose writing failed keeps its attempts and waits; after the last it is parked.
CREATE TABLE booking_notice (
    booking_id       uuid NOT NULL REFERENCES booking (id),
    kind             text NOT NULL,
    sent_at          timestamptz,
    attempts         int NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz,
    last_error       text,
    parked           boolean NOT NULL DEFAULT false,
    PRIMARY KEY (booking_id, kind)
);

-- The reminder round's query: booked calls still ahead, by start.
CREATE INDEX booking_upcoming_idx ON booking (starts_at) WHERE state IN ('CONFIRMED', 'REMINDED');
