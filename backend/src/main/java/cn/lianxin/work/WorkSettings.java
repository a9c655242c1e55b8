package cn.lianxin.work;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** How often an item is tried before it is parked, and how long a failed one waits before the next attempt. */
@ConfigMapping(prefix = "lianxin.work")
public interface WorkSettings {

    /** Attempts before an item is parked for the town office. */
    int maxAttempts();

    /** The wait after the first failure; it doubles with each further failure. */
    Duration backoff();

    /** The longest wait between two attempts. */
    Duration maxBackoff();
}
