package cn.lianxin.infra.localstack;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;

/** How often a crashed server may be restarted: a few times within a window, so that a crash loop still ends. */
final class Restarts {

    private final int max;
    private final Duration window;
    private final Map<ServiceKind, Deque<Long>> recent = new EnumMap<>(ServiceKind.class);

    Restarts(int max, Duration window) {
        this.max = max;
        this.window = window;
    }

    /** Counts a restart of this service now, unless it already had {@code max} within the window. */
    boolean allow(ServiceKind kind) {
        long now = System.nanoTime();
        Deque<Long> times = recent.computeIfAbsent(kind, k -> new ArrayDeque<>());
        while (!times.isEmpty() && now - times.peekFirst() > window.toNanos()) {
            times.removeFirst();
        }
        if (times.size() >= max) {
            return false;
        }
        times.addLast(now);
        return true;
    }
}
