-- The mini-program's message push (消息推送): what WeChat calls our callback URL with, stored before we answer
-- "success", once per push however often WeChat retries it, and worked through by the one worker shape (V21).
CREATE TABLE mp_inbound (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dedupe_key      text NOT NULL UNIQUE,
    format          text NOT NULL CHECK (format IN ('JSON', 'XML')),
    event           text,
    payload         text NOT NULL,             -- the plaintext (decrypted in safe mode)
    received_at     timestamptz NOT NULL DEFAULT now(),
    processed_at    timestamptz,
    outcome         text,
    attempts        integer NOT NULL DEFAULT 0,
    last_error      text,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    parked_at       timestamptz
);
CREATE INDEX mp_inbound_due_idx ON mp_inbound (id) WHERE processed_at IS NULL AND parked_at IS NULL;
CREATE INDEX mp_inbound_parked_idx ON mp_inbound (parked_at DESC) WHERE parked_at IS NOT NULL;

-- subscribe_msg_sent_event names the message by the msgid subscribeMessage.send returned (kept as provider_message_id).
CREATE INDEX outbound_message_wechat_msgid_idx ON outbound_message (provider_message_id)
    WHERE channel = 'MINIPROGRAM' AND provider_message_id IS NOT NULL;

-- Every consent answer, with when and through what: the mini-program's own report of wx.requestSubscribeMessage
-- (MINIPROGRAM), WeChat's subscribe_msg_popup_event for the same popup (WECHAT_POPUP), and 服务通知 settings
-- (subscribe_msg_change_event, WECHAT_SETTINGS). One popup is reported by both the mini-program and WeChat: the two
-- rows are paired (paired_with), so that one accept allows one message, whichever arrives first or alone.
CREATE TABLE mp_consent (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    resident_id  uuid NOT NULL REFERENCES resident (id),
    template_id  text NOT NULL,
    answer       text NOT NULL CHECK (answer IN ('accept', 'reject', 'ban', 'filter')),
    source       text NOT NULL CHECK (source IN ('MINIPROGRAM', 'WECHAT_POPUP', 'WECHAT_SETTINGS')),
    popup_scene  text,
    at           timestamptz NOT NULL,
    paired_with  bigint REFERENCES mp_consent (id)
);
-- The latest answer per template, and the resident's history.
CREATE INDEX mp_consent_resident_idx ON mp_consent (resident_id, template_id, at DESC, id DESC);
-- The other report of the same popup, still unpaired.
CREATE INDEX mp_consent_unpaired_idx ON mp_consent (resident_id, template_id, answer, at)
    WHERE paired_with IS NULL AND source <> 'WECHAT_SETTINGS';
