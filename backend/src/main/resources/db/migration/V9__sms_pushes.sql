-- What Aliyun pushes to us, stored before we answer: uplink messages from residents and delivery receipts.
-- Phone numbers as everywhere: keyed hash to find, AES-GCM to keep, masked to show.

CREATE TABLE sms_uplink (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sequence_id   text NOT NULL UNIQUE,          -- Aliyun's id: a repeated push is the same row
    phone_hash    bytea NOT NULL,
    phone_cipher  bytea NOT NULL,
    phone_masked  text NOT NULL,
    content       text NOT NULL,
    sent_at       timestamptz NOT NULL,
    dest_code     text NOT NULL,
    received_at   timestamptz NOT NULL DEFAULT now(),
    processed_at  timestamptz
);
CREATE INDEX sms_uplink_unprocessed_idx ON sms_uplink (id) WHERE processed_at IS NULL;

CREATE TABLE sms_receipt (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    biz_id        text NOT NULL,
    phone_hash    bytea NOT NULL,
    phone_masked  text NOT NULL,
    success       boolean NOT NULL,
    err_code      text NOT NULL,
    err_msg       text NOT NULL,
    out_id        text,
    sent_at       timestamptz NOT NULL,
    reported_at   timestamptz NOT NULL,
    sms_size      integer NOT NULL,
    received_at   timestamptz NOT NULL DEFAULT now(),
    processed_at  timestamptz,
    -- One receipt per send, number and outcome, however often Aliyun repeats the push.
    UNIQUE (biz_id, phone_hash, success, err_code)
);
CREATE INDEX sms_receipt_out_id_idx ON sms_receipt (out_id) WHERE out_id IS NOT NULL;
CREATE INDEX sms_receipt_unprocessed_idx ON sms_receipt (id) WHERE processed_at IS NULL;
