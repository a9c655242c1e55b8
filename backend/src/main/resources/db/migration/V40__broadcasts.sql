-- Policy broadcasts (政策解读, issue 12): the broadcast and its record, and one delivery row per resident and
-- channel. The UNIQUE key on the delivery is what makes a restart or a replay unable to send a second copy.

CREATE TABLE broadcast (
    id               uuid PRIMARY KEY,
    town_id          bigint NOT NULL REFERENCES town (id),
    title            text NOT NULL,
    summary          text NOT NULL,
    body             text NOT NULL,
    attachment_ids   text[] NOT NULL DEFAULT '{}',
    audience_all     boolean NOT NULL DEFAULT false,
    village_ids      bigint[] NOT NULL DEFAULT '{}',
    constituency_ids bigint[] NOT NULL DEFAULT '{}',
    category_ids     bigint[] NOT NULL DEFAULT '{}',
    channels         text[] NOT NULL,
    state            text NOT NULL CHECK (state IN ('DRAFT', 'AWAITING_APPROVAL', 'SCHEDULED', 'SENDING', 'SENT', 'CANCELLED')),
    scheduled_at     timestamptz,
    author           text NOT NULL,
    approver         text,
    created_at       timestamptz NOT NULL,
    approved_at      timestamptz,
    sending_at       timestamptz,
    sent_at          timestamptz,
    cancelled_at     timestamptz,
    version          bigint NOT NULL DEFAULT 0
);
CREATE INDEX broadcast_created_idx ON broadcast (created_at DESC);
-- The sender's two questions: which approved broadcasts are due, which are going out.
CREATE INDEX broadcast_due_idx ON broadcast (scheduled_at) WHERE state IN ('SCHEDULED', 'SENDING');

CREATE TABLE broadcast_activity (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    broadcast_id uuid NOT NULL REFERENCES broadcast (id),
    at           timestamptz NOT NULL,
    actor        text NOT NULL,
    action       text NOT NULL,
    from_state   text,
    to_state     text NOT NULL
);
CREATE INDEX broadcast_activity_broadcast_idx ON broadcast_activity (broadcast_id, id);

-- status moves forward only (BroadcastDeliveries.advance): PENDING → SENDING (a provider call in flight) → SENT →
-- DELIVERED → READ; FAILED, OPTED_OUT and SKIPPED end a row. provider_message_id: the SMS BizId (one per SendSms
-- call, shared by its numbers) or the subscribe message's msgid. batch_id: the SendSms call's OutId.
CREATE TABLE broadcast_delivery (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    broadcast_id        uuid NOT NULL REFERENCES broadcast (id),
    resident_id         uuid NOT NULL REFERENCES resident (id),
    channel             text NOT NULL CHECK (channel IN ('MINIPROGRAM', 'SUBSCRIBE', 'SMS')),
    status              text NOT NULL CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'DELIVERED', 'READ', 'FAILED', 'OPTED_OUT', 'SKIPPED')),
    provider_message_id text,
    batch_id            uuid,
    attempts            integer NOT NULL DEFAULT 0,
    next_attempt_at     timestamptz NOT NULL,
    detail              text,
    sending_at          timestamptz,
    sent_at             timestamptz,
    delivered_at        timestamptz,
    read_at             timestamptz,
    updated_at          timestamptz NOT NULL,
    UNIQUE (broadcast_id, resident_id, channel)
);
-- Counts per channel and status, the recipients list by status, and the sender's claim of due rows.
CREATE INDEX broadcast_delivery_status_idx ON broadcast_delivery (broadcast_id, channel, status);
CREATE INDEX broadcast_delivery_due_idx ON broadcast_delivery (broadcast_id, channel, next_attempt_at, id) WHERE status = 'PENDING';
CREATE INDEX broadcast_delivery_in_flight_idx ON broadcast_delivery (sending_at) WHERE status = 'SENDING';
CREATE INDEX broadcast_delivery_provider_idx ON broadcast_delivery (provider_message_id) WHERE provider_message_id IS NOT NULL;
-- A resident's policy feed, newest first, and their questions' window after an SMS.
CREATE INDEX broadcast_delivery_resident_idx ON broadcast_delivery (resident_id, channel, sent_at DESC);
