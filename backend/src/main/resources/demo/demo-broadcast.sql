-- 代表送政策 in the demo town: residents on every channel and one policy sent a week ago with a real funnel, so
-- that a newcomer's 政策 page has figures to read before their first broadcast. Loaded once (fixed id). The SMS
-- residents (phones sealed with this data folder's keys) are added by DemoTown before this runs.

-- Residents who use the mini-program (sandbox identities: 沙箱登录 as sandbox-demo-1 … in DevTools).
INSERT INTO resident (id, name, village_id, openid)
SELECT gen_random_uuid(), r.name, v.id, 'sandbox-demo-' || r.n
FROM (VALUES (1, '刘小梅'), (2, '黄建国'), (3, '马丽'), (4, '高强'), (5, '林芳'), (6, '何伟'), (7, '罗娟'), (8, '谢涛')) AS r(n, name)
JOIN LATERAL (SELECT id FROM village WHERE town_id = (SELECT id FROM town WHERE code = 'SG') ORDER BY id OFFSET (r.n - 1) % 10 LIMIT 1) v ON true
ON CONFLICT (openid) DO NOTHING;

-- Half of them accepted the policy template's subscribe message once (the local profile's template id): a
-- newcomer's first broadcast on 订阅消息 reaches them that way (the sandbox records it delivered; nothing leaves the machine).
INSERT INTO mp_subscription (resident_id, template_id, remaining, updated_at)
SELECT id, 'sandbox-policy', 1, now() FROM resident WHERE openid IN ('sandbox-demo-1', 'sandbox-demo-3', 'sandbox-demo-5', 'sandbox-demo-7')
ON CONFLICT (resident_id, template_id) DO NOTHING;

INSERT INTO broadcast (id, town_id, title, summary, body, audience_all, channels, state, scheduled_at, author, approver,
                       created_at, approved_at, sending_at, sent_at)
SELECT '00000000-0000-0000-0000-0000000b0001', t.id, '2027年度城乡居民医保开始缴费',
       '缴费时间：即日起至12月31日；个人缴费标准380元/年；可在村委会或手机上缴纳。',
       '一、缴费时间：即日起至2026年12月31日。二、缴费标准：个人缴费380元/年，低保、特困人员由政府资助。三、缴费渠道：村委会代收点、微信“城乡居民医保”小程序、银行网点。四、有疑问可在小程序点“我有疑问”，或直接回复短信，本村宣讲代表会答复您。',
       true, '{MINIPROGRAM,SMS}', 'SENT', now() - interval '7 days', 'office', 'office2',
       now() - interval '8 days', now() - interval '7 days', now() - interval '7 days', now() - interval '7 days' + interval '20 minutes'
FROM town t WHERE t.code = 'SG'
ON CONFLICT (id) DO NOTHING;

INSERT INTO broadcast_activity (broadcast_id, at, actor, action, from_state, to_state)
SELECT b.id, a.at, a.actor, a.action, a.from_state, a.to_state
FROM broadcast b CROSS JOIN LATERAL (VALUES
    (b.created_at, 'office', 'CREATE', NULL, 'AWAITING_APPROVAL'),
    (b.approved_at, 'office2', 'APPROVE', 'AWAITING_APPROVAL', 'SCHEDULED'),
    (b.sending_at, 'system', 'START_SENDING', 'SCHEDULED', 'SENDING'),
    (b.sent_at, 'system', 'FINISH', 'SENDING', 'SENT')) AS a (at, actor, action, from_state, to_state)
WHERE b.id = '00000000-0000-0000-0000-0000000b0001'
  AND NOT EXISTS (SELECT 1 FROM broadcast_activity WHERE broadcast_id = b.id);

-- The rows as the sender and the receipts left them: the feed delivered to every mini-program user (half read
-- it), the SMS delivered, a few not yet reported, some failed at the operator, the opted-out ones stopped.
INSERT INTO broadcast_delivery (broadcast_id, resident_id, channel, status, provider_message_id, batch_id, detail, next_attempt_at,
                                sent_at, delivered_at, read_at, updated_at)
SELECT b.id, x.id, x.channel, x.status, CASE WHEN x.channel = 'SMS' AND x.status <> 'OPTED_OUT' AND x.status <> 'SKIPPED' THEN '900412000000001^0' END,
       NULL, x.detail, b.sending_at,
       CASE WHEN x.status IN ('SENT', 'DELIVERED', 'READ') OR x.status = 'FAILED' THEN b.sending_at + interval '2 minutes' END,
       CASE WHEN x.status IN ('DELIVERED', 'READ') THEN b.sending_at + interval '3 minutes' END,
       CASE WHEN x.status = 'READ' THEN b.sending_at + interval '1 day' END, b.sent_at
FROM broadcast b
CROSS JOIN LATERAL (
    SELECT r.id, ch.channel, row_number() OVER (PARTITION BY ch.channel ORDER BY r.created_at, r.id) AS k,
           r.openid IS NOT NULL AS in_app, r.phone_cipher IS NOT NULL AS has_phone, r.sms_opted_out
    FROM resident r JOIN village v ON v.id = r.village_id CROSS JOIN unnest(b.channels) AS ch(channel)
    WHERE v.town_id = b.town_id AND r.merged_into IS NULL) AS a
CROSS JOIN LATERAL (SELECT a.id, a.channel,
    CASE WHEN a.channel = 'MINIPROGRAM' THEN CASE WHEN NOT a.in_app THEN 'SKIPPED' WHEN a.k % 2 = 0 THEN 'READ' ELSE 'DELIVERED' END
         WHEN NOT a.has_phone THEN 'SKIPPED' WHEN a.sms_opted_out THEN 'OPTED_OUT'
         WHEN a.k % 7 = 0 THEN 'FAILED' WHEN a.k % 5 = 0 THEN 'SENT' ELSE 'DELIVERED' END AS status,
    CASE WHEN a.channel = 'MINIPROGRAM' AND NOT a.in_app THEN 'does not use the mini-program'
         WHEN a.channel = 'SMS' AND NOT a.has_phone THEN 'no phone number'
         WHEN a.channel = 'SMS' AND a.sms_opted_out THEN 'opted out of broadcasts (R/T/TD/退订)'
         WHEN a.channel = 'SMS' AND a.k % 7 = 0 THEN 'receipt MK:0013' END AS detail) AS x
WHERE b.id = '00000000-0000-0000-0000-0000000b0001'
ON CONFLICT (broadcast_id, resident_id, channel) DO NOTHING;
