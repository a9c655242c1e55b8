package cn.lianxin.notifications;

/** Where an outbound message goes: an SMS, a mini-program (WeChat subscribe) message, a WeCom app message. */
public enum MessageChannel {
    SMS,
    MINIPROGRAM,
    WECOM
}
