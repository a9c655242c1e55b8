package cn.lianxin.cases.domain;

/** 满意 / 基本满意 / 不满意. */
public enum Feedback {
    SATISFIED,
    BASICALLY_SATISFIED,
    UNSATISFIED
}
