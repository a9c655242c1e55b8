package cn.lianxin.cases.domain;

/** The kinds of command a case accepts, by the names the API and the record use. Which is allowed when, and for whom, is {@link Transitions}. */
public enum CommandKind {
    SET_VILLAGE("补登村庄"),
    ASSIGN("分派"),
    SIGN_FOR("签收"),
    CHOOSE_HANDLING("确定办理方式"),
    ADD_NOTE("办理进展"),
    ESCALATE("请示"),
    RECORD_INSTRUCTION("记录批示"),
    TRANSFER("转办"),
    RETURN_TO_DISPATCH("退回"),
    REPLY("回复"),
    RECORD_FEEDBACK("记录评价"),
    REOPEN("重新办理"),
    REVISIT("回访"),
    ARCHIVE("归档");

    private final String label;

    CommandKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
