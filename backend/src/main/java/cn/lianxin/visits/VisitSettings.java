package cn.lianxin.visits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** How often each contact village is to be visited, and when a case's revisit (回访) falls due. */
@ConfigMapping(prefix = "lianxin.visits")
public interface VisitSettings {

    /** Each representative visits each of their contact villages once per period (每周一深入分包联系的村). */
    @WithDefault("WEEKLY")
    Rhythm rhythm();

    /** The category of an issue raised on a visit when the representative names none (a category's code). */
    @WithDefault("other")
    String defaultCategory();

    /** When {@link VisitReminders} looks for the day's due visits (a cron in the town's zone; {@code off} in tests). */
    String reminderCron();

    Revisits revisit();

    interface Revisits {
        /** Working days after archiving (or after the silence was noticed) within which the revisit is due. */
        @WithDefault("5")
        int workingDays();

        /** 不满意: sooner, and never later than its category's days. */
        @WithDefault("2")
        int unsatisfiedWorkingDays();

        /** Per category code, instead of {@link #workingDays()}. */
        Map<String, Integer> byCategory();

        /** A reply unrated for this many working days is silence: the case gets its revisit without waiting for the archive. */
        @WithDefault("3")
        int silenceWorkingDays();

        /** How far back the planner looks for archived and silent cases; older ones predate the revisit tasks. */
        @WithDefault("P30D")
        Duration lookback();

        @WithDefault("200")
        int batchSize();

        /** How often {@link RevisitPlanner} looks for cases to revisit ({@code off} in tests). */
        String interval();
    }
}
