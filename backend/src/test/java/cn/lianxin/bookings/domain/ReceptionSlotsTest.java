package cn.lianxin.bookings.domain;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianxin.bookings.domain.ReceptionSlots.Dated;
import cn.lianxin.bookings.domain.ReceptionSlots.Leave;
import cn.lianxin.bookings.domain.ReceptionSlots.Rule;
import cn.lianxin.bookings.domain.ReceptionSlots.Schedule;
import cn.lianxin.bookings.domain.ReceptionSlots.Slot;
import cn.lianxin.calendar.DayKind;
import cn.lianxin.calendar.WorkingDays;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReceptionSlotsTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** 2026: 国庆 Thursday 1 October off, Saturday 10 October worked (调休). */
    private static final WorkingDays CALENDAR = new WorkingDays(Map.of(LocalDate.of(2026, 10, 1), DayKind.HOLIDAY,
            LocalDate.of(2026, 10, 10), DayKind.WORKDAY), SHANGHAI, LocalTime.of(17, 30));

    private static final Rule MONDAY_MORNING = new Rule(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(10, 30), 30, 10);
    private static final Rule THURSDAY_AFTERNOON = new Rule(DayOfWeek.THURSDAY, LocalTime.of(14, 0), LocalTime.of(15, 0), 30, 0);

    private static Schedule schedule(long id, List<Leave> leave, Dated... dated) {
        return new Schedule(id, List.of(MONDAY_MORNING, THURSDAY_AFTERNOON), List.of(dated), leave);
    }

    private static List<String> starts(List<Slot> slots) {
        return slots.stream().map(s -> OffsetDateTime.ofInstant(s.startsAt(), SHANGHAI).toString() + " rep " + s.representativeId()).toList();
    }

    @Test
    void shouldCutTheHoursIntoSlotsWithTheBufferBetween() {
        List<Slot> slots = ReceptionSlots.offered(List.of(schedule(1, List.of())), LocalDate.of(2026, 9, 28), LocalDate.of(2026, 9, 28), CALENDAR);
        // 9:00–9:30, then 10 minutes' buffer, 9:40–10:10; 10:20–10:50 would end after 10:30.
        assertThat(starts(slots)).containsExactly("2026-09-28T09:00+08:00 rep 1", "2026-09-28T09:40+08:00 rep 1");
        assertThat(slots.get(1).endsAt()).isEqualTo(OffsetDateTime.parse("2026-09-28T10:10+08:00").toInstant());
    }

    @Test
    void shouldOfferNothingOnAHolidayAndMondaysHoursOnAMakeUpSaturday() {
        List<Slot> slots = ReceptionSlots.offered(List.of(schedule(1, List.of())), LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 11), CALENDAR);
        assertThat(starts(slots)).containsExactly(
                "2026-10-05T09:00+08:00 rep 1", "2026-10-05T09:40+08:00 rep 1",   // Monday (no holiday in this calendar)
                "2026-10-08T14:00+08:00 rep 1", "2026-10-08T14:30+08:00 rep 1",   // Thursday
                "2026-10-10T09:00+08:00 rep 1", "2026-10-10T09:40+08:00 rep 1");  // 调休 Saturday, as a Monday
    }

    @Test
    void shouldLetDatedHoursReplaceTheWeekOrCloseTheDay() {
        Dated closed = new Dated(LocalDate.of(2026, 9, 28), null, null, 30, 0);
        Dated extra = new Dated(LocalDate.of(2026, 10, 3), LocalTime.of(8, 0), LocalTime.of(8, 40), 20, 0);
        List<Slot> slots = ReceptionSlots.offered(List.of(schedule(1, List.of(), closed, extra)), LocalDate.of(2026, 9, 28),
                LocalDate.of(2026, 10, 3), CALENDAR);
        assertThat(starts(slots)).containsExactly("2026-10-03T08:00+08:00 rep 1", "2026-10-03T08:20+08:00 rep 1");
    }

    @Test
    void shouldGiveTheSlotsOfLeaveToTheStandInAndNoneWithoutOne() {
        Leave withStandIn = new Leave(LocalDate.of(2026, 9, 28), LocalDate.of(2026, 9, 28), 7L);
        Leave alone = new Leave(LocalDate.of(2026, 10, 8), LocalDate.of(2026, 10, 8), null);
        List<Slot> slots = ReceptionSlots.offered(List.of(schedule(1, List.of(withStandIn, alone))), LocalDate.of(2026, 9, 28),
                LocalDate.of(2026, 10, 8), CALENDAR);
        assertThat(starts(slots)).containsExactly("2026-09-28T09:00+08:00 rep 7", "2026-09-28T09:40+08:00 rep 7",
                "2026-10-05T09:00+08:00 rep 1", "2026-10-05T09:40+08:00 rep 1");
        assertThat(slots.get(0).ownerId()).isEqualTo(1);
    }

    @Test
    void shouldNeverOfferAStandInTwoSlotsAtOnce() {
        Leave leave = new Leave(LocalDate.of(2026, 9, 28), LocalDate.of(2026, 9, 28), 7L);
        Schedule standIn = new Schedule(7, List.of(new Rule(DayOfWeek.MONDAY, LocalTime.of(9, 15), LocalTime.of(9, 45), 30, 0)), List.of(), List.of());
        List<Slot> slots = ReceptionSlots.offered(List.of(schedule(1, List.of(leave)), standIn), LocalDate.of(2026, 9, 28),
                LocalDate.of(2026, 9, 28), CALENDAR);
        // 9:00 (stood in for) is kept; the stand-in's own 9:15 overlaps it and is not offered; 9:40 is.
        assertThat(starts(slots)).containsExactly("2026-09-28T09:00+08:00 rep 7", "2026-09-28T09:40+08:00 rep 7");
    }
}
