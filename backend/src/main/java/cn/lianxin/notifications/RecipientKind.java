package cn.lianxin.notifications;

/**
 * Who a message is for. A resident or a representative is named by id; the town office is one recipient, the
 * office as a whole, until its staff have WeCom accounts of their own; a WeCom user is named by their user id
 * alone (the member whose tapped card is updated, a stranger who wrote to the app).
 */
public enum RecipientKind {
    RESIDENT,
    REPRESENTATIVE,
    TOWN_OFFICE,
    WECOM_USER
}
