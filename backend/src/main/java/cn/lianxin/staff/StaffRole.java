package cn.lianxin.staff;

/** Who a staff member is to the system; the name travels in the token's groups claim. */
public enum StaffRole {
    /** 镇党委办公室: sees and may do everything. */
    TOWN_OFFICE,
    /** 联络员: their workstation's cases and the town's dispatch queue; assigns by hand. */
    LIAISON,
    /** 组长: their workstation's cases; receives escalations. */
    GROUP_LEADER,
    /** 党代表: their workstation's cases; acts on those assigned to them. */
    REPRESENTATIVE
}
