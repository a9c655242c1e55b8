package cn.lianxin.bookings.domain;

/** What may be done to a booking; {@link BookingTransitions} decides whether it may be done now and by whom. */
public enum BookingCommand {
    CONFIRM("确认预约"),
    /** The resident chose another slot: the hold lets its slot go at once rather than at its expiry. */
    RELEASE("放弃保留"),
    EXPIRE("保留过期"),
    REMIND("提醒"),
    CANCEL("取消预约"),
    RESCHEDULE("改期"),
    /** Both sides joined the call. */
    COMPLETE("完成接待"),
    MISS_BY_RESIDENT("记为群众未到"),
    MISS_BY_REPRESENTATIVE("记为代表未到"),
    RECORD_NOTES("记录接待情况");

    private final String label;

    BookingCommand(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
