package cn.lianxin.cases.domain;

/**
 * What a revisit (回访) found, in the words of 事事有落实: the resident was reached and the matter was carried out, or
 * was not, or the resident could not be reached (the revisit is to be tried again).
 */
public enum RevisitOutcome {
    CARRIED_OUT("已落实"),
    NOT_CARRIED_OUT("未落实"),
    NOT_REACHED("未联系上");

    private final String label;

    RevisitOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The resident answered: the revisit counts as done. */
    public boolean reached() {
        return this != NOT_REACHED;
    }
}
