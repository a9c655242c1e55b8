package cn.lianxin.cases.domain;

/** The three clocks of a case: sign for it, reply to the resident, resolve it. */
public enum DeadlineKind {
    SIGN_FOR("签收"),
    REPLY("答复"),
    RESOLUTION("办结");

    private final String label;

    DeadlineKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
