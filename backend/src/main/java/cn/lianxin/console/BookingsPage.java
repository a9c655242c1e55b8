package cn.lianxin.console;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.Roles;
import cn.lianxin.bookings.Booking;
import cn.lianxin.bookings.BookingDesk;
import cn.lianxin.bookings.BookingViews;
import cn.lianxin.bookings.Slots;
import cn.lianxin.bookings.domain.BookingCommand;
import cn.lianxin.bookings.domain.BookingState;
import cn.lianxin.bookings.domain.ReceptionSlots.Slot;
import cn.lianxin.masterdata.Representative;
import cn.lianxin.masterdata.Workstation;
import cn.lianxin.residents.Resident;
import cn.lianxin.residents.ResidentDirectory;
import cn.lianxin.staff.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * 视频预约: a workstation's week of reception slots — the days as columns, a row per representative, each slot booked,
 * held or free — with a booking's detail, booking for a resident who phoned, and the week's figures. The same services
 * as {@code /api/bookings} ({@link BookingDesk}, {@link Slots}), scoped the same way ({@link BookingViews#workstationOf}):
 * the office picks a workstation, a liaison or group leader sees their own only.
 */
@Path("/console/bookings")
@RolesAllowed({Roles.TOWN_OFFICE, Roles.LIAISON, Roles.GROUP_LEADER})
@Produces(MediaType.TEXT_HTML)
public class BookingsPage {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("M月d日");
    /** How far ahead a booking can be moved from its detail. */
    private static final int MOVE_DAYS = 14;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter SLOT = DateTimeFormatter.ofPattern("M月d日 HH:mm");
    /** The states of a booking that was made (not a hold, not let go): what "booked" counts. */
    private static final Set<BookingState> BOOKED = Set.of(BookingState.CONFIRMED, BookingState.REMINDED, BookingState.COMPLETED,
            BookingState.MISSED_BY_RESIDENT, BookingState.MISSED_BY_REPRESENTATIVE, BookingState.CANCELLED, BookingState.RESCHEDULED);

    public record Day(LocalDate date, String label) {
    }

    /** One slot in the calendar: {@code kind} is booked, held or free; a booked or held one links to its detail. */
    public record Cell(String kind, String time, String label, String link, String startsAt, long representativeId) {
    }

    public record Row(String representative, List<List<Cell>> days) {
    }

    /** The week's figures: no-show rates are of the calls whose time is over and whose outcome is known. */
    public record Figures(int offered, int booked, int completed, int missedByResident, int missedByRepresentative,
            String residentNoShowRate, String representativeNoShowRate) {
    }

    /** {@code canCancel}, {@code moveTo}: what the caller may do to it now, as the booking rules say (no slot to move to: no move). */
    public record Detail(Booking booking, LocalDate week, String when, String representative, String resident, String phone, String caseLink,
            boolean canCancel, List<Cell> moveTo) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance week(Frame frame, Long workstationId, List<Workstation> workstations, LocalDate monday,
                String weekLabel, String previous, String next, List<Day> days, List<Row> rows, Figures figures, List<Cell> free);

        static native TemplateInstance detail(Frame frame, Detail detail);

        static native TemplateInstance matches(List<RegisterPage.Match> matches, String problem);
    }

    private final Slots slots;
    private final BookingDesk desk;
    private final BookingViews views;
    private final ResidentDirectory residents;
    private final Frame.Frames frames;
    private final Clock clock;
    private final ZoneId zone;

    public BookingsPage(Slots slots, BookingDesk desk, BookingViews views, ResidentDirectory residents, Frame.Frames frames, Clock clock,
            @ConfigProperty(name = "lianxin.cases.time-zone") ZoneId zone) {
        this.slots = slots;
        this.views = views;
        this.desk = desk;
        this.residents = residents;
        this.frames = frames;
        this.clock = clock;
        this.zone = zone;
    }

    /** The week from {@code week}'s Monday (this week's by default); the office sees the first workstation until it picks one. */
    @GET
    @WithSession
    public Uni<TemplateInstance> week(@QueryParam("workstationId") Long requested, @QueryParam("week") LocalDate week) {
        Frame frame = frames.of("bookings");
        LocalDate monday = (week == null ? LocalDate.ofInstant(clock.instant(), zone) : week).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate sunday = monday.plusDays(6);
        Uni<List<Workstation>> choices = frame.office() ? Workstation.listAll(Sort.by("name")) : Uni.createFrom().item(List.of());
        return choices.chain(list -> {
            Long asked = frame.office() && requested == null && !list.isEmpty() ? list.get(0).id : requested;
            long workstation = BookingViews.workstationOf(frame.caller(), asked);
            return Representative.<Representative>list("workstationId = ?1 and active = true order by name, id", workstation).chain(reps -> {
                List<Long> ids = reps.stream().map(r -> r.id).toList();
                return slots.offered(ids, monday, sunday).chain(offered -> slots.free(ids, monday, sunday).chain(free -> Booking.<Booking>list(
                                "workstationId = :ws and startsAt >= :from and startsAt < :to and state <> :expired order by startsAt",
                                Parameters.with("ws", workstation).and("from", monday.atStartOfDay(zone).toOffsetDateTime())
                                        .and("to", sunday.plusDays(1).atStartOfDay(zone).toOffsetDateTime()).and("expired", BookingState.EXPIRED))
                        .map(bookings -> {
                            List<Day> days = new ArrayList<>();
                            for (int i = 0; i < 7; i++) {
                                LocalDate d = monday.plusDays(i);
                                days.add(new Day(d, DAY.format(d) + " " + d.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.CHINA)));
                            }
                            List<Row> rows = reps.stream().map(r -> row(r, days, free, bookings)).toList();
                            String query = "&workstationId=" + workstation;
                            List<Cell> freeCells = free.stream().sorted(Comparator.comparing(Slot::startsAt))
                                    .map(s -> freeCell(s, reps)).toList();
                            return Templates.week(frame, workstation, list, monday, DAY.format(monday) + "–" + DAY.format(sunday),
                                    "/console/bookings?week=" + monday.minusWeeks(1) + query, "/console/bookings?week=" + monday.plusWeeks(1) + query,
                                    days, rows, figures(offered.stream().filter(s -> ids.contains(s.representativeId())).count(), bookings), freeCells);
                        })));
            });
        });
    }

    @GET
    @Path("/{id}")
    @WithSession
    public Uni<TemplateInstance> detail(@PathParam("id") UUID id) {
        Frame frame = frames.of("bookings");
        return Booking.<Booking>findById(id).chain(b -> {
            if (b == null || !BookingDesk.visible(frame.caller(), b)) {
                throw ApiException.notFound("Booking " + id);
            }
            return Representative.<Representative>findById(b.representativeId).chain(r -> Resident.<Resident>findById(b.residentId)
                    .chain(resident -> views.booking(frame.caller(), b).chain(view -> moveTo(view.allowed(), r).map(moveTo -> Templates.detail(frame,
                            new Detail(b, b.startsAt.atZoneSameInstant(zone).toLocalDate(), SLOT.format(b.startsAt.atZoneSameInstant(zone)) + "–"
                                    + TIME.format(b.endsAt.atZoneSameInstant(zone)), r.name, maskedName(resident.name), resident.phoneMasked,
                                    b.caseId == null ? null : "/console/cases/" + b.caseId, view.allowed().contains(BookingCommand.CANCEL), moveTo))))));
        });
    }

    /** The representative's free slots of the coming {@link #MOVE_DAYS} days, when the caller may move the booking. */
    private Uni<List<Cell>> moveTo(List<BookingCommand> allowed, Representative r) {
        if (!allowed.contains(BookingCommand.RESCHEDULE)) {
            return Uni.createFrom().item(List.of());
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        return slots.free(List.of(r.id), today, today.plusDays(MOVE_DAYS))
                .map(free -> free.stream().sorted(Comparator.comparing(Slot::startsAt)).map(s -> freeCell(s, List.of(r))).toList());
    }

    /** Cancels the booking for the resident (they phoned); both sides are told (bookings.BookingNotices). */
    @POST
    @Path("/{id}/cancel")
    public Uni<Response> cancel(@PathParam("id") UUID id) {
        return desk.cancel(frames.caller(), id).map(b -> Response.ok().header("HX-Redirect", "/console/bookings/" + b.id).build());
    }

    /**
     * Moves the booking to the picked free slot ({@code slot} = representative id and start): the slot is held for its
     * resident and the booking moved onto the hold, as {@code POST /api/mp/bookings/{id}/reschedule} does; a move refused
     * after the hold lets the hold go at once. htmx then opens the booking the move made.
     */
    @POST
    @Path("/{id}/move")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> move(@PathParam("id") UUID id, @FormParam("slot") String slot) {
        Caller caller = frames.caller();
        PickedSlot picked = PickedSlot.of(slot);
        return Panache.withSession(() -> Booking.<Booking>findById(id)).chain(b -> {
            if (b == null || !BookingDesk.visible(caller, b)) {
                throw ApiException.notFound("Booking " + id);
            }
            return desk.hold(caller, b.residentId, picked.representativeId(), picked.startsAt())
                    .chain(hold -> desk.reschedule(caller, id, hold.id)
                            .onFailure().call(() -> desk.release(caller, hold.id).onFailure().recoverWithNull()));
        }).map(b -> Response.ok().header("HX-Redirect", "/console/bookings/" + b.id).build());
    }

    /** A free slot as the page's select offers it: the representative's id and the start, "12|2026-09-28T09:40+08:00". */
    private record PickedSlot(long representativeId, OffsetDateTime startsAt) {
        static PickedSlot of(String slot) {
            String[] picked = slot == null ? new String[0] : slot.split("\\|", 2);
            if (picked.length != 2) {
                throw ApiException.invalidField("slot", "is required: pick a free slot");
            }
            try {
                return new PickedSlot(Long.parseLong(picked[0]), OffsetDateTime.parse(picked[1]));
            } catch (RuntimeException e) {
                throw ApiException.invalidField("slot", "is not a slot of this page");
            }
        }
    }

    /** The caller's residents matching what was typed, to pick the one who phoned. */
    @GET
    @Path("/residents")
    @WithSession
    public Uni<TemplateInstance> matches(@QueryParam("q") String q) {
        return RegisterPage.find(residents, frames.caller(), q, Templates::matches);
    }

    /**
     * Books the picked free slot ({@code slot} = representative id and start) for the picked resident: a hold and its
     * confirmation, as {@code POST /api/bookings/holds} then {@code POST /api/bookings} do. htmx then opens the booking.
     */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> book(@FormParam("residentId") String residentId, @FormParam("slot") String slot, @FormParam("topic") String topic) {
        Caller caller = frames.caller();
        UUID resident = uuid(residentId);
        PickedSlot picked = PickedSlot.of(slot);
        if (topic == null || topic.isBlank()) {
            throw ApiException.invalidField("topic", "is required: what the call is about");
        }
        // A confirmation refused after the hold lets the hold go at once, so the slot is free again for the next caller.
        return desk.hold(caller, resident, picked.representativeId(), picked.startsAt())
                .chain(hold -> desk.confirm(caller, hold.id, topic, null)
                        .onFailure().call(() -> desk.release(caller, hold.id).onFailure().recoverWithNull()))
                .map(b -> Response.ok().header("HX-Redirect", "/console/bookings/" + b.id).build());
    }

    private Row row(Representative r, List<Day> days, List<Slot> free, List<Booking> bookings) {
        List<List<Cell>> cells = days.stream().map(day -> {
            List<Cell> list = new ArrayList<>();
            bookings.stream().filter(b -> b.representativeId == r.id && live(b) && day.date().equals(b.startsAt.atZoneSameInstant(zone).toLocalDate()))
                    .forEach(b -> list.add(new Cell(b.state == BookingState.HELD ? "held" : "booked", TIME.format(b.startsAt.atZoneSameInstant(zone)),
                            b.state.label(), "/console/bookings/" + b.id, b.startsAt.atZoneSameInstant(zone).toOffsetDateTime().toString(), r.id)));
            free.stream().filter(s -> s.representativeId() == r.id && day.date().equals(LocalDate.ofInstant(s.startsAt(), zone)))
                    .forEach(s -> list.add(freeCell(s, List.of(r))));
            list.sort(Comparator.comparing(Cell::time));
            return list;
        }).toList();
        return new Row(r.name, cells);
    }

    /** What the calendar shows of a booking: all but those let go (cancelled, moved, an expired hold). */
    private boolean live(Booking b) {
        return switch (b.state) {
            case CANCELLED, RESCHEDULED, EXPIRED -> false;
            case HELD -> b.expiresAt.toInstant().isAfter(clock.instant());
            default -> true;
        };
    }

    private Cell freeCell(Slot s, List<Representative> reps) {
        String name = reps.stream().filter(r -> r.id == s.representativeId()).map(r -> r.name).findFirst().orElse("");
        OffsetDateTime start = OffsetDateTime.ofInstant(s.startsAt(), zone);
        return new Cell("free", TIME.format(start), SLOT.format(start) + " " + name, null, start.toString(), s.representativeId());
    }

    private static Figures figures(long offered, List<Booking> bookings) {
        int booked = (int) bookings.stream().filter(b -> BOOKED.contains(b.state)).count();
        int completed = count(bookings, BookingState.COMPLETED);
        int byResident = count(bookings, BookingState.MISSED_BY_RESIDENT);
        int byRepresentative = count(bookings, BookingState.MISSED_BY_REPRESENTATIVE);
        int held = completed + byResident + byRepresentative;
        return new Figures((int) offered, booked, completed, byResident, byRepresentative, rate(byResident, held), rate(byRepresentative, held));
    }

    private static int count(List<Booking> bookings, BookingState state) {
        return (int) bookings.stream().filter(b -> b.state == state).count();
    }

    private static String rate(int part, int whole) {
        return whole == 0 ? "—" : Math.round(100.0 * part / whole) + "%";
    }

    /** Staff read a booking's resident by surname only; the number is masked as everywhere. */
    static String maskedName(String name) {
        if (name == null || name.isEmpty()) {
            return "（未留姓名）";
        }
        return name.charAt(0) + "*".repeat(Math.max(1, name.length() - 1));
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value == null ? "" : value.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("residentId", "is required: find and pick the resident who phoned");
        }
    }
}
