-- Cases and their record, and the event backbone: outbox, processed events, outbound messages.

-- Per town and day, the last case number handed out (SG-20261127-0042). A row lock on the counter keeps
-- numbers unique and gap-free within a committed day.
CREATE TABLE case_number_counter (
    town_id     bigint NOT NULL REFERENCES town (id),
    day         date NOT NULL,
    last_value  integer NOT NULL,
    PRIMARY KEY (town_id, day)
);

-- The six steps live in state; the lifecycle issue adds the commands. Columns for routing and deadlines are
-- here from the start so that every case has one shape.
CREATE TABLE cases (
    id                  uuid PRIMARY KEY,
    number              text NOT NULL UNIQUE,
    town_id             bigint NOT NULL REFERENCES town (id),
    resident_id         uuid NOT NULL REFERENCES resident (id),
    village_id          bigint NOT NULL REFERENCES village (id),
    category_id         bigint NOT NULL REFERENCES category (id),
    channel             text NOT NULL,
    text                text NOT NULL,
    state               text NOT NULL CHECK (state IN ('REGISTERED', 'RECEIVED', 'IN_PROGRESS', 'REPLIED', 'FEEDBACK_GIVEN', 'ARCHIVED')),
    handling_class      text CHECK (handling_class IN ('ON_THE_SPOT', 'ESCALATE_FOR_INSTRUCTION', 'TIME_LIMITED')),
    workstation_id      bigint REFERENCES workstation (id),
    representative_id   bigint REFERENCES representative (id),
    routing_score       numeric(8, 2),
    routing_reasons     text[],
    sign_for_due_at     timestamptz,
    reply_due_at        timestamptz,
    resolve_due_at      timestamptz,
    reopen_count        integer NOT NULL DEFAULT 0,
    feedback            text CHECK (feedback IN ('SATISFIED', 'BASICALLY_SATISFIED', 'UNSATISFIED')),
    registered_by       text NOT NULL,
    registered_at       timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    archived_at         timestamptz,
    version             bigint NOT NULL DEFAULT 0
);
CREATE INDEX case_registered_at_idx ON cases (registered_at DESC, id);
CREATE INDEX case_state_idx ON cases (state, registered_at DESC);
CREATE INDEX case_village_idx ON cases (village_id, registered_at DESC);
CREATE INDEX case_category_idx ON cases (category_id, registered_at DESC);
CREATE INDEX case_workstation_idx ON cases (workstation_id, state);
CREATE INDEX case_representative_idx ON cases (representative_id, state);
CREATE INDEX case_resident_idx ON cases (resident_id, registered_at DESC);

-- The case's record: every step, who, when, on which channel.
CREATE TABLE case_activity (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id     uuid NOT NULL REFERENCES cases (id),
    at          timestamptz NOT NULL,
    actor       text NOT NULL,
    action      text NOT NULL,
    channel     text NOT NULL,
    from_state  text,
    to_state    text,
    detail      text
);
CREATE INDEX case_activity_case_idx ON case_activity (case_id, id);

-- Events leave the database only through here, written in the transaction of the change they announce.
CREATE TABLE outbox_event (
    seq             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id              uuid NOT NULL UNIQUE,
    aggregate_type  text NOT NULL,
    aggregate_id    text NOT NULL,
    event_type      text NOT NULL,
    topic           text NOT NULL,
    payload         jsonb NOT NULL,
    created_at      timestamptz NOT NULL,
    published_at    timestamptz
);
-- The relay only ever reads the unpublished tail, in order.
CREATE INDEX outbox_event_unpublished_idx ON outbox_event (seq) WHERE published_at IS NULL;

-- A consumer's effect and the id of the event that caused it commit together: a redelivered event is a no-op.
CREATE TABLE processed_event (
    consumer        text NOT NULL,
    event_id        uuid NOT NULL,
    processed_at    timestamptz NOT NULL,
    effect          text NOT NULL,
    PRIMARY KEY (consumer, event_id)
);

CREATE TABLE outbound_message (
    id                  uuid PRIMARY KEY,
    source_event_id     uuid NOT NULL,
    purpose             text NOT NULL,
    case_id             uuid REFERENCES cases (id),
    resident_id         uuid REFERENCES resident (id),
    channel             text NOT NULL,
    template            text NOT NULL,
    body                text NOT NULL,
    status              text NOT NULL CHECK (status IN ('PENDING', 'SENT', 'DELIVERED', 'FAILED')),
    attempts            integer NOT NULL DEFAULT 0,
    next_attempt_at     timestamptz NOT NULL,
    provider_message_id text,
    sandbox             boolean NOT NULL DEFAULT false,
    last_error          text,
    created_at          timestamptz NOT NULL,
    sent_at             timestamptz,
    -- One event produces a given message once, however often the event is delivered.
    UNIQUE (source_event_id, purpose)
);
CREATE INDEX outbound_message_due_idx ON outbound_message (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX outbound_message_sandbox_idx ON outbound_message (sent_at DESC) WHERE sandbox;
CREATE INDEX outbound_message_case_idx ON outbound_message (case_id);
