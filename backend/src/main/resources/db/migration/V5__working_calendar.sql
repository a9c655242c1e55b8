-- The working-day calendar that case deadlines count in. The default rule is Monday to Friday work,
-- Saturday and Sunday rest; calendar_day holds only the days that break it: a HOLIDAY is a weekday off, a
-- WORKDAY is a weekend make-up working day (调休上班). A holiday that falls on a weekend changes nothing and
-- has no row; the check below keeps every row a real exception, as the API does. The town office edits the
-- rows through /api/calendar.

CREATE TABLE calendar_day (
    day         date PRIMARY KEY,
    kind        text NOT NULL CHECK (kind IN ('HOLIDAY', 'WORKDAY')),
    name        text NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    -- ISO day of week 6 and 7 are Saturday and Sunday.
    CONSTRAINT calendar_day_breaks_default_rule CHECK ((kind = 'HOLIDAY') = (extract(isodow FROM day) < 6))
);

-- 2026, from the State Council General Office's notice on the 2026 holidays (国务院办公厅关于2026年部分节假日
-- 安排的通知, 4 November 2025). Whole breaks as published, weekend days of a break left out:
--   元旦   1月1日–3日,            上班 1月4日(日)
--   春节   2月15日–23日,          上班 2月14日(六)、2月28日(六)
--   清明节 4月4日–6日
--   劳动节 5月1日–5日,            上班 5月9日(六)
--   端午节 6月19日–21日
--   中秋节 9月25日–27日
--   国庆节 10月1日–7日,           上班 9月20日(日)、10月10日(六)
INSERT INTO calendar_day (day, kind, name) VALUES
    ('2026-01-01', 'HOLIDAY', '元旦'),
    ('2026-01-02', 'HOLIDAY', '元旦'),
    ('2026-01-04', 'WORKDAY', '元旦调休上班'),
    ('2026-02-14', 'WORKDAY', '春节调休上班'),
    ('2026-02-16', 'HOLIDAY', '春节'),
    ('2026-02-17', 'HOLIDAY', '春节'),
    ('2026-02-18', 'HOLIDAY', '春节'),
    ('2026-02-19', 'HOLIDAY', '春节'),
    ('2026-02-20', 'HOLIDAY', '春节'),
    ('2026-02-23', 'HOLIDAY', '春节'),
    ('2026-02-28', 'WORKDAY', '春节调休上班'),
    ('2026-04-06', 'HOLIDAY', '清明节'),
    ('2026-05-01', 'HOLIDAY', '劳动节'),
    ('2026-05-04', 'HOLIDAY', '劳动节'),
    ('2026-05-05', 'HOLIDAY', '劳动节'),
    ('2026-05-09', 'WORKDAY', '劳动节调休上班'),
    ('2026-06-19', 'HOLIDAY', '端午节'),
    ('2026-09-20', 'WORKDAY', '国庆节调休上班'),
    ('2026-09-25', 'HOLIDAY', '中秋节'),
    ('2026-10-01', 'HOLIDAY', '国庆节'),
    ('2026-10-02', 'HOLIDAY', '国庆节'),
    ('2026-10-05', 'HOLIDAY', '国庆节'),
    ('2026-10-06', 'HOLIDAY', '国庆节'),
    ('2026-10-07', 'HOLIDAY', '国庆节'),
    ('2026-10-10', 'WORKDAY', '国庆节调休上班');

-- 2027: PROVISIONAL. The State Council had not published the 2027 notice when this was written; the town
-- office corrects it via the API once the notice is out. Seeded: the statutory days (全国年节及纪念日放假办法,
-- 2024 revision) on their 2027 dates, and for each statutory day that falls on a weekend the weekday off the
-- law requires in its place (补假) — the notice always contains those. Not seeded, because they cannot be
-- predicted: the notice's 调休 swaps (extra weekdays off and the weekend make-up days paying for them).
--   元旦 1月1日(五) · 春节 除夕2月5日(五)–初三2月8日(一), 初一、初二逢周末 → 补 2月9日、10日
--   清明节 4月5日(一) · 劳动节 5月1日–2日逢周末 → 补 5月3日、4日 · 端午节 6月9日(三)
--   中秋节 9月15日(三) · 国庆节 10月1日(五), 2日、3日逢周末 → 补 10月4日、5日
INSERT INTO calendar_day (day, kind, name) VALUES
    ('2027-01-01', 'HOLIDAY', '元旦'),
    ('2027-02-05', 'HOLIDAY', '春节'),
    ('2027-02-08', 'HOLIDAY', '春节'),
    ('2027-02-09', 'HOLIDAY', '春节'),
    ('2027-02-10', 'HOLIDAY', '春节'),
    ('2027-04-05', 'HOLIDAY', '清明节'),
    ('2027-05-03', 'HOLIDAY', '劳动节'),
    ('2027-05-04', 'HOLIDAY', '劳动节'),
    ('2027-06-09', 'HOLIDAY', '端午节'),
    ('2027-09-15', 'HOLIDAY', '中秋节'),
    ('2027-10-01', 'HOLIDAY', '国庆节'),
    ('2027-10-04', 'HOLIDAY', '国庆节'),
    ('2027-10-05', 'HOLIDAY', '国庆节');
