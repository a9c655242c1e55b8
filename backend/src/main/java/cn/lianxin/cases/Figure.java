package cn.lianxin.cases;

/**
 * The sets of cases the four rates count, as conditions of the case list, so that a figure on the dashboard opens
 * exactly the cases behind it. Each is written in HQL with the enums' full names, and each mirrors a count of {@code stats/rates.sql} (named in brackets); the console's
 * tests compare the two for every figure. Conditions may use {@code :now}.
 */
public enum Figure {
    /** 响应率's numerator (signed_for): signed for at least once, even if a transfer sent it back to 登记. */
    SIGNED_FOR("(state <> cn.lianxin.cases.domain.CaseState.REGISTERED or id in (select a.caseId from CaseActivity a where a.action = 'SIGN_FOR'))"),
    NOT_SIGNED_FOR("(state = cn.lianxin.cases.domain.CaseState.REGISTERED and id not in (select a.caseId from CaseActivity a where a.action = 'SIGN_FOR'))"),
    /** 解决率's numerator (replied): in 回复, 反馈 or 归档. */
    REPLIED("state in (cn.lianxin.cases.domain.CaseState.REPLIED, cn.lianxin.cases.domain.CaseState.FEEDBACK_GIVEN, cn.lianxin.cases.domain.CaseState.ARCHIVED)"),
    NOT_REPLIED("state not in (cn.lianxin.cases.domain.CaseState.REPLIED, cn.lianxin.cases.domain.CaseState.FEEDBACK_GIVEN, cn.lianxin.cases.domain.CaseState.ARCHIVED)"),
    /** 按时率's denominator (on_time_of): a reply deadline that was met, missed, or has passed unanswered. */
    ON_TIME_COUNTED("(replyDueAt is not null and (repliedAt is not null or replyDueAt < :now))"),
    /** 按时率's numerator (on_time). */
    ON_TIME("repliedAt <= replyDueAt"),
    LATE("(replyDueAt is not null and (repliedAt > replyDueAt or (repliedAt is null and replyDueAt < :now)))"),
    /** 满意率's denominator (rated). */
    RATED("feedback is not null"),
    /** 满意率's numerator (satisfied). */
    SATISFIED("feedback in (cn.lianxin.cases.domain.Feedback.SATISFIED, cn.lianxin.cases.domain.Feedback.BASICALLY_SATISFIED)"),
    UNSATISFIED("feedback = cn.lianxin.cases.domain.Feedback.UNSATISFIED");

    private final String condition;

    Figure(String condition) {
        this.condition = condition;
    }

    String condition() {
        return condition;
    }

    boolean usesNow() {
        return condition.contains(":now");
    }
}
