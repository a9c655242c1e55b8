package cn.lianxin.notifications;

/**
 * Who a message is for. A resident or a representative is named by id; the town office is one recipient, the
 * office as a whole, until its staff have WeCom accounts of their own.
 */
public enum RecipientKind {
    RESIDENT,
    REPRESENTATIVE,
    TOWN_OFFICE
}
