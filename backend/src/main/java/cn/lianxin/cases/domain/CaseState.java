package cn.lianxin.cases.domain;

/** The six steps (六步工作法), in order. */
public enum CaseState {
    REGISTERED("登记"),
    RECEIVED("接待"),
    IN_PROGRESS("处理"),
    REPLIED("回复"),
    FEEDBACK_GIVEN("反馈"),
    ARCHIVED("归档");

    private final String label;

    CaseState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
