package cn.lianxin.calendar;

import static cn.lianxin.calendar.DayKind.HOLIDAY;
import static cn.lianxin.calendar.DayKind.WORKDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkingDaysTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalTime SIX_PM = LocalTime.of(18, 0);

    /** The State Council's 2026 schedule, written out here independently of the migration that seeds it. */
    private static final WorkingDays Y2026 = new WorkingDays(exceptions2026(), SHANGHAI, SIX_PM);

    private static Map<LocalDate, DayKind> exceptions2026() {
        Map<LocalDate, DayKind> days = new HashMap<>();
        for (String holiday : new String[] {"01-01", "01-02", "02-16", "02-17", "02-18", "02-19", "02-20", "02-23", "04-06",
                "05-01", "05-04", "05-05", "06-19", "09-25", "10-01", "10-02", "10-05", "10-06", "10-07"}) {
            days.put(LocalDate.parse("2026-" + holiday), HOLIDAY);
        }
        for (String makeUp : new String[] {"01-04", "02-14", "02-28", "05-09", "09-20", "10-10"}) {
            days.put(LocalDate.parse("2026-" + makeUp), WORKDAY);
        }
        return days;
    }

    private static LocalDate day(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void shouldCountAcrossTheNationalDayWeekAndItsMakeUpDays() {
        LocalDate lastDayBefore = day("2026-09-30");

        assertThat(Y2026.addWorkingDays(lastDayBefore, 1)).isEqualTo(day("2026-10-08"));
        assertThat(Y2026.addWorkingDays(lastDayBefore, 2)).isEqualTo(day("2026-10-09"));
        assertThat(Y2026.addWorkingDays(lastDayBefore, 3)).as("the make-up Saturday is worked").isEqualTo(day("2026-10-10"));
        assertThat(Y2026.addWorkingDays(lastDayBefore, 4)).isEqualTo(day("2026-10-12"));
        assertThat(Y2026.addWorkingDays(day("2026-09-18"), 1)).as("the make-up Sunday before the week").isEqualTo(day("2026-09-20"));
        assertThat(Y2026.isWorkingDay(day("2026-10-05"))).as("a Monday inside the holiday week").isFalse();
        assertThat(Y2026.isWorkingDay(day("2026-10-11"))).as("an ordinary Sunday").isFalse();
    }

    @Test
    void shouldCountAcrossTheSpringFestivalAndItsMakeUpSaturdays() {
        assertThat(Y2026.addWorkingDays(day("2026-02-13"), 1)).isEqualTo(day("2026-02-14"));
        assertThat(Y2026.addWorkingDays(day("2026-02-13"), 2)).as("nine days off, 15th to 23rd").isEqualTo(day("2026-02-24"));
        assertThat(Y2026.addWorkingDays(day("2026-02-27"), 1)).isEqualTo(day("2026-02-28"));
        assertThat(Y2026.addWorkingDays(day("2026-02-27"), 2)).isEqualTo(day("2026-03-02"));
    }

    @Test
    void shouldStartZeroDaysOnTheNextWorkingDayWhenTheStartIsOff() {
        assertThat(Y2026.addWorkingDays(day("2026-10-01"), 0)).isEqualTo(day("2026-10-08"));
        assertThat(Y2026.addWorkingDays(day("2026-10-01"), 1)).as("the start never counts").isEqualTo(day("2026-10-08"));
        assertThat(Y2026.addWorkingDays(day("2026-09-29"), 0)).isEqualTo(day("2026-09-29"));
        assertThat(Y2026.addWorkingDays(day("2026-10-10"), 0)).as("a make-up Saturday is a working day").isEqualTo(day("2026-10-10"));
        assertThatThrownBy(() -> Y2026.addWorkingDays(day("2026-09-29"), -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldEndADeadlineAtTheEndOfTheWorkingDayInTheTownsZone() {
        ZonedDateTime wednesdayMorning = ZonedDateTime.of(2026, 9, 30, 10, 0, 0, 0, SHANGHAI);
        assertThat(Y2026.deadline(wednesdayMorning, 3)).isEqualTo(ZonedDateTime.of(2026, 10, 10, 18, 0, 0, 0, SHANGHAI));

        // 17:00 UTC on 30 September is already 1 October in the town, a holiday: counting starts there.
        ZonedDateTime utc = ZonedDateTime.of(2026, 9, 30, 17, 0, 0, 0, ZoneId.of("UTC"));
        ZonedDateTime due = Y2026.deadline(utc, 1);
        assertThat(due).isEqualTo(ZonedDateTime.of(2026, 10, 8, 18, 0, 0, 0, SHANGHAI));
        assertThat(due.getZone()).isEqualTo(SHANGHAI);
        assertThat(due.toOffsetDateTime().toString()).isEqualTo("2026-10-08T18:00+08:00");
    }

    @Test
    void shouldNeverSetASameDayDeadlineThatHasAlreadyPassed() {
        assertThat(Y2026.deadline(ZonedDateTime.of(2026, 9, 29, 9, 0, 0, 0, SHANGHAI), 0))
                .isEqualTo(ZonedDateTime.of(2026, 9, 29, 18, 0, 0, 0, SHANGHAI));
        assertThat(Y2026.deadline(ZonedDateTime.of(2026, 9, 29, 19, 30, 0, 0, SHANGHAI), 0))
                .isEqualTo(ZonedDateTime.of(2026, 9, 30, 18, 0, 0, 0, SHANGHAI));
        assertThat(Y2026.deadline(ZonedDateTime.of(2026, 9, 30, 18, 0, 0, 0, SHANGHAI), 0))
                .as("the holiday week follows").isEqualTo(ZonedDateTime.of(2026, 10, 8, 18, 0, 0, 0, SHANGHAI));
    }

    @Test
    void shouldCountWorkingDaysBetweenTwoDates() {
        assertThat(Y2026.workingDaysBetween(day("2026-09-30"), day("2026-10-10"))).isEqualTo(3);
        assertThat(Y2026.workingDaysBetween(day("2026-10-10"), day("2026-09-30"))).isEqualTo(-3);
        assertThat(Y2026.workingDaysBetween(day("2026-10-03"), day("2026-10-03"))).isZero();
        assertThat(Y2026.workingDaysBetween(day("2026-02-13"), day("2026-02-24"))).isEqualTo(2);
        // 261 weekdays in 2026, 19 of them off, 6 weekend days worked.
        assertThat(Y2026.workingDaysBetween(day("2025-12-31"), day("2026-12-31"))).isEqualTo(248);
    }

    @Test
    void shouldUndoAddingWorkingDaysOnEveryDayOfTheYear() {
        for (LocalDate start = day("2026-01-01"); start.getYear() == 2026; start = start.plusDays(1)) {
            for (int n = 1; n <= 12; n++) {
                assertThat(Y2026.workingDaysBetween(start, Y2026.addWorkingDays(start, n))).as("%s + %d", start, n).isEqualTo(n);
            }
        }
    }

    @Test
    void shouldIgnoreExceptionsThatMatchTheDefaultRule() {
        WorkingDays plain = new WorkingDays(Map.of(), SHANGHAI, SIX_PM);
        WorkingDays redundant = new WorkingDays(Map.of(day("2027-10-02"), HOLIDAY, day("2027-10-06"), WORKDAY), SHANGHAI, SIX_PM);

        for (LocalDate d = day("2027-09-27"); d.isBefore(day("2027-10-12")); d = d.plusDays(1)) {
            assertThat(redundant.isWorkingDay(d)).as(d.toString()).isEqualTo(plain.isWorkingDay(d));
        }
        assertThat(redundant.workingDaysBetween(day("2027-09-30"), day("2027-10-11"))).isEqualTo(7);
    }

    @Test
    void shouldKnowWhichKindBreaksTheDefaultRuleOnWhichDay() {
        assertThat(HOLIDAY.breaksDefaultRuleOn(day("2027-12-14"))).as("Tuesday").isTrue();
        assertThat(HOLIDAY.breaksDefaultRuleOn(day("2027-12-18"))).as("Saturday").isFalse();
        assertThat(WORKDAY.breaksDefaultRuleOn(day("2027-12-19"))).as("Sunday").isTrue();
        assertThat(WORKDAY.breaksDefaultRuleOn(day("2027-12-14"))).as("Tuesday").isFalse();
    }
}
