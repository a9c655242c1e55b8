-- What WeCom calls back with, decrypted and checked, stored before we answer: representatives' texts and card
-- taps. The unique key turns WeCom's retries (3 tries if we are slow) into no new row, on every instance:
-- 'msg:<MsgId>' for messages, 'event:<FromUserName>:<CreateTime>' for events (which carry no MsgId).
CREATE TABLE wecom_inbound (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dedupe_key    text NOT NULL UNIQUE,
    from_user     text NOT NULL,
    msg_type      text NOT NULL,
    event         text,
    payload       text NOT NULL,                 -- the decrypted XML, as WeCom sent it
    sandbox       boolean NOT NULL DEFAULT false, -- simulated in the sandbox: nothing goes back to WeCom
    received_at   timestamptz NOT NULL DEFAULT now(),
    processed_at  timestamptz,
    outcome       text
);
CREATE INDEX wecom_inbound_unprocessed_idx ON wecom_inbound (id) WHERE processed_at IS NULL;
