package cn.lianxin.cases;

/** 满意 / 基本满意 / 不满意. */
public enum Feedback {
    SATISFIED,
    BASICALLY_SATISFIED,
    UNSATISFIED
}
