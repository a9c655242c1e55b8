package cn.lianxin.broadcasts.domain;

/** Where a broadcast is: written, waiting for a second office account, approved (sent now or at its time), going out, out, or withdrawn. */
public enum BroadcastState {
    DRAFT("草稿"),
    AWAITING_APPROVAL("待审核"),
    SCHEDULED("已审核待发送"),
    SENDING("发送中"),
    SENT("已发送"),
    CANCELLED("已撤销");

    private final String label;

    BroadcastState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
