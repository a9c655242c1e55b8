package cn.lianxin.cases;

import cn.lianxin.cases.domain.HandlingClass;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;
import java.util.Optional;

/**
 * How many working days each step may take: signing for a case, then replying to and resolving it according
 * to the handling class chosen at reception (小事当场办 quickly, 大事请示办 with time for the instruction). A
 * category may set its own numbers, keyed by category code.
 */
@ConfigMapping(prefix = "lianxin.deadlines")
public interface DeadlinePolicy {

    @WithDefault("1")
    int signForDays();

    /** Reply and resolution days per handling class. */
    Map<HandlingClass, Days> handling();

    /** Per category code, per handling class: overrides of {@link #handling()}. */
    Map<String, Map<HandlingClass, Days>> categories();

    interface Days {
        int replyDays();

        int resolveDays();
    }

    default Days daysFor(String categoryCode, HandlingClass handlingClass) {
        return Optional.ofNullable(categories().get(categoryCode)).map(byClass -> byClass.get(handlingClass))
                .orElseGet(() -> handling().get(handlingClass));
    }
}
