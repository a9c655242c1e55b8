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
