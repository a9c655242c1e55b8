package cn.lianxin.cases.domain;

/** The three ways of handling, chosen at reception: 小事当场办 / 大事请示办 / 要事限时办. */
public enum HandlingClass {
    ON_THE_SPOT,
    ESCALATE_FOR_INSTRUCTION,
    TIME_LIMITED
}
