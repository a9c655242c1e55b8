package cn.lianxin.cases.domain;

/**
 * How a concern reached us (replies go back on the same channel when it can deliver), and on which channel a
 * step of the record happened.
 */
public enum Channel {
    MINIPROGRAM,
    SMS,
    VIDEO,
    WALK_IN,
    PHONE,
    VISIT,
    /** Staff working in the console or through the API. */
    CONSOLE,
    /** A representative's tap or text in the WeCom app. */
    WECOM
}
