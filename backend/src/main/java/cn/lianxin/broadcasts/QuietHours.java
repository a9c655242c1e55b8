package cn.lianxin.broadcasts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * No broadcast SMS at night: a window of Beijing time such as {@code 21:00-08:00} (it may run past midnight), or
 * none. {@link #holdUntil} says when an SMS due now may go.
 */
public final class QuietHours {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final Pattern WINDOW = Pattern.compile("(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})");

    private final LocalTime from;
    private final LocalTime to;

    private QuietHours(LocalTime from, LocalTime to) {
        this.from = from;
        this.to = to;
    }

    /** {@code HH:mm-HH:mm}; blank, "none" or "off": no quiet hours. */
    public static QuietHours parse(String window) {
        String w = window == null ? "" : window.strip();
        if (w.isEmpty() || w.equalsIgnoreCase("none") || w.equalsIgnoreCase("off")) {
            return new QuietHours(null, null);
        }
        Matcher m = WINDOW.matcher(w);
        if (!m.matches()) {
            throw new IllegalArgumentException("LIANXIN_BROADCAST_QUIET_HOURS must look like 21:00-08:00 (Beijing time) or be empty, not '" + w + "'");
        }
        LocalTime from = LocalTime.parse(pad(m.group(1)));
        LocalTime to = LocalTime.parse(pad(m.group(2)));
        if (from.equals(to)) {
            throw new IllegalArgumentException("LIANXIN_BROADCAST_QUIET_HOURS '" + w + "' starts and ends at the same time");
        }
        return new QuietHours(from, to);
    }

    private static String pad(String time) {
        return time.length() == 4 ? "0" + time : time;
    }

    /** Empty when an SMS may go at {@code now}; otherwise the end of the quiet window it falls in. */
    public Optional<Instant> holdUntil(Instant now) {
        if (from == null) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(BEIJING);
        LocalTime time = local.toLocalTime();
        LocalDate day = local.toLocalDate();
        boolean overnight = from.isAfter(to);
        boolean quiet = overnight ? !time.isBefore(from) || time.isBefore(to) : !time.isBefore(from) && time.isBefore(to);
        if (!quiet) {
            return Optional.empty();
        }
        LocalDate endDay = overnight && !time.isBefore(from) ? day.plusDays(1) : day;
        return Optional.of(endDay.atTime(to).atZone(BEIJING).toInstant());
    }

    @Override
    public String toString() {
        return from == null ? "none" : from + "-" + to;
    }
}
