package cn.lianxin.bookings.domain;

import java.util.List;

/** Why a booking command was refused: not this caller's to give (403), or not now (409, with what is possible instead). */
public sealed interface BookingRefusal {

    String why();

    record NotPermitted(BookingCommand command, String why) implements BookingRefusal {
    }

    record NotNow(BookingState state, BookingCommand command, String why, List<BookingCommand> allowed) implements BookingRefusal {
    }
}
