package cn.lianxin.broadcasts.domain;

/** How a broadcast reaches a resident, in the order of preference: the 政策 feed, a subscribe message, an SMS. */
public enum DeliveryChannel {
    MINIPROGRAM,
    SUBSCRIBE,
    SMS
}
