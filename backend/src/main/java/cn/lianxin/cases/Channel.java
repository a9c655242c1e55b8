package cn.lianxin.cases;

/** How a concern reached us; replies go back on the same channel when it can deliver. */
public enum Channel {
    MINIPROGRAM,
    SMS,
    VIDEO,
    WALK_IN,
    PHONE,
    VISIT
}
