package cn.lianxin.bookings;

import io.smallrye.mutiny.Uni;
import java.time.Instant;

/**
 * The call behind a booking, whatever carries it (a WeCom meeting by default; the sandbox simulates one). Called by
 * {@link Meetings} outside any database transaction: these are provider calls.
 */
public interface VideoCalls {

    /** What a booking's call needs: a title, its time, and the representative who hosts it (their WeCom user id). */
    record Call(String title, Instant startsAt, Instant endsAt, String hostUserId) {
    }

    /** The meeting opened: its id at the provider, the code to dial in with, the link both sides join by. */
    record Meeting(String id, String code, String joinUrl) {
    }

    /** How long, in seconds, each side was in the call; zero for a side that never joined. */
    record Attendance(int representativeSeconds, int residentSeconds) {
    }

    Uni<Meeting> open(Call call);

    Uni<Attendance> attendance(String meetingId, String hostUserId);
}
