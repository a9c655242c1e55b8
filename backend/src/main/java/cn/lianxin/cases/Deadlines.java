package cn.lianxin.cases;

import cn.lianxin.calendar.WorkingCalendar;
import cn.lianxin.masterdata.Category;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;

/** Sets a case's clocks from the deadline policy, counting working days on the town's calendar. */
@ApplicationScoped
public class Deadlines {

    private final DeadlinePolicy policy;
    private final WorkingCalendar calendar;

    public Deadlines(DeadlinePolicy policy, WorkingCalendar calendar) {
        this.policy = policy;
        this.calendar = calendar;
    }

    /** A (new) representative has the case: their sign-for clock starts; later clocks wait for reception. */
    void awaitSignature(Case c, OffsetDateTime from) {
        c.signForDueAt = c.representativeId == null ? null : after(from, policy.signForDays());
        c.replyDueAt = null;
        c.resolveDueAt = null;
    }

    /** The handling class is chosen (or the case reopened): reply and resolution clocks start. */
    Uni<Void> startHandling(Case c, OffsetDateTime from) {
        return Category.<Category>findById(c.categoryId).invoke(category -> {
            DeadlinePolicy.Days days = policy.daysFor(category.code, c.handlingClass);
            c.replyDueAt = after(from, days.replyDays());
            c.resolveDueAt = after(from, days.resolveDays());
        }).replaceWithVoid();
    }

    private OffsetDateTime after(OffsetDateTime from, int workingDays) {
        var days = calendar.current();
        return days.deadline(from.atZoneSameInstant(days.zone()), workingDays).toOffsetDateTime();
    }
}
