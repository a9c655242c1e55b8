package cn.lianxin.testing;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The case core's clock in tests: the real time, unless a test sets the time it needs (a day before 国庆, say).
 * Being a bean of type {@link Clock}, it replaces the application's default one. A test that sets it resets it.
 */
@Singleton
public class TestClock extends Clock {

    private volatile Instant fixed;

    /** From now on the case core reads this instant. */
    public void set(Instant instant) {
        fixed = instant;
    }

    /** Back to the real time. */
    public void reset() {
        fixed = null;
    }

    @Override
    public Instant instant() {
        Instant at = fixed;
        return at == null ? Instant.now() : at;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the case core reads instants; zones are the calendar's business");
    }
}
