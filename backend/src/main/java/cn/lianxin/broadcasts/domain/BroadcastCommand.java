package cn.lianxin.broadcasts.domain;

/** What may be done to a broadcast; {@link BroadcastRules} decides whether now, and by whom. */
public enum BroadcastCommand {
    SUBMIT("submit for approval"),
    APPROVE("approve"),
    START_SENDING("start sending"),
    FINISH("finish"),
    RETRY_FAILED("retry the failed SMS of"),
    CANCEL("cancel");

    private final String label;

    BroadcastCommand(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
