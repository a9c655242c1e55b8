package cn.lianxin.bookings.domain;

import java.time.Instant;
import java.util.UUID;

/** What the booking rules read of a booking. */
public record BookingFacts(BookingState state, UUID residentId, long representativeId, long workstationId, Instant startsAt,
        Instant endsAt, Instant expiresAt) {
}
