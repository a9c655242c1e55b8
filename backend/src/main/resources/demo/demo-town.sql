-- Demo town for local mode only: loaded at startup when lianxin.demo-data.enabled (./infra/run sets it).
-- Idempotent: every insert is keyed on a natural name, so loading it again changes nothing.

INSERT INTO town (code, name) VALUES ('SG', '史官镇') ON CONFLICT (code) DO NOTHING;

INSERT INTO constituency (town_id, name)
SELECT t.id, c.name FROM town t, (VALUES ('第一选区'), ('第二选区'), ('第三选区')) AS c(name)
WHERE t.code = 'SG' ON CONFLICT (town_id, name) DO NOTHING;

INSERT INTO village (town_id, constituency_id, name)
SELECT t.id, c.id, v.name FROM town t
JOIN (VALUES ('东村', '第一选区'), ('西村', '第一选区'), ('南湾村', '第一选区'), ('北坡村', '第一选区'),
             ('柳树屯', '第二选区'), ('杨家庄', '第二选区'), ('河口村', '第二选区'),
             ('石桥村', '第三选区'), ('新庄村', '第三选区'), ('枣园村', '第三选区')) AS v(name, constituency) ON true
JOIN constituency c ON c.town_id = t.id AND c.name = v.constituency
WHERE t.code = 'SG' ON CONFLICT (town_id, name) DO NOTHING;

INSERT INTO category (code, name, work_field) VALUES
    ('land', '土地承包', 'LAND_AND_AGRICULTURE'),
    ('roads', '道路交通', 'ROADS_AND_INFRASTRUCTURE'),
    ('water', '饮水供水', 'WATER_AND_UTILITIES'),
    ('medical-insurance', '医疗保险', 'SOCIAL_SECURITY'),
    ('pensions', '养老保险', 'SOCIAL_SECURITY'),
    ('education', '教育就学', 'EDUCATION'),
    ('employment', '就业创业', 'EMPLOYMENT'),
    ('disputes', '矛盾纠纷', 'DISPUTE_MEDIATION'),
    ('environment', '人居环境', 'ENVIRONMENT'),
    ('other', '其他', 'GENERAL')
ON CONFLICT (code) DO NOTHING;

INSERT INTO workstation (town_id, name, place, signage, service_theme, liaison_name)
SELECT t.id, w.name, w.place, w.signage, w.theme, w.liaison FROM town t,
(VALUES ('史官镇中心党代表工作室', '史官镇党群服务中心二楼', '党代表工作室·连心桥', '传党音、听民意、解民忧、促和谐', '王建华'),
        ('柳树屯党代表工作室', '柳树屯村委会一楼', '党代表工作室·连心桥', '代表送政策，服务零距离', '李秀梅'),
        ('石桥党代表工作室', '石桥村党群服务站', '党代表工作室·连心桥', '小事当场办，大事请示办，要事限时办', '赵志刚'))
AS w(name, place, signage, theme, liaison)
WHERE t.code = 'SG' ON CONFLICT (town_id, name) DO NOTHING;

INSERT INTO workstation_village (workstation_id, village_id)
SELECT w.id, v.id FROM (VALUES
    ('史官镇中心党代表工作室', '东村'), ('史官镇中心党代表工作室', '西村'), ('史官镇中心党代表工作室', '南湾村'),
    ('史官镇中心党代表工作室', '北坡村'), ('柳树屯党代表工作室', '柳树屯'), ('柳树屯党代表工作室', '杨家庄'),
    ('柳树屯党代表工作室', '河口村'), ('石桥党代表工作室', '石桥村'), ('石桥党代表工作室', '新庄村'),
    ('石桥党代表工作室', '枣园村')) AS m(workstation, village)
JOIN workstation w ON w.name = m.workstation JOIN village v ON v.name = m.village
ON CONFLICT DO NOTHING;

-- Twelve representatives with varied fields, specialties, residences and contact villages.
INSERT INTO representative (workstation_id, constituency_id, residence_village_id, name, work_fields, specialties, wecom_user_id, group_leader)
SELECT w.id, c.id, v.id, r.name, r.fields::text[], r.specialties::text[], r.wecom, r.leader
FROM (VALUES
    ('张国强', '史官镇中心党代表工作室', '第一选区', '东村', '{GENERAL,DISPUTE_MEDIATION}', '{基层治理,调解}', 'zhangguoqiang', true),
    ('刘桂兰', '史官镇中心党代表工作室', '第一选区', '西村', '{SOCIAL_SECURITY}', '{医保政策,养老服务}', 'liuguilan', false),
    ('陈明', '史官镇中心党代表工作室', '第一选区', '南湾村', '{ROADS_AND_INFRASTRUCTURE,WATER_AND_UTILITIES}', '{工程建设}', 'chenming', false),
    ('孙丽', '史官镇中心党代表工作室', '第一选区', '北坡村', '{EDUCATION,EMPLOYMENT}', '{教师,职业培训}', 'sunli', false),
    ('李文斌', '柳树屯党代表工作室', '第二选区', '柳树屯', '{LAND_AND_AGRICULTURE,GENERAL}', '{土地确权,农业技术}', 'liwenbin', true),
    ('周海燕', '柳树屯党代表工作室', '第二选区', '杨家庄', '{SOCIAL_SECURITY,EDUCATION}', '{社保经办}', 'zhouhaiyan', false),
    ('吴建军', '柳树屯党代表工作室', '第二选区', '河口村', '{ENVIRONMENT,WATER_AND_UTILITIES}', '{河道治理,环保}', 'wujianjun', false),
    ('郑小红', '柳树屯党代表工作室', '第二选区', '柳树屯', '{DISPUTE_MEDIATION,EMPLOYMENT}', '{法律咨询}', 'zhengxiaohong', false),
    ('王志勇', '石桥党代表工作室', '第三选区', '石桥村', '{ROADS_AND_INFRASTRUCTURE,GENERAL}', '{村务管理}', 'wangzhiyong', true),
    ('冯淑珍', '石桥党代表工作室', '第三选区', '新庄村', '{SOCIAL_SECURITY}', '{老年服务,医保政策}', 'fengshuzhen', false),
    ('何军', '石桥党代表工作室', '第三选区', '枣园村', '{LAND_AND_AGRICULTURE,ENVIRONMENT}', '{果树种植}', 'hejun', false),
    ('许静', '石桥党代表工作室', '第三选区', '石桥村', '{EDUCATION,EMPLOYMENT,DISPUTE_MEDIATION}', '{青年就业,心理疏导}', 'xujing', false))
AS r(name, workstation, constituency, residence, fields, specialties, wecom, leader)
JOIN workstation w ON w.name = r.workstation
JOIN constituency c ON c.name = r.constituency
JOIN village v ON v.name = r.residence
ON CONFLICT (wecom_user_id) DO NOTHING;

INSERT INTO representative_contact_village (representative_id, village_id)
SELECT r.id, v.id FROM (VALUES
    ('zhangguoqiang', '东村'), ('liuguilan', '西村'), ('chenming', '南湾村'), ('sunli', '北坡村'), ('chenming', '东村'),
    ('liwenbin', '柳树屯'), ('zhouhaiyan', '杨家庄'), ('wujianjun', '河口村'), ('zhengxiaohong', '柳树屯'),
    ('wangzhiyong', '石桥村'), ('fengshuzhen', '新庄村'), ('hejun', '枣园村'), ('xujing', '石桥村'), ('xujing', '新庄村'))
AS m(wecom, village)
JOIN representative r ON r.wecom_user_id = m.wecom JOIN village v ON v.name = m.village
ON CONFLICT DO NOTHING;

-- Six months of demo concerns, so that a newcomer's console has figures, a dispatch queue, overdue cases and
-- instructions to give. Loaded once: only while the town has no demo case yet (numbers SG-DEMO-…, apart from
-- the numbers CaseNumbers gives). Residents have no phone number: the demo keys change with every data folder.
CREATE TEMP TABLE demo_fresh ON COMMIT DROP AS
SELECT NOT EXISTS (SELECT 1 FROM cases WHERE number LIKE 'SG-DEMO-%') AS fresh;

CREATE TEMP TABLE demo_resident ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, n AS n, r.name, v.id AS village_id
FROM (VALUES (1, '李大爷'), (2, '王婶'), (3, '赵老汉'), (4, '孙阿姨'), (5, '周大哥'), (6, '吴奶奶'), (7, '郑师傅'),
             (8, '冯大姐'), (9, '陈老师'), (10, '褚大伯'), (11, '卫嫂子'), (12, '蒋爷爷')) AS r(n, name)
JOIN LATERAL (SELECT id FROM village WHERE town_id = (SELECT id FROM town WHERE code = 'SG') ORDER BY id OFFSET (r.n - 1) % 10 LIMIT 1) v ON true
WHERE (SELECT fresh FROM demo_fresh);

INSERT INTO resident (id, name, village_id) SELECT id, name, village_id FROM demo_resident;

-- One case every 18 hours back from now: the older ones mostly archived and rated, the recent ones spread over the
-- six steps; every 25th recent one unplaced (the dispatch queue), two waiting for an instruction, some late.
CREATE TEMP TABLE demo_case ON COMMIT DROP AS
SELECT g, gen_random_uuid() AS id, now() - interval '18 hours' * g AS registered_at, v.id AS village_id,
       cat.id AS category_id, cat.text, wv.workstation_id,
       (SELECT r.id FROM representative r WHERE r.workstation_id = wv.workstation_id ORDER BY (r.id * 7 + g) % 13, r.id LIMIT 1) AS representative_id,
       (SELECT id FROM demo_resident ORDER BY n OFFSET g % 12 LIMIT 1) AS resident_id,
       (ARRAY['WALK_IN', 'PHONE', 'SMS', 'MINIPROGRAM', 'VISIT'])[1 + g % 5] AS channel,
       CASE WHEN g <= 40 THEN
           CASE WHEN g % 25 = 3 THEN 'UNPLACED' WHEN g IN (5, 11) THEN 'AWAITING'
                WHEN g % 6 = 0 THEN 'REGISTERED' WHEN g % 6 = 1 THEN 'RECEIVED' WHEN g % 6 = 2 THEN 'IN_PROGRESS'
                WHEN g % 6 = 3 THEN 'REPLIED' WHEN g % 6 = 4 THEN 'FEEDBACK_GIVEN' ELSE 'ARCHIVED' END
       ELSE CASE WHEN g % 17 = 0 THEN 'REPLIED' WHEN g % 13 = 0 THEN 'FEEDBACK_GIVEN' ELSE 'ARCHIVED' END END AS kind
FROM generate_series(1, 240) g
JOIN LATERAL (SELECT id FROM village WHERE town_id = (SELECT id FROM town WHERE code = 'SG') ORDER BY id OFFSET g % 10 LIMIT 1) v ON true
JOIN LATERAL (SELECT workstation_id FROM workstation_village WHERE village_id = v.id ORDER BY workstation_id LIMIT 1) wv ON true
JOIN LATERAL (SELECT c.id, t.text FROM category c
              JOIN (VALUES ('land', '承包地边界和邻居有争议，想请村里帮忙重新丈量'), ('roads', '村口的路灯坏了三个月了，晚上出行不方便'),
                           ('water', '自来水这几天发黄，烧开了也有沉淀'), ('medical-insurance', '外地住院的医药费报销比例不清楚'),
                           ('pensions', '养老金这个月没有按时到账'), ('education', '孩子转学到镇中心小学需要哪些材料'),
                           ('employment', '想参加电商培训，不知道在哪里报名'), ('disputes', '邻居家的排水沟冲到我家院墙'),
                           ('environment', '河道边堆了很多垃圾，夏天有味道'), ('other', '村里的健身器材坏了想请人修')) AS t(code, text)
                ON t.code = c.code
              ORDER BY c.id OFFSET (g / 3) % 10 LIMIT 1) cat ON true
WHERE (SELECT fresh FROM demo_fresh);

INSERT INTO cases (id, number, town_id, resident_id, village_id, category_id, channel, text, state, handling_class,
                   awaiting_instruction, workstation_id, representative_id, routing_score, routing_reasons,
                   sign_for_due_at, signed_at, reply_due_at, resolve_due_at, replied_at, reply_text, reply_delivered,
                   feedback, feedback_attempted, registered_by, registered_at, updated_at, archived_at)
SELECT d.id, 'SG-DEMO-' || lpad(d.g::text, 4, '0'), (SELECT id FROM town WHERE code = 'SG'), d.resident_id, d.village_id,
       d.category_id, d.channel, d.text || '。',
       CASE d.kind WHEN 'UNPLACED' THEN 'REGISTERED' WHEN 'AWAITING' THEN 'IN_PROGRESS' ELSE d.kind END,
       CASE WHEN d.kind = 'AWAITING' THEN 'ESCALATE_FOR_INSTRUCTION'
            WHEN d.kind NOT IN ('UNPLACED', 'REGISTERED', 'RECEIVED') THEN (CASE WHEN d.g % 4 = 0 THEN 'TIME_LIMITED' ELSE 'ON_THE_SPOT' END) END,
       d.kind = 'AWAITING',
       CASE WHEN d.kind <> 'UNPLACED' THEN d.workstation_id END, CASE WHEN d.kind <> 'UNPLACED' THEN d.representative_id END,
       CASE WHEN d.kind <> 'UNPLACED' THEN 45 END,
       CASE WHEN d.kind = 'UNPLACED' THEN ARRAY['没有工作领域相符且有空的代表：等待联络员派单']
            ELSE ARRAY['包抓联系点 (+40)', '工作领域相符 (+5)'] END,
       d.registered_at + interval '1 day',
       CASE WHEN d.kind NOT IN ('UNPLACED', 'REGISTERED') THEN d.registered_at + interval '3 hours' END,
       d.registered_at + interval '7 days', d.registered_at + interval '15 days',
       CASE WHEN d.kind IN ('REPLIED', 'FEEDBACK_GIVEN', 'ARCHIVED') THEN d.registered_at + interval '1 day' * (1 + d.g % 9) END,
       CASE WHEN d.kind IN ('REPLIED', 'FEEDBACK_GIVEN', 'ARCHIVED') THEN '已联系相关部门处理，结果已当面告知。' END,
       d.kind IN ('REPLIED', 'FEEDBACK_GIVEN', 'ARCHIVED'),
       CASE WHEN d.kind IN ('FEEDBACK_GIVEN', 'ARCHIVED') THEN
           CASE WHEN d.g % 11 = 0 THEN 'UNSATISFIED' WHEN d.g % 4 = 0 THEN 'BASICALLY_SATISFIED' ELSE 'SATISFIED' END END,
       d.kind IN ('FEEDBACK_GIVEN', 'ARCHIVED'),
       'liaison1', d.registered_at, d.registered_at,
       CASE WHEN d.kind = 'ARCHIVED' THEN d.registered_at + interval '1 day' * (2 + d.g % 9) END
FROM demo_case d;

-- Each case's record, as the six steps would have written it.
INSERT INTO case_activity (case_id, at, actor, action, channel, from_state, to_state, detail)
SELECT c.id, c.registered_at + a.after, a.actor, a.action, a.channel, a.from_state, a.to_state, a.detail
FROM cases c
JOIN demo_case d ON d.id = c.id
CROSS JOIN LATERAL (VALUES
    (interval '0', 'liaison1', 'REGISTER', c.channel, NULL, 'REGISTERED', '登记 ' || c.number, true),
    (interval '3 hours', 'representative', 'SIGN_FOR', 'WECOM', 'REGISTERED', 'RECEIVED', '签收', c.signed_at IS NOT NULL),
    (interval '4 hours', 'representative', 'CHOOSE_HANDLING', 'WECOM', 'RECEIVED', 'IN_PROGRESS', '办理方式：' || c.handling_class,
        c.handling_class IS NOT NULL AND d.kind <> 'AWAITING'),
    (interval '4 hours', 'representative', 'ESCALATE', 'WECOM', 'RECEIVED', 'IN_PROGRESS', '请示：涉及多个部门，请镇里协调', d.kind = 'AWAITING'),
    (c.replied_at - c.registered_at, 'representative', 'REPLY', 'WECOM', 'IN_PROGRESS', 'REPLIED', '回复：' || c.reply_text, c.replied_at IS NOT NULL),
    (c.replied_at - c.registered_at + interval '1 day', 'liaison1', 'RECORD_FEEDBACK', 'CONSOLE', 'REPLIED', 'FEEDBACK_GIVEN', '评价：' || c.feedback,
        c.feedback IS NOT NULL),
    (c.archived_at - c.registered_at, 'liaison1', 'ARCHIVE', 'CONSOLE', 'FEEDBACK_GIVEN', 'ARCHIVED', '归档', c.archived_at IS NOT NULL))
    AS a (after, actor, action, channel, from_state, to_state, detail, happened)
WHERE a.happened;

-- Reception slots (issue 13): every demo representative receives by video on two half-days a week (定期接待), in
-- half-hour calls with ten minutes between, the weekdays spread over the week, so that a newcomer can book at once.
-- Only for a representative without rules yet: what the town office has edited since is kept.
INSERT INTO reception_rule (representative_id, weekday, starts_at, ends_at, slot_minutes, buffer_minutes)
SELECT r.id, d.weekday, d.starts_at, d.ends_at, 30, 10
FROM representative r
JOIN workstation w ON w.id = r.workstation_id
JOIN town t ON t.id = w.town_id
CROSS JOIN LATERAL (VALUES (1 + (r.id % 5)::int, time '09:00', time '11:30'),
                           (1 + ((r.id + 2) % 5)::int, time '14:30', time '17:00')) AS d (weekday, starts_at, ends_at)
WHERE t.code = 'SG' AND NOT EXISTS (SELECT 1 FROM reception_rule x WHERE x.representative_id = r.id);

-- Visits (issue 14): last week every contact village visited on its Monday but 北坡村 and 枣园村 (late in the
-- coverage), this week three visited so far. Keyed by representative, village and day: loading again adds nothing.
INSERT INTO visit (id, representative_id, workstation_id, village_id, visited_on, met_with, summary, channel, recorded_by, recorded_at)
SELECT gen_random_uuid(), r.id, r.workstation_id, v.id, w.monday, '村两委成员和几户村民', w.summary, 'WECOM', 'demo', w.monday + time '17:00'
FROM representative_contact_village c
JOIN representative r ON r.id = c.representative_id
JOIN village v ON v.id = c.village_id
JOIN (SELECT (date_trunc('week', now() AT TIME ZONE 'Asia/Shanghai') - interval '7 days')::date AS monday, '了解春耕备耕和道路维护情况' AS summary, false AS this_week
      UNION ALL
      SELECT date_trunc('week', now() AT TIME ZONE 'Asia/Shanghai')::date, '宣讲医保缴费政策，听取村民意见', true) w ON true
WHERE r.wecom_user_id IS NOT NULL AND v.town_id = (SELECT id FROM town WHERE code = 'SG')
  AND CASE WHEN w.this_week THEN (r.wecom_user_id, v.name) IN (('zhangguoqiang', '东村'), ('chenming', '南湾村'), ('wangzhiyong', '石桥村'))
           ELSE v.name NOT IN ('北坡村', '枣园村') END
ON CONFLICT (representative_id, village_id, visited_on) DO NOTHING;
